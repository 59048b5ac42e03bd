//! The streaming gunzip: fed in two pieces, cut anywhere, it gives what flate2's multi-member
//! decoder gives for the same bytes, or an error. One difference is ours: zero bytes after a
//! member are padding (as GNU gzip reads them), where flate2 reads a header and fails after
//! giving the same bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use northstar_formats::Gunzip;
use std::io::Read;

fuzz_target!(|data: &[u8]| {
    let Some((at, body)) = northstar_fuzz::cut(data) else { return };
    let mut gunzip = Gunzip::new();
    let mut out = Vec::new();
    let ours = gunzip.feed(&body[..at], &mut out).and_then(|_| gunzip.feed(&body[at..], &mut out)).and_then(|_| gunzip.finish(&mut out));
    if ours.is_ok() {
        let mut reference = Vec::new();
        let theirs = flate2::read::MultiGzDecoder::new(body).take(1 << 26).read_to_end(&mut reference);
        assert_eq!(out, reference);
        assert!(theirs.is_ok() || body.ends_with(&[0]), "we read {} bytes that flate2 refuses: {theirs:?}", out.len());
    }
});
