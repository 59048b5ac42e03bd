//! Survey settings: the scale of each kind, the CSAT threshold, the kind of a lone score column,
//! and the day/month order of dates. Scales default to `auto`: each question is read on the
//! spec's default (NPS 0-10, CSAT 1-5 with 4-5 satisfied, CES 1-7) when its answers fit it, else
//! on the narrowest scale of its kind that holds them (a 1-10 CSAT question on 1-10, 9-10 satisfied).

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

impl Scale {
    /// Promoter and detractor cut-offs of an NPS read on this scale: (lowest promoter, highest
    /// detractor). 1-5: 4-5 and 1-2; 0-10: 9-10 and 0-6.
    pub fn nps_cutoffs(&self) -> (f64, f64) {
        if *self == Scale::new(1, 5) {
            (4.0, 2.0)
        } else {
            (9.0, 6.0)
        }
    }
    /// The lowest of the top two boxes (4 on 1-5, 9 on 1-10): the default satisfied CSAT answer.
    pub fn top_two(&self) -> f64 {
        self.max as f64 - 1.0
    }
}

impl Kind {
    /// The scales a question of this kind can be read on; the first is the default.
    pub fn scales(self) -> &'static [Scale] {
        match self {
            Kind::Nps => &NPS_SCALES,
            Kind::Csat => &CSAT_SCALES,
            Kind::Ces => &CES_SCALES,
        }
    }
    /// The default scale (NPS 0-10, CSAT 1-5, CES 1-7).
    pub fn default_scale(self) -> Scale {
        self.scales()[0]
    }
    /// The widest scale of the kind, which holds every other one (NPS 0-10, CSAT 0-10, CES 1-10).
    pub fn widest_scale(self) -> Scale {
        let s = self.scales();
        Scale::new(s.iter().map(|s| s.min).min().unwrap_or(0), s.iter().map(|s| s.max).max().unwrap_or(10))
    }
    /// The scale `auto` reads a question on whose answers run from `min` to `max`: the default
    /// when it holds them (so files that fit the defaults read as they always did), else the
    /// narrowest allowed scale that holds them, else none.
    pub fn infer_scale(self, min: f64, max: f64) -> Option<Scale> {
        let fits = |s: &&Scale| s.contains(min) && s.contains(max);
        let default = self.default_scale();
        if fits(&&default) {
            return Some(default);
        }
        self.scales().iter().filter(fits).min_by_key(|s| s.max - s.min).copied()
    }
}

/// The scale setting of one kind: inferred per question from its answers (`auto`, the default),
/// or one scale for every question of the kind. Stored as its label ("auto", "1-10"); the first
/// stored form, `{"min":1,"max":5}`, still reads (its kind's old default as `auto`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScaleSetting {
    #[default]
    Auto,
    Fixed(Scale),
}

impl ScaleSetting {
    pub fn label(&self) -> String {
        match self {
            ScaleSetting::Auto => "auto".into(),
            ScaleSetting::Fixed(s) => s.label(),
        }
    }
    pub fn fixed(&self) -> Option<Scale> {
        match self {
            ScaleSetting::Auto => None,
            ScaleSetting::Fixed(s) => Some(*s),
        }
    }
    /// The values a setting of this kind takes, "auto" first: what a UI offers.
    pub fn choices(kind: Kind) -> Vec<String> {
        std::iter::once("auto".to_string()).chain(kind.scales().iter().map(Scale::label)).collect()
    }
    fn parse(kind: Kind, value: &str) -> Result<ScaleSetting, String> {
        if value.trim().eq_ignore_ascii_case("auto") {
            return Ok(ScaleSetting::Auto);
        }
        Scale::parse(value)
            .filter(|s| kind.scales().contains(s))
            .map(ScaleSetting::Fixed)
            .ok_or_else(|| format!("expected auto or one of {}", kind.scales().iter().map(Scale::label).collect::<Vec<_>>().join(", ")))
    }
}

impl Serialize for ScaleSetting {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.label())
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum StoredScale {
    Label(String),
    First(Scale),
}

fn stored_scale<'de, D: serde::Deserializer<'de>>(d: D, kind: Kind) -> Result<ScaleSetting, D::Error> {
    match StoredScale::deserialize(d)? {
        StoredScale::Label(text) => ScaleSetting::parse(kind, &text).map_err(serde::de::Error::custom),
        // Before `auto` every file was read on the default unless changed: that default was no choice.
        StoredScale::First(s) if s == kind.default_scale() => Ok(ScaleSetting::Auto),
        StoredScale::First(s) if kind.scales().contains(&s) => Ok(ScaleSetting::Fixed(s)),
        StoredScale::First(s) => Err(serde::de::Error::custom(format!("{} is not a {} scale", s.label(), kind.as_str()))),
    }
}

