//! Survey settings: the scale of each kind, the CSAT threshold, the kind of a lone score column,
//! and the day/month order of dates. All have the spec's defaults (NPS 0-10, CSAT 1-5 with 4-5
//! satisfied, CES 1-7).

use crate::issue::FatalError;
use crate::parse::DateOrder;
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveySettings {
    pub nps_scale: Scale,
    pub csat_scale: Scale,
    /// Lowest satisfied answer; none means the top two boxes (4 and 5 on 1-5).
    pub csat_threshold: Option<f64>,
    pub ces_scale: Scale,
    /// The kind of a score column when there is no kind column; none means inferred.
    pub kind: Option<Kind>,
    pub date_order: DateOrder,
}

impl Default for SurveySettings {
    fn default() -> Self {
        SurveySettings {
            nps_scale: NPS_SCALES[0],
            csat_scale: CSAT_SCALES[0],
            csat_threshold: None,
            ces_scale: CES_SCALES[0],
            kind: None,
            date_order: DateOrder::Auto,
        }
    }
}

pub const SETTING_KEYS: [&str; 6] = ["kind", "nps_scale", "csat_scale", "csat_threshold", "ces_scale", "date_order"];

impl SurveySettings {
    pub fn scale(&self, kind: Kind) -> Scale {
        match kind {
            Kind::Nps => self.nps_scale,
            Kind::Csat => self.csat_scale,
            Kind::Ces => self.ces_scale,
        }
    }

    pub fn satisfied_threshold(&self) -> f64 {
        self.csat_threshold.unwrap_or(self.csat_scale.max as f64 - 1.0)
    }

    /// Promoter and detractor cut-offs of the NPS scale: (lowest promoter, highest detractor).
    pub fn nps_cutoffs(&self) -> (f64, f64) {
        if self.nps_scale == Scale::new(1, 5) {
            (4.0, 2.0)
        } else {
            (9.0, 6.0)
        }
    }

    /// Applies one `--set surveys.KEY=VALUE` (the `surveys.` prefix already removed).
    pub fn apply(&mut self, key: &str, value: &str) -> Result<(), FatalError> {
        let bad = |reason: &str| FatalError::BadSetting { key: format!("surveys.{key}"), value: value.into(), reason: reason.into() };
        let pick = |options: &[Scale]| {
            Scale::parse(value)
                .filter(|s| options.contains(s))
                .ok_or_else(|| bad(&format!("expected one of {}", options.iter().map(Scale::label).collect::<Vec<_>>().join(", "))))
        };
        match key {
            "kind" => self.kind = Some(Kind::parse(value).ok_or_else(|| bad("expected nps, csat or ces"))?),
            "nps_scale" => self.nps_scale = pick(&NPS_SCALES)?,
            "csat_scale" => self.csat_scale = pick(&CSAT_SCALES)?,
            "ces_scale" => self.ces_scale = pick(&CES_SCALES)?,
            "csat_threshold" => {
                let t: f64 = value.trim().parse().map_err(|_| bad("expected a number"))?;
                if !self.csat_scale.contains(t) {
                    return Err(bad("outside the CSAT scale"));
                }
                self.csat_threshold = Some(t)
            }
            "date_order" => self.date_order = DateOrder::parse_setting(value).ok_or_else(|| bad("expected auto, mdy or dmy"))?,
            _ => {
                return Err(FatalError::UnknownSetting {
                    key: format!("surveys.{key}"),
                    known: SETTING_KEYS.iter().map(|k| format!("surveys.{k}")).collect(),
                })
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_settings_and_rejects_bad_ones() {
        let mut s = SurveySettings::default();
        assert_eq!(s.satisfied_threshold(), 4.0);
        s.apply("nps_scale", "1-5").unwrap();
        assert_eq!(s.nps_cutoffs(), (4.0, 2.0));
        s.apply("csat_scale", "1-7").unwrap();
        assert_eq!(s.satisfied_threshold(), 6.0);
        s.apply("kind", "CSAT").unwrap();
        assert_eq!(s.kind, Some(Kind::Csat));
        assert!(s.apply("nps_scale", "2-9").is_err());
        assert!(s.apply("csat_threshold", "9").is_err());
        assert!(matches!(s.apply("colour", "red"), Err(FatalError::UnknownSetting { .. })));
    }
}
