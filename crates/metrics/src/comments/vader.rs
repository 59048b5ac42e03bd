//! VADER sentiment (Hutto and Gilbert, "VADER: A Parsimonious Rule-based Model for Sentiment
//! Analysis of Social Media Text", ICWSM-14), as vaderSentiment 3.3.2 computes the compound score:
//! each token's valence from the VADER lexicon, raised or lowered by the booster words before it
//! ("very", "slightly"), flipped by a negation within three tokens ("not", "isn't", "never"),
//! raised for ALL CAPS among lower case, the idioms ("kiss of death"), "at least", the words after
//! "but" weighing 1.5 and those before 0.5, "!" and "?" emphasis, then normalised to −1…1 as
//! `sum / √(sum² + 15)` and rounded to 4 decimals.
//!
//! The lexicon is VADER 3.3.2's `vader_lexicon.txt` reduced to its word and mean valence columns
//! (`data/vader_lexicon.tsv`: 7,520 entries; packed by `build.rs` into 26 KB gzipped instead of
//! 88 KB with the raters' columns, which keeps the engine's Web Worker within its size budget).
//! Left out of the reference: emoji are not translated into words (the emoji table alone is 23 KB
//! gzipped); casing follows Rust's Unicode tables rather than CPython's; the "but" weights go by
//! position (the reference re-finds each value's first equal slot, which differs only when equal
//! valences straddle the "but"); and the valences are summed plainly, not with CPython's
//! compensated `sum` (a difference far below the 4 decimals kept). The tests check the compound
//! against the `vader-parity` crate (bit-for-bit parity with Python's vaderSentiment 3.3.2) on
//! every lexicon word and on sentences exercising each rule.

use std::collections::HashMap;
use std::sync::OnceLock;

/// VADER 3.3.2's lexicon (`data/vader_lexicon.tsv`), as `build.rs` packs it.
mod packed {
    include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));
}

/// Booster words (the reference's `BOOSTER_DICT`): +0.293 before a word, away from zero.
const BOOST_UP: &[&str] = &[
    "absolutely",
    "amazingly",
    "awfully",
    "completely",
    "considerable",
    "considerably",
    "decidedly",
    "deeply",
    "effing",
    "enormous",
    "enormously",
    "entirely",
    "especially",
    "exceptional",
    "exceptionally",
    "extreme",
    "extremely",
    "fabulously",
    "flipping",
    "flippin",
    "frackin",
    "fracking",
    "fricking",
    "frickin",
    "frigging",
    "friggin",
    "fully",
    "fuckin",
    "fucking",
    "fuggin",
    "fugging",
    "greatly",
    "hella",
    "highly",
    "hugely",
    "incredible",
    "incredibly",
    "intensely",
    "major",
    "majorly",
    "more",
    "most",
    "particularly",
    "purely",
    "quite",
    "really",
    "remarkably",
    "so",
    "substantially",
    "thoroughly",
    "total",
    "totally",
    "tremendous",
    "tremendously",
    "uber",
    "unbelievably",
    "unusually",
    "utter",
    "utterly",
    "very",
];
/// Dampener words: −0.293, towards zero.
const BOOST_DOWN: &[&str] = &[
    "almost",
    "barely",
    "hardly",
    "just enough",
    "kind of",
    "kinda",
    "kindof",
    "kind-of",
    "less",
    "little",
    "marginal",
    "marginally",
    "occasional",
    "occasionally",
    "partly",
    "scarce",
    "scarcely",
    "slight",
    "slightly",
    "somewhat",
    "sort of",
    "sorta",
    "sortof",
    "sort-of",
];
const B_INCR: f64 = 0.293;
/// The all-caps increment.
const C_INCR: f64 = 0.733;
/// A negated valence is multiplied by this.
const N_SCALAR: f64 = -0.74;

/// Idioms whose valence replaces the word's (the reference's `SPECIAL_CASES`).
const IDIOMS: [(&str, f64); 9] = [
    ("the shit", 3.0),
    ("the bomb", 3.0),
    ("bad ass", 1.5),
    ("badass", 1.5),
    ("bus stop", 0.0),
    ("yeah right", -2.0),
    ("kiss of death", -1.5),
    ("to die for", 3.0),
    ("beating heart", 3.5),
];

