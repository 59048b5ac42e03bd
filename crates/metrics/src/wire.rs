//! Reading values back that were written with `&'static str` fields (KPI ids, source names, survey
//! kinds, encodings): the Web Worker sends KPI values to the page as JSON, and the page reads them
//! back into the same types.
//!
//! Each distinct string is leaked once and then reused, so the memory this takes is bounded by the
//! set of names the engine itself writes (a few hundred), however many messages are read.

use serde::{Deserialize, Deserializer};
use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

/// A name the engine writes (KPI id, source, kind, encoding). Fields read back use this alias, not
/// `&'static str` spelled out: serde would take a literal `&str` field as borrowed from the input.
pub type Name = &'static str;

/// The one `&'static str` for `text`.
pub fn intern(text: &str) -> &'static str {
    static SEEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut seen = SEEN.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(known) = seen.get(text) {
        return known;
    }
    let leaked: &'static str = Box::leak(text.to_owned().into_boxed_str());
    seen.insert(leaked);
    leaked
}

/// `#[serde(deserialize_with = "crate::wire::static_str")]`
pub fn static_str<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    Ok(intern(&String::deserialize(d)?))
}

/// `#[serde(default, deserialize_with = "crate::wire::static_str_opt")]`
pub fn static_str_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.map(|s| intern(&s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_gives_the_same_pointer() {
        let a = intern(&String::from("nps"));
        let b = intern("nps");
        assert!(std::ptr::eq(a, b));
        assert_eq!(a, "nps");
    }
}
