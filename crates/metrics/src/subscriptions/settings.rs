//! Subscription settings. Reading: when a cancellation takes effect, whether amounts are cents or
//! units, the report currency and the date order. Arithmetic only: the churn-rate basis and the
//! gross margin (for LTV).

use crate::parse::DateOrder;
use crate::source::{SettingsPart, SourceSettings};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ChurnBasis {
    /// churned customers ÷ customers at the start of the period (the spec's default).
    #[default]
    Start,
    /// churned customers ÷ (customers at the start + new and reactivated customers), as Stripe does.
    StartPlusNew,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CancelEffect {
    /// MRR stops at the end or cancel date in the file.
    #[default]
    CancelDate,
    /// MRR runs to the end of the billing period in which the cancellation falls.
    PeriodEnd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AmountUnit {
    /// Decide from the header and the values (and say which).
    #[default]
    Auto,
    Cents,
    Units,
}

/// How subscription rows are read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SubscriptionIngest {
    pub cancel_effect: CancelEffect,
    pub amount_unit: AmountUnit,
    /// The report currency; none means the currency of most rows.
    pub currency: Option<String>,
    pub date_order: DateOrder,
}

/// What only changes the arithmetic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SubscriptionKpi {
    pub churn_basis: ChurnBasis,
    /// Fraction of revenue kept as gross margin, used by LTV (default 1.0).
    pub gross_margin: f64,
}

impl Default for SubscriptionKpi {
    fn default() -> Self {
        SubscriptionKpi { churn_basis: ChurnBasis::Start, gross_margin: 1.0 }
    }
}

pub type SubscriptionSettings = SourceSettings<SubscriptionIngest, SubscriptionKpi>;

/// Reads a gross margin: a fraction in (0, 1] such as 0.8, or a percentage such as 80%.
pub fn parse_gross_margin(value: &str) -> Result<f64, String> {
    let v = value.trim();
    let g: f64 = v.trim_end_matches('%').trim().parse().map_err(|_| "expected a fraction such as 0.8".to_string())?;
    let g = if v.ends_with('%') { g / 100.0 } else { g };
    if !(g > 0.0 && g <= 1.0) {
        return Err("expected a fraction in (0, 1]".into());
    }
    Ok(g)
}

impl SettingsPart for SubscriptionIngest {
    const KEYS: &'static [&'static str] = &["cancel_effect", "amount_unit", "currency", "date_order"];
    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        let v = value.trim().to_lowercase();
        match key {
            "cancel_effect" => {
                self.cancel_effect = match v.as_str() {
                    "cancel_date" => CancelEffect::CancelDate,
                    "period_end" => CancelEffect::PeriodEnd,
                    _ => return Err("expected cancel_date or period_end".into()),
                }
            }
            "amount_unit" => {
                self.amount_unit = match v.as_str() {
                    "auto" => AmountUnit::Auto,
                    "cents" => AmountUnit::Cents,
                    "units" => AmountUnit::Units,
                    _ => return Err("expected auto, cents or units".into()),
                }
            }
            "currency" if v.is_empty() => self.currency = None,
            "currency" => {
                if v.len() != 3 || !v.bytes().all(|b| b.is_ascii_alphabetic()) {
                    return Err("expected a 3-letter currency code".into());
                }
                self.currency = Some(v.to_uppercase());
            }
            _ => self.date_order = DateOrder::parse_setting(value)?,
        }
        Ok(())
    }
}

impl SettingsPart for SubscriptionKpi {
    const KEYS: &'static [&'static str] = &["churn_basis", "gross_margin"];
    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "churn_basis" => {
                self.churn_basis = match value.trim().to_lowercase().as_str() {
                    "start" => ChurnBasis::Start,
                    "start_plus_new" | "stripe" => ChurnBasis::StartPlusNew,
                    _ => return Err("expected start or start_plus_new".into()),
                }
            }
            _ => self.gross_margin = parse_gross_margin(value)?,
        }
        Ok(())
    }
    fn assumptions(&self, style: &crate::format::Style) -> Vec<crate::source::Assumption> {
        let d = SubscriptionKpi::default();
        let basis = match self.churn_basis {
            ChurnBasis::Start => "churned ÷ customers at the start of the period",
            ChurnBasis::StartPlusNew => "churned ÷ (customers at the start + new)",
        };
        vec![
            crate::source::Assumption::new(
                "ltv",
                format!("Gross margin {} %", style.short((self.gross_margin * 1000.0).round() / 10.0)),
                self.gross_margin == d.gross_margin,
            ),
            crate::source::Assumption::new("customer_churn_rate", format!("Basis: {basis}"), self.churn_basis == d.churn_basis),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_saved_flat_document_reads_into_both_halves_and_back() {
        let old =
            r#"{"churn_basis":"start_plus_new","gross_margin":0.8,"cancel_effect":"period_end","amount_unit":"cents","currency":"EUR","date_order":"dmy"}"#;
        let s: SubscriptionSettings = serde_json::from_str(old).unwrap();
        assert_eq!(s.kpi, SubscriptionKpi { churn_basis: ChurnBasis::StartPlusNew, gross_margin: 0.8 });
        assert_eq!(s.ingest.currency.as_deref(), Some("EUR"));
        assert_eq!(s.ingest.cancel_effect, CancelEffect::PeriodEnd);
        let back: serde_json::Value = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, serde_json::from_str::<serde_json::Value>(old).unwrap());
    }

    #[test]
    fn keys_go_to_their_half_and_bad_values_are_refused() {
        let mut s = SubscriptionSettings::default();
        s.apply(crate::source::SourceId::Subscriptions, "gross_margin", "80%").unwrap();
        assert_eq!(s.kpi.gross_margin, 0.8);
        s.apply(crate::source::SourceId::Subscriptions, "currency", "usd").unwrap();
        assert_eq!(s.ingest.currency.as_deref(), Some("USD"));
        let e = s.apply(crate::source::SourceId::Subscriptions, "gross_margin", "1.5").unwrap_err().to_string();
        assert!(e.contains("subscriptions.gross_margin") && e.contains("(0, 1]"), "{e}");
        let e = s.apply(crate::source::SourceId::Subscriptions, "colour", "red").unwrap_err().to_string();
        assert!(e.contains("unknown setting 'subscriptions.colour'") && e.contains("subscriptions.churn_basis"), "{e}");
    }
}
