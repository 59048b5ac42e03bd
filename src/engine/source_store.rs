//! One source kind's file inside the engine, generic over the metrics crate's `Source`: the file's
//! name, its sniff, the mapping (the user's for that header layout when they changed it, else the
//! guess), the two halves of the source's settings, and the typed data.
//!
//! The data is set when a read ends ([`Reading::finish`]); a read streams the file chunk by chunk
//! and never keeps its bytes. The data depends only on the file, the mapping and the ingest half: a
//! KPI-only setting never re-reads, and [`SourceStore::stale`] says when a mapping or an ingest
//! setting has changed since the read, so the worker reads the file again.

use leptos::prelude::*;
use northstar_metrics::catalog::recognise::best_other;
use northstar_metrics::ingest::{sniff, Sniff};
use northstar_metrics::source::{Reader, Source, SourceData};
use northstar_metrics::{FatalError, RoleMapping};
use northstar_view::wire::{ColumnRow, LooksLike, SourceView};
use northstar_view::{AppSource, Page, Settings, Shared};

/// None before any file; the reason when the file cannot be read with this mapping.
pub type Typed<S> = Option<Result<Shared<<S as Source>::Data>, FatalError>>;

/// The file a store's data came from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FileInfo {
    /// As issues name it: `tickets.csv`, `exports.zip#tickets.csv`, `book.xlsx#Orders`.
    pub name: String,
    pub is_demo: bool,
    /// What the file is when it is not plain text ("a gzip-compressed file", "an Excel workbook").
    pub container: Option<&'static str>,
    /// The tables inside it (a zip archive's CSV files, a workbook's sheets), and the one read.
    pub parts: Vec<String>,
    pub part: Option<String>,
}

pub struct SourceStore<S: AppSource> {
    pub file: RwSignal<Option<FileInfo>>,
    pub sniff: RwSignal<Option<Shared<Sniff>>>,
    pub mapping: Memo<S::Mapping>,
    /// The mapping is the user's (remembered), not the guess.
    pub custom: Memo<bool>,
    /// Another source the file reads clearly better as, judged on the guessed mapping.
    pub looks_like: Memo<Option<LooksLike>>,
    pub ingest: Memo<S::Ingest>,
    pub kpi: Memo<S::Kpi>,
    pub data: RwSignal<Typed<S>>,
    /// The mapping and ingest settings the data was read with.
    read_with: RwSignal<Option<(S::Mapping, S::Ingest)>>,
    /// How many times a file was read and typed (the end-to-end check that a KPI setting does not
    /// re-read).
    reads: RwSignal<u32>,
    settings: RwSignal<Settings>,
}

impl<S: AppSource> Clone for SourceStore<S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S: AppSource> Copy for SourceStore<S> {}

/// The mapping for a sniffed header: the user's, remembered per layout, else the guess.
fn mapping_for<S: AppSource>(settings: &Settings, sniff: &Sniff) -> S::Mapping {
    S::stored(&settings.sources).mappings.get(&sniff.signature()).cloned().unwrap_or_else(|| northstar_metrics::guess::guess::<S>(sniff))
}

impl<S: AppSource> SourceStore<S> {
    pub fn new(settings: RwSignal<Settings>) -> SourceStore<S> {
        let sniff: RwSignal<Option<Shared<Sniff>>> = RwSignal::new(None);
        let mapping = Memo::new(move |_| {
            let Some(s) = sniff.get() else { return S::Mapping::default() };
            settings.with(|st| mapping_for::<S>(st, &s))
        });
        let custom = Memo::new(move |_| {
            let sig = sniff.with(|s| s.as_ref().map(|s| s.signature()));
            sig.is_some_and(|sig| settings.with(|st| S::stored(&st.sources).mappings.contains_key(&sig)))
        });
        let looks_like = Memo::new(move |_| {
            if custom.get() {
                return None;
            }
            let fit = sniff.with(|s| s.as_ref().and_then(|s| best_other(s, S::ID)))?;
            let page = Page::of_source(fit.source)?;
            Some(LooksLike { source: fit.source, what: fit.describe(), page })
        });
        let ingest = Memo::new(move |_| settings.with(|s| S::stored(&s.sources).settings.ingest.clone()));
        let kpi = Memo::new(move |_| settings.with(|s| S::stored(&s.sources).settings.kpi.clone()));
        SourceStore {
            file: RwSignal::new(None),
            sniff,
            mapping,
            custom,
            looks_like,
            ingest,
            kpi,
            data: RwSignal::new(None),
            read_with: RwSignal::new(None),
            reads: RwSignal::new(0),
            settings,
        }
    }

