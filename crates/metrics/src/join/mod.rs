//! The join: which billing customer each row of another source belongs to.
//!
//! Definition (spec §7): the customer is the billing customer, from subscriptions or accounts
//! (the [`Directory`], built from each file's [`Contact`]s). A row of another source (an order, a
//! ticket, a survey answer, a usage event) reaches it through its customer key (the column mapped
//! to the source's customer, requester, respondent or user role) by one of three rules:
//! - `id`: the key, trimmed, is a customer id (exact, case kept);
//! - `email`: the key, trimmed and case-folded, is one of the customer's e-mails (an id that reads
//!   as an e-mail counts as one);
//! - `domain`: the key's domain (an e-mail's, or a website's or bare domain's) is the domain of
//!   the customer's e-mail or website (scheme, `www.`, port and path dropped). A free-mail domain
//!   (gmail.com, yahoo.co.uk, …) never matches by domain, and a domain several customers share is
//!   ambiguous and matches none of them;
//! - `auto` (the guess): `id`, else `email`, else `domain`.
//!
//! A row without a key is a row, unmatched, listed as `(blank)`. The match rate of a source is
//! matched rows / rows ([`JoinReport::match_rate`]). The key column is the source's mapped role
//! (change it with the mapping); the rule is a per-source choice ([`JoinRule`]).

mod directory;
pub use crate::identity as keys;

pub use crate::identity::JoinRule;
pub use crate::signals::Contact;
pub use directory::Directory;

use crate::source::SourceId;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// How many unmatched keys a report lists (the most rows first).
pub const LISTED_UNMATCHED: usize = 20;

/// The roles of subscriptions and accounts that only feed the [`Directory`] (not counted when
/// recognising what kind of file a header is).
pub const CONTACT_ROLES: &[&str] = &["email", "website", "name"];

/// What the key `""` is listed as.
pub const BLANK: &str = "(blank)";

/// Rows matched by each rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByRule {
    pub id: u64,
    pub email: u64,
    pub domain: u64,
}

/// A key and how many rows have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRows {
    pub key: String,
    pub rows: u64,
}

/// A domain the keys of a source name that several customers share (so it matched none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmbiguousDomain {
    pub domain: String,
    pub customers: Vec<String>,
    /// Rows whose key has this domain and that no other rule matched.
    pub rows: u64,
}

/// How the rows of one source reach the billing customers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JoinReport {
    /// The source whose rows were joined.
    pub source: SourceId,
    /// The file's column its keys come from ("Requester email"), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_column: Option<String>,
    pub rule: JoinRule,
    /// Rows (the source's unit: orders, tickets, answer rows, events), blank keys included.
    pub rows: u64,
    pub matched_rows: u64,
    pub by_rule: ByRule,
    /// Distinct keys (blank counts as one).
    pub keys: u64,
    /// Distinct keys that match no customer.
    pub unmatched_count: u64,
    /// The unmatched keys with the most rows (at most [`LISTED_UNMATCHED`]; ties by key), a blank
    /// one as [`BLANK`].
    pub unmatched_keys: Vec<KeyRows>,
    /// Unmatched rows whose key is a free-mail address (never matched by domain).
    pub free_mail_rows: u64,
    /// Domains of unmatched keys that several customers share.
    pub ambiguous_domains: Vec<AmbiguousDomain>,
    /// Each matched key (as given) → the customer id.
    #[serde(skip)]
    pub matches: HashMap<String, String>,
}

impl JoinReport {
    /// A report of no rows yet.
    pub fn new(source: SourceId, rule: JoinRule) -> JoinReport {
        JoinReport {
            source,
            key_column: None,
            rule,
            rows: 0,
            matched_rows: 0,
            by_rule: ByRule::default(),
            keys: 0,
            unmatched_count: 0,
            unmatched_keys: Vec::new(),
            free_mail_rows: 0,
            ambiguous_domains: Vec::new(),
            matches: HashMap::new(),
        }
    }

