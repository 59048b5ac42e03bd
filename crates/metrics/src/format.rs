//! How KPI values read, in the app and in the CLI's table alike: points with one decimal, CES with
//! two, counts whole, money with thousands separators and cents, rates in %, and "—" for none.
//! The app's `data-value` attributes and the CLI's JSON carry the raw number instead.

use crate::kpi::{KpiValue, Unit};
use serde::{Deserialize, Serialize};

pub const NONE: &str = "—";

/// How numbers, money and dates read for one reader: separators, grouping, where a currency
/// symbol goes and the order of a date's parts. The app takes it from the browser's locale (or the
/// user's choice); the CLI and the default are the plain form: `1,234.50`, `2024-03-31`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Style {
    /// Between the whole part and the decimals: "." or ",".
    pub decimal: String,
    /// Between groups of digits: ",", ".", a space (often U+202F or U+00A0), "'", or none.
    pub group: String,
    /// Groups of two after the first three (India: 1,00,00,000).
    pub indian: bool,
    /// The currency symbol or code, and whether it goes before the amount; none shows no symbol.
    pub currency: Option<Currency>,
    /// A day's three parts in order ('y', 'm', 'd') and what goes between them.
    pub date_order: [char; 3],
    pub date_separator: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Currency {
    pub symbol: String,
    pub before: bool,
    /// What goes between the symbol and the amount ("" or a space).
    pub gap: String,
}

impl Default for Style {
    fn default() -> Self {
        Style { decimal: ".".into(), group: ",".into(), indian: false, currency: None, date_order: ['y', 'm', 'd'], date_separator: "-".into() }
    }
}

