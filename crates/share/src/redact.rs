//! Making [`SharedResults`] from the KPI values a page shows, keeping only aggregates.
//!
//! # What is kept
//!
//! For each page given: of each `KpiValue`, its `id`, `source`, `period`, `segment` and `value`
//! (non-finite as none), grouped by series (see [`SharedPage`]). Never its numerator, denominator, `n` or `warning`
//! (a warning can quote ids from the files), and nothing that is not a `KpiValue`: no rows, no risk
//! list, no timeline, no chart of one customer. Plus the date given, the files' base names and the sender's goals with their status as judged.
//!
//! # What is left out
//!
//! - the pages about one customer ([`PRIVATE_PAGES`]: `customers`), whole;
//! - a per-customer KPI broken down ([`PER_CUSTOMER_KPIS`]: `consumption_rate` per customer,
//!   `health_score`): only its overall value is kept;
//! - a value whose segment is one of the [known ids](ResultsBuilder::known_ids) (compared
//!   ignoring case and surrounding spaces), or [looks identifying](looks_identifying): an e-mail
//!   address, a domain, an id-shaped token;
//! - every segmented value of a KPI whose breakdown has more than [`MAX_SEGMENTS`] values on the
//!   page (a breakdown that long is most likely one value per customer);
//! - a value whose names or segment break the link's rules (a segment over 200 characters…);
//! - a file name holding an `@` becomes `file N`; a path keeps its last part.
//!
//! [`LeftOut`] counts each, for the share panel to say; it never repeats what it left out.

use crate::limits::{MAX_FILES, MAX_FILE_CHARS, MAX_GOALS, MAX_SEGMENTS};
use crate::link::{check_goal_key, check_name, check_period, check_segment};
use crate::payload::{group_by_series, SharedGoal, SharedKpi, SharedPage, SharedResults};
use northstar_metrics::KpiValue;
use std::collections::{HashMap, HashSet};

/// Pages whose results are about one customer: never shared.
pub const PRIVATE_PAGES: [&str; 1] = ["customers"];

/// KPIs whose breakdown is by customer: only their overall value is shared.
pub const PER_CUSTOMER_KPIS: [&str; 2] = ["consumption_rate", "health_score"];

/// What [`ResultsBuilder::build`] left out, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Pages left out whole ([`PRIVATE_PAGES`]), by name.
    pub pages: Vec<String>,
    /// Values of a per-customer KPI's breakdown.
    pub per_customer: usize,
    /// Values whose segment was a known id or looked identifying.
    pub identifying: usize,
    /// Values of a breakdown longer than [`MAX_SEGMENTS`].
    pub long_breakdowns: usize,
    /// Values whose names or segment the link cannot hold.
    pub invalid: usize,
    /// File names replaced by `file N` (they held an `@`), or past [`MAX_FILES`].
    pub file_names: usize,
}

impl LeftOut {
    /// Values left out, all reasons together (not counting whole pages).
    pub fn values(&self) -> usize {
        self.per_customer + self.identifying + self.long_breakdowns + self.invalid
    }
}

/// Collects the pages' KPI values for a link.
///
/// ```
/// use northstar_share::{ResultsBuilder, SharePayload, encode, decode};
/// # use northstar_metrics::KpiValue;
/// # let kpis: Vec<KpiValue> = Vec::new();
/// let mut b = ResultsBuilder::new("2026-11-30", ["subscriptions.csv"]).known_ids(["cus_123", "ann@acme.com"]);
/// b.page("revenue", &kpis);
/// let (results, left_out) = b.build();
/// let link = encode(&SharePayload::new(serde_json::json!({"version": 3}), Some(results))).unwrap();
/// assert_eq!(decode(&link.fragment).unwrap().results.unwrap().files(), ["subscriptions.csv"]);
/// # assert_eq!(left_out.values(), 0);
/// ```
#[derive(Debug, Clone)]
pub struct ResultsBuilder {
    made_at: String,
    files: Vec<String>,
    known: HashSet<String>,
    pages: Vec<SharedPage>,
    goals: Vec<SharedGoal>,
    left_out: LeftOut,
}

impl ResultsBuilder {
    /// `made_at`: today, as an ISO 8601 date (the crate has no clock); `files`: the names of the
    /// files the results come from.
    pub fn new<S: AsRef<str>>(made_at: &str, files: impl IntoIterator<Item = S>) -> Self {
        let mut left_out = LeftOut::default();
        let mut kept = Vec::new();
        for (i, f) in files.into_iter().enumerate() {
            let f = f.as_ref();
            let base = f.rsplit(['/', '\\']).next().unwrap_or(f).trim();
            if base.is_empty() {
                continue;
            }
            if kept.len() == MAX_FILES {
                left_out.file_names += 1;
                continue;
            }
            if base.contains('@') {
                left_out.file_names += 1;
                kept.push(format!("file {}", i + 1));
            } else {
                kept.push(base.chars().take(MAX_FILE_CHARS).collect());
            }
        }
        ResultsBuilder { made_at: made_at.to_string(), files: kept, known: HashSet::new(), pages: Vec::new(), goals: Vec::new(), left_out }
    }