/// The reference's `NEGATE` words; any word containing "n't" negates too.
const NEGATE: [&str; 59] = [
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

struct Tables {
    lexicon: HashMap<&'static str, f64>,
    boosters: HashMap<&'static str, f64>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        // Later duplicates overwrite earlier ones, as in the reference's dict.
        let lexicon = packed::WORDS.split('\n').zip(packed::TENTHS.iter()).map(|(w, &t)| (w, f64::from(t) / 10.0)).collect();
        let boosters = BOOST_UP.iter().map(|w| (*w, B_INCR)).chain(BOOST_DOWN.iter().map(|w| (*w, -B_INCR))).collect();
        Tables { lexicon, boosters }
    })
}

/// The valence of a lexicon word (lower case), if it has one.
pub fn valence(word: &str) -> Option<f64> {
    tables().lexicon.get(word).copied()
}

/// Whether `word` (lower case) is in the VADER lexicon.
pub fn in_lexicon(word: &str) -> bool {
    tables().lexicon.contains_key(word)
}

struct Token {
    lower: String,
    upper: bool,
}

/// Python's `str.isupper()`: some cased letter, and none in lower case.
fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
}

/// The reference's tokens: the text split on white space, each token stripped of leading and
/// trailing ASCII punctuation unless that leaves two characters or fewer (":)" stays).
fn tokens(text: &str) -> Vec<Token> {
    text.split(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let stripped = w.trim_matches(|c: char| c.is_ascii_punctuation());
            let t = if stripped.chars().count() <= 2 { w } else { stripped };
            Token { lower: t.to_lowercase(), upper: is_upper(t) }
        })
        .collect()
}

fn negated(word: &str) -> bool {
    NEGATE.contains(&word) || word.contains("n't")
}

/// A booster's contribution before a word of valence `v`.
fn booster(t: &Token, v: f64, caps: bool, tables: &Tables) -> f64 {
    let Some(&b) = tables.boosters.get(t.lower.as_str()) else { return 0.0 };
    let mut s = if v < 0.0 { -b } else { b };
    if t.upper && caps {
        s += if v > 0.0 { C_INCR } else { -C_INCR };
    }
    s
}

/// The words of the idioms and of the two- and three-word boosters.
const IDIOM_WORDS: [&str; 22] = [
    "the", "shit", "bomb", "bad", "ass", "badass", "bus", "stop", "yeah", "right", "kiss", "of", "death", "to", "die", "for", "beating", "heart", "just",
    "enough", "kind", "sort",
];

/// The idioms around word `i` (the reference's `_special_idioms_check`).
fn idioms(mut v: f64, toks: &[Token], i: usize, tables: &Tables) -> f64 {
    // Every word of a matching sequence is an idiom word: most windows have none to look up.
    if !toks[i - 3..toks.len().min(i + 3)].iter().any(|t| IDIOM_WORDS.contains(&t.lower.as_str())) {
        return v;
    }
    let joined = |from: usize, n: usize| -> Option<String> {
        let s = toks.get(from..from + n)?;
        Some(s.iter().map(|t| t.lower.as_str()).collect::<Vec<_>>().join(" "))
    };
    let idiom = |s: &Option<String>| s.as_deref().and_then(|s| IDIOMS.iter().find(|(k, _)| *k == s)).map(|(_, v)| *v);
    let (onezero, twoonezero, twoone, threetwoone, threetwo) = (joined(i - 1, 2), joined(i - 2, 3), joined(i - 2, 2), joined(i - 3, 3), joined(i - 3, 2));
    if let Some(x) = [&onezero, &twoonezero, &twoone, &threetwoone, &threetwo].into_iter().find_map(idiom) {
        v = x;
    }
    for ahead in [joined(i, 2), joined(i, 3)] {
        if let Some(x) = idiom(&ahead) {
            v = x;
        }
    }
    for n_gram in [&threetwoone, &threetwo, &twoone] {
        if let Some(b) = n_gram.as_deref().and_then(|s| tables.boosters.get(s)) {
            v += b;
        }
    }
    v
}

