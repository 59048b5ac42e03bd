//! Themes: the keywords and bigrams that recur across comments. A keyword is a word of two or
//! more characters, with a letter, that is not an English stop word; a bigram is two keywords in
//! a row within a sentence ("billing page" in "The billing page is confusing"). Each counts once
//! per comment and needs two comments at least. A keyword is left out when a bigram shown holds
//! it in every comment that mentions it ("billing" when every comment with it says "billing page").

use super::language::{is_stop_word, words, Word};
use std::collections::HashMap;

/// A theme and the comments (indices into the texts given) that mention it.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub text: String,
    pub bigram: bool,
    pub comments: Vec<usize>,
}

fn is_keyword(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().any(char::is_alphabetic) && !is_stop_word(w)
}

/// The `top` themes of `texts`: most comments first, a bigram before a keyword with as many,
/// then alphabetical.
pub fn themes(texts: &[&str], top: usize) -> Vec<Found> {
    themes_of_words(&texts.iter().map(|t| words(t)).collect::<Vec<_>>(), top)
}

/// [`themes`] of texts given as their [`words`].
pub fn themes_of_words(texts: &[Vec<Word>], top: usize) -> Vec<Found> {
    // Keywords and bigrams apart, each keyed by its text (looked up before a key is allocated).
    let mut seen: [HashMap<String, Vec<usize>>; 2] = Default::default();
    let mut bigram = String::new();
    for (i, words) in texts.iter().enumerate() {
        let mention = |map: &mut HashMap<String, Vec<usize>>, theme: &str| match map.get_mut(theme) {
            Some(list) if list.last() == Some(&i) => {}
            Some(list) => list.push(i),
            None => {
                map.insert(theme.to_string(), vec![i]);
            }
        };
        for (k, w) in words.iter().enumerate() {
            if !is_keyword(&w.text) {
                continue;
            }
            mention(&mut seen[0], &w.text);
            if let Some(next) = words.get(k + 1).filter(|n| !n.after_break && is_keyword(&n.text)) {
                bigram.clear();
                bigram.push_str(&w.text);
                bigram.push(' ');
                bigram.push_str(&next.text);
                mention(&mut seen[1], &bigram);
            }
        }
    }
    let [keywords, bigrams] = seen;
    let all = keywords.into_iter().map(|(t, c)| (t, false, c)).chain(bigrams.into_iter().map(|(t, c)| (t, true, c)));
    let mut found: Vec<Found> = all.filter(|(_, _, c)| c.len() >= 2).map(|(text, bigram, comments)| Found { text, bigram, comments }).collect();
    found.sort_by(|a, b| b.comments.len().cmp(&a.comments.len()).then(b.bigram.cmp(&a.bigram)).then_with(|| a.text.cmp(&b.text)));
    let mut out: Vec<Found> = Vec::new();
    for f in found {
        if out.len() == top {
            break;
        }
        // Sorted by count, a bigram holding this keyword as often is already in `out`.
        let covered = !f.bigram && out.iter().any(|b| b.bigram && b.comments.len() == f.comments.len() && b.text.split(' ').any(|w| w == f.text));
        if !covered {
            out.push(f);
        }
    }
    out
}
