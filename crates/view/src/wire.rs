//! What the page and the engine's Web Worker say to each other, as JSON. The page sends the
//! settings and the files (as `File` handles, never their bytes); the worker sends back progress,
//! one view per source, and the results of the page shown: KPI values, view models and chart data,
//! never rows.

use crate::cards::Origin;
use crate::{Page, Settings};
use northstar_metrics::source::SourceId;
use northstar_metrics::source::SourceMeta;
use serde::{Deserialize, Serialize};

/// Page → worker. A `Load` message travels with the `File` itself beside its JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum ToWorker {
    Settings(Box<Settings>),
    /// Read the `File` sent with this message (streamed, in slices).
    Load {
        source: SourceId,
    },
    /// Pasted CSV text.
    Paste {
        source: SourceId,
        name: String,
        text: String,
    },
    Demo {
        source: SourceId,
    },
    Clear {
        source: SourceId,
    },
    /// Read another table of the same file (a zip archive's entry, a workbook's sheet).
    Part {
        source: SourceId,
        part: String,
    },
    /// Stop reading; the data read before stays.
    Cancel {
        source: SourceId,
    },
    /// Read the file of `from` as a `to` file instead (the file was meant for another page).
    Move {
        from: SourceId,
        to: SourceId,
    },
    /// Read the `File` sent with this message as the source it is recognised as (one of the
    /// files dropped on the first page at once).
    LoadAny,
}

/// Where a file dropped with others on the first page went, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Routed {
    pub file: String,
    /// The source it is read as; none when it fits none (then `problem` says why).
    pub source: Option<SourceId>,
    /// What it looks like: "a Zendesk tickets export", "an orders file".
    pub what: String,
    pub problem: Option<String>,
}

/// Worker → page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum FromWorker {
    /// A file dropped with others on the first page was recognised and is being read.
    Routed(Routed),
    /// One source's file, mapping and reading record; `view` is a [`SourceView`] of that source's
    /// mapping type.
    Source {
        source: SourceId,
        view: serde_json::Value,
    },
    Progress(Progress),
    /// A read ended (done, failed or cancelled): the progress bar goes. A read that ended with
    /// its data in the engine says how long each step took.
    Done {
        source: SourceId,
        timing: Option<Timing>,
    },
    /// A file could not be read at all (moved, deleted, not readable); the data before stays.
    Failed {
        source: SourceId,
        reason: String,
    },
    Results(Box<crate::PageResults>),
}

/// How far a read has got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub source: SourceId,
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
    /// Why the column has its role: "the Zendesk tickets export profile", "the header reads
    /// “email”", "its values: e-mail addresses", "your choice".
    #[serde(default)]
    pub why: Option<String>,
    /// Other columns that could have had the role (a close call: look at it first).
    #[serde(default)]
    pub alternatives: Vec<String>,
}

/// The mapping panel's rows: one per column with the role it has and why, the close calls first,
/// then the other columns with a role, then those without, each group in the file's order.
pub fn column_rows(columns: Vec<ColumnRow>, picks: &[northstar_metrics::guess::Pick]) -> Vec<ColumnRow> {
    let mut rows: Vec<ColumnRow> = columns
        .into_iter()
        .map(|mut r| {
            if let Some(p) = picks.iter().find(|p| p.column == r.name && Some(p.role.as_str()) == r.role) {
                r.why = Some(p.why.text());
                r.alternatives = p.alternatives.clone();
            }
            r
        })
        .collect();
    rows.sort_by_key(|r| {
        if !r.alternatives.is_empty() {
            0
        } else if r.role.is_some() {
            1
        } else {
            2
        }
    });
    rows
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
    /// The vendor export the header matched ("Zendesk tickets export"), if a profile did.
    #[serde(default)]
    pub profile: Option<String>,
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
    pub source: SourceId,
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
            profile: None,
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
    /// Where this source's numbers come from, or why there are none; `what` names the file
    /// ("subscriptions file").
    pub fn origin(&self, what: &str) -> Origin {
        let extent = self.meta.as_ref().and_then(|m| m.first_day.zip(m.last_day));
        match (&self.file, &self.error) {
            (None, _) => Origin { from: String::new(), empty: format!("No {what} loaded: drop one above, or load the demo."), extent: None },
            (Some(f), Some(e)) => Origin { from: String::new(), empty: format!("{f} could not be read: {e}"), extent: None },
            (Some(f), None) => Origin {
                from: if self.is_demo { format!("From the demo file {f}") } else { format!("From {f}") },
                empty: format!("{f} has no rows these KPIs can use: see its data issues below."),
                extent,
            },
        }
    }

    pub fn fact(&self, name: &str) -> Option<String> {
        self.facts.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }
}
