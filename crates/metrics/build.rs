//! Generates the comment analysis' tables in OUT_DIR, in the compact form the Web Worker carries:
//! - `lexicon.rs`: VADER's lexicon (`data/vader_lexicon.tsv`) as its words joined by newlines and
//!   their mean valences in tenths (every mean has one decimal), 26 KB gzipped instead of 31.
//! - `stop_words.rs`: the NLTK stop-word lists of the `stop-words` crate for English and the
//!   languages the analysis tells apart from it, each joined by newlines. Copying them here keeps
//!   the other languages the crate carries out of the binary.
//!
//! And the vendor profiles: `profiles.rs`, every `profiles/*.toml` checked (known keys, known
//! source kinds, status classes, units and date orders) and compiled into `PROFILES` (see
//! `src/profile.rs`), sorted by file name. A profile that breaks a rule fails the build with its
//! file and the reason.

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

const SOURCES: [(&str, &str); 7] = [
    ("subscriptions", "Subscriptions"),
    ("accounts", "Accounts"),
    ("orders", "Orders"),
    ("surveys", "Surveys"),
    ("tickets", "Tickets"),
    ("usage", "Usage"),
    ("funnel", "Funnel"),
];
const STATUSES: [(&str, &str); 6] =
    [("paid", "Paid"), ("refunded", "Refunded"), ("pending", "Pending"), ("active", "Active"), ("trial", "Trial"), ("churned", "Churned")];
const KEYS: [&str; 15] = [
    "order_amount_repeats",
    "settings",
    "vendor",
    "export",
    "source",
    "cite",
    "signature",
    "person_key",
    "anonymous_key",
    "roles",
    "segments",
    "ignore",
    "amount_unit",
    "date_order",
    "statuses",
];

fn strings(file: &str, key: &str, v: Option<&toml::Value>) -> Vec<String> {
    match v {
        None => Vec::new(),
        Some(toml::Value::String(s)) => vec![s.clone()],
        Some(toml::Value::Array(a)) => {
            a.iter().map(|x| x.as_str().map(str::to_string).unwrap_or_else(|| panic!("profiles/{file}: '{key}' must hold strings"))).collect()
        }
        Some(_) => panic!("profiles/{file}: '{key}' must be a string or a list of strings"),
    }
}

fn list(items: &[String]) -> String {
    format!("&[{}]", items.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", "))
}

