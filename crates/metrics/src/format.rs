//! How KPI values read, in the app and in the CLI's table alike: points with one decimal, CES with
//! two, counts whole, money with thousands separators and cents, rates in %, and "—" for none.
//! The app's `data-value` attributes and the CLI's JSON carry the raw number instead.

use crate::kpi::{def, KpiValue, Unit};

pub const NONE: &str = "—";

pub fn display(unit: Unit, value: Option<f64>) -> String {
    let Some(v) = value else { return NONE.to_string() };
    match unit {
        Unit::Points => format!("{v:.1}"),
        Unit::Rate => format!("{:.1} %", v * 100.0),
        Unit::Score => format!("{v:.2}"),
        Unit::Count => format!("{v:.0}"),
        Unit::Money => money(v),
        Unit::Ratio => format!("{v:.2}"),
        Unit::Hours => format!("{v:.1} h"),
    }
}

/// A change between two periods: percentage points for rates, money for money.
pub fn delta(unit: Unit, d: f64) -> String {
    match unit {
        Unit::Rate => format!("{:+.1} pts", d * 100.0),
        Unit::Money => format!("{}{}", if d >= 0.0 { "+" } else { "" }, money(d)),
        Unit::Count => format!("{d:+.0}"),
        Unit::Score | Unit::Ratio => format!("{d:+.2}"),
        Unit::Points => format!("{d:+.1}"),
        Unit::Hours => format!("{d:+.1} h"),
    }
}

/// 1234.5 → "1,234.50" (values are exact cents ÷ 100).
pub fn money(v: f64) -> String {
    let cents = (v * 100.0).round() as i64;
    let (sign, cents) = if cents < 0 { ("-", -cents) } else { ("", cents) };
    format!("{sign}{}.{:02}", count_text((cents / 100) as u64), cents % 100)
}

/// Cents as money: 123456 → "1,234.56".
pub fn cents(c: i64) -> String {
    money(c as f64 / 100.0)
}

/// A day (days since 1970-01-01) as `YYYY-MM-DD`.
pub fn day(d: i32) -> String {
    let (y, m, dd) = crate::calendar::civil_from_days(d);
    format!("{y:04}-{m:02}-{dd:02}")
}

/// 1234567 → "1,234,567".
pub fn count_text(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    grouped
}

/// A KPI value as text: its unit's form, the NPS margin of error as "±4.2", and a small sample
/// marked with "*".
pub fn value_text(k: &KpiValue) -> String {
    let unit = def(k.id).map_or(Unit::Ratio, |d| d.unit);
    let text = match k.value {
        Some(v) if k.id == "nps_margin_of_error" => format!("±{v:.1}"),
        v => display(unit, v),
    };
    if k.small_sample && k.value.is_some() {
        text + "*"
    } else {
        text
    }
}

/// The raw number for `data-value`: full precision, empty when none.
pub fn raw(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// "100 × (54 − 21) ÷ 150" style explanation of how a value was made.
pub fn explain(k: &KpiValue) -> String {
    let n = k.n;
    match (k.id, k.numerator, k.denominator) {
        (_, _, _) if n == 0 && k.source == "surveys" => "no responses in this period".to_string(),
        ("nps", Some(net), Some(d)) => format!("100 × (promoters − detractors = {net:.0}) ÷ {d:.0} responses"),
        ("csat", Some(s), Some(d)) => format!("100 × {s:.0} satisfied ÷ {d:.0} responses"),
        ("ces", Some(sum), Some(d)) => format!("{sum} total effort ÷ {d:.0} responses"),
        ("nps_margin_of_error", _, _) => format!("95 % interval half-width over {n} NPS responses"),
        ("responses", _, _) => format!("{n} answers"),
        ("mrr" | "arr" | "customers", _, _) => format!("{n} paying customers"),
        (id, Some(num), Some(den)) if id.ends_with("rate") || matches!(id, "nrr" | "grr" | "nrr_12m" | "quick_ratio") => format!("{num} ÷ {den}"),
        (id, _, _) if id.starts_with("mrr_") => format!("{n} customers"),
        _ => format!("n = {n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_by_unit_and_none_is_a_dash() {
        assert_eq!(display(Unit::Money, Some(1234567.5)), "1,234,567.50");
        assert_eq!(display(Unit::Money, Some(-0.05)), "-0.05");
        assert_eq!(display(Unit::Rate, Some(0.0526)), "5.3 %");
        assert_eq!(display(Unit::Count, None), "—");
        assert_eq!(delta(Unit::Rate, -0.012), "-1.2 pts");
    }
}
