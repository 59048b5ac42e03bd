//! Usage settings. Ingest ([`UsageIngest`]): the unit of session durations and the day/month order,
//! which change how rows are read. KPIs ([`UsageKpi`]): the activation event and window, and the
//! entitlement per customer when the file has no entitlement column, which change only the
//! arithmetic (the entitlement setting is applied per active customer in `consumption_rate`).

use crate::parse::DateOrder;
use crate::source::{SettingsPart, SourceSettings};
use serde::{Deserialize, Serialize};

/// Settings that change how a usage file is read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UsageIngest {
    /// Session durations are in seconds (default: minutes, or seconds when the header says so).
    /// Set with `duration_unit=minutes|seconds`.
    pub duration_seconds: Option<bool>,
    pub date_order: DateOrder,
}

/// Settings that change only the usage KPIs' arithmetic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UsageKpi {
    /// The event (feature) that marks a customer as activated; none leaves onboarding undefined.
    pub activation_event: Option<String>,
    /// Days after the first activity within which activation counts (default 30).
    pub activation_days: u32,
    /// Units entitled per customer per period when there is no entitlement column.
    pub entitlement: Option<f64>,
}

impl Default for UsageKpi {
    fn default() -> Self {
        UsageKpi { activation_event: None, activation_days: 30, entitlement: None }
    }
}

/// Both halves, saved as one flat JSON object.
pub type UsageSettings = SourceSettings<UsageIngest, UsageKpi>;

impl SettingsPart for UsageIngest {
    const KEYS: &'static [&'static str] = &["duration_unit", "date_order"];

    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "duration_unit" => {
                self.duration_seconds = match value.trim() {
                    "seconds" | "s" => Some(true),
                    "minutes" | "min" => Some(false),
                    _ => return Err("expected minutes or seconds".into()),
                }
            }
            "date_order" => self.date_order = DateOrder::parse_setting(value)?,
            _ => return Err("no such setting".into()),
        }
        Ok(())
    }
}

impl SettingsPart for UsageKpi {
    const KEYS: &'static [&'static str] = &["activation_event", "activation_days", "entitlement"];

    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "activation_event" => self.activation_event = Some(value.trim().to_string()).filter(|v| !v.is_empty()),
            "activation_days" => self.activation_days = value.trim().parse().map_err(|_| "expected a whole number of days")?,
            "entitlement" if value.trim().is_empty() => self.entitlement = None,
            "entitlement" => {
                let v: f64 = value.trim().parse().map_err(|_| "expected a number of units")?;
                if !(v > 0.0 && v.is_finite()) {
                    return Err("expected a positive number".into());
                }
                self.entitlement = Some(v);
            }
            _ => return Err("no such setting".into()),
        }
        Ok(())
    }
    fn assumptions(&self, style: &crate::format::Style) -> Vec<crate::source::Assumption> {
        // Against the settings the app starts with (the demo's activation event).
        let d = <super::Usage as crate::source::Source>::starting_settings().kpi;
        let text = match &self.activation_event {
            Some(e) => format!("Activated: used “{e}” within {} days of the first activity", style.count(self.activation_days.into())),
            None => "No activation event chosen".to_string(),
        };
        vec![crate::source::Assumption::new(
            "onboarding_success_rate",
            text,
            (&self.activation_event, self.activation_days) == (&d.activation_event, d.activation_days),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::FatalError;

    #[test]
    fn the_flat_json_saved_before_the_split_reads_into_both_halves_and_saves_flat_again() {
        let old = r#"{"activation_event":"export","activation_days":14,"entitlement":40.0,"duration_seconds":true,"date_order":"dmy"}"#;
        let s: UsageSettings = serde_json::from_str(old).unwrap();
        let want = UsageSettings {
            ingest: UsageIngest { duration_seconds: Some(true), date_order: DateOrder::Dmy },
            kpi: UsageKpi { activation_event: Some("export".into()), activation_days: 14, entitlement: Some(40.0) },
        };
        assert_eq!(s, want);
        let back: serde_json::Value = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, serde_json::from_str::<serde_json::Value>(old).unwrap());
        // The defaults as saved before (nulls included) read back as the defaults.
        let old_default = r#"{"activation_event":null,"activation_days":30,"entitlement":null,"duration_seconds":null,"date_order":"auto"}"#;
        assert_eq!(serde_json::from_str::<UsageSettings>(old_default).unwrap(), UsageSettings::default());
        assert_eq!(serde_json::from_str::<UsageSettings>(r#"{"entitlement":5}"#).unwrap().kpi.activation_days, 30);
    }

    #[test]
    fn settings_go_to_their_half_and_bad_ones_are_refused_with_the_usage_prefix() {
        let mut s = UsageSettings::default();
        s.apply(crate::source::SourceId::Usage, "duration_unit", "seconds").unwrap();
        s.apply(crate::source::SourceId::Usage, "entitlement", "40").unwrap();
        assert_eq!((s.ingest.duration_seconds, s.kpi.entitlement), (Some(true), Some(40.0)));
        let err = s.apply(crate::source::SourceId::Usage, "entitlement", "0").unwrap_err();
        assert_eq!(err, FatalError::BadSetting { key: "usage.entitlement".into(), value: "0".into(), reason: "expected a positive number".into() });
        assert!(
            matches!(s.apply(crate::source::SourceId::Usage, "units", "1"), Err(FatalError::UnknownSetting { key, known }) if key == "usage.units" && known.len() == 5)
        );
    }
}
