//! Survey settings: the scale of each kind, the CSAT threshold, the kind of a lone score column,
//! and the day/month order of dates. All have the spec's defaults (NPS 0-10, CSAT 1-5 with 4-5
//! satisfied, CES 1-7).

use crate::parse::DateOrder;
use crate::source::{SettingsPart, SourceSettings};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Nps,
    Csat,
    Ces,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Nps, Kind::Csat, Kind::Ces];
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Nps => "nps",
            Kind::Csat => "csat",
            Kind::Ces => "ces",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
    /// Reads a kind cell or setting: `nps`, `NPS`, `Net Promoter`, `CSAT`, `effort`…
    pub fn parse(text: &str) -> Option<Kind> {
        let t = text.trim();
        for k in Kind::ALL {
            if t.eq_ignore_ascii_case(k.as_str()) {
                return Some(k);
            }
        }
        let t = t.to_lowercase();
        if t.is_empty() {
            return None;
        }
        if t == "nps" || t.contains("promoter") || t.contains("recommend") || t == "ltr" {
            Some(Kind::Nps)
        } else if t == "csat" || t.contains("satisf") {
            Some(Kind::Csat)
        } else if t == "ces" || t.contains("effort") || t.contains("easy") {
            Some(Kind::Ces)
        } else {
            None
        }
    }
}

/// An inclusive integer answer scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub min: u8,
    pub max: u8,
}

impl Scale {
    pub const fn new(min: u8, max: u8) -> Scale {
        Scale { min, max }
    }
    pub fn label(&self) -> String {
        format!("{}-{}", self.min, self.max)
    }
    pub fn parse(text: &str) -> Option<Scale> {
        let (a, b) = text.trim().split_once(['-', '–'])?;
        let (min, max) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
        (min < max).then_some(Scale { min, max })
    }
    pub fn contains(&self, score: f64) -> bool {
        score >= self.min as f64 && score <= self.max as f64
    }
}

pub const NPS_SCALES: [Scale; 2] = [Scale::new(0, 10), Scale::new(1, 5)];
pub const CSAT_SCALES: [Scale; 4] = [Scale::new(1, 5), Scale::new(1, 7), Scale::new(1, 10), Scale::new(0, 10)];
pub const CES_SCALES: [Scale; 3] = [Scale::new(1, 7), Scale::new(1, 5), Scale::new(1, 10)];

/// How answers are read: the scale of each kind (an answer outside it is skipped), the kind of a lone
/// score column, and the day/month order of dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyIngest {
    pub nps_scale: Scale,
    pub csat_scale: Scale,
    pub ces_scale: Scale,
    /// The kind of a score column when there is no kind column; none means inferred.
    pub kind: Option<Kind>,
    pub date_order: DateOrder,
}

impl Default for SurveyIngest {
    fn default() -> Self {
        SurveyIngest { nps_scale: NPS_SCALES[0], csat_scale: CSAT_SCALES[0], ces_scale: CES_SCALES[0], kind: None, date_order: DateOrder::Auto }
    }
}

/// What only changes the arithmetic: the lowest satisfied CSAT answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SurveyKpi {
    /// Lowest satisfied answer; none means the top two boxes (4 and 5 on 1-5).
    pub csat_threshold: Option<f64>,
}

pub type SurveySettings = SourceSettings<SurveyIngest, SurveyKpi>;

impl SurveyIngest {
    pub fn scale(&self, kind: Kind) -> Scale {
        match kind {
            Kind::Nps => self.nps_scale,
            Kind::Csat => self.csat_scale,
            Kind::Ces => self.ces_scale,
        }
    }

    /// Promoter and detractor cut-offs of the NPS scale: (lowest promoter, highest detractor).
    pub fn nps_cutoffs(&self) -> (f64, f64) {
        if self.nps_scale == Scale::new(1, 5) {
            (4.0, 2.0)
        } else {
            (9.0, 6.0)
        }
    }
}

impl SurveyKpi {
    /// The lowest satisfied answer on the CSAT scale the answers were read with.
    pub fn satisfied_threshold(&self, read_with: &SurveyIngest) -> f64 {
        self.csat_threshold.unwrap_or(read_with.csat_scale.max as f64 - 1.0)
    }
}

impl SurveySettings {
    pub fn scale(&self, kind: Kind) -> Scale {
        self.ingest.scale(kind)
    }
    pub fn satisfied_threshold(&self) -> f64 {
        self.kpi.satisfied_threshold(&self.ingest)
    }
    pub fn nps_cutoffs(&self) -> (f64, f64) {
        self.ingest.nps_cutoffs()
    }
}

fn pick(options: &[Scale], value: &str) -> Result<Scale, String> {
    Scale::parse(value)
        .filter(|s| options.contains(s))
        .ok_or_else(|| format!("expected one of {}", options.iter().map(Scale::label).collect::<Vec<_>>().join(", ")))
}

impl SettingsPart for SurveyIngest {
    const KEYS: &'static [&'static str] = &["kind", "nps_scale", "csat_scale", "ces_scale", "date_order"];
    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "kind" => self.kind = Some(Kind::parse(value).ok_or("expected nps, csat or ces")?),
            "nps_scale" => self.nps_scale = pick(&NPS_SCALES, value)?,
            "csat_scale" => self.csat_scale = pick(&CSAT_SCALES, value)?,
            "ces_scale" => self.ces_scale = pick(&CES_SCALES, value)?,
            _ => self.date_order = DateOrder::parse_setting(value)?,
        }
        Ok(())
    }
}

impl SettingsPart for SurveyKpi {
    const KEYS: &'static [&'static str] = &["csat_threshold"];
    fn apply(&mut self, _key: &str, value: &str) -> Result<(), String> {
        self.csat_threshold = Some(value.trim().parse().map_err(|_| "expected a number")?);
        Ok(())
    }
    fn agrees_with(&self, ingest: &dyn std::any::Any) -> Result<(), String> {
        match (self.csat_threshold, ingest.downcast_ref::<SurveyIngest>()) {
            (Some(t), Some(i)) if !i.csat_scale.contains(t) => Err("outside the CSAT scale".into()),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_settings_and_rejects_bad_ones() {
        use crate::issue::FatalError;
        let mut s = SurveySettings::default();
        let mut set = |k: &str, v: &str| s.apply("surveys", k, v);
        assert!(set("nps_scale", "2-9").is_err());
        assert!(set("csat_threshold", "9").is_err());
        assert!(matches!(set("colour", "red"), Err(FatalError::UnknownSetting { .. })));
        set("nps_scale", "1-5").unwrap();
        set("csat_scale", "1-7").unwrap();
        set("kind", "CSAT").unwrap();
        set("csat_threshold", "5").unwrap();
        assert_eq!(s.nps_cutoffs(), (4.0, 2.0));
        assert_eq!(s.satisfied_threshold(), 5.0);
        assert_eq!(s.ingest.kind, Some(Kind::Csat));
        s.kpi.csat_threshold = None;
        assert_eq!(s.satisfied_threshold(), 6.0);
        // The refused threshold left the one before it in place.
        let mut t = SurveySettings::default();
        t.apply("surveys", "csat_threshold", "4").unwrap();
        assert!(t.apply("surveys", "csat_threshold", "6").is_err());
        assert_eq!(t.kpi.csat_threshold, Some(4.0));
    }
}
