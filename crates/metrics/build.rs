//! Generates the comment analysis' tables in OUT_DIR, in the compact form the Web Worker carries:
//! - `lexicon.rs`: VADER's lexicon (`data/vader_lexicon.tsv`) as its words joined by newlines and
//!   their mean valences in tenths (every mean has one decimal), 26 KB gzipped instead of 31.
//! - `stop_words.rs`: the NLTK stop-word lists of the `stop-words` crate for English and the
//!   languages the analysis tells apart from it, each joined by newlines. Copying them here keeps
//!   the other languages the crate carries out of the binary.

use std::fmt::Write;
use std::path::Path;

const OTHERS: [(&str, &str); 6] = [("German", "de"), ("French", "fr"), ("Spanish", "es"), ("Italian", "it"), ("Portuguese", "pt"), ("Dutch", "nl")];

fn stop_words(code: &str) -> String {
    let mut words: Vec<String> = stop_words::get(code).iter().map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect();
    words.sort();
    words.dedup();
    format!("{:?}", words.join("\n"))
}

fn lexicon(tsv: &str) -> String {
    let (mut words, mut tenths) = (Vec::new(), Vec::new());
    for (n, line) in tsv.lines().enumerate() {
        let (word, mean) = line.split_once('\t').unwrap_or_else(|| panic!("vader_lexicon.tsv line {}: no tab", n + 1));
        let value: f64 = mean.parse().unwrap_or_else(|_| panic!("vader_lexicon.tsv line {}: '{mean}' is no number", n + 1));
        let t = (value * 10.0).round();
        assert!(t / 10.0 == value && t.abs() < 128.0, "vader_lexicon.tsv line {}: '{mean}' is not a whole number of tenths", n + 1);
        assert!(!word.contains('\n'));
        words.push(word);
        tenths.push(t as i8);
    }
    let mut out = format!("/// The lexicon's words, in its order.\npub static WORDS: &str = {:?};\n", words.join("\n"));
    write!(out, "/// Each word's mean valence in tenths.\npub static TENTHS: [i8; {}] = {:?};\n", tenths.len(), tenths).unwrap();
    out
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=data/vader_lexicon.tsv");
    let out = std::env::var("OUT_DIR").unwrap();
    let tsv = std::fs::read_to_string("data/vader_lexicon.tsv").unwrap();
    std::fs::write(Path::new(&out).join("lexicon.rs"), lexicon(&tsv)).unwrap();
    let mut code = format!("/// English stop words (NLTK), one per line, sorted.\npub static ENGLISH: &str = {};\n", stop_words("en"));
    code.push_str("/// Other languages' stop words (NLTK), one per line.\npub static OTHERS: [(&str, &str); ");
    writeln!(code, "{}] = [", OTHERS.len()).unwrap();
    for (name, iso) in OTHERS {
        writeln!(code, "    ({name:?}, {}),", stop_words(iso)).unwrap();
    }
    code.push_str("];\n");
    std::fs::write(Path::new(&out).join("stop_words.rs"), code).unwrap();
}