fn nps_scale<'de, D: serde::Deserializer<'de>>(d: D) -> Result<ScaleSetting, D::Error> {
    stored_scale(d, Kind::Nps)
}
fn csat_scale<'de, D: serde::Deserializer<'de>>(d: D) -> Result<ScaleSetting, D::Error> {
    stored_scale(d, Kind::Csat)
}
fn ces_scale<'de, D: serde::Deserializer<'de>>(d: D) -> Result<ScaleSetting, D::Error> {
    stored_scale(d, Kind::Ces)
}

/// How answers are read: the scale of each kind (`auto`: per question, from its answers; an
/// answer outside the scale is skipped), the kind of a lone score column, and the day/month order
/// of dates.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyIngest {
    #[serde(deserialize_with = "nps_scale")]
    pub nps_scale: ScaleSetting,
    #[serde(deserialize_with = "csat_scale")]
    pub csat_scale: ScaleSetting,
    #[serde(deserialize_with = "ces_scale")]
    pub ces_scale: ScaleSetting,
    /// The kind of a score column when there is no kind column; none means inferred.
    pub kind: Option<Kind>,
    pub date_order: DateOrder,
}

/// What only changes the arithmetic: the lowest satisfied CSAT answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SurveyKpi {
    /// Lowest satisfied answer; none means the top two boxes of each question's scale (4 and 5 on
    /// 1-5, 9 and 10 on 1-10).
    pub csat_threshold: Option<f64>,
}

pub type SurveySettings = SourceSettings<SurveyIngest, SurveyKpi>;

impl SurveyIngest {
    pub fn scale(&self, kind: Kind) -> ScaleSetting {
        match kind {
            Kind::Nps => self.nps_scale,
            Kind::Csat => self.csat_scale,
            Kind::Ces => self.ces_scale,
        }
    }
}

impl SurveyKpi {
    /// The lowest satisfied answer of a CSAT question read on `scale`.
    pub fn satisfied_threshold(&self, scale: Scale) -> f64 {
        self.csat_threshold.unwrap_or(scale.top_two())
    }
}

impl SurveySettings {
    pub fn scale(&self, kind: Kind) -> ScaleSetting {
        self.ingest.scale(kind)
    }
    /// The lowest satisfied CSAT answer: the set threshold, else the top two boxes of a fixed CSAT
    /// scale; none when the scale is `auto` (each question's own top two boxes).
    pub fn satisfied_threshold(&self) -> Option<f64> {
        self.kpi.csat_threshold.or(self.ingest.csat_scale.fixed().map(|s| s.top_two()))
    }
}

impl SettingsPart for SurveyIngest {
    const KEYS: &'static [&'static str] = &["kind", "nps_scale", "csat_scale", "ces_scale", "date_order"];
    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "kind" => self.kind = Some(Kind::parse(value).ok_or("expected nps, csat or ces")?),
            "nps_scale" => self.nps_scale = ScaleSetting::parse(Kind::Nps, value)?,
            "csat_scale" => self.csat_scale = ScaleSetting::parse(Kind::Csat, value)?,
            "ces_scale" => self.ces_scale = ScaleSetting::parse(Kind::Ces, value)?,
            _ => self.date_order = DateOrder::parse_setting(value)?,
        }
        Ok(())
    }
}

