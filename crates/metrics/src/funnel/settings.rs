//! The funnel settings: how period cells are read (ingest) and the gross margin of the CAC
//! payback (KPI).

use crate::parse::{parse_number, NumberStyle};
use crate::source::{SettingsPart, SourceSettings};
use serde::{Deserialize, Serialize};

/// Settings that change how funnel rows are read: the day/month order of period cells that are full dates.
pub type FunnelIngest = crate::source::DateOrderOnly;

/// Settings that only change the funnel's arithmetic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FunnelKpi {
    /// Fraction of revenue kept as gross margin, for the CAC payback (default 1.0).
    pub gross_margin: f64,
}

impl Default for FunnelKpi {
    fn default() -> Self {
        FunnelKpi { gross_margin: 1.0 }
    }
}

impl SettingsPart for FunnelKpi {
    const KEYS: &'static [&'static str] = &["gross_margin"];
    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "gross_margin" => {
                let g = parse_number(value, NumberStyle::default()).map_err(|_| "expected a fraction such as 0.8 or 80%")?.value();
                if !(g > 0.0 && g <= 1.0) {
                    return Err("expected a fraction in (0, 1] such as 0.8 or 80%".into());
                }
                self.gross_margin = g;
            }
            _ => return Err("no such setting".into()),
        }
        Ok(())
    }
    fn assumptions(&self, style: &crate::format::Style) -> Vec<crate::source::Assumption> {
        let d = FunnelKpi::default();
        vec![crate::source::Assumption::new(
            "cac_payback_months",
            format!("Gross margin {} %", style.short((self.gross_margin * 1000.0).round() / 10.0)),
            self.gross_margin == d.gross_margin,
        )]
    }
}

/// The persisted funnel settings.
pub type FunnelSettings = SourceSettings<FunnelIngest, FunnelKpi>;
