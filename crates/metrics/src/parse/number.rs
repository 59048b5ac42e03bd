//! Locale-tolerant number parsing for CSV cells: thousands separators, decimal comma, currency
//! symbols and ISO codes, negatives in parentheses or with a trailing minus, and percentages.
//! Money comes out exact, as integer minor units (cents) rounded half away from zero.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NumberStyle {
    /// True when a lone comma is a decimal separator (`1,5`, and `1,234` read as 1.234).
    pub decimal_comma: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParsedNumber {
    /// Exact value as `mantissa / 10^scale`.
    pub mantissa: i128,
    pub scale: u32,
    pub currency: Option<String>,
    /// The cell ended with `%`; `mantissa/10^scale` is already divided by 100.
    pub percent: bool,
}

impl ParsedNumber {
    pub fn value(&self) -> f64 {
        self.mantissa as f64 / 10f64.powi(self.scale as i32)
    }

    /// Integer minor units (2 decimals), rounded once, half away from zero.
    pub fn cents(&self) -> Option<i64> {
        let m = self.mantissa;
        let c = if self.scale <= 2 {
            m.checked_mul(10i128.checked_pow(2 - self.scale)?)?
        } else {
            let div = 10i128.checked_pow(self.scale - 2)?;
            let q = m / div;
            let r = (m % div).abs();
            if r * 2 >= div {
                q + m.signum()
            } else {
                q
            }
        };
        i64::try_from(c).ok()
    }
}

const SYMBOLS: [(&str, &str); 9] =
    [("US$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"), ("₩", "KRW"), ("₽", "RUB"), ("R$", "BRL")];

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}' || c == '\u{2009}'
}

/// Strips one currency symbol or 3-letter code at either end.
fn strip_currency(s: &str) -> (&str, Option<String>) {
    let t = s.trim_matches(is_space);
    for (sym, code) in SYMBOLS {
        if let Some(rest) = t.strip_prefix(sym) {
            return (rest.trim_matches(is_space), Some(code.to_string()));
        }
        if let Some(rest) = t.strip_suffix(sym) {
            return (rest.trim_matches(is_space), Some(code.to_string()));
        }
    }
    let bytes = t.as_bytes();
    if bytes.len() > 3 && bytes[..3].iter().all(u8::is_ascii_uppercase) && !bytes[3].is_ascii_alphabetic() {
        return (t[3..].trim_matches(is_space), Some(t[..3].to_string()));
    }
    if bytes.len() > 3 {
        let n = bytes.len();
        if bytes[n - 3..].iter().all(u8::is_ascii_uppercase) && !bytes[n - 4].is_ascii_alphabetic() {
            return (t[..n - 3].trim_matches(is_space), Some(t[n - 3..].to_string()));
        }
    }
    (t, None)
}

/// Parses a numeric cell. Returns a lowercase reason on failure.
pub fn parse_number(text: &str, style: NumberStyle) -> Result<ParsedNumber, String> {
    // Fast path: plain integers, the common case for scores.
    let b = text.as_bytes();
    if !b.is_empty() && b.len() <= 18 && b.iter().all(u8::is_ascii_digit) {
        let mantissa = b.iter().fold(0i128, |acc, d| acc * 10 + (d - b'0') as i128);
        return Ok(ParsedNumber { mantissa, scale: 0, currency: None, percent: false });
    }
    let mut s = text.trim_matches(is_space);
    if s.is_empty() {
        return Err("empty number".into());
    }
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = s[1..s.len() - 1].trim_matches(is_space);
    }
    let mut currency = None;
    let sign_then_currency = |s: &mut &str, negative: &mut bool| {
        if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
            *negative = !*negative;
            *s = rest.trim_matches(is_space);
        } else if let Some(rest) = s.strip_prefix('+') {
            *s = rest.trim_matches(is_space);
        }
    };
    sign_then_currency(&mut s, &mut negative);
    let (rest, cur) = strip_currency(s);
    if cur.is_some() {
        currency = cur;
        s = rest;
        sign_then_currency(&mut s, &mut negative);
    }
    if let Some(rest) = s.strip_suffix('-') {
        negative = !negative;
        s = rest.trim_matches(is_space);
    }
    let mut percent = false;
    if let Some(rest) = s.strip_suffix('%') {
        percent = true;
        s = rest.trim_matches(is_space);
    }
    if s.is_empty() {
        return Err(format!("'{}' is not a number", text.trim()));
    }
    let digits = parse_digits(s, style).ok_or_else(|| format!("'{}' is not a number", text.trim()))?;
    let (mut mantissa, mut scale) = digits;
    if percent {
        scale += 2;
    }
    if negative {
        mantissa = -mantissa;
    }
    // Normalise trailing zeros so equal values compare equal.
    while scale > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    Ok(ParsedNumber { mantissa, scale, currency, percent })
}