    /// Customer ids, e-mail addresses and names the sender's data holds (the join directory's keys,
    /// the risk list's ids): a segment equal to one of them is left out, whatever its shape.
    pub fn known_ids<S: AsRef<str>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.known.extend(ids.into_iter().map(|id| normal(id.as_ref())).filter(|id| !id.is_empty()));
        self
    }

    /// Adds a page's KPI values (called again with the same page, they are appended to it).
    pub fn page<'a>(&mut self, page: &str, kpis: impl IntoIterator<Item = &'a KpiValue>) -> &mut Self {
        if PRIVATE_PAGES.contains(&page) {
            if !self.left_out.pages.iter().any(|p| p == page) {
                self.left_out.pages.push(page.to_string());
            }
            return self;
        }
        let valid_page = check_name("page", page).is_ok();
        let mut kept = Vec::new();
        for k in kpis {
            if !valid_page || check_name("id", k.id).is_err() || check_name("source", k.source).is_err() || check_period("period", &k.period).is_err() {
                self.left_out.invalid += 1;
                continue;
            }
            if let Some(segment) = &k.segment {
                if PER_CUSTOMER_KPIS.contains(&k.id) {
                    self.left_out.per_customer += 1;
                    continue;
                }
                if self.known.contains(&normal(segment)) || looks_identifying(segment) {
                    self.left_out.identifying += 1;
                    continue;
                }
                if check_segment("segment", segment).is_err() {
                    self.left_out.invalid += 1;
                    continue;
                }
            }
            let value = k.value.filter(|v| v.is_finite());
            kept.push(SharedKpi { id: k.id.to_string(), source: k.source.to_string(), period: k.period.clone(), segment: k.segment.clone(), value });
        }
        match self.pages.iter_mut().find(|p| p.page == page) {
            Some(p) => p.kpis.extend(kept),
            None if valid_page => self.pages.push(SharedPage { page: page.to_string(), kpis: kept }),
            None => {}
        }
        self
    }

    /// Adds the sender's goal and its status as judged; one the link cannot hold (a key or period
    /// out of its rules, a target not finite, past [`MAX_GOALS`]) is counted as invalid.
    pub fn goal(&mut self, goal: SharedGoal) -> &mut Self {
        let valid = check_goal_key("key", &goal.key).is_ok()
            && check_period("period", &goal.period).is_ok()
            && goal.target.is_finite()
            && self.goals.len() < MAX_GOALS
            && !self.goals.iter().any(|g| g.key == goal.key);
        if valid {
            self.goals.push(SharedGoal { value: goal.value.filter(|v| v.is_finite()), ..goal });
        } else {
            self.left_out.invalid += 1;
        }
        self
    }

    /// The results, and what was left out. A page left with no value is dropped.
    pub fn build(mut self) -> (SharedResults, LeftOut) {
        for page in &mut self.pages {
            let mut segments: HashMap<(&str, &str), HashSet<&str>> = HashMap::new();
            for k in &page.kpis {
                if let Some(s) = &k.segment {
                    segments.entry((&k.id, &k.source)).or_default().insert(s);
                }
            }
            let long: HashSet<(String, String)> =
                segments.into_iter().filter(|(_, s)| s.len() > MAX_SEGMENTS).map(|((id, source), _)| (id.to_string(), source.to_string())).collect();
            if long.is_empty() {
                continue;
            }
            let before = page.kpis.len();
            page.kpis.retain(|k| k.segment.is_none() || !long.contains(&(k.id.clone(), k.source.clone())));
            self.left_out.long_breakdowns += before - page.kpis.len();
        }
        self.pages.retain(|p| !p.kpis.is_empty());
        for page in &mut self.pages {
            page.kpis = group_by_series(std::mem::take(&mut page.kpis));
        }
        (SharedResults { made_at: self.made_at, files: self.files, pages: self.pages, goals: self.goals }, self.left_out)
    }
}

fn normal(id: &str) -> String {
    id.trim().to_lowercase()
}

/// Whether a segment value looks like it names one customer or person: it holds an `@` (an e-mail
/// address), is a domain (`acme.com`), or is one token shaped like an id: five or more digits
/// (`10042`), letters with a run of three or more digits (`C-00042`, `CUST0042`), a prefixed key
/// (`cus_NffrFeUfNV2Hib`) or hex of eight or more characters with letters and digits
/// (`5f3a9c1e`). Plans, channels, regions, size bands (`51-200`, `1000+`), `2024` and `iPhone15` do
/// not; a false alarm only leaves a value out of the link.
pub fn looks_identifying(segment: &str) -> bool {
    let s = segment.trim();
    if s.contains('@') {
        return true;
    }
    if s.split_whitespace().nth(1).is_some() {
        return false;
    }
    is_domain(s) || is_id_token(s)
}

fn is_domain(s: &str) -> bool {
    let labels: Vec<&str> = s.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && !l.starts_with('-') && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        && (2..=6).contains(&tld.len())
        && tld.bytes().all(|b| b.is_ascii_alphabetic())
}

fn is_id_token(s: &str) -> bool {
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    let letters = s.bytes().filter(u8::is_ascii_alphabetic).count();
    let longest_run = s.split(|c: char| !c.is_ascii_digit()).map(str::len).max().unwrap_or(0);
    let all_digits = digits == s.len();
    let hex = s.len() >= 8 && s.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') && digits > 0 && letters > 0;
    let prefixed = s.split_once('_').is_some_and(|(prefix, key)| {
        (2..=8).contains(&prefix.len())
            && prefix.bytes().all(|b| b.is_ascii_alphabetic())
            && key.len() >= 10
            && key.bytes().all(|b| b.is_ascii_alphanumeric())
            && key.bytes().any(|b| b.is_ascii_digit())
    });
    (all_digits && digits >= 5) || (letters > 0 && longest_run >= 3) || hex || prefixed
}

#[cfg(test)]
mod tests;