fn profile(file: &str, text: &str) -> String {
    let doc: toml::Table = text.parse().unwrap_or_else(|e| panic!("profiles/{file}: not valid TOML: {e}"));
    for k in doc.keys() {
        assert!(KEYS.contains(&k.as_str()), "profiles/{file}: unknown key '{k}' (keys: {})", KEYS.join(", "));
    }
    let one = |k: &str| -> String {
        doc.get(k).and_then(|v| v.as_str()).map(str::to_string).unwrap_or_else(|| panic!("profiles/{file}: '{k}' is required (a string)"))
    };
    let source = one("source");
    let variant = SOURCES.iter().find(|(id, _)| *id == source).map(|(_, v)| *v).unwrap_or_else(|| panic!("profiles/{file}: no source kind '{source}'"));
    let cite = strings(file, "cite", doc.get("cite"));
    assert!(!cite.is_empty(), "profiles/{file}: 'cite' says where the header comes from");
    let signature: Vec<Vec<String>> = match doc.get("signature") {
        Some(toml::Value::Array(groups)) => groups.iter().map(|g| strings(file, "signature", Some(g))).collect(),
        _ => panic!("profiles/{file}: 'signature' must be a list of groups of header names"),
    };
    assert!(!signature.is_empty() && signature.iter().all(|g| !g.is_empty()), "profiles/{file}: an empty signature");
    let roles = match doc.get("roles") {
        None => Vec::new(),
        Some(toml::Value::Table(t)) => t.iter().map(|(role, v)| (role.clone(), strings(file, role, Some(v)))).collect(),
        Some(_) => panic!("profiles/{file}: 'roles' must be a table of role = column(s)"),
    };
    let statuses = match doc.get("statuses") {
        None => Vec::new(),
        Some(toml::Value::Table(t)) => t
            .iter()
            .map(|(class, v)| {
                let variant = STATUSES
                    .iter()
                    .find(|(c, _)| c == class)
                    .map(|(_, v)| *v)
                    .unwrap_or_else(|| panic!("profiles/{file}: no status class '{class}' (classes: {})", STATUSES.map(|s| s.0).join(", ")));
                (variant, strings(file, class, Some(v)))
            })
            .collect(),
        Some(_) => panic!("profiles/{file}: 'statuses' must be a table of class = words"),
    };
    let unit = match doc.get("amount_unit").and_then(|v| v.as_str()) {
        None => "None".to_string(),
        Some("cents") => "Some(AmountUnit::Cents)".to_string(),
        Some("units") => "Some(AmountUnit::Units)".to_string(),
        Some(other) => panic!("profiles/{file}: amount_unit '{other}' (cents or units)"),
    };
    let date_order = match doc.get("date_order").and_then(|v| v.as_str()) {
        None => "None".to_string(),
        // Year first reads one way only: nothing to decide.
        Some("ymd") => "None".to_string(),
        Some("dmy") => "Some(DateOrder::Dmy)".to_string(),
        Some("mdy") => "Some(DateOrder::Mdy)".to_string(),
        Some(other) => panic!("profiles/{file}: date_order '{other}' (ymd, dmy or mdy)"),
    };
    let settings: Vec<(String, String)> = match doc.get("settings") {
        None => Vec::new(),
        Some(toml::Value::Table(t)) => {
            t.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_else(|| panic!("profiles/{file}: settings.{k} must be a string")).to_string())).collect()
        }
        Some(_) => panic!("profiles/{file}: 'settings' must be a table of key = value"),
    };
    let repeats = match doc.get("order_amount_repeats") {
        None => false,
        Some(toml::Value::Boolean(b)) => *b,
        Some(_) => panic!("profiles/{file}: order_amount_repeats is true or false"),
    };
    let id = file.trim_end_matches(".toml");
    format!(
        "    Profile {{ id: {id:?}, vendor: {:?}, export: {:?}, source: SourceId::{variant}, cite: {}, signature: &[{}], person_key: {}, anonymous_key: {}, roles: &[{}], segments: {}, ignore: {}, amount_unit: {unit}, date_order: {date_order}, statuses: &[{}], order_amount_repeats: {repeats}, settings: &[{}] }},\n",
        doc.get("vendor").and_then(|v| v.as_str()).unwrap_or(""),
        one("export"),
        list(&cite),
        signature.iter().map(|g| list(g)).collect::<Vec<_>>().join(", "),
        list(&strings(file, "person_key", doc.get("person_key"))),
        list(&strings(file, "anonymous_key", doc.get("anonymous_key"))),
        roles.iter().map(|(r, c)| format!("({r:?}, {})", list(c))).collect::<Vec<_>>().join(", "),
        list(&strings(file, "segments", doc.get("segments"))),
        list(&strings(file, "ignore", doc.get("ignore"))),
        statuses.iter().map(|(v, w)| format!("(Status::{v}, {})", list(w))).collect::<Vec<_>>().join(", "),
        settings.iter().map(|(k, v)| format!("({k:?}, {v:?})")).collect::<Vec<_>>().join(", "),
    )
}

fn profiles() -> String {
    let mut files: Vec<String> = std::fs::read_dir("profiles")
        .expect("profiles/ holds the vendor profiles")
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    files.sort();
    let mut out = String::from("/// Every vendor profile, from `profiles/*.toml`, by file name.\npub static PROFILES: &[Profile] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed=profiles/{f}");
        let text = std::fs::read_to_string(Path::new("profiles").join(f)).unwrap();
        out.push_str(&profile(f, &text));
    }
    out.push_str("];\n");
    out
}

fn main() {
    println!("cargo:rerun-if-changed=profiles");
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
    std::fs::write(Path::new(&out).join("profiles.rs"), profiles()).unwrap();
}
