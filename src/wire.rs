//! What the page and the engine's Web Worker say to each other, as JSON. The page sends the
//! settings and the files (as `File` handles, never their bytes); the worker sends back progress,
//! one view per source, and the results of the page shown: KPI values, view models and chart data,
//! never rows.

use crate::state::models::SortRow;
use crate::state::{Page, Settings};
use northstar_charts::DistributionBar;
use northstar_metrics::comments::CommentSummary;
use northstar_metrics::health::timeline::Timeline;
use northstar_metrics::health::{Band, Component};
use northstar_metrics::join::JoinReport;
use northstar_metrics::orders::CohortRow;
use northstar_metrics::source::SourceMeta;
use northstar_metrics::surveys::Kind;
use northstar_metrics::KpiValue;
use serde::{Deserialize, Serialize};

/// Page → worker. A `Load` message travels with the `File` itself beside its JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum ToWorker {
    Settings(Box<Settings>),
    /// Read the `File` sent with this message (streamed, in slices).
    Load {
        source: String,
    },
    /// Pasted CSV text.
    Paste {
        source: String,
        name: String,
        text: String,
    },
    Demo {
        source: String,
    },
    Clear {
        source: String,
    },
    /// Read another table of the same file (a zip archive's entry, a workbook's sheet).
    Part {
        source: String,
        part: String,
    },
    /// Stop reading; the data read before stays.
    Cancel {
        source: String,
    },
    /// Read the file of `from` as a `to` file instead (the file was meant for another page).
    Move {
        from: String,
        to: String,
    },
}

/// Worker → page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum FromWorker {
    /// One source's file, mapping and reading record; `view` is a [`SourceView`] of that source's
    /// mapping type.
    Source {
        source: String,
        view: serde_json::Value,
    },
    Progress(Progress),
    /// A read ended (done, failed or cancelled): the progress bar goes. A read that ended with
    /// its data in the engine says how long each step took.
    Done {
        source: String,
        timing: Option<Timing>,
    },
    /// A file could not be read at all (moved, deleted, not readable); the data before stays.
    Failed {
        source: String,
        reason: String,
    },
    Results(Box<PageResults>),
}

/// How far a read has got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub source: String,
    pub file: String,
    /// Bytes of the file read so far, and its size (compressed bytes for a compressed file).
    pub bytes: u64,
    pub total: u64,
    pub rows: u64,
    pub elapsed_ms: f64,
    /// The engine's memory now (the worker's wasm memory).
    pub memory_bytes: u64,
}

impl Progress {
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            (self.bytes as f64 / self.total as f64).min(1.0)
        }
    }
    pub fn rows_per_second(&self) -> Option<f64> {
        (self.elapsed_ms > 0.0).then(|| self.rows as f64 * 1000.0 / self.elapsed_ms)
    }
    /// Seconds left at the speed so far.
    pub fn eta_seconds(&self) -> Option<f64> {
        (self.bytes > 0 && self.elapsed_ms > 0.0).then(|| (self.total.saturating_sub(self.bytes)) as f64 / self.bytes as f64 * self.elapsed_ms / 1000.0)
    }
}

/// How long a read took, step by step (ms): streaming the file through the reader, ending the
/// typing, and computing and sending the shown page's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timing {
    pub bytes: u64,
    pub rows: u64,
    pub read_ms: f64,
    pub finish_ms: f64,
    pub results_ms: f64,
    /// The engine's memory once the file was read (the worker's wasm memory, which never shrinks:
    /// its peak).
    pub memory_bytes: u64,
}

impl Timing {
    pub fn total_ms(&self) -> f64 {
        self.read_ms + self.finish_ms + self.results_ms
    }
}

/// One row of a mapping table: a column of the file, a sample of its values, and its role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnRow {
    pub name: String,
    pub label: String,
    pub sample: String,
    #[serde(default, deserialize_with = "northstar_metrics::wire::static_str_opt")]
    pub role: Option<northstar_metrics::wire::Name>,
}

/// What the page knows of one source: never its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound = "M: Serialize + serde::de::DeserializeOwned")]
pub struct SourceView<M> {
    /// The file's name, when there is one.
    pub file: Option<String>,
    pub is_demo: bool,
    /// What the file is when it is not plain text ("an Excel workbook").
    pub container: Option<String>,
    /// The tables inside it (a zip archive's CSV files, a workbook's sheets), and the one read.
    pub parts: Vec<String>,
    pub part: Option<String>,
    /// A hint before any file, the reason when it could not be read, else what was read.
    pub summary: String,
    pub error: Option<String>,
    /// What to do about the error, when there is something to do.
    pub fix: Option<String>,
    /// Times the file was read and typed.
    pub reads: u32,
    /// The header layout's signature: mappings the user changes are remembered under it.
    pub signature: Option<String>,
    pub columns: Vec<ColumnRow>,
    pub mapping: M,
    /// The mapping is the user's (remembered), not the guess.
    pub custom: bool,
    pub meta: Option<SourceMeta>,
    pub counters: Vec<(String, u64)>,
    pub facts: Vec<(String, String)>,
    /// The columns the KPIs can be broken down by.
    pub segments: Vec<String>,
    /// Settings chosen from the file's own values, with their row counts (an event log's
    /// activities): (setting key, [(value, rows)]).
    pub choices: Vec<(String, Vec<(String, u64)>)>,
    /// The file reads better as another source (a Zendesk export dropped on Surveys).
    pub looks_like: Option<LooksLike>,
}