impl SettingsPart for SurveyKpi {
    const KEYS: &'static [&'static str] = &["csat_threshold"];
    /// A number, or "auto" (or nothing) for the top two boxes of each question's scale.
    fn apply(&mut self, _key: &str, value: &str) -> Result<(), String> {
        let v = value.trim();
        self.csat_threshold = if v.is_empty() || v.eq_ignore_ascii_case("auto") { None } else { Some(v.parse().map_err(|_| "expected a number or auto")?) };
        Ok(())
    }
    fn agrees_with(&self, ingest: &dyn std::any::Any) -> Result<(), String> {
        let scale = |i: &SurveyIngest| i.csat_scale.fixed().unwrap_or(Kind::Csat.widest_scale());
        match (self.csat_threshold, ingest.downcast_ref::<SurveyIngest>()) {
            (Some(t), Some(i)) if !scale(i).contains(t) => Err("outside the CSAT scale".into()),
            _ => Ok(()),
        }
    }
    fn assumptions(&self, style: &crate::format::Style) -> Vec<crate::source::Assumption> {
        let text = match self.csat_threshold {
            Some(t) => format!("Satisfied: {} or more", style.short(t)),
            None => "Satisfied: the top two answers of the scale".to_string(),
        };
        vec![crate::source::Assumption::new("csat", text, self.csat_threshold == SurveyKpi::default().csat_threshold)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_settings_and_rejects_bad_ones() {
        use crate::issue::FatalError;
        let mut s = SurveySettings::default();
        let mut set = |k: &str, v: &str| s.apply(crate::source::SourceId::Surveys, k, v);
        assert!(set("nps_scale", "2-9").is_err());
        // Under auto a threshold must lie on some CSAT scale (0-10 at the widest).
        assert!(set("csat_threshold", "11").is_err());
        assert!(matches!(set("colour", "red"), Err(FatalError::UnknownSetting { .. })));
        set("nps_scale", "1-5").unwrap();
        set("csat_scale", "1-7").unwrap();
        set("kind", "CSAT").unwrap();
        set("csat_threshold", "5").unwrap();
        assert_eq!(s.scale(Kind::Nps).fixed().map(|s| s.nps_cutoffs()), Some((4.0, 2.0)));
        assert_eq!(s.satisfied_threshold(), Some(5.0));
        assert_eq!(s.ingest.kind, Some(Kind::Csat));
        s.kpi.csat_threshold = None;
        assert_eq!(s.satisfied_threshold(), Some(6.0));
        s.apply(crate::source::SourceId::Surveys, "csat_scale", "auto").unwrap();
        assert_eq!(s.satisfied_threshold(), None);
        // The refused threshold left the one before it in place.
        let mut t = SurveySettings::default();
        t.apply(crate::source::SourceId::Surveys, "csat_scale", "1-5").unwrap();
        t.apply(crate::source::SourceId::Surveys, "csat_threshold", "4").unwrap();
        assert!(t.apply(crate::source::SourceId::Surveys, "csat_threshold", "6").is_err());
        assert_eq!(t.kpi.csat_threshold, Some(4.0));
        t.apply(crate::source::SourceId::Surveys, "csat_threshold", "auto").unwrap();
        assert_eq!(t.kpi.csat_threshold, None);
    }

    #[test]
    fn auto_keeps_the_default_when_the_answers_fit_it() {
        assert_eq!(Kind::Csat.infer_scale(1.0, 5.0), Some(Scale::new(1, 5)));
        assert_eq!(Kind::Csat.infer_scale(1.0, 10.0), Some(Scale::new(1, 10)));
        assert_eq!(Kind::Csat.infer_scale(2.0, 6.0), Some(Scale::new(1, 7)));
        assert_eq!(Kind::Csat.infer_scale(0.0, 3.0), Some(Scale::new(0, 10)));
        assert_eq!(Kind::Csat.infer_scale(1.0, 11.0), None);
        // An NPS whose answers all lie in 1-5 stays on 0-10 (its default), as before.
        assert_eq!(Kind::Nps.infer_scale(1.0, 5.0), Some(Scale::new(0, 10)));
        assert_eq!(Kind::Ces.infer_scale(1.0, 5.0), Some(Scale::new(1, 7)));
        assert_eq!(Kind::Ces.infer_scale(1.0, 9.0), Some(Scale::new(1, 10)));
        assert_eq!(Kind::Csat.widest_scale(), Scale::new(0, 10));
        assert_eq!(Kind::Ces.widest_scale(), Scale::new(1, 10));
    }

    #[test]
    fn scale_settings_read_their_labels_and_the_first_stored_form() {
        let i: SurveyIngest = serde_json::from_str(r#"{"nps_scale":{"min":1,"max":5},"csat_scale":{"min":1,"max":5},"ces_scale":"1-10"}"#).unwrap();
        assert_eq!(i.nps_scale, ScaleSetting::Fixed(Scale::new(1, 5)));
        // The old default was no choice: it reads as auto.
        assert_eq!(i.csat_scale, ScaleSetting::Auto);
        assert_eq!(i.ces_scale, ScaleSetting::Fixed(Scale::new(1, 10)));
        let text = serde_json::to_string(&i).unwrap();
        assert!(text.contains(r#""nps_scale":"1-5","csat_scale":"auto","ces_scale":"1-10""#), "{text}");
        assert_eq!(serde_json::from_str::<SurveyIngest>(&text).unwrap(), i);
        assert!(serde_json::from_str::<SurveyIngest>(r#"{"nps_scale":"2-9"}"#).is_err());
        assert_eq!(ScaleSetting::choices(Kind::Csat), ["auto", "1-5", "1-7", "1-10", "0-10"]);
    }
}
