//! Workbooks (xlsx, xls, ods): listing sheets and turning the first into CSV ends in a table or
//! a located error. calamine panics on some damaged files; natively `guarded` turns that into an
//! error, so this target silences panic messages and only an uncaught panic (which libFuzzer
//! still reports) is a crash. In the wasm worker such a panic traps; the page restarts the
//! engine and says so (`src/browser/worker_client.rs`).
#![no_main]
use libfuzzer_sys::fuzz_target;
use northstar_formats::{unpack, Container};

static QUIET: std::sync::Once = std::sync::Once::new();

fuzz_target!(|data: &[u8]| {
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let Some((&which, body)) = data.split_first() else { return };
    let kind = [Container::Xlsx, Container::Xls, Container::Ods][which as usize % 3];
    let _ = unpack(body, kind, None);
});
