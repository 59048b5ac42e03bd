//! One abstraction for every kind of export. A source kind (subscriptions, orders, tickets, …) is one
//! module implementing [`Source`]: its name and one-line description, its KPI definitions, its
//! column roles and how they are guessed, its settings split into those that change how rows are
//! read ([`Source::Ingest`]) and those that only change the arithmetic ([`Source::Kpi`]), a
//! streaming [`Reader`] (`feed` chunk by chunk, then `finish`), and its KPIs.
//!
//! The registry ([`SOURCES`]), the CLI, the golden-test harness and the app iterate over the
//! sources through the object-safe [`AnySource`] and never name one. A source that needs another's
//! data or KPIs (engagement needs paying customers, LTV:CAC needs LTV) finds them in [`Context`].

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
    fn contacts(&self) -> Vec<crate::join::Contact> {
        Vec::new()
    }
    /// The source's dated touches of its customers, for the health score and the customer
    /// timeline ([`crate::health`]); none for a source that says nothing of customers.
    fn signals(&self) -> Option<crate::health::Signals> {
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
    pub fn apply(&mut self, source: &str, key: &str, value: &str) -> Result<(), FatalError> {
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

/// The other loaded sources, for KPIs that need them: their typed data, and the KPIs already
/// computed (sources run in [`SOURCES`] order, so a source sees the KPIs of those before it).
#[derive(Default, Clone)]
pub struct Context<'a> {
    data: Vec<(&'static str, &'a (dyn Any + Send + Sync))>,
    kpis: Vec<(&'static str, &'a [KpiValue])>,
}

impl<'a> Context<'a> {
    pub fn with_data<S: Source>(mut self, data: &'a S::Data) -> Self {
        self.data.push((S::NAME, data));
        self
    }
    pub fn with_any(mut self, name: &'static str, data: &'a (dyn Any + Send + Sync)) -> Self {
        self.data.push((name, data));
        self
    }
    pub fn with_kpis(mut self, name: &'static str, kpis: &'a [KpiValue]) -> Self {
        self.kpis.push((name, kpis));
        self
    }
    /// The typed data of source `S`, when loaded.
    pub fn data<S: Source>(&self) -> Option<&'a S::Data> {
        self.data.iter().find(|(n, _)| *n == S::NAME).and_then(|(_, d)| d.downcast_ref::<S::Data>())
    }
    /// The KPIs computed for source `name`, when loaded.
    pub fn kpis(&self, name: &str) -> Option<&'a [KpiValue]> {
        self.kpis.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
    }
}

/// A kind of export.
pub trait Source: Sized + Send + Sync + 'static {
    /// The id in `--source NAME=FILE`, in JSON and in `data-testid="NAME-…"`.
    const NAME: &'static str;
    /// What the source is, in one line.
    const DESCRIPTION: &'static str;
    /// Each row holds a whole period's totals (a monthly funnel sheet), so a period the file
    /// names is never partly covered, whatever day its date cell shows.
    const PERIOD_TOTALS: bool = false;
    type Mapping: RoleMapping + Default + std::fmt::Debug + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static;
    type Ingest: SettingsPart;
    type Kpi: SettingsPart;
    type Data: SourceData;
    type Reader: Reader<Data = Self::Data>;

    fn defs() -> &'static [KpiDef];
    /// Guesses the roles from the header and the first rows.
    fn infer(sniff: &Sniff) -> Self::Mapping;
    /// Starts reading a file; a mapping that cannot be read (a required role missing, a column
    /// that is not there) is a fatal error.
    fn reader(file: &str, sniff: &Sniff, mapping: &Self::Mapping, ingest: &Self::Ingest) -> Result<Self::Reader, FatalError>;
    fn kpis(data: &Self::Data, kpi: &Self::Kpi, query: &Query, ctx: &Context) -> Vec<KpiValue>;
    /// A built-in, deterministic demo export of this kind (CSV text).
    fn demo() -> String;

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

/// How to read one file: role overrides (`--map`), settings (`--set`), and a breakdown column that
/// is added as a segment when it has no role yet.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// (role, column); a column of `None` clears the role. The first column of a multi-column role
    /// (`segment`, a survey's `csat`…) replaces the guesses, the next ones add to it.
    pub maps: Vec<(String, Option<String>)>,
    /// (key, value) without the source prefix.
    pub sets: Vec<(String, String)>,
    pub segment: Option<String>,
}

