//! Vendor profiles: what Northstar knows of the exports people have, as data. One TOML file per
//! export under `crates/metrics/profiles/` (the vendor, the source kind, the header signature that
//! tells it apart, which column plays which role, the person key, the amount unit, the date layout,
//! the status vocabulary, and where the header comes from); `build.rs` checks each file and compiles
//! them into [`PROFILES`]. Code reads profiles; it never names a vendor. Adding a vendor is a new
//! file and a fixture.
//!
//! A profile is matched on the header alone ([`Profile::matches`]): every group of its signature
//! must name a column. The most specific profile of a source kind (most groups) wins
//! ([`best_of`]). What it says is applied when the file's mapping is guessed: its roles take their
//! columns before any synonym is tried, its status words are read as the source's own, and its
//! amount unit and date order stand in for "auto".

use crate::ingest::headers::{fold, header_key};
use crate::parse::DateOrder;
use crate::source::SourceId;

/// One vendor export.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Profile {
    /// The file's stem: `chargebee_subscriptions`.
    pub id: &'static str,
    pub vendor: &'static str,
    /// What the export is, after the vendor's name: "subscriptions export".
    pub export: &'static str,
    pub source: SourceId,
    /// Where its header comes from: the vendor's documentation or a public sample.
    pub cite: &'static [&'static str],
    /// Groups of header names; each group must name a column (the names of a group are
    /// alternatives).
    pub signature: &'static [&'static [&'static str]],
    /// The columns that identify the person (or account) a row is about, best first.
    pub person_key: &'static [&'static str],
    /// The columns that identify an anonymous person when the person key is blank (an event log's
    /// device or anonymous id).
    pub anonymous_key: &'static [&'static str],
    /// Role → its column, best first.
    pub roles: &'static [(&'static str, &'static [&'static str])],
    /// Columns to offer as breakdowns.
    pub segments: &'static [&'static str],
    /// Columns that are none of the roles (a helper column a vendor adds beside a question). A
    /// name may start or end with `*`.
    pub ignore: &'static [&'static str],
    pub amount_unit: Option<AmountUnit>,
    pub date_order: Option<DateOrder>,
    /// Status class → the words of the status column that mean it (compared folded).
    pub statuses: &'static [(Status, &'static [&'static str])],
    /// An orders export with one row per item whose order amount repeats on every row of the
    /// order (WooCommerce's order export plugins): the amount is read once per order.
    pub order_amount_repeats: bool,
    /// Reading settings of the source (key, value) the export needs, standing in for the
    /// defaults while the user has changed none (Front's messages as an event log: which
    /// activity is a first response).
    pub settings: &'static [(&'static str, &'static str)],
}

/// The unit of an export's amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountUnit {
    Cents,
    Units,
}

/// What a status word means, for any source that reads a status column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// An order paid (or a charge captured).
    Paid,
    /// Money returned.
    Refunded,
    /// Not paid yet, failed, voided or cancelled before payment.
    Pending,
    /// A subscription or account that pays now.
    Active,
    /// A subscription on trial (no MRR yet).
    Trial,
    /// A subscription or account that left.
    Churned,
}

include!(concat!(env!("OUT_DIR"), "/profiles.rs"));

impl Profile {
    /// How the export is said, without an article: "Chargebee subscriptions export".
    pub fn name(&self) -> String {
        if self.vendor.is_empty() {
            self.export.to_string()
        } else {
            format!("{} {}", self.vendor, self.export)
        }
    }

    /// Whether the header `names` has a column for every group of the signature.
    pub fn matches(&self, names: &[String]) -> bool {
        self.signature.iter().all(|group| Profile::column(names, group).is_some())
    }

