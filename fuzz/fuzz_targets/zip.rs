//! Zip archives: listing and unpacking any bytes ends in a table or a located error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use northstar_formats::{unpack, Container};

fuzz_target!(|data: &[u8]| {
    if let Ok(part) = unpack(data, Container::Zip, None) {
        assert!(!part.name.is_empty());
    }
});
