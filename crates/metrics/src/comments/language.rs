//! Words, stop words and whether a comment is English. The stop words are the NLTK lists of the
//! `stop-words` crate, copied at build time (`build.rs`) for English and the six languages the
//! check tells apart from it: German, French, Spanish, Italian, Portuguese and Dutch.
//!
//! A comment is English, and so analysed, unless most of its letters are outside the Latin script
//! (Cyrillic, Greek, Arabic, Chinese…) or the stop words of one other language outnumber its words
//! that are English stop words or in the VADER lexicon. A comment with no such word at all ("Slow
//! export") is read as English: the lexicon is English, and nothing says otherwise.

use super::vader;
use std::collections::HashMap;
use std::sync::OnceLock;

mod lists {
    include!(concat!(env!("OUT_DIR"), "/stop_words.rs"));
}

/// Bit 0 of a word's languages: English.
const ENGLISH: u8 = 1;

/// Each stop word with the languages it is a stop word of: bit 0 English, bit k the k-th of
/// `lists::OTHERS`.
fn stop_words() -> &'static HashMap<&'static str, u8> {
    static WORDS: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut map: HashMap<&'static str, u8> = lists::ENGLISH.split('\n').map(|w| (w, ENGLISH)).collect();
        for (k, (_, words)) in lists::OTHERS.iter().enumerate() {
            for w in words.split('\n') {
                *map.entry(w).or_default() |= 2 << k;
            }
        }
        map
    })
}

/// Whether `word` (lower case) is an English stop word.
pub fn is_stop_word(word: &str) -> bool {
    stop_words().get(word).is_some_and(|l| l & ENGLISH != 0)
}

/// The languages besides English that a comment is checked against.
pub fn other_languages() -> impl Iterator<Item = &'static str> {
    lists::OTHERS.iter().map(|(name, _)| *name)
}

/// One word of a comment, lower case, and whether a sentence break (punctuation other than an
/// apostrophe, hyphen or slash) comes before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub after_break: bool,
}

/// The words of `text`: runs of letters, digits and apostrophes, lower case, with a trailing
/// possessive "'s" dropped.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut pending_break = false;
    let flush = |current: &mut String, pending_break: &mut bool, out: &mut Vec<Word>| {
        let trimmed = current.trim_matches('\'');
        let w = trimmed.strip_suffix("'s").unwrap_or(trimmed);
        if !w.is_empty() {
            out.push(Word { text: w.to_string(), after_break: std::mem::take(pending_break) });
        }
        current.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if c == '\'' || c == '’' {
            current.push('\'');
        } else {
            flush(&mut current, &mut pending_break, &mut out);
            if !(c.is_whitespace() || c == '-' || c == '/') {
                pending_break = true;
            }
        }
    }
    flush(&mut current, &mut pending_break, &mut out);
    out
}

/// Whether most of the letters of `text` are outside the Latin script.
fn mostly_non_latin(text: &str) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        // Basic Latin to Latin Extended-B, IPA, and Latin Extended Additional.
        if (c as u32) < 0x0300 || ('\u{1e00}'..='\u{1eff}').contains(&c) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    other > latin
}

/// Whether `text` reads as English (see the module comment).
pub fn is_english(text: &str) -> bool {
    is_english_words(text, &words(text))
}

/// [`is_english`] of a text whose [`words`] are at hand.
pub fn is_english_words(text: &str, words: &[Word]) -> bool {
    if mostly_non_latin(text) {
        return false;
    }
    let (mut english, mut others) = (0usize, [0usize; lists::OTHERS.len()]);
    for w in words {
        let languages = stop_words().get(w.text.as_str()).copied().unwrap_or(0);
        if languages & ENGLISH != 0 || vader::in_lexicon(&w.text) {
            english += 1;
        }
        for (k, n) in others.iter_mut().enumerate() {
            *n += usize::from(languages & (2 << k) != 0);
        }
    }
    others.iter().all(|&n| n <= english)
}
