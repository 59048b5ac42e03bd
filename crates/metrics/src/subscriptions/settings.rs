//! Subscription settings: the churn-rate basis, gross margin (for LTV), when a cancellation takes
//! effect, whether amounts are cents or units, the report currency, and the date order.

use crate::issue::FatalError;
use crate::parse::DateOrder;
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SubscriptionSettings {
    pub churn_basis: ChurnBasis,
    /// Fraction of revenue kept as gross margin, used by LTV (default 1.0).
    pub gross_margin: f64,
    pub cancel_effect: CancelEffect,
    pub amount_unit: AmountUnit,
    /// The report currency; none means the currency of most rows.
    pub currency: Option<String>,
    pub date_order: DateOrder,
}

impl Default for SubscriptionSettings {
    fn default() -> Self {
        SubscriptionSettings {
            churn_basis: ChurnBasis::Start,
            gross_margin: 1.0,
            cancel_effect: CancelEffect::CancelDate,
            amount_unit: AmountUnit::Auto,
            currency: None,
            date_order: DateOrder::Auto,
        }
    }
}

pub const SETTING_KEYS: [&str; 6] = ["churn_basis", "gross_margin", "cancel_effect", "amount_unit", "currency", "date_order"];

impl SubscriptionSettings {
    /// Applies one `--set subscriptions.KEY=VALUE` (prefix removed).
    pub fn apply(&mut self, key: &str, value: &str) -> Result<(), FatalError> {
        let v = value.trim().to_lowercase();
        let bad = |reason: &str| FatalError::BadSetting { key: format!("subscriptions.{key}"), value: value.into(), reason: reason.into() };
        match key {
            "churn_basis" => {
                self.churn_basis = match v.as_str() {
                    "start" => ChurnBasis::Start,
                    "start_plus_new" | "stripe" => ChurnBasis::StartPlusNew,
                    _ => return Err(bad("expected start or start_plus_new")),
                }
            }
            "gross_margin" => {
                let g: f64 = v.trim_end_matches('%').parse().map_err(|_| bad("expected a fraction such as 0.8"))?;
                let g = if v.ends_with('%') { g / 100.0 } else { g };
                if !(g > 0.0 && g <= 1.0) {
                    return Err(bad("expected a fraction in (0, 1]"));
                }
                self.gross_margin = g;
            }
            "cancel_effect" => {
                self.cancel_effect = match v.as_str() {
                    "cancel_date" => CancelEffect::CancelDate,
                    "period_end" => CancelEffect::PeriodEnd,
                    _ => return Err(bad("expected cancel_date or period_end")),
                }
            }
            "amount_unit" => {
                self.amount_unit = match v.as_str() {
                    "auto" => AmountUnit::Auto,
                    "cents" => AmountUnit::Cents,
                    "units" => AmountUnit::Units,
                    _ => return Err(bad("expected auto, cents or units")),
                }
            }
            "currency" if v.is_empty() => self.currency = None,
            "currency" => {
                if v.len() != 3 || !v.bytes().all(|b| b.is_ascii_alphabetic()) {
                    return Err(bad("expected a 3-letter currency code"));
                }
                self.currency = Some(v.to_uppercase());
            }
            "date_order" => self.date_order = DateOrder::parse_setting(value).ok_or_else(|| bad("expected auto, mdy or dmy"))?,
            _ => {
                return Err(FatalError::UnknownSetting {
                    key: format!("subscriptions.{key}"),
                    known: SETTING_KEYS.iter().map(|k| format!("subscriptions.{k}")).collect(),
                })
            }
        }
        Ok(())
    }
}