    /// The typed data when the file was read.
    pub fn ok(&self) -> Option<Shared<S::Data>> {
        self.data.with(|d| d.as_ref().and_then(|d| d.as_ref().ok()).cloned())
    }

    /// The file shown is the built-in demo (tracked).
    pub fn is_demo(&self) -> bool {
        self.file.with(|f| f.as_ref().is_some_and(|f| f.is_demo))
    }

    /// The typed data, when it may be joined to or shown beside data from `other`: both are the
    /// demo, or neither is. Demo and user data never mix.
    pub fn ok_beside<T: AppSource>(&self, other: &SourceStore<T>) -> Option<Shared<S::Data>> {
        (self.is_demo() == other.is_demo()).then(|| self.ok()).flatten()
    }

    /// Files read so far.
    pub fn reads(&self) -> u32 {
        self.reads.get_untracked()
    }

    /// Starts reading a file from its first bytes (at least the sniff's prefix, or the whole file
    /// when it is shorter): sniffs it and picks the mapping and the ingest settings now in force.
    pub fn begin(&self, file: FileInfo, prefix: &[u8]) -> Reading<S> {
        let sniffed = sniff(prefix);
        let mapping = self.settings.with_untracked(|st| mapping_for::<S>(st, &sniffed));
        let ingest = self.ingest.get_untracked();
        let reader = S::reader(&file.name, &sniffed, &mapping, &northstar_metrics::guess::reading_settings::<S>(&mapping, &ingest));
        Reading { store: *self, file, sniff: sniffed, mapping, ingest, reader }
    }

    /// The file was read with another mapping or other ingest settings than those in force now.
    pub fn stale(&self) -> bool {
        let Some(sniffed) = self.sniff.get_untracked() else { return false };
        let now = (self.settings.with_untracked(|st| mapping_for::<S>(st, &sniffed)), self.ingest.get_untracked());
        self.read_with.with_untracked(|w| w.as_ref() != Some(&now))
    }

    pub fn clear(&self) {
        self.file.set(None);
        self.sniff.set(None);
        self.data.set(None);
        self.read_with.set(None);
    }

    /// What the page shows of this source.
    pub fn view(&self) -> SourceView<S::Mapping> {
        let mapping = self.mapping.get_untracked();
        let (columns, profile) = self.sniff.with_untracked(|sn| {
            let Some(sn) = sn.as_ref() else { return (Vec::new(), None) };
            let guessed = northstar_metrics::guess::guess::<S>(sn);
            let picks = northstar_metrics::guess::explain::<S>(sn, &mapping, &guessed);
            let profile = northstar_metrics::profile::of(guessed.profile()).map(|p| p.name());
            (northstar_view::wire::column_rows(column_rows(sn, |c| mapping.role_of(c)), &picks), profile)
        });
        let file = self.file.get_untracked();
        self.data.with_untracked(move |d| {
            let ok = d.as_ref().and_then(|d| d.as_ref().ok());
            let file = file.unwrap_or_default();
            SourceView {
                is_demo: file.is_demo,
                file: (!file.name.is_empty()).then_some(file.name),
                container: file.container.map(str::to_string),
                parts: file.parts,
                part: file.part,
                summary: match d {
                    None => "load a file to see its KPIs".into(),
                    Some(Err(e)) => format!("not read: {e}"),
                    Some(Ok(d)) => match &profile {
                        // The vendor export it was read as, unless the description says it.
                        Some(p) if !d.describe().contains(p.as_str()) => format!("read as {}: {}", northstar_metrics::profile::with_article(p), d.describe()),
                        _ => d.describe(),
                    },
                },
                error: d.as_ref().and_then(|d| d.as_ref().err().map(|e| e.to_string())),
                fix: d.as_ref().and_then(|d| d.as_ref().err()).and_then(fix_for),
                reads: self.reads.get_untracked(),
                signature: self.sniff.with_untracked(|s| s.as_ref().map(|s| s.signature())),
                columns,
                mapping,
                profile,
                custom: self.custom.get_untracked(),
                meta: ok.map(|d| d.meta().clone()),
                counters: ok.map(|d| d.counters().into_iter().map(|(k, v)| (k.to_string(), v)).collect()).unwrap_or_default(),
                facts: ok.map(|d| d.facts().into_iter().map(|(k, v)| (k.to_string(), v)).collect()).unwrap_or_default(),
                segments: ok.map(|d| d.segment_names()).unwrap_or_default(),
                choices: ok.map(|d| d.choices().into_iter().map(|(k, v)| (k.to_string(), v)).collect()).unwrap_or_default(),
                looks_like: self.looks_like.get_untracked(),
            }
        })
    }
}

