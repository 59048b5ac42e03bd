//! The share-link decoder: any fragment decodes to a valid payload or says why; a decoded payload
//! encodes again to a link that decodes to the same payload. The first byte chooses whether the
//! rest is the fragment itself, or the JSON inside a version-1 link (so the fuzzer reaches the
//! validation behind the zlib and base64 layers).
#![no_main]
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use flate2::write::ZlibEncoder;
use libfuzzer_sys::fuzz_target;
use northstar_share::{decode, encode, SharePayload, FORMAT_VERSION};
use std::io::Write;

fn wrapped(json: &[u8]) -> String {
    let mut z = ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(json).expect("in memory");
    format!("s=1.{}", URL_SAFE_NO_PAD.encode(z.finish().expect("in memory")))
}

fuzz_target!(|data: &[u8]| {
    let Some((&how, rest)) = data.split_first() else { return };
    let fragment = if how % 2 == 0 {
        match std::str::from_utf8(rest) {
            Ok(text) => text.to_string(),
            Err(_) => return,
        }
    } else {
        wrapped(rest)
    };
    if let Ok(payload) = decode(&fragment) {
        let again = encode(&payload).expect("a decoded payload encodes");
        let back = decode(&again.fragment).expect("an encoded payload decodes");
        assert_eq!(SharePayload { version: FORMAT_VERSION, ..payload }, back);
    }
});
