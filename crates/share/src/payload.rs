//! What a share link carries: the app's settings document and, if the sender opted in, the
//! aggregated KPI series of the pages shown.
//!
//! [`SharedResults`] has no public constructor other than [`crate::ResultsBuilder`] (which takes
//! only `KpiValue`s and leaves out anything about one customer) and [`crate::decode`]; its fields
//! are read through accessors, so a link can hold nothing else.

/// A decoded link, or one to encode.
#[derive(Debug, Clone, PartialEq)]
pub struct SharePayload {
    /// The link format's version. [`crate::encode`] always writes [`crate::FORMAT_VERSION`];
    /// [`crate::decode`] gives the version the link was written in (its contents already read
    /// into the current structs).
    pub version: u32,
    /// The app's `Settings` document, opaque here (a JSON object). It carries its own `version`,
    /// which the app migrates as it does a stored document.
    pub settings: serde_json::Value,
    /// The sender's results, when they chose "Include results".
    pub results: Option<SharedResults>,
}

impl SharePayload {
    /// A payload of the current format version.
    pub fn new(settings: serde_json::Value, results: Option<SharedResults>) -> Self {
        SharePayload { version: crate::FORMAT_VERSION, settings, results }
    }
}

/// Aggregated KPI series, as the sender's pages showed them.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedResults {
    pub(crate) made_at: String,
    pub(crate) files: Vec<String>,
    pub(crate) pages: Vec<SharedPage>,
    pub(crate) goals: Vec<SharedGoal>,
}

impl SharedResults {
    /// When the sender made the link: an ISO 8601 date (`2026-11-30`), optionally with a time.
    pub fn made_at(&self) -> &str {
        &self.made_at
    }
    /// The names of the files the sender's results come from (base names only).
    pub fn files(&self) -> &[String] {
        &self.files
    }
    pub fn pages(&self) -> &[SharedPage] {
        &self.pages
    }
    /// The page with this name (`revenue`, `support`…).
    pub fn page(&self, name: &str) -> Option<&SharedPage> {
        self.pages.iter().find(|p| p.page == name)
    }
    /// The sender's goals, each with the value and status the sender's scorecard showed.
    pub fn goals(&self) -> &[SharedGoal] {
        &self.goals
    }
    /// The sender's goal for a KPI (`key`: a KPI id, or `responses.nps` for one survey kind).
    pub fn goal(&self, key: &str) -> Option<&SharedGoal> {
        self.goals.iter().find(|g| g.key == key)
    }
    /// How many KPI values all pages hold.
    pub fn value_count(&self) -> usize {
        self.pages.iter().map(|p| p.kpis.len()).sum()
    }

    /// The same results with only the latest `periods` periods of each source on each page.
    pub fn recent(&self, periods: usize) -> SharedResults {
        let pages = self
            .pages
            .iter()
            .map(|p| {
                let mut latest: Vec<(&str, Vec<&str>)> = Vec::new();
                for k in &p.kpis {
                    match latest.iter_mut().find(|(s, _)| *s == k.source) {
                        Some((_, ps)) => ps.push(&k.period),
                        None => latest.push((&k.source, vec![&k.period])),
                    }
                }
                for (_, ps) in &mut latest {
                    ps.sort_unstable();
                    ps.dedup();
                    let cut = ps.len().saturating_sub(periods);
                    ps.drain(..cut);
                }
                let keep = |k: &SharedKpi| latest.iter().any(|(s, ps)| *s == k.source && ps.contains(&k.period.as_str()));
                SharedPage { page: p.page.clone(), kpis: p.kpis.iter().filter(|k| keep(k)).cloned().collect() }
            })
            .collect();
        SharedResults { made_at: self.made_at.clone(), files: self.files.clone(), pages, goals: self.goals.clone() }
    }
}

/// A goal the sender set and how their data met it, as the sender's scorecard judged it: the
/// status travels as judged, so the reader never judges the sender's goal against other data.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedGoal {
    /// The target's key in the sender's settings: a KPI id, or `responses.nps` for one survey kind.
    pub key: String,
    /// The period judged (each source's latest complete period, or the one the sender picked).
    pub period: String,
    /// The target, in the KPI's raw unit (rates as fractions, money in major units).
    pub target: f64,
    /// The sender's value in that period; none when undefined there.
    pub value: Option<f64>,
    pub status: GoalStatus,
}

/// How a value stands against its goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    Met,
    Missed,
    /// The KPI has no value in the period judged.
    NoData,
}

impl GoalStatus {
    /// "on track", "off track", "no data": the words the app's cards use.
    pub fn text(self) -> &'static str {
        match self {
            GoalStatus::Met => "on track",
            GoalStatus::Missed => "off track",
            GoalStatus::NoData => "no data",
        }
    }
}

/// One page's KPI values, grouped by series: the values of each (id, source, segment) together,
/// in the order each series first appeared, each series' periods in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedPage {
    /// The page's name as the app's settings spell it (`revenue`, `support`…).
    pub page: String,
    pub kpis: Vec<SharedKpi>,
}

/// One KPI value of one period: `KpiValue` without its numerator, denominator, counts and
/// warnings (a warning can quote ids from the sender's files).
#[derive(Debug, Clone, PartialEq)]
pub struct SharedKpi {
    pub id: String,
    pub source: String,
    pub period: String,
    /// None for the overall value; a breakdown's value (a plan, a channel…) otherwise.
    pub segment: Option<String>,
    /// None when the KPI is undefined in that period; always finite.
    pub value: Option<f64>,
}

/// `kpis` grouped by series as [`SharedPage`] holds them (a stable reordering).
pub(crate) fn group_by_series(kpis: Vec<SharedKpi>) -> Vec<SharedKpi> {
    let mut order: Vec<Vec<SharedKpi>> = Vec::new();
    let mut index: std::collections::HashMap<(String, String, Option<String>), usize> = std::collections::HashMap::new();
    for k in kpis {
        let key = (k.id.clone(), k.source.clone(), k.segment.clone());
        let i = *index.entry(key).or_insert_with(|| {
            order.push(Vec::new());
            order.len() - 1
        });
        order[i].push(k);
    }
    order.into_iter().flatten().collect()
}