    /// matched rows / rows; none without rows.
    pub fn match_rate(&self) -> Option<f64> {
        (self.rows > 0).then(|| self.matched_rows as f64 / self.rows as f64)
    }
}

/// The customer `key` reaches under `rule`, with the rule that matched.
pub fn match_key(directory: &Directory, key: &str, rule: JoinRule) -> Option<(u32, JoinRule)> {
    let id = || directory.by_id(key).map(|c| (c, JoinRule::Id));
    let email = || directory.by_email(key).map(|c| (c, JoinRule::Email));
    let domain = || directory.by_domain(key).map(|c| (c, JoinRule::Domain));
    match rule {
        JoinRule::Id => id(),
        JoinRule::Email => email(),
        JoinRule::Domain => domain(),
        JoinRule::Auto => id().or_else(email).or_else(domain),
    }
}

/// Joins the keys of `source` (each distinct key with its rows; a key may repeat, its rows add
/// up) to `directory` under `rule`.
pub fn join(source: SourceId, directory: &Directory, keys: &[(String, u64)], rule: JoinRule) -> JoinReport {
    let mut merged: BTreeMap<&str, u64> = BTreeMap::new();
    for (key, rows) in keys {
        let k = if key.trim().is_empty() { "" } else { key.as_str() };
        *merged.entry(k).or_default() += rows;
    }
    let mut report = JoinReport::new(source, rule);
    report.keys = merged.len() as u64;
    let mut unmatched: Vec<KeyRows> = Vec::new();
    let mut ambiguous: BTreeMap<String, u64> = BTreeMap::new();
    for (&key, &rows) in &merged {
        report.rows += rows;
        let found = if key.is_empty() { None } else { match_key(directory, key, rule) };
        match found {
            Some((customer, by)) => {
                report.matched_rows += rows;
                match by {
                    JoinRule::Id => report.by_rule.id += rows,
                    JoinRule::Email => report.by_rule.email += rows,
                    _ => report.by_rule.domain += rows,
                }
                report.matches.insert(key.to_string(), directory.customers[customer as usize].clone());
            }
            None => {
                let free = keys::normalise_email(key).is_some_and(|e| keys::is_free_mail(keys::email_domain(&e)));
                if free {
                    report.free_mail_rows += rows;
                }
                if matches!(rule, JoinRule::Domain | JoinRule::Auto) {
                    if let Some(d) = Directory::key_domain(key).filter(|d| directory.ambiguous_owners(d).is_some()) {
                        *ambiguous.entry(d).or_default() += rows;
                    }
                }
                unmatched.push(KeyRows { key: if key.is_empty() { BLANK.to_string() } else { key.to_string() }, rows });
            }
        }
    }
    report.unmatched_count = unmatched.len() as u64;
    unmatched.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.key.cmp(&b.key)));
    unmatched.truncate(LISTED_UNMATCHED);
    report.unmatched_keys = unmatched;
    report.ambiguous_domains = ambiguous
        .into_iter()
        .map(|(domain, rows)| AmbiguousDomain { customers: directory.ambiguous_owners(&domain).cloned().unwrap_or_default(), domain, rows })
        .collect();
    report
}

/// Joins `keys` (one row each, in file order; a key may repeat) to the ids `ids` exactly, as the
/// `id` rule does, listing the first [`LISTED_UNMATCHED`] unmatched keys in file order: how two
/// files of customers (subscriptions and an accounts list) name the same customers.
pub fn match_ids<'k>(source: SourceId, keys: impl IntoIterator<Item = &'k str>, ids: &std::collections::HashSet<&str>) -> JoinReport {
    let mut report = JoinReport::new(source, JoinRule::Id);
    for key in keys {
        report.rows += 1;
        if ids.contains(key) {
            report.matched_rows += 1;
        } else {
            report.unmatched_count += 1;
            if report.unmatched_keys.len() < LISTED_UNMATCHED {
                report.unmatched_keys.push(KeyRows { key: key.to_string(), rows: 1 });
            }
        }
    }
    report.keys = report.rows;
    report.by_rule.id = report.matched_rows;
    report
}

