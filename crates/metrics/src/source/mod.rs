//! The layer every source stands on: one abstraction for every kind of export. A source kind
//! (subscriptions, orders, tickets, …) is one module implementing [`Source`]: its id and one-line
//! description, its KPI definitions, its column roles and how they are guessed, its settings split
//! into those that change how rows are read ([`Source::Ingest`]) and those that only change the
//! arithmetic ([`Source::Kpi`]), a streaming [`Reader`] (`feed` chunk by chunk, then `finish`),
//! and its KPIs.
//!
//! Nothing here names a source. The catalog (`crate::catalog`), above the sources, lists them
//! (from [`for_each_source!`](crate::for_each_source)) and is what the CLI, the test harness and
//! the app iterate over. A source that needs another's data or KPIs asks [`Context`] for a
//! typed capability ([`capability`]), never for a source by name.

pub mod capability;
mod context;
mod id;

pub use capability::{CustomerAttributes, Measure, PaidPerPeriod, Paying, PayingCustomers, Provided};
pub use context::{Context, MeasureOf};
pub use id::{SourceId, UnknownSource};

use crate::ingest::Sniff;
use crate::issue::{FatalError, Issue, IssueLog};
use crate::kpi::{KpiDef, KpiValue};
use crate::mapping::RoleMapping;
use crate::period::Granularity;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::any::Any;

/// What every source reports about the file it read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceMeta {
    pub file: String,
    #[serde(deserialize_with = "crate::wire::static_str")]
    pub encoding: crate::wire::Name,
    /// Data rows read (header rows excluded).
    pub rows: u64,
    /// Rows not used, each with an issue saying why.
    pub skipped_rows: u64,
    /// The first [`crate::issue::MAX_LISTED_ISSUES`] issues in full.
    pub issues: Vec<Issue>,
    /// Every issue, listed or not.
    pub issue_count: u64,
    /// First and last day of the plausible dates the file mentions (days since 1970-01-01).
    pub first_day: Option<i32>,
    pub last_day: Option<i32>,
}

impl SourceMeta {
    pub fn new(file: &str) -> SourceMeta {
        SourceMeta { file: file.to_string(), ..Default::default() }
    }

    /// Widens the date span to include `day`.
    pub fn note_day(&mut self, day: i32) {
        self.first_day = Some(self.first_day.map_or(day, |f| f.min(day)));
        self.last_day = Some(self.last_day.map_or(day, |l| l.max(day)));
    }

    /// Takes the issues of a finished read.
    pub fn take_issues(&mut self, log: IssueLog) {
        self.issues = log.issues;
        self.issue_count = log.count;
    }
}

/// Typed data of one source.
pub trait SourceData: Send + Sync + 'static {
    fn meta(&self) -> &SourceMeta;
    /// What was read, in one line ("1,204 rows, 980 orders, 311 customers; 3 rows skipped").
    fn describe(&self) -> String;
    /// Source-specific counts beside the shared ones (excluded trials, skipped answers, …).
    fn counters(&self) -> Vec<(&'static str, u64)> {
        Vec::new()
    }
    /// Facts decided while reading that the user should see (amount unit, currency, shape).
    fn facts(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    /// The columns the KPIs can be broken down by.
    fn segment_names(&self) -> Vec<String> {
        Vec::new()
    }
    /// Settings whose value should be one of the file's own values, each with those values and
    /// their row counts, most frequent first (an event log's activities for
    /// `first_response_activity` and `resolution_activity`): the app shows them as a select.
    fn choices(&self) -> Vec<(&'static str, Vec<(String, u64)>)> {
        Vec::new()
    }
    /// For a source whose rows belong to a customer (orders, tickets, survey answers, usage
    /// events): each distinct customer key as read (a row without one under `""`) with its rows,
    /// for [`crate::join`]. Empty for a source that is not joined.
    fn customer_keys(&self) -> Vec<(String, u64)> {
        Vec::new()
    }
    /// For a source of billing customers (subscriptions, accounts): each customer with its
    /// e-mail, website and name when the file has them, for [`crate::join::Directory`].
    fn contacts(&self) -> Vec<crate::signals::Contact> {
        Vec::new()
    }
    /// The source's dated touches of its customers, for the health score and the customer
    /// timeline (`crate::health`); none for a source that says nothing of customers.
    fn signals(&self) -> Option<crate::signals::Signals> {
        None
    }
    /// Who pays when, for a source of billing customers (see [`capability::PayingCustomers`]).
    fn paying_customers(&self) -> Option<&dyn PayingCustomers> {
        None
    }
    /// The source's customers described by columns (see [`capability::CustomerAttributes`]).
    fn customer_attributes(&self) -> Option<&dyn CustomerAttributes> {
        None
    }
}

