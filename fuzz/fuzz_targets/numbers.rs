//! The number parser: any text parses or says why, in both styles; a parsed number has a finite
//! value, and its cents are the value rounded to two places when they fit.
#![no_main]
use libfuzzer_sys::fuzz_target;
use northstar_metrics::parse::number::{parse_number, NumberStyle};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for decimal_comma in [false, true] {
        match parse_number(text, NumberStyle { decimal_comma }) {
            Err(reason) => assert!(!reason.is_empty()),
            Ok(n) => {
                let v = n.value();
                assert!(!v.is_nan(), "{text:?}: {n:?}");
                if let Some(c) = n.cents() {
                    let expected = (v * 100.0).round();
                    if v.abs() < 1e12 {
                        assert!((c as f64 - expected).abs() <= 1.0, "{text:?}: {c} cents for {v}");
                    }
                }
            }
        }
    }
});
