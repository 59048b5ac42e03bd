//! Why a report failed (the command line's own errors are clap's, in `args`); every error exits
//! with code 2.

use northstar_formats::FormatError;
use northstar_metrics::FatalError;

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A file is not a container the formats crate reads, or is damaged or too large.
    #[error("{path}: {source}")]
    Format {
        path: String,
        #[source]
        source: FormatError,
    },
    /// `FILE#PART` given for a file that has no parts.
    #[error("{path} is {what}: '#{part}' names a file in a zip archive or a sheet of a workbook")]
    NoParts { path: String, what: &'static str, part: String },
    /// A file that cannot be read as its source with this mapping, with a hint when it looks
    /// like another source.
    #[error("{error}{hint}")]
    Read {
        #[source]
        error: FatalError,
        /// "; FILE looks like a Zendesk tickets export: try --source tickets=FILE", or empty.
        hint: String,
    },
    /// A `--set` key no source, the join or the health score has.
    #[error("unknown setting '{key}'; {expected}")]
    UnknownSetting { key: String, expected: &'static str },
    /// A `--set` value that cannot be used.
    #[error("--set {key}={value}: {reason}")]
    BadSetting { key: String, value: String, reason: String },
    /// A `--map` for a source that is not given.
    #[error("--map {kind}.{role}: no --source {kind}")]
    MapWithoutSource { kind: String, role: String },
    /// A `--segment` column no source has.
    #[error("--segment {0}: no source has a column named '{0}'")]
    NoSuchSegment(String),
    #[error("cannot write the JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl CliError {
    pub fn io(path: &str) -> impl FnOnce(std::io::Error) -> CliError + '_ {
        move |source| CliError::Io { path: path.to_string(), source }
    }
    pub fn format(path: &str) -> impl FnOnce(FormatError) -> CliError + '_ {
        move |source| CliError::Format { path: path.to_string(), source }
    }
}