/// Another source a file looks meant for, and how to say so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LooksLike {
    pub source: String,
    /// "a Zendesk tickets export".
    pub what: String,
    /// The page to open it on.
    pub page: Page,
}

impl<M: Default> Default for SourceView<M> {
    fn default() -> Self {
        SourceView {
            file: None,
            is_demo: false,
            container: None,
            parts: Vec::new(),
            part: None,
            summary: "load a file to see its KPIs".into(),
            error: None,
            fix: None,
            reads: 0,
            signature: None,
            columns: Vec::new(),
            mapping: M::default(),
            custom: false,
            meta: None,
            counters: Vec::new(),
            facts: Vec::new(),
            segments: Vec::new(),
            choices: Vec::new(),
            looks_like: None,
        }
    }
}

impl<M> SourceView<M> {
    pub fn fact(&self, name: &str) -> Option<String> {
        self.facts.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }
}

/// A column the revenue KPIs can be cut by, and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentOption {
    pub column: String,
    pub from_accounts: bool,
    pub values: Vec<String>,
}

/// The scorecard: every source's overall KPI values (every period), at each page's period.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ScorecardResults {
    /// (source, its overall values).
    pub sources: Vec<(String, Vec<KpiValue>)>,
}

/// One customer of the risk list, as of the month shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskRow {
    pub customer: String,
    pub name: Option<String>,
    pub score: Option<f64>,
    pub band: Option<Band>,
    /// Cents.
    pub mrr: i64,
    pub components: Vec<(Component, f64)>,
}

/// The Health page: how each source matched, the health KPIs per month, and the risk list.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct HealthResults {
    pub joins: Vec<JoinReport>,
    /// Billing customers in the directory.
    pub customers: u64,
    /// Where the billing customers come from (`subscriptions` or `accounts`).
    pub billing: Option<String>,
    /// The sources joined.
    pub loaded: Vec<String>,
    pub demo: bool,
    pub kpis: Vec<KpiValue>,
    /// Every month scored, oldest first.
    pub periods: Vec<String>,
    /// The month the risk list shows, and the day it is scored at.
    pub period: Option<String>,
    pub as_of: Option<String>,
    /// Active customers at that day, and how many of them have no component at all.
    pub active: u64,
    pub unscored: u64,
    /// Lowest score first, at most `engine::health::RISK_ROWS`.
    pub risk: Vec<RiskRow>,
}

/// A customer a search found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomerHit {
    pub customer: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub score: Option<f64>,
    pub band: Option<Band>,
}

/// The Customers page: the search's customers and the timeline of the one shown.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CustomersResults {
    pub customers: u64,
    pub query: String,
    pub hits: Vec<CustomerHit>,
    pub timeline: Option<Timeline>,
    pub demo: bool,
    pub loaded: Vec<String>,
}

/// The results of the page shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PageResults {
    Scorecard(ScorecardResults),
    Revenue(RevenueResults),
    Orders(OrdersResults),
    Acquisition(AcquisitionResults),
    Support(SupportResults),
    Product(ProductResults),
    Surveys(SurveysResults),
    Health(HealthResults),
    Customers(CustomersResults),
}

impl PageResults {
    pub fn page(&self) -> Page {
        match self {
            PageResults::Scorecard(_) => Page::Scorecard,
            PageResults::Revenue(_) => Page::Revenue,
            PageResults::Orders(_) => Page::Orders,
            PageResults::Acquisition(_) => Page::Acquisition,
            PageResults::Support(_) => Page::Support,
            PageResults::Product(_) => Page::Product,
            PageResults::Surveys(_) => Page::Surveys,
            PageResults::Health(_) => Page::Health,
            PageResults::Customers(_) => Page::Customers,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct RevenueResults {
    pub kpis: Vec<KpiValue>,
    /// The latest period of the filtered data, per value of the breakdown column.
    pub breakdown: Vec<KpiValue>,
    pub account_kpis: Vec<KpiValue>,
    pub segment_options: Vec<SegmentOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct OrdersResults {
    pub kpis: Vec<KpiValue>,
    pub breakdown: Vec<KpiValue>,
    pub cohorts: Vec<CohortRow>,
}

/// The latest month of the funnel sheet, and each stage's count in it.
pub type Stages = (String, Vec<(String, Option<f64>)>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct AcquisitionResults {
    /// The funnel's KPIs and the accounts' referral KPIs.
    pub kpis: Vec<KpiValue>,
    pub breakdown: Vec<KpiValue>,
    pub stages: Stages,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SupportResults {
    pub kpis: Vec<KpiValue>,
    /// The periods the agent table can cover, latest first, and the one it covers now.
    pub agent_periods: Vec<String>,
    pub agent_period: Option<String>,
    pub agents: Vec<KpiValue>,
    /// The ticket subjects' sentiment and themes, when the file has subjects.
    pub subjects: Option<CommentSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ProductResults {
    /// Every KPI value but the per-customer consumption rows.
    pub kpis: Vec<KpiValue>,
    /// The latest period's consumption per customer.
    pub consumption: (String, Vec<SortRow>),
    pub features: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SurveysResults {
    pub kpis: Vec<KpiValue>,
    pub kinds: Vec<Kind>,
    pub score_kind: Option<Kind>,
    pub distribution: Option<(Kind, Vec<DistributionBar>)>,
    /// The comments' sentiment and themes, when the file has comments.
    pub comments: Option<CommentSummary>,
}
