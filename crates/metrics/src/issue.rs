//! Problems found in user data. Messy input is not an error: ingest returns rows plus issues,
//! each located by file, line and column. Fatal problems are [`FatalError`].

use serde::Serialize;

/// One located problem with the input. Lines are physical lines of the file (1-based).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Issue {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<String>,
    pub reason: String,
    /// A warning (a row or cell read around, the default) or an error (a setting that leaves KPIs
    /// undefined, such as an event-log activity that matches no row). Errors come first in
    /// [`crate::source::SourceMeta::issues`]. Absent from JSON for a warning.
    #[serde(default, skip_serializing_if = "Severity::is_warning")]
    pub severity: Severity,
}

/// How bad an [`Issue`] is: the UI shows an error apart from (and above) the warnings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    #[default]
    Warning,
    Error,
}

impl Severity {
    pub fn is_warning(&self) -> bool {
        *self == Severity::Warning
    }
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.severity == Severity::Error {
            write!(f, "error: ")?;
        }
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(col) = &self.column {
            write!(f, " [{col}]")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// Problems that stop a source from being read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FatalError {
    #[error("{file}: no column for the role '{role}'; available columns: {}", available.join(", "))]
    MissingColumn { file: String, role: String, available: Vec<String> },
    #[error("{file}: no column named '{column}' (for --map {role}); available columns: {}", available.join(", "))]
    UnknownColumn { file: String, role: String, column: String, available: Vec<String> },
    #[error("{file}: the file is empty or has no header row")]
    NoHeader { file: String },
    #[error("unknown setting '{key}'; known settings: {}", known.join(", "))]
    UnknownSetting { key: String, known: Vec<String> },
    #[error("bad value '{value}' for setting '{key}': {reason}")]
    BadSetting { key: String, value: String, reason: String },
}

/// At most this many issues are kept in full per source; the rest are only counted.
pub const MAX_LISTED_ISSUES: usize = 10_000;

/// Issues of one source: the first [`MAX_LISTED_ISSUES`] in full, all of them counted.
#[derive(Debug, Clone, Default)]
pub struct IssueLog {
    pub issues: Vec<Issue>,
    pub count: u64,
}

impl IssueLog {
    pub fn push(&mut self, issue: Issue) {
        self.count += 1;
        if self.issues.len() < MAX_LISTED_ISSUES {
            self.issues.push(issue);
        }
    }
    /// Adds `issue` as an error: after the errors already listed and before every warning, so the
    /// first issues shown are the errors.
    pub fn push_error(&mut self, issue: Issue) {
        self.count += 1;
        let at = self.issues.iter().take_while(|i| i.severity == Severity::Error).count();
        self.issues.insert(at, Issue { severity: Severity::Error, ..issue });
        self.issues.truncate(MAX_LISTED_ISSUES);
    }
    pub fn extend(&mut self, issues: impl IntoIterator<Item = Issue>) {
        for i in issues {
            self.push(i);
        }
    }
}
