//! The CSV tokenizer: the records of a text read in two pieces, cut anywhere (on a character
//! boundary), are those of the text read whole, with the same lines and quoting problems.
#![no_main]
use libfuzzer_sys::fuzz_target;
use northstar_metrics::ingest::csv::{read_all, CsvReader, Record};

fn rows(records: &[Record]) -> Vec<(u64, Vec<&str>)> {
    records.iter().map(|r| (r.line, r.fields().collect())).collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((at, body)) = northstar_fuzz::cut(data) else { return };
    let Ok(text) = std::str::from_utf8(body) else { return };
    let delimiter = [b',', b';', b'\t', b'|'][at % 4];
    let (whole, problems) = read_all(text, delimiter);
    let mut at = at;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let mut reader = CsvReader::new(delimiter);
    let mut pieces = Vec::new();
    reader.feed(&text[..at], &mut |r| pieces.push(r.clone()));
    reader.feed(&text[at..], &mut |r| pieces.push(r.clone()));
    reader.finish(&mut |r| pieces.push(r.clone()));
    assert_eq!(rows(&whole), rows(&pieces), "cut at {at}");
    assert_eq!(problems, reader.problems);
    for r in &whole {
        assert!(r.line >= 1 && r.line <= text.matches(['\n', '\r']).count() as u64 + 1);
    }
});
