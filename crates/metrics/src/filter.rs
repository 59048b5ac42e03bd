//! What a filter ("only Contract = Month-to-month") did, carried by the filtered data so its KPIs
//! can say so: a filter that selects nothing gives undefined KPIs (not zeros) with the reason, and
//! a filter that selects only part of what it should (an accounts column joined to subscriptions
//! whose ids only partly match) gives its KPIs with a warning.

use crate::kpi::KpiValue;
use crate::segment::SegmentColumn;

/// Values quoted in a message.
const QUOTED: usize = 20;

/// What a filter did to the data it was applied to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterNote {
    /// The filter selected no row: every KPI of the filtered data is undefined.
    pub empty: bool,
    /// Why, or what the user should know about the rows selected.
    pub warning: Option<String>,
}

impl FilterNote {
    /// Applies the note to KPIs of the filtered data: undefined (value, numerator and denominator
    /// none, n 0) when the filter selected nothing, and the warning on each.
    pub fn apply(&self, kpis: &mut [KpiValue]) {
        let Some(warning) = &self.warning else { return };
        for k in kpis {
            if self.empty {
                (k.value, k.numerator, k.denominator, k.n) = (None, None, None, 0);
            }
            k.warning = Some(match k.warning.take() {
                Some(w) if &w != warning => format!("{warning}; {w}"),
                _ => warning.clone(),
            });
        }
    }

    /// The note of a filter on `column` = `value` that kept `kept` rows; `rows` names the rows
    /// ("subscription", "account").
    pub fn of(column: &SegmentColumn, value: &str, kept: usize, rows: &str) -> FilterNote {
        if kept > 0 {
            return FilterNote::default();
        }
        let warning = if column.values.iter().any(|v| v == value) {
            format!("{} = '{value}' selects no {rows}", column.name)
        } else {
            no_such_value(column, value, rows)
        };
        FilterNote { empty: true, warning: Some(warning) }
    }
}

/// "Contract = 'Month-to-monthh' matches no account; Contract's values are Month-to-month, One
/// year, Two year".
pub fn no_such_value(column: &SegmentColumn, value: &str, rows: &str) -> String {
    format!("{} = '{value}' matches no {rows}; {}'s values are {}", column.name, column.name, quote_list(&column.values, column.values.len()))
}

/// The first [`QUOTED`] of `items` joined by commas, then how many more (of `total`).
pub fn quote_list(items: &[String], total: usize) -> String {
    let mut out = items.iter().take(QUOTED).cloned().collect::<Vec<_>>().join(", ");
    if total > QUOTED.min(items.len()) {
        out.push_str(&format!(" and {} more", crate::format::count_text((total - QUOTED.min(items.len())) as u64)));
    }
    if out.is_empty() {
        out.push_str("none");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contract() -> SegmentColumn {
        let mut c = SegmentColumn::new("Contract");
        for v in ["Month-to-month", "One year", "Month-to-month", "Two year"] {
            c.push(v);
        }
        c
    }

    #[test]
    fn a_value_that_matches_no_row_is_named_with_the_columns_values() {
        let n = FilterNote::of(&contract(), "Month-to-monthh", 0, "account");
        assert!(n.empty);
        assert_eq!(n.warning.as_deref(), Some("Contract = 'Month-to-monthh' matches no account; Contract's values are Month-to-month, One year, Two year"));
        assert_eq!(FilterNote::of(&contract(), "One year", 1, "account"), FilterNote::default());
        assert_eq!(FilterNote::of(&contract(), "One year", 0, "subscription").warning.as_deref(), Some("Contract = 'One year' selects no subscription"));
    }

    #[test]
    fn long_lists_are_cut() {
        let items: Vec<String> = (0..25).map(|i| i.to_string()).collect();
        assert!(quote_list(&items, 25).ends_with("18, 19 and 5 more"));
        assert_eq!(quote_list(&items[..2], 2), "0, 1");
        assert_eq!(quote_list(&items[..2], 7), "0, 1 and 5 more");
        assert_eq!(quote_list(&[], 0), "none");
    }
}