/// What the user can do about a mapping that cannot be read.
fn fix_for(e: &FatalError) -> Option<String> {
    match e {
        FatalError::MissingColumn { role, .. } => Some(format!(
            "Fix: in the column mapping below, choose the column that holds the {role}. If this file is meant for another page, open it there."
        )),
        FatalError::UnknownColumn { role, column, .. } => Some(format!(
            "Fix: your saved mapping names a column “{column}” that this file does not have. Choose the {role} column in the mapping below, or press “Reset to guessed”."
        )),
        FatalError::NoHeader { .. } => Some("Fix: export the table with its header row, or paste it with the column names on the first line.".into()),
        _ => None,
    }
}

/// One read in progress: bytes in, then [`Reading::finish`] puts the typed data in the store.
pub struct Reading<S: AppSource> {
    store: SourceStore<S>,
    file: FileInfo,
    sniff: Sniff,
    mapping: S::Mapping,
    ingest: S::Ingest,
    /// Why this mapping cannot be read (a required role missing), when it cannot.
    reader: Result<S::Reader, FatalError>,
}

impl<S: AppSource> Reading<S> {
    pub fn feed(&mut self, chunk: &[u8]) {
        if let Ok(r) = &mut self.reader {
            r.feed(chunk);
        }
    }

    /// The file holds about `bytes` bytes of text: the reader may set its storage aside (the
    /// estimate is the sniff's mean bytes per record, plus 2 %).
    pub fn expect_bytes(&mut self, bytes: u64) {
        let rows = bytes / self.sniff.bytes_per_record.max(1) as u64;
        if let Ok(r) = &mut self.reader {
            r.reserve((rows + rows / 50) as usize);
        }
    }

    /// Rows read so far.
    pub fn rows(&self) -> u64 {
        self.reader.as_ref().map_or(0, |r| r.rows_read())
    }

    /// The mapping cannot be read: the rest of the file need not be.
    pub fn failed(&self) -> bool {
        self.reader.is_err()
    }

    pub fn finish(self) {
        let Reading { store, file, sniff, mapping, ingest, reader } = self;
        let data = reader.map(|r| Shared::new(r.finish()));
        store.file.set(Some(file));
        store.sniff.set(Some(Shared::new(sniff)));
        store.read_with.set(Some((mapping, ingest)));
        store.reads.update(|n| *n += 1);
        store.data.set(Some(data));
    }
}

/// One row per column of a sniffed file, with the role `role_of` gives it.
pub fn column_rows(sniff: &Sniff, role_of: impl Fn(&str) -> Option<&'static str>) -> Vec<ColumnRow> {
    sniff
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let sample: Vec<&str> = sniff.preview.iter().map(|r| r.cell(i).trim()).filter(|v| !v.is_empty()).take(3).collect();
            ColumnRow { name: c.name.clone(), label: c.label.clone(), sample: sample.join(" · "), role: role_of(&c.name), why: None, alternatives: Vec::new() }
        })
        .collect()
}