/// A source kind, object-safe: what the registry, the CLI and the test harness iterate over.
pub trait AnySource: Sync {
    fn name(&self) -> &'static str;
    fn description(&self) -> &'static str;
    fn defs(&self) -> &'static [KpiDef];
    fn roles(&self) -> &'static [&'static str];
    /// The role takes any number of columns (`segment`, a survey's questions).
    fn is_multi(&self, role: &str) -> bool;
    /// (ingest keys, KPI keys).
    fn setting_keys(&self) -> (&'static [&'static str], &'static [&'static str]);
    fn demo(&self) -> String;
    /// The roles guessed for a file, each with its column(s), in the order the UI lists them.
    fn infer_mapping(&self, sniff: &Sniff) -> Vec<(&'static str, Vec<String>)>;
    /// How well a file fits this source: the roles its header gives, and whether the reader takes
    /// the guessed mapping ([`crate::recognise`] adds the vendor shapes and ranks the sources).
    fn fit(&self, sniff: &Sniff) -> crate::recognise::Fit;
    /// Starts reading `file` with the guessed mapping changed by `options`.
    fn open(&self, file: &str, sniff: &Sniff, options: &Options) -> Result<Box<dyn Loading>, FatalError>;
}

/// A file being read.
pub trait Loading {
    fn feed(&mut self, chunk: &[u8]);
    fn finish(self: Box<Self>) -> Box<dyn Loaded>;
}

/// A file read, ready for KPIs.
pub trait Loaded: Send + Sync {
    fn name(&self) -> &'static str;
    fn meta(&self) -> &SourceMeta;
    fn describe(&self) -> String;
    fn counters(&self) -> Vec<(&'static str, u64)>;
    fn facts(&self) -> Vec<(&'static str, String)>;
    /// The mapping used: each role with its column(s).
    fn mapping(&self) -> Vec<(&'static str, Vec<String>)>;
    fn segment_names(&self) -> Vec<String>;
    /// See [`SourceData::choices`]: (setting key, the file's values with their row counts).
    fn choices(&self) -> Vec<(&'static str, Vec<(String, u64)>)>;
    fn data(&self) -> &(dyn Any + Send + Sync);
    /// The typed data as the common face every source's data has.
    fn source_data(&self) -> &dyn SourceData;
    fn kpis(&self, query: &Query, ctx: &Context) -> Vec<KpiValue>;
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

/// The object-safe face of a [`Source`].
pub struct SourceKind<S>(std::marker::PhantomData<S>);

impl<S> Default for SourceKind<S> {
    fn default() -> Self {
        SourceKind::new()
    }
}

impl<S> SourceKind<S> {
    pub const fn new() -> SourceKind<S> {
        SourceKind(std::marker::PhantomData)
    }
}

struct LoadingOf<S: Source> {
    reader: S::Reader,
    mapping: S::Mapping,
    kpi: S::Kpi,
}

struct LoadedOf<S: Source> {
    data: S::Data,
    mapping: S::Mapping,
    kpi: S::Kpi,
}

impl<S: Source> AnySource for SourceKind<S> {
    fn name(&self) -> &'static str {
        S::NAME
    }
    fn description(&self) -> &'static str {
        S::DESCRIPTION
    }
    fn defs(&self) -> &'static [KpiDef] {
        S::defs()
    }
    fn roles(&self) -> &'static [&'static str] {
        S::Mapping::roles()
    }
    fn is_multi(&self, role: &str) -> bool {
        S::Mapping::default().is_multi(role)
    }
    fn setting_keys(&self) -> (&'static [&'static str], &'static [&'static str]) {
        (S::Ingest::KEYS, S::Kpi::KEYS)
    }
    fn demo(&self) -> String {
        S::demo()
    }
    fn infer_mapping(&self, sniff: &Sniff) -> Vec<(&'static str, Vec<String>)> {
        mapping_columns(&S::infer(sniff))
    }
    fn fit(&self, sniff: &Sniff) -> crate::recognise::Fit {
        let mapping = S::infer(sniff);
        let columns = mapping_columns(&mapping);
        // The contact roles serve only the join: a file's e-mail column says nothing of its kind,
        // nor does a free-text subject.
        let counted = |role: &str| role != "segment" && role != "subject" && !crate::join::CONTACT_ROLES.contains(&role);
        let roles = columns.iter().filter(|(role, cols)| counted(role) && !cols.is_empty()).count();
        let segments = columns.iter().filter(|(role, _)| *role == "segment").map(|(_, cols)| cols.len()).sum();
        // The reader's refusal without a file name ("no column for the role 'start'; …").
        let problem = S::reader("", sniff, &mapping, &S::Ingest::default()).err().map(|e| e.to_string().trim_start_matches(": ").to_string());
        crate::recognise::Fit::new(S::NAME, roles, segments, problem)
    }
    fn open(&self, file: &str, sniff: &Sniff, options: &Options) -> Result<Box<dyn Loading>, FatalError> {
        let mut mapping = S::infer(sniff);
        // The first column given to a multi-column role replaces its guesses; the next ones add to it.
        let mut replaced: Vec<&str> = Vec::new();
        for (role, column) in &options.maps {
            if mapping.is_multi(role) && !replaced.contains(&role.as_str()) {
                mapping.set(role, None);
                replaced.push(role);
            }
            if !mapping.set(role, column.clone()) {
                return Err(FatalError::UnknownSetting {
                    key: format!("{}.{role} (a role)", S::NAME),
                    known: S::Mapping::roles().iter().map(|r| format!("{}.{r}", S::NAME)).collect(),
                });
            }
        }
        if let Some(column) = &options.segment {
            let found = sniff.column_names().into_iter().find(|n| n.eq_ignore_ascii_case(column));
            if let Some(found) = found.filter(|f| mapping.role_of(f).is_none()) {
                mapping.set("segment", Some(found));
            }
        }
        let mut settings = SettingsOf::<S>::default();
        for (key, value) in &options.sets {
            settings.apply(S::NAME, key, value)?;
        }
        let reader = S::reader(file, sniff, &mapping, &settings.ingest)?;
        Ok(Box::new(LoadingOf::<S> { reader, mapping, kpi: settings.kpi }))
    }
}

