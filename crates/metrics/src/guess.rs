//! Guessing a file's mapping, and saying why each role has its column.
//!
//! [`guess`] is the mapping every consumer starts from (the catalog, the app's engine, the
//! recognition of another page's file): the source's own inference from header synonyms
//! ([`Source::infer`]), then the person key chosen by its values ([`PersonKey`]), then the vendor
//! profile the header matches, if any ([`crate::profile`]), whose columns win.
//!
//! [`explain`] says, for every role, which column it has and why: the user's own choice, a vendor
//! profile (named), a header synonym (the word), or the values; with the other columns that could
//! have served (a close call, listed first).

use crate::ingest::headers::{header_key, matches_word, other_keys};
use crate::ingest::values::{KeyKind, Values};
use crate::ingest::Sniff;
use crate::mapping::RoleMapping;
use crate::profile::{self, Profile};
use crate::source::{PersonKey, SettingsPart, Source};
use serde::{Deserialize, Serialize};

/// Why a role has its column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "by", content = "detail")]
pub enum Why {
    /// The user chose it (a saved mapping, or `--map`).
    User,
    /// A vendor profile says so: the export's name ("Zendesk tickets export").
    Profile(String),
    /// The header is one of the role's words: the word.
    Synonym(String),
    /// What the column's values are ("e-mail addresses").
    Values(String),
}

impl Why {
    /// In words, after "because": "the Zendesk tickets export profile says so".
    pub fn text(&self) -> String {
        match self {
            Why::User => "your choice".to_string(),
            Why::Profile(name) => format!("the {name} profile"),
            Why::Synonym(word) => format!("the header reads “{word}”"),
            Why::Values(what) => format!("its values: {what}"),
        }
    }
}

/// One role's column and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pick {
    pub role: String,
    pub column: String,
    pub why: Why,
    /// Other columns that could have served (its header or its values fit the role too).
    pub alternatives: Vec<String>,
}

impl Pick {
    /// Another column could have served: the user should look at this one first.
    pub fn close_call(&self) -> bool {
        !self.alternatives.is_empty()
    }
}

/// The mapping of a file as guessed from its header and first rows (see the module's header).
pub fn guess<S: Source>(sniff: &Sniff) -> S::Mapping {
    let mut mapping = S::infer(sniff);
    if let Some(person) = S::PERSON {
        choose_person_key(sniff, &mut mapping, person, S::synonyms(person.role));
    }
    let names = sniff.column_names();
    if let Some(p) = profile::best_of(S::ID, &names) {
        apply(p, &mut mapping, &names, S::PERSON);
        mapping.set_profile(Some(p.id.to_string()));
    }
    mapping
}

/// The reading settings to read a file with: the user's, or, while they are the defaults, the
/// defaults with the settings of the export's profile (see [`Profile::settings`]).
pub fn reading_settings<S: Source>(mapping: &S::Mapping, ingest: &S::Ingest) -> S::Ingest {
    let Some(p) = profile::of(mapping.profile()).filter(|p| !p.settings.is_empty()) else { return ingest.clone() };
    if *ingest != S::Ingest::default() {
        return ingest.clone();
    }
    let mut out = ingest.clone();
    for (key, value) in p.settings {
        // Checked for every profile by the vendor-exports test: a value is always accepted.
        let _ = out.apply(key, value);
    }
    out
}

/// Puts a profile's columns into `mapping`: its ignored columns lose any role, then each of its
/// roles (the person key first) takes the first of its columns the file has; a role the profile
/// lists with no column (`status = []`) is cleared: the export has no such column, whatever a
/// header synonym guessed.
pub fn apply<M: RoleMapping>(p: &Profile, mapping: &mut M, names: &[String], person: Option<PersonKey>) {
    for n in names.iter().filter(|n| p.ignores(n)) {
        mapping.clear_column(n);
    }
    let mut roles: Vec<(&str, &[&str])> = Vec::new();
    if let Some(person) = person {
        roles.push((person.role, p.person_key));
        if let Some(anonymous) = person.anonymous {
            roles.push((anonymous, p.anonymous_key));
        }
    }
    for &(role, candidates) in p.roles {
        if candidates.is_empty() {
            mapping.set(role, None);
        } else {
            roles.push((role, candidates));
        }
    }
    for (role, candidates) in roles {
        if let Some(i) = Profile::column(names, candidates) {
            mapping.assign(&names[i], role);
        }
    }
    if mapping.is_multi("segment") {
        for name in p.segments.iter().filter_map(|s| Profile::column(names, &[s])).map(|i| &names[i]) {
            if mapping.role_of(name).is_none() {
                mapping.set("segment", Some(name.clone()));
            }
        }
    }
}

/// How well a column serves as the person key: e-mail addresses (first when the source prefers
/// them), repeated ids, and ids unique per row only for a source with one row per person; never a
/// record's id, names or blanks.
fn key_rank(values: &Values, person: PersonKey) -> Option<u8> {
    match values.key_kind() {
        KeyKind::Emails if person.prefer_email => Some(4),
        KeyKind::Emails | KeyKind::Ids => Some(3),
        KeyKind::PerRow if person.one_row_per_person => Some(3),
        // A different value on every row is a record's id (a response, a message), not a person.
        KeyKind::PerRow | KeyKind::Names | KeyKind::Blank => None,
    }
}

/// The columns that could be the person key: those whose header is one of the role's words, and
/// those holding e-mail addresses, in header order.
fn person_candidates(sniff: &Sniff, words: &[&str]) -> Vec<(usize, Values)> {
    (0..sniff.columns.len())
        .map(|i| (i, Values::of(sniff, i)))
        .filter(|(i, v)| matches_word(&sniff.columns[*i].name, words) || v.key_kind() == KeyKind::Emails)
        .collect()
}

