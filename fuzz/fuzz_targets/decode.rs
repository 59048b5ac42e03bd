//! The byte decoder (UTF-8, UTF-16 with a BOM, the Windows-1252 fallback): decoding in two pieces,
//! cut anywhere past the byte-order mark, gives the text decoding whole gives.
#![no_main]
use libfuzzer_sys::fuzz_target;
use northstar_metrics::ingest::decode::decode_all;
use northstar_metrics::ingest::Decoder;

fuzz_target!(|data: &[u8]| {
    let Some((at, body)) = northstar_fuzz::cut(data) else { return };
    let (whole, decoder) = decode_all(body);
    let mut pieces = Decoder::new();
    let mut text = String::new();
    pieces.decode(&body[..at], &mut text);
    pieces.decode(&body[at..], &mut text);
    pieces.finish(&mut text);
    assert_eq!(whole, text, "cut at {at}");
    assert_eq!(decoder.label(), pieces.label());
});