/// A streaming reader: bytes in chunk by chunk (any split, even inside a character or a quoted
/// field), typed data out at the end. It never needs the whole file at once.
pub trait Reader {
    type Data;
    fn feed(&mut self, chunk: &[u8]);
    fn bytes_read(&self) -> u64;
    /// Data rows read so far (for progress).
    fn rows_read(&self) -> u64;
    /// A hint that about `rows` rows will come: a reader whose typed data is large sets its
    /// storage aside at once, so a big file is not copied as its vectors double (in wasm the old
    /// copies are not given back). Readers of small data ignore it.
    fn reserve(&mut self, _rows: usize) {}
    fn finish(self) -> Self::Data;
}

/// The typing half of most readers: records in one at a time, typed data out at the end.
pub trait RowTyping {
    type Data;
    fn row(&mut self, record: &crate::ingest::Record);
    /// Sets storage aside for about `rows` rows (see [`Reader::reserve`]).
    fn reserve(&mut self, _rows: usize) {}
    /// Ends the typing; `reading` holds the stream's own problems (quoting, encoding).
    fn finish(self, encoding: &'static str, reading: Vec<Issue>) -> Self::Data;
}

/// A [`Reader`] made of a record stream and a [`RowTyping`], kept in separate fields so the
/// stream can hand each record to the typing while both are borrowed.
pub struct Streamed<T> {
    stream: crate::ingest::RecordStream,
    typing: T,
}

impl<T> Streamed<T> {
    pub fn over(file: &str, sniff: &Sniff, typing: T) -> Streamed<T> {
        Streamed { stream: crate::ingest::RecordStream::new(file, sniff), typing }
    }
}

impl<T: RowTyping> Reader for Streamed<T> {
    type Data = T::Data;
    fn feed(&mut self, chunk: &[u8]) {
        let typing = &mut self.typing;
        self.stream.feed(chunk, &mut |r| typing.row(r));
    }
    fn bytes_read(&self) -> u64 {
        self.stream.bytes_read
    }
    fn rows_read(&self) -> u64 {
        self.stream.rows
    }
    fn reserve(&mut self, rows: usize) {
        self.typing.reserve(rows);
    }
    fn finish(mut self) -> T::Data {
        let typing = &mut self.typing;
        let reading = self.stream.finish(&mut |r| typing.row(r));
        self.typing.finish(self.stream.encoding(), reading)
    }
}

/// One half of a source's settings: the ingest half (changes how rows are read) or the KPI half
/// (changes only the arithmetic). Keys are the words of `--set SOURCE.KEY=VALUE`.
pub trait SettingsPart: Clone + Default + PartialEq + std::fmt::Debug + Serialize + DeserializeOwned + Send + Sync + 'static {
    const KEYS: &'static [&'static str];
    /// Applies `key` (one of [`Self::KEYS`]); an unusable value is refused with the reason.
    fn apply(&mut self, key: &str, value: &str) -> Result<(), String>;
    /// For the KPI half: whether it still makes sense with the ingest half (`ingest` is the
    /// source's `Ingest`), e.g. a CSAT threshold inside the CSAT scale.
    fn agrees_with(&self, _ingest: &dyn Any) -> Result<(), String> {
        Ok(())
    }
    /// For the KPI half: the settings that shape each KPI's value, in words for its card (gross
    /// margin, SLA hours, the FCR rule…), numbers in `style`; a number never rests on a hidden
    /// assumption.
    fn assumptions(&self, _style: &crate::format::Style) -> Vec<Assumption> {
        Vec::new()
    }
}

/// A setting that shapes a KPI's value, said for the KPI's card.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumption {
    pub kpi: &'static str,
    /// "Gross margin 80 %".
    pub text: String,
    /// The setting is still its default (the user has not chosen it).
    pub is_default: bool,
}

