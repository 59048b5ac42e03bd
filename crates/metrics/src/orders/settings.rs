//! Orders settings. Ingest (how rows are read): how refunds are treated, the report currency, the
//! date order. KPI (arithmetic only): the expected customer lifespan for `clv_simple` and the
//! cohort period.

use crate::parse::DateOrder;
use crate::source::SettingsPart;
use serde::{Deserialize, Serialize};

/// What refunds and cancellations do to revenue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum RefundMode {
    /// Refunded orders, cancellation invoices and negative lines are left out (and counted);
    /// partial refunds of kept orders are not subtracted.
    #[default]
    Exclude,
    /// Refunds are subtracted from revenue in the period they happen: a cancellation invoice in its
    /// own period, a refunded order's refund in the order's period (exports give no refund date).
    Net,
}

impl RefundMode {
    pub fn as_str(self) -> &'static str {
        match self {
            RefundMode::Exclude => "exclude",
            RefundMode::Net => "net",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct OrdersIngest {
    pub refunds: RefundMode,
    /// The report currency; none means the currency of most orders.
    pub currency: Option<String>,
    pub date_order: DateOrder,
}

impl SettingsPart for OrdersIngest {
    const KEYS: &'static [&'static str] = &["refunds", "currency", "date_order"];

    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        let v = value.trim().to_lowercase();
        match key {
            "refunds" => {
                self.refunds = match v.as_str() {
                    "exclude" => RefundMode::Exclude,
                    "net" => RefundMode::Net,
                    _ => return Err("expected exclude or net".into()),
                }
            }
            "currency" if v.is_empty() => self.currency = None,
            "currency" => {
                if v.len() != 3 || !v.bytes().all(|b| b.is_ascii_alphabetic()) {
                    return Err("expected a 3-letter currency code".into());
                }
                self.currency = Some(v.to_uppercase());
            }
            "date_order" => self.date_order = DateOrder::parse_setting(&v)?,
            _ => return Err("no such setting".into()),
        }
        Ok(())
    }
}

/// The calendar bucket of cohorts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CohortPeriod {
    #[default]
    Month,
    Quarter,
    Week,
}

impl CohortPeriod {
    pub fn granularity(self) -> crate::Granularity {
        match self {
            CohortPeriod::Month => crate::Granularity::Month,
            CohortPeriod::Quarter => crate::Granularity::Quarter,
            CohortPeriod::Week => crate::Granularity::Week,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct OrdersKpi {
    /// Expected customer lifespan in years for `clv_simple`; none: 1 / yearly churn, else 3.
    pub lifespan_years: Option<f64>,
    pub cohort: CohortPeriod,
}

impl SettingsPart for OrdersKpi {
    const KEYS: &'static [&'static str] = &["lifespan_years", "cohort"];

    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        let v = value.trim().to_lowercase();
        match key {
            "lifespan_years" if v.is_empty() || v == "auto" => self.lifespan_years = None,
            "lifespan_years" => {
                let y: f64 = v.parse().map_err(|_| "expected a number of years such as 2.5")?;
                if !(y > 0.0 && y.is_finite() && y <= 100.0) {
                    return Err("expected a number of years in (0, 100]".into());
                }
                self.lifespan_years = Some(y);
            }
            "cohort" => {
                self.cohort = match v.as_str() {
                    "month" => CohortPeriod::Month,
                    "quarter" => CohortPeriod::Quarter,
                    "week" => CohortPeriod::Week,
                    _ => return Err("expected month, quarter or week".into()),
                }
            }
            _ => return Err("no such setting".into()),
        }
        Ok(())
    }
    fn assumptions(&self, style: &crate::format::Style) -> Vec<crate::source::Assumption> {
        let text = match self.lifespan_years {
            Some(y) => format!("Customer lifespan {} years", style.short(y)),
            None => "Customer lifespan 1 ÷ yearly churn, else 3 years".to_string(),
        };
        vec![crate::source::Assumption::new("clv_simple", text, self.lifespan_years == OrdersKpi::default().lifespan_years)]
    }
}

/// The persisted settings of the orders source (one flat JSON object).
pub type OrdersSettings = crate::source::SourceSettings<OrdersIngest, OrdersKpi>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_apply_and_refuse() {
        let mut s = OrdersSettings::default();
        s.apply(crate::source::SourceId::Orders, "refunds", "NET").unwrap();
        s.apply(crate::source::SourceId::Orders, "currency", "gbp").unwrap();
        s.apply(crate::source::SourceId::Orders, "lifespan_years", "2.5").unwrap();
        s.apply(crate::source::SourceId::Orders, "cohort", "quarter").unwrap();
        assert_eq!(
            (s.ingest.refunds, s.ingest.currency.as_deref(), s.kpi.lifespan_years, s.kpi.cohort),
            (RefundMode::Net, Some("GBP"), Some(2.5), CohortPeriod::Quarter)
        );
        assert!(s.apply(crate::source::SourceId::Orders, "refunds", "maybe").is_err());
        assert!(s.apply(crate::source::SourceId::Orders, "lifespan_years", "-1").is_err());
        assert!(s.apply(crate::source::SourceId::Orders, "currency", "pounds").is_err());
        assert!(s.apply(crate::source::SourceId::Orders, "gross_margin", "0.5").is_err());
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"{"refunds":"net","currency":"GBP","date_order":"auto","lifespan_years":2.5,"cohort":"quarter"}"#);
        let back: OrdersSettings = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }
}