/// Each key of `names` with the rows that point at it, then `""` with the rows that point at
/// none (`None`); keys no row points at are left out. For [`crate::source::SourceData::customer_keys`].
pub fn tally(names: &[String], rows: impl IntoIterator<Item = Option<u32>>) -> Vec<(String, u64)> {
    let mut counts = vec![0u64; names.len()];
    let mut blank = 0u64;
    for row in rows {
        match row.and_then(|i| counts.get_mut(i as usize)) {
            Some(n) => *n += 1,
            None => blank += 1,
        }
    }
    let mut out: Vec<(String, u64)> = names.iter().zip(counts).filter(|(_, n)| *n > 0).map(|(k, n)| (k.clone(), n)).collect();
    if blank > 0 {
        out.push((String::new(), blank));
    }
    out
}

/// One loaded source as the join and the health score read it: its kind and its data.
#[derive(Clone, Copy)]
pub struct Part<'a> {
    pub id: SourceId,
    pub data: &'a dyn crate::source::SourceData,
    /// The column its customer keys come from (the mapping's person key), when known.
    pub key_column: Option<&'a str>,
}

/// The directory of every source of billing customers among `parts` (subscriptions, accounts:
/// those with [`crate::source::SourceData::contacts`]).
pub fn directory_of(parts: &[Part]) -> Directory {
    let contacts: Vec<Contact> = parts.iter().flat_map(|p| p.data.contacts()).collect();
    Directory::new(&contacts)
}

/// The join of every other source of `parts` to the billing customers, in the order given, each
/// under its rule in `rules` (source name → rule; [`JoinRule::Auto`] when not given). Empty
/// without a source of billing customers; a source whose rows have no key at all (no customer
/// column mapped) is left out.
/// The directory is made only when some part has keys to join: a report of billing files alone
/// (1M subscriptions: a directory of 374k customers) joins nothing.
pub fn join_parts(parts: &[Part], rules: &[(SourceId, JoinRule)]) -> Vec<JoinReport> {
    let keyed = keyed_parts(parts);
    if keyed.is_empty() {
        return Vec::new();
    }
    let directory = directory_of(parts);
    if directory.is_empty() {
        return Vec::new();
    }
    join_keyed(&directory, keyed, rules)
}

/// [`join_parts`] to a directory already made of `parts` (see [`directory_of`]).
pub fn join_parts_to(directory: &Directory, parts: &[Part], rules: &[(SourceId, JoinRule)]) -> Vec<JoinReport> {
    if directory.is_empty() {
        return Vec::new();
    }
    join_keyed(directory, keyed_parts(parts), rules)
}

/// The parts with at least one key that is not blank, each with its keys.
fn keyed_parts<'p, 'a>(parts: &'p [Part<'a>]) -> Vec<(&'p Part<'a>, Vec<(String, u64)>)> {
    parts.iter().map(|p| (p, p.data.customer_keys())).filter(|(_, keys)| !keys.iter().all(|(k, _)| k.trim().is_empty())).collect()
}

fn join_keyed(directory: &Directory, keyed: Vec<(&Part, Vec<(String, u64)>)>, rules: &[(SourceId, JoinRule)]) -> Vec<JoinReport> {
    keyed
        .into_iter()
        .map(|(p, keys)| {
            let mut report = join(p.id, directory, &keys, rule_of(rules, p.id));
            report.key_column = p.key_column.map(str::to_string);
            report
        })
        .collect()
}

/// The rule `rules` gives `source` (the last one given), else auto.
pub fn rule_of(rules: &[(SourceId, JoinRule)], source: SourceId) -> JoinRule {
    rules.iter().rev().find(|(id, _)| *id == source).map_or(JoinRule::Auto, |r| r.1)
}