impl Style {
    /// `v` with `decimals` digits after the separator, its whole part grouped.
    pub fn number(&self, v: f64, decimals: usize) -> String {
        let text = format!("{:.*}", decimals, v.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        // "-0.0" reads as "0.0".
        let negative = v < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
        let mut out = String::from(if negative { "-" } else { "" });
        out += &self.group_digits(whole);
        if !fraction.is_empty() {
            out += &self.decimal;
            out += fraction;
        }
        out
    }

    /// `v` with as few decimals as it needs, at most two: 80 → "80", 72.5 → "72.5", 1/3 → "0.33".
    pub fn short(&self, v: f64) -> String {
        let decimals = (0..2).find(|&d| (v * 10f64.powi(d as i32)).fract().abs() < 1e-9).unwrap_or(2);
        self.number(v, decimals)
    }

    /// 1234567 → "1,234,567" (or "12,34,567").
    pub fn count(&self, n: u64) -> String {
        self.group_digits(&n.to_string())
    }

    fn group_digits(&self, digits: &str) -> String {
        let n = digits.len();
        let mut out = String::with_capacity(n + n / 2);
        for (i, ch) in digits.chars().enumerate() {
            let left = n - i;
            let boundary = if self.indian && left > 3 { (left - 3).is_multiple_of(2) } else { left.is_multiple_of(3) };
            if i > 0 && boundary {
                out += &self.group;
            }
            out.push(ch);
        }
        out
    }

    /// An amount of money (exact cents ÷ 100), with the currency symbol when there is one.
    pub fn money(&self, v: f64) -> String {
        let cents = (v * 100.0).round() as i64;
        let amount = self.number(cents.unsigned_abs() as f64 / 100.0, 2);
        let sign = if cents < 0 { "-" } else { "" };
        match &self.currency {
            None => format!("{sign}{amount}"),
            Some(c) if c.before => format!("{sign}{}{}{amount}", c.symbol, c.gap),
            Some(c) => format!("{sign}{amount}{}{}", c.gap, c.symbol),
        }
    }

    /// Cents as money: 123456 → "1,234.56".
    pub fn cents(&self, c: i64) -> String {
        self.money(c as f64 / 100.0)
    }

    /// A day (days since 1970-01-01) in this style's order.
    pub fn day(&self, d: i32) -> String {
        let (y, m, dd) = crate::calendar::civil_from_days(d);
        let part = |p: char| match p {
            'y' => format!("{y:04}"),
            'm' => format!("{m:02}"),
            _ => format!("{dd:02}"),
        };
        self.date_order.iter().map(|p| part(*p)).collect::<Vec<_>>().join(&self.date_separator)
    }

    /// A value in its unit's form; "—" for none.
    pub fn display(&self, unit: Unit, value: Option<f64>) -> String {
        let Some(v) = value else { return NONE.to_string() };
        match unit {
            Unit::Points => self.number(v, 1),
            Unit::Rate => format!("{} %", self.number(v * 100.0, 1)),
            Unit::Score | Unit::Ratio => self.number(v, 2),
            Unit::Count => self.number(v, 0),
            Unit::Money => self.money(v),
            Unit::Hours => format!("{} h", self.number(v, 1)),
        }
    }

    /// A change between two periods: percentage points for rates, money for money.
    pub fn delta(&self, unit: Unit, d: f64) -> String {
        let plus = if d >= 0.0 { "+" } else { "" };
        match unit {
            Unit::Rate => format!("{plus}{} pts", self.number(d * 100.0, 1)),
            Unit::Money => format!("{plus}{}", self.money(d)),
            Unit::Count => format!("{plus}{}", self.number(d, 0)),
            Unit::Score | Unit::Ratio => format!("{plus}{}", self.number(d, 2)),
            Unit::Points => format!("{plus}{}", self.number(d, 1)),
            Unit::Hours => format!("{plus}{} h", self.number(d, 1)),
        }
    }

    /// "100 × (54 − 21) ÷ 150" style explanation of how a value was made, its numbers in this
    /// style (whole numbers grouped, others with two decimals).
    pub fn explain(&self, k: &KpiValue) -> String {
        let n = self.count(k.n);
        let num = |v: f64| self.number(v, if v.fract() == 0.0 { 0 } else { 2 });
        match (k.id, k.numerator, k.denominator) {
            ("nps" | "nps_margin_of_error" | "csat" | "ces" | "responses", _, _) if k.n == 0 => "no responses in this period".to_string(),
            ("nps", Some(net), Some(d)) => format!("100 × (promoters − detractors = {}) ÷ {} responses", num(net), num(d)),
            ("csat", Some(s), Some(d)) => format!("100 × {} satisfied ÷ {} responses", num(s), num(d)),
            ("ces", Some(sum), Some(d)) => format!("{} total effort ÷ {} responses", num(sum), num(d)),
            ("nps_margin_of_error", _, _) => format!("95 % interval half-width over {n} NPS responses"),
            ("responses", _, _) => format!("{n} answers"),
            ("mrr" | "arr" | "customers", _, _) => format!("{n} paying customers"),
            (id, Some(a), Some(b)) if id.ends_with("rate") || matches!(id, "nrr" | "grr" | "nrr_12m" | "quick_ratio") => format!("{} ÷ {}", num(a), num(b)),
            (id, _, _) if id.starts_with("mrr_") => format!("{n} customers"),
            _ => format!("n = {n}"),
        }
    }

    /// A KPI value as text in its `unit`'s form (the unit of its definition), the NPS margin of
    /// error as "±4.2", and a small sample marked with "*".
    pub fn value_text(&self, k: &KpiValue, unit: Unit) -> String {
        let text = match k.value {
            Some(v) if k.id == "nps_margin_of_error" => format!("±{}", self.number(v, 1)),
            v => self.display(unit, v),
        };
        if k.small_sample && k.value.is_some() {
            text + "*"
        } else {
            text
        }
    }
}

/// The plain style's forms, for the CLI and wherever no reader's locale applies.
pub fn display(unit: Unit, value: Option<f64>) -> String {
    Style::default().display(unit, value)
}

pub fn delta(unit: Unit, d: f64) -> String {
    Style::default().delta(unit, d)
}

/// 1234.5 → "1,234.50" (values are exact cents ÷ 100).
pub fn money(v: f64) -> String {
    Style::default().money(v)
}

/// Cents as money: 123456 → "1,234.56".
pub fn cents(c: i64) -> String {
    Style::default().cents(c)
}

/// A day (days since 1970-01-01) as `YYYY-MM-DD`.
pub fn day(d: i32) -> String {
    Style::default().day(d)
}

/// 1234567 → "1,234,567".
pub fn count_text(n: u64) -> String {
    Style::default().count(n)
}

/// A KPI value as text in the plain style.
pub fn value_text(k: &KpiValue, unit: Unit) -> String {
    Style::default().value_text(k, unit)
}

/// The raw number for `data-value`: full precision, empty when none.
pub fn raw(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// "100 × (54 − 21) ÷ 150" style explanation of how a value was made, in the plain style.
pub fn explain(k: &KpiValue) -> String {
    Style::default().explain(k)
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
        assert_eq!(display(Unit::Count, Some(10_000_000.0)), "10,000,000");
        assert_eq!(display(Unit::Points, Some(-0.04)), "0.0");
        assert_eq!(display(Unit::Points, Some(-1234.56)), "-1,234.6");
    }

    fn german() -> Style {
        Style {
            decimal: ",".into(),
            group: ".".into(),
            currency: Some(Currency { symbol: "€".into(), before: false, gap: "\u{a0}".into() }),
            date_order: ['d', 'm', 'y'],
            date_separator: ".".into(),
            ..Style::default()
        }
    }

    #[test]
    fn a_locale_moves_separators_symbol_and_date_parts() {
        let de = german();
        assert_eq!(de.display(Unit::Money, Some(-1234567.5)), "-1.234.567,50\u{a0}€");
        assert_eq!(de.display(Unit::Rate, Some(0.0526)), "5,3 %");
        assert_eq!(de.count(10_000_000), "10.000.000");
        assert_eq!(de.day(crate::calendar::days_from_civil(2024, 3, 9)), "09.03.2024");
        assert_eq!(de.delta(Unit::Money, 12.0), "+12,00\u{a0}€");
        let us = Style {
            currency: Some(Currency { symbol: "$".into(), before: true, gap: String::new() }),
            date_order: ['m', 'd', 'y'],
            date_separator: "/".into(),
            ..Style::default()
        };
        assert_eq!(us.money(-5.0), "-$5.00");
        assert_eq!(us.day(crate::calendar::days_from_civil(2024, 3, 9)), "03/09/2024");
        let india = Style { indian: true, ..Style::default() };
        assert_eq!(india.count(10_000_000), "1,00,00,000");
        assert_eq!(india.count(123_456), "1,23,456");
        assert_eq!(india.count(999), "999");
        let swiss = Style { group: "'".into(), ..Style::default() };
        assert_eq!(swiss.number(1234.5, 2), "1'234.50");
    }

    #[test]
    fn an_explanation_groups_its_numbers_in_the_readers_style() {
        let k = |id, numerator, denominator, n| KpiValue::new(id, "subscriptions", "2026-10", Some(0.5), numerator, denominator, n);
        let nrr = k("nrr", Some(89490.0), Some(92825.0), 327);
        assert_eq!(explain(&nrr), "89,490 ÷ 92,825");
        assert_eq!(german().explain(&k("grr", Some(84980.5), Some(92825.0), 327)), "84.980,50 ÷ 92.825");
        assert_eq!(german().explain(&k("mrr", None, None, 12345)), "12.345 paying customers");
        assert_eq!(explain(&k("arpa", None, None, 1234)), "n = 1,234");
    }
}
