//! One loaded file of one source kind, generic over the metrics crate's `Source`: the file, its
//! sniff, the mapping (the user's for that header layout when they changed it, else the guess), the
//! two halves of the source's settings, and the typed data. The typed data depends only on the
//! file, the mapping and the ingest half: a KPI-only setting never re-reads the file.

use super::settings::{AppSource, Settings};
use super::workbench::{LoadedFile, Shared};
use leptos::prelude::*;
use northstar_metrics::ingest::{sniff, Sniff};
use northstar_metrics::source::{SourceData, SourceMeta};
use northstar_metrics::RoleMapping;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

pub type Typed<S> = Option<Result<Shared<<S as northstar_metrics::source::Source>::Data>, String>>;

pub struct SourceStore<S: AppSource> {
    pub file: RwSignal<Option<LoadedFile>>,
    pub sniff: Memo<Option<Shared<Sniff>>>,
    pub mapping: Memo<S::Mapping>,
    /// The mapping is the user's (remembered), not the guess.
    pub custom: Memo<bool>,
    pub ingest: Memo<S::Ingest>,
    pub kpi: Memo<S::Kpi>,
    /// None before any file; the reason when the file cannot be read with this mapping.
    pub data: Memo<Typed<S>>,
    /// How many times a file was read and typed (for the end-to-end check that a KPI setting
    /// does not re-read).
    reads: StoredValue<Arc<AtomicU32>>,
    settings: RwSignal<Settings>,
}

impl<S: AppSource> Clone for SourceStore<S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S: AppSource> Copy for SourceStore<S> {}

impl<S: AppSource> SourceStore<S> {
    pub fn new(settings: RwSignal<Settings>, initial: Option<LoadedFile>) -> SourceStore<S> {
        let file = RwSignal::new(initial);
        let sniff = Memo::new(move |_| file.with(|f| f.as_ref().map(|f| Shared::new(sniff(&f.bytes)))));
        let remembered = move |sig: &str| settings.with(|st| S::stored(&st.sources).mappings.get(sig).cloned());
        let mapping = Memo::new(move |_| {
            let Some(s) = sniff.get() else { return S::Mapping::default() };
            remembered(&s.signature()).unwrap_or_else(|| S::infer(&s))
        });
        let custom = Memo::new(move |_| {
            let sig = sniff.with(|s| s.as_ref().map(|s| s.signature()));
            sig.is_some_and(|sig| settings.with(|st| S::stored(&st.sources).mappings.contains_key(&sig)))
        });
        let ingest = Memo::new(move |_| settings.with(|s| S::stored(&s.sources).settings.ingest.clone()));
        let kpi = Memo::new(move |_| settings.with(|s| S::stored(&s.sources).settings.kpi.clone()));
        let reads = StoredValue::new(Arc::new(AtomicU32::new(0)));
        let data = Memo::new(move |_| {
            let s = sniff.get()?;
            let m = mapping.get();
            let ingest = ingest.get();
            reads.with_value(|r| r.fetch_add(1, Ordering::Relaxed));
            file.with(|f| f.as_ref().map(|f| S::read(&f.name, &f.bytes, &s, &m, &ingest).map(Shared::new).map_err(|e| e.to_string())))
        });
        SourceStore { file, sniff, mapping, custom, ingest, kpi, data, reads, settings }
    }

    /// The typed data when the file was read.
    pub fn ok(&self) -> Option<Shared<S::Data>> {
        self.data.with(|d| d.as_ref().and_then(|d| d.as_ref().ok()).cloned())
    }

    /// The shared record of the file read (issues, counts), when it was read.
    pub fn meta(&self) -> Option<SourceMeta> {
        self.data.with(|d| d.as_ref().and_then(|d| d.as_ref().ok()).map(|d| d.meta().clone()))
    }

    /// Files read so far.
    pub fn reads(&self) -> u32 {
        self.reads.with_value(|r| r.load(Ordering::Relaxed))
    }

    /// The summary line: a hint before any file, the reason when it could not be read, else what
    /// was read.
    pub fn summary(&self) -> String {
        self.data.with(|d| match d {
            None => "load a file to see its KPIs".into(),
            Some(Err(e)) => format!("not read: {e}"),
            Some(Ok(d)) => d.describe(),
        })
    }

    pub fn load(&self, name: String, bytes: Vec<u8>) {
        self.file.set(Some(LoadedFile::new_upload(name, bytes)));
    }

    pub fn load_demo(&self) {
        self.file.set(Some(demo_file::<S>()));
    }

    pub fn clear(&self) {
        self.file.set(None);
    }

    fn signature(&self) -> Option<String> {
        self.sniff.with_untracked(|s| s.as_ref().map(|s| s.signature()))
    }

    /// Gives `column` the role `role` ("" for none), remembered for this header layout.
    pub fn set_role(&self, column: &str, role: &str) {
        let Some(sig) = self.signature() else { return };
        let mut m = self.mapping.get_untracked();
        m.assign(column, role);
        self.settings.update(|s| {
            S::stored_mut(&mut s.sources).mappings.insert(sig, m);
        });
    }

    /// Back to the guessed mapping.
    pub fn reset(&self) {
        let Some(sig) = self.signature() else { return };
        self.settings.update(|s| {
            S::stored_mut(&mut s.sources).mappings.remove(&sig);
        });
    }
}

/// The built-in demo export of source `S`.
pub fn demo_file<S: AppSource>() -> LoadedFile {
    LoadedFile { name: format!("demo-{}.csv", S::NAME), bytes: Shared::new(S::demo().into_bytes()), is_demo: true }
}