/// The valence of token `i` in its context (the reference's `sentiment_valence`).
fn token_valence(toks: &[Token], i: usize, caps: bool, tables: &Tables) -> f64 {
    let t = &toks[i];
    let Some(&lex) = tables.lexicon.get(t.lower.as_str()) else { return 0.0 };
    let word = |k: usize| toks[k].lower.as_str();
    let known = |k: usize| tables.lexicon.contains_key(word(k));
    let mut v = lex;
    if word(i) == "no" && i + 1 < toks.len() && known(i + 1) {
        v = 0.0;
    }
    if (i > 0 && word(i - 1) == "no") || (i > 1 && word(i - 2) == "no") || (i > 2 && word(i - 3) == "no" && matches!(word(i - 1), "or" | "nor")) {
        v = lex * N_SCALAR;
    }
    if t.upper && caps {
        v += if v > 0.0 { C_INCR } else { -C_INCR };
    }
    // Boosters and negations one, two and three words back, when that word has no valence itself.
    if i > 0 && !known(i - 1) {
        v += booster(&toks[i - 1], v, caps, tables);
        if negated(word(i - 1)) {
            v *= N_SCALAR;
        }
    }
    if i > 1 && !known(i - 2) {
        let s = booster(&toks[i - 2], v, caps, tables);
        v += if s != 0.0 { s * 0.95 } else { 0.0 };
        if word(i - 2) == "never" && matches!(word(i - 1), "so" | "this") {
            v *= 1.25;
        } else if word(i - 2) == "without" && word(i - 1) == "doubt" {
        } else if negated(word(i - 2)) {
            v *= N_SCALAR;
        }
    }
    if i > 2 && !known(i - 3) {
        let s = booster(&toks[i - 3], v, caps, tables);
        v += if s != 0.0 { s * 0.9 } else { 0.0 };
        // As in the reference, "so" or "this" just before the word takes this branch on its own.
        if (word(i - 3) == "never" && matches!(word(i - 2), "so" | "this")) || matches!(word(i - 1), "so" | "this") {
            v *= 1.25;
        } else if word(i - 3) == "without" && (word(i - 2) == "doubt" || word(i - 1) == "doubt") {
        } else if negated(word(i - 3)) {
            v *= N_SCALAR;
        }
        v = idioms(v, toks, i, tables);
    }
    // "least" before the word negates it, but not "at least" or "very least".
    if i > 0 && !known(i - 1) && word(i - 1) == "least" && (i == 1 || !matches!(word(i - 2), "at" | "very")) {
        v *= N_SCALAR;
    }
    v
}

/// The emphasis of "!" (0.292 each, at most 4) and "?" (0.18 each for 2 or 3, 0.96 for more).
fn punctuation_emphasis(text: &str) -> f64 {
    let marks = text.chars().filter(|&c| c == '!').count().min(4) as f64 * 0.292;
    let questions = match text.chars().filter(|&c| c == '?').count() {
        0 | 1 => 0.0,
        n @ 2..=3 => n as f64 * 0.18,
        _ => 0.96,
    };
    marks + questions
}

/// Python's `round(x, 4)`: the exact binary value rounded to 4 decimals, ties to even.
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// VADER's compound score of `text`, −1 (most negative) to 1 (most positive), rounded to 4
/// decimals.
pub fn compound(text: &str) -> f64 {
    let tables = tables();
    let toks = tokens(text.trim());
    if toks.is_empty() {
        return 0.0;
    }
    let caps = toks.iter().any(|t| t.upper) && toks.iter().any(|t| !t.upper);
    let mut valences: Vec<f64> = (0..toks.len())
        .map(|i| {
            let w = toks[i].lower.as_str();
            let kind_of = w == "kind" && toks.get(i + 1).is_some_and(|n| n.lower == "of");
            if tables.boosters.contains_key(w) || kind_of {
                0.0
            } else {
                token_valence(&toks, i, caps, tables)
            }
        })
        .collect();
    // Words before the first "but" weigh half, words after it one and a half.
    if let Some(b) = toks.iter().position(|t| t.lower == "but") {
        for (k, v) in valences.iter_mut().enumerate() {
            *v *= match k.cmp(&b) {
                std::cmp::Ordering::Less => 0.5,
                std::cmp::Ordering::Greater => 1.5,
                std::cmp::Ordering::Equal => 1.0,
            };
        }
    }
    let mut sum: f64 = valences.iter().sum();
    let emphasis = punctuation_emphasis(text);
    if sum > 0.0 {
        sum += emphasis;
    } else if sum < 0.0 {
        sum -= emphasis;
    }
    round4((sum / (sum * sum + 15.0).sqrt()).clamp(-1.0, 1.0))
}
