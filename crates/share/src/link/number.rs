//! One KPI value in a link, as short as it can be written and read back bit for bit.
//!
//! - none: `null`;
//! - a whole number below 2^53: a JSON integer (`12`, not `12.0`);
//! - a fraction of two integers below 2^53 whose f64 quotient is exactly the value, when shorter:
//!   a string `"p/q"` (`q` ≥ 1, `p` ≠ 0, no leading zeros). Rates are mostly such quotients
//!   (`0.03225806451612903` is `1/31` churned of 31), and IEEE 754 division is correctly rounded
//!   everywhere, so `p as f64 / q as f64` (Python: `p / q`) is the same value on every platform;
//! - otherwise the shortest JSON number that reads back exactly.
//!
//! On the demos' results this makes links 6 to 20 % shorter than plain numbers (the Revenue page's
//! 4.9 KiB becomes 3.9 KiB).

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// 2^53: integers below it are exact in an f64.
const EXACT: f64 = 9_007_199_254_740_992.0;
const EXACT_INT: u64 = 1 << 53;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(pub Option<f64>);

/// The fraction `p/q` (lowest terms, q > 1) whose f64 quotient is `x`, from the continued fraction
/// convergents of `x`; none when there is none with both terms below 2^53.
pub fn fraction(x: f64) -> Option<(i64, u64)> {
    if !x.is_finite() || x.fract() == 0.0 {
        return None;
    }
    let target = x.abs();
    let mut rest = target;
    let (mut h0, mut h1, mut k0, mut k1) = (0u64, 1u64, 1u64, 0u64);
    for _ in 0..64 {
        let a = rest.floor();
        if a >= EXACT {
            return None;
        }
        let a = a as u64;
        let h = a.checked_mul(h1)?.checked_add(h0)?;
        let k = a.checked_mul(k1)?.checked_add(k0)?;
        if h >= EXACT_INT || k >= EXACT_INT {
            return None;
        }
        if k > 1 && h as f64 / k as f64 == target {
            let p = h as i64;
            return Some((if x < 0.0 { -p } else { p }, k));
        }
        (h0, h1, k0, k1) = (h1, h, k1, k);
        let f = rest - rest.floor();
        if f == 0.0 {
            return None;
        }
        rest = 1.0 / f;
    }
    None
}

/// `"p/q"` read strictly: an optional `-`, then digits without a leading zero, `/`, digits
/// without a leading zero; both below 2^53, p ≠ 0, q ≥ 1.
pub fn parse_fraction(text: &str) -> Option<f64> {
    let (p, q) = text.split_once('/')?;
    let (negative, p) = match p.strip_prefix('-') {
        Some(p) => (true, p),
        None => (false, p),
    };
    let int = |t: &str| -> Option<u64> {
        let ok = !t.is_empty() && t.len() <= 16 && !t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| t.parse::<u64>().ok()).flatten().filter(|n| *n < EXACT_INT)
    };
    let (p, q) = (int(p)?, int(q)?);
    let v = p as f64 / q as f64;
    Some(if negative { -v } else { v })
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Some(x) = self.0 else { return s.serialize_none() };
        if x.fract() == 0.0 && x.abs() < EXACT && !(x == 0.0 && x.is_sign_negative()) {
            return s.serialize_i64(x as i64);
        }
        if let Some((p, q)) = fraction(x) {
            let text = format!("{p}/{q}");
            // The plain number's JSON length, quotes counted for the string.
            if text.len() + 2 < serde_json::to_string(&x).map_or(usize::MAX, |t| t.len()) {
                return s.serialize_str(&text);
            }
        }
        s.serialize_f64(x)
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Number, D::Error> {
        d.deserialize_any(NumberVisitor)
    }
}

struct NumberVisitor;

impl<'de> Visitor<'de> for NumberVisitor {
    type Value = Number;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, null or a fraction \"p/q\"")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Number, E> {
        Ok(Number(None))
    }
    fn visit_none<E: de::Error>(self) -> Result<Number, E> {
        Ok(Number(None))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
        Ok(Number(Some(v as f64)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
        Ok(Number(Some(v as f64)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
        if v.is_finite() {
            Ok(Number(Some(v)))
        } else {
            Err(E::custom("a value is not a finite number"))
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Number, E> {
        parse_fraction(v).map(|x| Number(Some(x))).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(x: Option<f64>) -> String {
        serde_json::to_string(&Number(x)).unwrap()
    }

    #[test]
    fn shortest_exact_form() {
        assert_eq!(json(None), "null");
        assert_eq!(json(Some(1200.0)), "1200");
        assert_eq!(json(Some(-3.0)), "-3");
        assert_eq!(json(Some(-0.0)), "-0.0");
        assert_eq!(json(Some(1.0 / 31.0)), "\"1/31\"");
        assert_eq!(json(Some(-2.0 / 3.0)), "\"-2/3\"");
        assert_eq!(json(Some(1234567.0 / 1200000.0)), "\"1234567/1200000\"");
        // Plain decimals are as short or shorter: 0.5 is "1/2" with quotes.
        assert_eq!(json(Some(0.5)), "0.5");
        assert_eq!(json(Some(1250.5)), "1250.5");
        assert_eq!(json(Some(0.1 + 0.2)), "0.30000000000000004");
        assert_eq!(json(Some(std::f64::consts::PI)), "3.141592653589793");
        assert_eq!(json(Some(1e300)), "1e+300");
    }

    #[test]
    fn reads_back_bit_for_bit() {
        for x in [
            1.0 / 31.0,
            -2.0 / 3.0,
            1234567.0 / 1200000.0,
            0.1 + 0.2,
            1e-300,
            5e-324,
            f64::MAX,
            -f64::MIN_POSITIVE,
            123456789.12345679,
            7.0 / 9007199254740991.0,
        ] {
            let back: Number = serde_json::from_str(&json(Some(x))).unwrap();
            assert_eq!(back.0.map(f64::to_bits), Some(x.to_bits()), "{x}");
        }
    }

    #[test]
    fn fractions_are_read_strictly() {
        assert_eq!(parse_fraction("1/31"), Some(1.0 / 31.0));
        assert_eq!(parse_fraction("-2/3"), Some(-2.0 / 3.0));
        for bad in
            ["", "/", "1/", "/3", "0/3", "1/0", "01/3", "1/03", "+1/3", "1/-3", "1.5/3", "1/3/4", " 1/3", "9007199254740992/3", "1/9007199254740992", "１/3"]
        {
            assert_eq!(parse_fraction(bad), None, "{bad}");
        }
        assert!(serde_json::from_str::<Number>("\"1/0\"")
            .unwrap_err()
            .to_string()
            .starts_with("invalid value: string \"1/0\", expected a number, null or a fraction \"p/q\""));
        assert!(serde_json::from_str::<Number>("true").is_err());
        assert!(serde_json::from_str::<Number>("[1]").is_err());
    }
}
