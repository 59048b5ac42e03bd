//! The date parser: any text parses or says why; a parsed instant is a real calendar day and
//! time, and both day/month orders resolve an ambiguous one or say why not.
#![no_main]
use libfuzzer_sys::fuzz_target;
use northstar_metrics::parse::datetime::{parse_stamp, DateOrder, RawStamp};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse_stamp(text) {
        Err(reason) => assert!(!reason.is_empty()),
        Ok(raw) => {
            if let RawStamp::Ambiguous { p1, p2, .. } = raw {
                assert!((1..=31).contains(&p1) && (1..=31).contains(&p2) && p1.min(p2) <= 12, "{text:?}: {raw:?}");
            }
            for order in [DateOrder::Mdy, DateOrder::Dmy, DateOrder::Auto] {
                if let Ok(stamp) = order.resolve(raw) {
                    assert!(stamp.offset.abs() <= 18 * 3600, "{text:?}: {stamp:?}");
                    let _ = stamp.day();
                }
            }
        }
    }
});