/// Digits with grouping and one decimal separator → (mantissa, scale).
fn parse_digits(s: &str, style: NumberStyle) -> Option<(i128, u32)> {
    let mut cleaned = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '0'..='9' | '.' | ',' => cleaned.push(c),
            '\'' | '\u{a0}' | '\u{202f}' | '\u{2009}' | ' ' | '_' => cleaned.push('_'),
            _ => return None,
        }
    }
    let dots = cleaned.matches('.').count();
    let commas = cleaned.matches(',').count();
    let decimal = match (dots, commas) {
        (0, 0) => None,
        (_, 0) if dots > 1 => None, // 1.234.567: grouping
        (0, _) if commas > 1 => None,
        (1, 0) => single_is_decimal(&cleaned, '.', !style.decimal_comma).then_some('.'),
        (0, 1) => single_is_decimal(&cleaned, ',', style.decimal_comma).then_some(','),
        _ => {
            let last_dot = cleaned.rfind('.').unwrap_or(0);
            let last_comma = cleaned.rfind(',').unwrap_or(0);
            let d = if last_dot > last_comma { '.' } else { ',' };
            if cleaned.matches(d).count() > 1 {
                return None;
            }
            Some(d)
        }
    };
    let (int_part, frac_part) = match decimal {
        Some(d) => {
            let i = cleaned.rfind(d)?;
            (&cleaned[..i], &cleaned[i + 1..])
        }
        None => (cleaned.as_str(), ""),
    };
    // Grouped integer part: every group after the first has exactly 3 digits.
    let groups: Vec<&str> = int_part.split(['.', ',', '_']).collect();
    if groups.len() > 1 && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    if !frac_part.bytes().all(|b| b.is_ascii_digit()) || (int_part.is_empty() && frac_part.is_empty()) {
        return None;
    }
    let all: String = groups.concat() + frac_part;
    if all.is_empty() || all.len() > 36 {
        return None;
    }
    Some((all.parse::<i128>().ok()?, frac_part.len() as u32))
}

/// A lone separator: decimal unless it is followed by exactly three digits and grouping is the
/// file's convention for that character.
fn single_is_decimal(s: &str, sep: char, prefer_decimal: bool) -> bool {
    let i = s.find(sep).unwrap_or(0);
    let after = &s[i + 1..];
    let three = after.len() == 3 && after.bytes().all(|b| b.is_ascii_digit()) && i > 0;
    !three || prefer_decimal
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> f64 {
        parse_number(s, NumberStyle::default()).unwrap().value()
    }
    fn eu(s: &str) -> f64 {
        parse_number(s, NumberStyle { decimal_comma: true }).unwrap().value()
    }
    fn cents(s: &str) -> i64 {
        parse_number(s, NumberStyle::default()).unwrap().cents().unwrap()
    }

    #[test]
    fn reads_the_spec_examples() {
        assert_eq!(num("1234.5"), 1234.5);
        assert_eq!(cents("$1,234.50"), 123_450);
        assert_eq!(eu("1.234,50 €"), 1234.5);
        assert_eq!(cents("(12.00)"), -1200);
        assert_eq!(cents("USD 99"), 9900);
        let p = parse_number("USD 99", NumberStyle::default()).unwrap();
        assert_eq!(p.currency.as_deref(), Some("USD"));
        let p = parse_number("1.234,50 €", NumberStyle::default()).unwrap();
        assert_eq!(p.currency.as_deref(), Some("EUR"));
    }

    #[test]
    fn handles_separators_signs_and_percentages() {
        assert_eq!(num("1,234"), 1234.0);
        assert_eq!(eu("1,234"), 1.234);
        assert_eq!(num("1,5"), 1.5);
        assert_eq!(eu("1.234"), 1234.0);
        assert_eq!(num("1.234.567"), 1_234_567.0);
        assert_eq!(num("1 234 567,89"), 1_234_567.89);
        assert_eq!(num("1'234.5"), 1234.5);
        assert_eq!(num("-3.25"), -3.25);
        assert_eq!(num("3.25-"), -3.25);
        assert_eq!(num("-$5"), -5.0);
        assert_eq!(num("$-5"), -5.0);
        assert_eq!(num("45%"), 0.45);
        assert_eq!(num("12,5 %"), 0.125);
        assert_eq!(num(".5"), 0.5);
        assert_eq!(num("9"), 9.0);
        assert_eq!(cents("0.005"), 1);
        assert_eq!(cents("-0.005"), -1);
        assert_eq!(cents("0.0049"), 0);
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for bad in ["", "abc", "1.2.3,4,5", "12,34,5", "1,2345,6", "--", "$", "1e5", "N/A", "1.2.3.4,5.6"] {
            assert!(parse_number(bad, NumberStyle::default()).is_err(), "{bad}");
        }
    }
}