/// Sets the person role to the best candidate by its values when the source's own guess is no key
/// (a display name, a record's id, nothing) and a better column exists. The source's guess stays
/// when it is as good as any (a customer id beside an e-mail).
fn choose_person_key<M: RoleMapping>(sniff: &Sniff, mapping: &mut M, person: PersonKey, words: &[&str]) {
    if sniff.preview.is_empty() {
        return;
    }
    let current = mapping.clone().slot(person.role).and_then(|s| s.clone());
    let current_i = current.as_ref().and_then(|c| sniff.columns.iter().position(|h| &h.name == c));
    let current_rank = current_i.and_then(|i| key_rank(&Values::of(sniff, i), person)).unwrap_or(0);
    let best = person_candidates(sniff, words)
        .into_iter()
        .filter(|(i, _)| mapping.role_of(&sniff.columns[*i].name).is_none() || Some(*i) == current_i)
        .filter_map(|(i, v)| key_rank(&v, person).map(|r| (i, r)))
        .max_by_key(|&(i, r)| (r, std::cmp::Reverse(i)));
    if let Some((i, rank)) = best {
        if rank > current_rank {
            mapping.assign(&sniff.columns[i].name.clone(), person.role);
        }
    }
}

/// Every role's column(s) in `mapping` and why, the close calls first. `guessed` is the mapping
/// as [`guess`] makes it: a role whose column differs from it is the user's choice.
pub fn explain<S: Source>(sniff: &Sniff, mapping: &S::Mapping, guessed: &S::Mapping) -> Vec<Pick> {
    let names = sniff.column_names();
    let profile = guessed.profile().and_then(profile::by_id);
    let mut m = mapping.clone();
    let mut g = guessed.clone();
    let mut out = Vec::new();
    for &role in S::Mapping::roles() {
        let (columns, guessed_columns): (Vec<String>, Vec<String>) = match (m.columns(role), g.columns(role)) {
            (Some(c), Some(gc)) => (c.clone(), gc.clone()),
            _ => (m.slot(role).and_then(|s| s.clone()).into_iter().collect(), g.slot(role).and_then(|s| s.clone()).into_iter().collect()),
        };
        for column in columns {
            let why = if !guessed_columns.contains(&column) {
                Why::User
            } else if profile.is_some_and(|p| profile_names(p, role, &column, &names, S::PERSON)) {
                Why::Profile(profile.map(Profile::name).unwrap_or_default())
            } else if let Some(word) = synonym_of(&column, S::synonyms(role)) {
                Why::Synonym(word)
            } else if let Some(word) = names.iter().position(|n| n == &column).and_then(|i| S::header_word(role, &sniff.columns[i].search_text())) {
                Why::Synonym(word.to_string())
            } else {
                let i = names.iter().position(|n| n == &column);
                let person = S::PERSON.is_some_and(|p| p.role == role || p.anonymous == Some(role));
                let what = match i {
                    Some(i) if person => values_reason(sniff, i),
                    _ => "its values fit the role and no other column's header names it",
                };
                Why::Values(what.to_string())
            };
            let alternatives = alternatives::<S>(sniff, mapping, role, &column);
            out.push(Pick { role: role.to_string(), column, why, alternatives });
        }
    }
    out.sort_by_key(|p| !p.close_call());
    out
}

/// What a column's values say, for a role guessed by them.
fn values_reason(sniff: &Sniff, i: usize) -> &'static str {
    Values::of(sniff, i).describe()
}

/// Whether profile `p` gives `column` to `role`.
fn profile_names(p: &Profile, role: &str, column: &str, names: &[String], person: Option<PersonKey>) -> bool {
    let is = |candidates: &[&str]| Profile::column(names, candidates).is_some_and(|i| names[i] == column);
    let person_role = person.is_some_and(|k| k.role == role) && is(p.person_key);
    let anonymous_role = person.and_then(|k| k.anonymous).is_some_and(|a| a == role) && is(p.anonymous_key);
    let segment = role == "segment" && p.segments.iter().any(|s| is(&[s]));
    person_role || anonymous_role || segment || p.roles.iter().any(|(r, c)| *r == role && is(c))
}

/// The word of `words` the header `column` is, if any.
fn synonym_of(column: &str, words: &[&str]) -> Option<String> {
    let keys: Vec<String> = std::iter::once(header_key(column)).chain(other_keys(column)).collect();
    words.iter().find(|w| keys.contains(&crate::ingest::headers::fold(w))).map(|w| w.to_string())
}

/// The columns with no role that could also serve `role`: their header is one of its words (or,
/// for the person key, their values are e-mail addresses or ids).
fn alternatives<S: Source>(sniff: &Sniff, mapping: &S::Mapping, role: &str, chosen: &str) -> Vec<String> {
    let words = S::synonyms(role);
    let person = S::PERSON.filter(|p| p.role == role);
    (0..sniff.columns.len())
        .filter(|&i| {
            let name = &sniff.columns[i].name;
            if name == chosen || mapping.role_of(name).is_some() {
                return false;
            }
            let by_word = !words.is_empty() && matches_word(name, words);
            let by_values = person.is_some_and(|p| Values::of(sniff, i).key_kind() == KeyKind::Emails && p.prefer_email);
            (by_word || by_values) && person.is_none_or(|p| key_rank(&Values::of(sniff, i), p).is_some())
        })
        .map(|i| sniff.columns[i].name.clone())
        .collect()
}
