//! A source kind, object-safe: what the catalog lists and the CLI, the test harness and the
//! engine iterate over without naming a source ([`AnySource`]: its id, roles, settings and demo;
//! [`Loading`]: a file being read; [`Loaded`]: a file read, ready for KPIs).

use crate::ingest::Sniff;
use crate::issue::FatalError;
use crate::kpi::{KpiDef, KpiValue};
use crate::mapping::RoleMapping;
use crate::source::{mapping_columns, Context, Extra, Provided, Query, Reader, SettingsOf, SettingsPart, Source, SourceData, SourceId, SourceMeta};

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
    fn id(&self) -> SourceId;
    fn name(&self) -> &'static str;
    /// The measures its KPIs carry for other sources.
    fn provides(&self) -> &'static [Provided];

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
    /// the guessed mapping ([`super::recognise`] adds the vendor shapes and ranks the sources).
    fn fit(&self, sniff: &Sniff) -> super::recognise::Fit;
    /// Starts reading `file` with the guessed mapping changed by `options`.
    fn open(&self, file: &str, sniff: &Sniff, options: &Options) -> Result<Box<dyn Loading>, FatalError>;

    /// Reads a file held whole (a test's, a fuzzer's): sniffed whole, opened with `options`, and
    /// fed in pieces cut at each of `cuts` (in order), as a stream's pieces would arrive.
    fn read(&self, file: &str, bytes: &[u8], cuts: &[usize], options: &Options) -> Result<Box<dyn Loaded>, FatalError> {
        let mut loading = self.open(file, &crate::ingest::sniff(bytes), options)?;
        let mut from = 0;
        for &at in cuts.iter().chain([bytes.len()].iter()) {
            let at = at.clamp(from, bytes.len());
            loading.feed(&bytes[from..at]);
            from = at;
        }
        Ok(loading.finish())
    }
}

/// A file being read.
pub trait Loading {
    fn feed(&mut self, chunk: &[u8]);
    fn finish(self: Box<Self>) -> Box<dyn Loaded>;
}

/// A file read, ready for KPIs.
pub trait Loaded: Send + Sync {
    fn id(&self) -> SourceId;
    fn name(&self) -> &'static str;
    fn meta(&self) -> &SourceMeta;
    fn describe(&self) -> String;
    fn counters(&self) -> Vec<(&'static str, u64)>;
    fn facts(&self) -> Vec<(&'static str, String)>;
    /// The mapping used: each role with its column(s).
    fn mapping(&self) -> Vec<(&'static str, Vec<String>)>;
    /// Every role's column and why it has it (a vendor profile, a header synonym, the values,
    /// the user's choice), the close calls first.
    fn picks(&self) -> &[crate::guess::Pick];
    /// The column the file's customer keys come from (its person key), if mapped.
    fn key_column(&self) -> Option<&str>;
    /// The vendor export the file was read as, if a profile matched its header.
    fn profile(&self) -> Option<&'static crate::profile::Profile>;
    fn segment_names(&self) -> Vec<String>;
    /// See [`SourceData::choices`]: (setting key, the file's values with their row counts).
    fn choices(&self) -> Vec<(&'static str, Vec<(String, u64)>)>;
    /// The typed data as the common face every source's data has.
    fn source_data(&self) -> &dyn SourceData;
    fn kpis(&self, query: &Query, ctx: &Context) -> Vec<KpiValue>;
    /// Results beyond the KPI values (see [`Source::extras`]).
    fn extras(&self) -> Vec<Extra>;
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
    picks: Vec<crate::guess::Pick>,
    kpi: S::Kpi,
}

struct LoadedOf<S: Source> {
    data: S::Data,
    mapping: S::Mapping,
    picks: Vec<crate::guess::Pick>,
    kpi: S::Kpi,
}

impl<S: Source> AnySource for SourceKind<S> {
    fn id(&self) -> SourceId {
        S::ID
    }
    fn name(&self) -> &'static str {
        S::NAME
    }
    fn provides(&self) -> &'static [Provided] {
        S::PROVIDES
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
        mapping_columns(&crate::guess::guess::<S>(sniff))
    }
    fn fit(&self, sniff: &Sniff) -> super::recognise::Fit {
        let mapping = crate::guess::guess::<S>(sniff);
        let columns = mapping_columns(&mapping);
        // The contact roles serve only the join: a file's e-mail column says nothing of its kind,
        // nor does a free-text subject.
        let counted = |role: &str| role != "segment" && role != "subject" && !crate::join::CONTACT_ROLES.contains(&role);
        let roles = columns.iter().filter(|(role, cols)| counted(role) && !cols.is_empty()).count();
        let segments = columns.iter().filter(|(role, _)| *role == "segment").map(|(_, cols)| cols.len()).sum();
        // The reader's refusal without a file name ("no column for the role 'start'; …").
        let problem = S::reader("", sniff, &mapping, &S::Ingest::default()).err().map(|e| e.to_string().trim_start_matches(": ").to_string());
        super::recognise::Fit::new(S::ID, roles, segments, problem)
    }
    fn open(&self, file: &str, sniff: &Sniff, options: &Options) -> Result<Box<dyn Loading>, FatalError> {
        let guessed = crate::guess::guess::<S>(sniff);
        let mut mapping = guessed.clone();
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
            settings.apply(S::ID, key, value)?;
        }
        let ingest = crate::guess::reading_settings::<S>(&mapping, &settings.ingest);
        let reader = S::reader(file, sniff, &mapping, &ingest)?;
        let picks = crate::guess::explain::<S>(sniff, &mapping, &guessed);
        Ok(Box::new(LoadingOf::<S> { reader, mapping, picks, kpi: settings.kpi }))
    }
}

impl<S: Source> Loading for LoadingOf<S> {
    fn feed(&mut self, chunk: &[u8]) {
        self.reader.feed(chunk);
    }
    fn finish(self: Box<Self>) -> Box<dyn Loaded> {
        let LoadingOf { reader, mapping, picks, kpi } = *self;
        Box::new(LoadedOf::<S> { data: reader.finish(), mapping, picks, kpi })
    }
}

impl<S: Source> Loaded for LoadedOf<S> {
    fn id(&self) -> SourceId {
        S::ID
    }
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
    fn picks(&self) -> &[crate::guess::Pick] {
        &self.picks
    }
    fn profile(&self) -> Option<&'static crate::profile::Profile> {
        crate::profile::of(self.mapping.profile())
    }
    fn key_column(&self) -> Option<&str> {
        crate::source::key_column::<S>(&self.mapping)
    }
    fn segment_names(&self) -> Vec<String> {
        self.data.segment_names()
    }
    fn choices(&self) -> Vec<(&'static str, Vec<(String, u64)>)> {
        self.data.choices()
    }
    fn source_data(&self) -> &dyn SourceData {
        &self.data
    }
    fn kpis(&self, query: &Query, ctx: &Context) -> Vec<KpiValue> {
        S::kpis(&self.data, &self.kpi, query, ctx)
    }
    fn extras(&self) -> Vec<Extra> {
        S::extras(&self.data, &self.kpi)
    }
}