impl Assumption {
    pub fn new(kpi: &'static str, text: String, is_default: bool) -> Assumption {
        Assumption { kpi, text, is_default }
    }
}

/// No settings.
impl SettingsPart for () {
    const KEYS: &'static [&'static str] = &[];
    fn apply(&mut self, _: &str, _: &str) -> Result<(), String> {
        Err("no such setting".into())
    }
}

/// The ingest half of a source whose only reading choice is the day/month order of its dates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DateOrderOnly {
    pub date_order: crate::parse::DateOrder,
}

impl SettingsPart for DateOrderOnly {
    const KEYS: &'static [&'static str] = &["date_order"];
    fn apply(&mut self, _key: &str, value: &str) -> Result<(), String> {
        self.date_order = crate::parse::DateOrder::parse_setting(value)?;
        Ok(())
    }
}

/// Both halves, stored as one flat JSON object (so a saved document reads the same as before the
/// split).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceSettings<I, K> {
    #[serde(flatten)]
    pub ingest: I,
    #[serde(flatten)]
    pub kpi: K,
}

impl<I: SettingsPart, K: SettingsPart> SourceSettings<I, K> {
    /// Applies `--set SOURCE.KEY=VALUE` (prefix removed) to the half that owns `key`.
    pub fn apply(&mut self, source: SourceId, key: &str, value: &str) -> Result<(), FatalError> {
        let result = if I::KEYS.contains(&key) {
            let mut ingest = self.ingest.clone();
            let applied = ingest.apply(key, value);
            if applied.is_ok() {
                self.ingest = ingest;
            }
            applied
        } else if K::KEYS.contains(&key) {
            let mut kpi = self.kpi.clone();
            let applied = kpi.apply(key, value).and_then(|()| kpi.agrees_with(&self.ingest));
            if applied.is_ok() {
                self.kpi = kpi;
            }
            applied
        } else {
            let known = I::KEYS.iter().chain(K::KEYS).map(|k| format!("{source}.{k}")).collect();
            return Err(FatalError::UnknownSetting { key: format!("{source}.{key}"), known });
        };
        result.map_err(|reason| FatalError::BadSetting { key: format!("{source}.{key}"), value: value.into(), reason })
    }
}

/// What the KPIs are asked for: the calendar bucket and, optionally, a column to break them down by.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub granularity: Granularity,
    /// A column name; per-segment rows come beside the overall ones.
    pub segment: Option<String>,
    /// Only the per-segment rows are wanted (a table per agent, say): a source may skip the
    /// overall ones.
    pub segments_only: bool,
}

impl Query {
    pub fn new(granularity: Granularity) -> Query {
        Query { granularity, segment: None, segments_only: false }
    }
    /// Asks for the per-segment rows only.
    pub fn segments_only(mut self) -> Query {
        self.segments_only = true;
        self
    }
    pub fn segment(mut self, column: Option<String>) -> Query {
        self.segment = column;
        self
    }
}