    /// The first column of `names` named by one of `candidates`, best first. A candidate is taken
    /// as written (folded: case, accents, `_` and `-`), and names a column whose header is it, or
    /// is it with a trailing qualifier such as "(UTC)" or "(America/New_York)". So "Reporter"
    /// names "Reporter" but "Reporter (Email)" names only "Reporter (Email)".
    pub fn column(names: &[String], candidates: &[&str]) -> Option<usize> {
        let exact: Vec<String> = names.iter().map(|n| fold(n.trim())).collect();
        let keyed: Vec<String> = names.iter().map(|n| header_key(n)).collect();
        candidates.iter().find_map(|c| {
            let c = fold(c);
            exact.iter().position(|n| *n == c).or_else(|| keyed.iter().position(|n| *n == c))
        })
    }

    /// Whether `name` is a column this profile ignores.
    pub fn ignores(&self, name: &str) -> bool {
        let n = fold(name.trim());
        self.ignore.iter().any(|pattern| {
            let p = fold(pattern.trim_matches('*'));
            match (pattern.starts_with('*'), pattern.ends_with('*')) {
                (true, true) => n.contains(&p),
                (true, false) => n.ends_with(&p),
                (false, true) => n.starts_with(&p),
                (false, false) => n == p,
            }
        })
    }

    /// The status class of a status cell, when this profile names its word.
    pub fn status_of(&self, cell: &str) -> Option<Status> {
        let c = fold(cell.trim());
        self.statuses.iter().find(|(_, words)| words.iter().any(|w| fold(w) == c)).map(|(s, _)| *s)
    }
}

/// "a Zendesk tickets export", "an Amplitude events export".
pub fn with_article(what: &str) -> String {
    let article = if what.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) { "an" } else { "a" };
    format!("{article} {what}")
}

/// The profile a mapping names (`RoleMapping::profile`), if it is one of [`PROFILES`].
pub fn of(id: Option<&str>) -> Option<&'static Profile> {
    id.and_then(by_id)
}

/// The date order to read with: the setting, unless it is "auto" and the profile knows the
/// export's layout (Etsy's `MM/DD/YY`).
pub fn date_order(profile: Option<&Profile>, setting: DateOrder) -> DateOrder {
    match (setting, profile.and_then(|p| p.date_order)) {
        (DateOrder::Auto, Some(order)) => order,
        _ => setting,
    }
}

/// The profile called `id`.
pub fn by_id(id: &str) -> Option<&'static Profile> {
    PROFILES.iter().find(|p| p.id == id)
}

/// The most specific profile of `source` whose signature the header `names` matches.
pub fn best_of(source: SourceId, names: &[String]) -> Option<&'static Profile> {
    PROFILES.iter().filter(|p| p.source == source && p.matches(names)).max_by_key(|p| p.signature.len())
}

/// Every profile the header `names` matches, the most specific first.
pub fn matching(names: &[String]) -> Vec<&'static Profile> {
    let mut out: Vec<&'static Profile> = PROFILES.iter().filter(|p| p.matches(names)).collect();
    out.sort_by_key(|p| std::cmp::Reverse(p.signature.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_is_complete_and_unique() {
        assert!(PROFILES.len() >= 20, "{}", PROFILES.len());
        let mut ids: Vec<&str> = PROFILES.iter().map(|p| p.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), PROFILES.len(), "profile ids are unique");
        for p in PROFILES {
            assert!(!p.signature.is_empty() && p.signature.iter().all(|g| !g.is_empty()), "{}: a signature", p.id);
            assert!(!p.cite.is_empty(), "{}: where the header comes from", p.id);
            assert!(!p.export.is_empty(), "{}: what it is", p.id);
        }
    }

    #[test]
    fn names_compare_as_headers_do() {
        let names: Vec<String> = ["Customer ID", "Canceled At (UTC)", "subscriptions.plan_id"].map(String::from).to_vec();
        assert_eq!(Profile::column(&names, &["customer_id"]), Some(0));
        assert_eq!(Profile::column(&names, &["canceled at"]), Some(1));
        assert_eq!(Profile::column(&names, &["Subscriptions.Plan-Id"]), Some(2));
        assert_eq!(Profile::column(&names, &["plan"]), None);
    }
}