impl<S: Source> Loading for LoadingOf<S> {
    fn feed(&mut self, chunk: &[u8]) {
        self.reader.feed(chunk);
    }
    fn finish(self: Box<Self>) -> Box<dyn Loaded> {
        let LoadingOf { reader, mapping, kpi } = *self;
        Box::new(LoadedOf::<S> { data: reader.finish(), mapping, kpi })
    }
}

impl<S: Source> Loaded for LoadedOf<S> {
    fn name(&self) -> &'static str {
        S::NAME
    }
    fn meta(&self) -> &SourceMeta {
        self.data.meta()
    }
    fn describe(&self) -> String {
        self.data.describe()
    }
    fn counters(&self) -> Vec<(&'static str, u64)> {
        let meta = self.data.meta();
        let mut out = vec![("data_rows", meta.rows), ("skipped_rows", meta.skipped_rows), ("issue_count", meta.issue_count)];
        out.extend(self.data.counters());
        out
    }
    fn facts(&self) -> Vec<(&'static str, String)> {
        self.data.facts()
    }
    fn mapping(&self) -> Vec<(&'static str, Vec<String>)> {
        mapping_columns(&self.mapping)
    }
    fn segment_names(&self) -> Vec<String> {
        self.data.segment_names()
    }
    fn choices(&self) -> Vec<(&'static str, Vec<(String, u64)>)> {
        self.data.choices()
    }
    fn data(&self) -> &(dyn Any + Send + Sync) {
        &self.data
    }
    fn source_data(&self) -> &dyn SourceData {
        &self.data
    }
    fn kpis(&self, query: &Query, ctx: &Context) -> Vec<KpiValue> {
        S::kpis(&self.data, &self.kpi, query, ctx)
    }
}

/// Every source kind, in the order their KPIs are computed and reported: a source may use the
/// KPIs of those before it (acquisition uses LTV from subscriptions or orders).
pub static SOURCES: &[&dyn AnySource] = &[
    &SourceKind::<crate::subscriptions::Subscriptions>::new(),
    &SourceKind::<crate::accounts::Accounts>::new(),
    &SourceKind::<crate::orders::Orders>::new(),
    &SourceKind::<crate::surveys::Surveys>::new(),
    &SourceKind::<crate::tickets::Tickets>::new(),
    &SourceKind::<crate::usage::Usage>::new(),
    // After subscriptions, orders and accounts: its LTV:CAC, CAC payback and retention cost use their KPIs.
    &SourceKind::<crate::funnel::Funnel>::new(),
];

/// The source kind called `name`.
pub fn by_name(name: &str) -> Option<&'static dyn AnySource> {
    SOURCES.iter().copied().find(|s| s.name() == name)
}

/// The KPIs of every loaded source, in [`SOURCES`] order, each seeing the others' data and the
/// KPIs computed before it.
pub fn kpis_of_all(loaded: &[Box<dyn Loaded>], query: &Query) -> Vec<(&'static str, Vec<KpiValue>)> {
    let mut out: Vec<(&'static str, Vec<KpiValue>)> = Vec::new();
    for source in SOURCES {
        let Some(this) = loaded.iter().find(|l| l.name() == source.name()) else { continue };
        let kpis = {
            let mut ctx = Context::default();
            for l in loaded {
                ctx = ctx.with_any(l.name(), l.data());
            }
            for (name, kpis) in &out {
                ctx = ctx.with_kpis(name, kpis);
            }
            this.kpis(query, &ctx)
        };
        out.push((source.name(), kpis));
    }
    out
}
