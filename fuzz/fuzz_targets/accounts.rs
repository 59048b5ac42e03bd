//! The accounts reader and its KPIs on any bytes (see `northstar_fuzz::source`).
#![no_main]
use libfuzzer_sys::fuzz_target;
use northstar_metrics::source::SourceId;

fuzz_target!(|data: &[u8]| northstar_fuzz::source(SourceId::Accounts, data));