/// A kind of export.
pub trait Source: Sized + Send + Sync + 'static {
    /// Which kind this is (its line in [`for_each_source!`](crate::for_each_source)).
    const ID: SourceId;
    /// The id in `--source NAME=FILE`, in JSON and in `data-testid="NAME-…"`.
    const NAME: &'static str = Self::ID.name();
    /// What the source is, in one line.
    const DESCRIPTION: &'static str;
    /// Each row holds a whole period's totals (a monthly funnel sheet), so a period the file
    /// names is never partly covered, whatever day its date cell shows.
    const PERIOD_TOTALS: bool = false;
    /// The measures this kind's KPIs carry for other sources (LTV, ARPA…).
    const PROVIDES: &'static [Provided] = &[];
    /// The role that says which person (or account) a row is about, and how its column is
    /// chosen by its values (see [`crate::guess`]); none for a source of totals.
    const PERSON: Option<PersonKey> = None;
    type Mapping: RoleMapping + Default + std::fmt::Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static;
    type Ingest: SettingsPart;
    type Kpi: SettingsPart;
    type Data: SourceData;
    type Reader: Reader<Data = Self::Data>;

    fn defs() -> &'static [KpiDef];
    /// The header words `role` is guessed from, for saying why it has its column.
    fn synonyms(_role: &str) -> &'static [&'static str] {
        &[]
    }
    /// The word of a column's header text (its name and any second header row) that guessed it
    /// for `role`, where the guess reads words inside the text rather than whole headers (a
    /// survey's question wording).
    fn header_word(_role: &str, _header_text: &str) -> Option<&'static str> {
        None
    }
    /// Guesses the roles from the header and the first rows (its header synonyms; [`crate::guess`] adds
    /// the person key's values and the vendor profiles).
    fn infer(sniff: &Sniff) -> Self::Mapping;
    /// Starts reading a file; a mapping that cannot be read (a required role missing, a column
    /// that is not there) is a fatal error.
    fn reader(file: &str, sniff: &Sniff, mapping: &Self::Mapping, ingest: &Self::Ingest) -> Result<Self::Reader, FatalError>;
    fn kpis(data: &Self::Data, kpi: &Self::Kpi, query: &Query, ctx: &Context) -> Vec<KpiValue>;
    /// A built-in, deterministic demo export of this kind (CSV text).
    fn demo() -> String;
    /// The settings the app starts with: the defaults, unless the built-in demo needs a choice of
    /// its own to show every KPI (usage: the demo's activation event).
    fn starting_settings() -> SettingsOf<Self> {
        SettingsOf::<Self>::default()
    }
    /// Results beyond the KPI values (an orders file's cohort table), for the CLI and the test
    /// harness; none by default.
    fn extras(_data: &Self::Data, _kpi: &Self::Kpi) -> Vec<Extra> {
        Vec::new()
    }

    /// Reads a whole file held in memory (in 1 MiB chunks, as a stream would).
    fn read(file: &str, bytes: &[u8], sniff: &Sniff, mapping: &Self::Mapping, ingest: &Self::Ingest) -> Result<Self::Data, FatalError> {
        let mut reader = Self::reader(file, sniff, mapping, ingest)?;
        for chunk in bytes.chunks(1 << 20) {
            reader.feed(chunk);
        }
        Ok(reader.finish())
    }
}

/// The settings of source `S`.
pub type SettingsOf<S> = SourceSettings<<S as Source>::Ingest, <S as Source>::Kpi>;

/// A source's person key: the role naming the person (or account) of a row, and how its column is
/// chosen by its values when several could serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonKey {
    pub role: &'static str,
    /// E-mail addresses beat ids (a source whose ids rarely are the billing customer's: tickets,
    /// answers, events); else an id is as good.
    pub prefer_email: bool,
    /// The file has one row per person (an account list), so ids unique per row are persons too.
    pub one_row_per_person: bool,
    /// The role of the key to fall back on when the person key is blank (an event log's device or
    /// anonymous id).
    pub anonymous: Option<&'static str>,
}

impl PersonKey {
    /// A key whose ids are as good as e-mails, with several rows per person.
    pub const fn id(role: &'static str) -> PersonKey {
        PersonKey { role, prefer_email: false, one_row_per_person: false, anonymous: None }
    }
    /// A key best given as an e-mail address.
    pub const fn email(role: &'static str) -> PersonKey {
        PersonKey { role, prefer_email: true, one_row_per_person: false, anonymous: None }
    }
}

/// A result of a source beyond its KPI values (an orders file's cohort table), in the forms its
/// readers take.
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    /// Its key in the CLI's JSON (`cohorts`).
    pub key: &'static str,
    pub json: serde_json::Value,
    /// Its section of the CLI's text output, heading line included.
    pub text: String,
    /// Its cells as values (id, period, segment, value, n), for the golden cases' `expect`.
    pub values: Vec<KpiValue>,
}
/// The column a mapping gives the source's person key (the customer, requester, respondent or
/// user), if any.
pub fn key_column<S: Source>(mapping: &S::Mapping) -> Option<&str> {
    let role = S::PERSON?.role;
    mapping.column(role)
}

/// Every role of `mapping` with its column(s), in the order the UI lists them.
pub fn mapping_columns<M: RoleMapping>(mapping: &M) -> Vec<(&'static str, Vec<String>)> {
    let mut m = mapping.clone();
    let mut out = Vec::new();
    for &role in M::roles() {
        if let Some(columns) = m.columns(role) {
            out.push((role, columns.clone()));
        } else if let Some(slot) = m.slot(role) {
            out.push((role, slot.iter().cloned().collect()));
        }
    }
    out
}
