//! The engine's stores and reads behind one object-safe face, so the worker host can stream any
//! source's file by the source's name.

use super::source_store::{FileInfo, Reading, SourceStore};
use leptos::prelude::*;
use northstar_metrics::source::{Context, Provided, Query, SourceData, SourceId};
use northstar_metrics::KpiValue;
use northstar_view::AppSource;
use northstar_view::Shared;

/// A source's store, whatever its kind.
pub trait AnyStore {
    fn id(&self) -> SourceId;
    /// Starts a read from the file's first bytes (see [`SourceStore::begin`]).
    fn begin(&self, file: FileInfo, prefix: &[u8]) -> Box<dyn AnyReading>;
    /// The mapping or the ingest settings changed since the file was read.
    fn stale(&self) -> bool;
    fn clear(&self);
    /// The file shown is the built-in demo.
    fn is_demo(&self) -> bool;
    /// The page's view of this source, as JSON.
    fn view_json(&self) -> serde_json::Value;
    /// The source's built-in demo export.
    fn demo(&self) -> String;
    /// The typed data, when a file was read, as the common face of every source's data (for the
    /// join and the health score).
    fn data(&self) -> Option<Box<dyn SharedData>>;
    /// The measures this kind's KPIs carry for other sources.
    fn provides(&self) -> &'static [Provided];
    /// The column the file's customer keys come from (its person key), for the join report.
    fn key_column(&self) -> Option<String>;
    /// The KPIs of the file read (tracked), under the KPI settings in force; none without one.
    fn kpis(&self, query: &Query, ctx: &Context) -> Option<Vec<KpiValue>>;
}

/// A store's typed data, shared, seen through [`SourceData`].
pub trait SharedData {
    fn get(&self) -> &dyn SourceData;
}

impl<D: SourceData> SharedData for Shared<D> {
    fn get(&self) -> &dyn SourceData {
        &**self
    }
}

/// A read in progress, whatever its kind.
pub trait AnyReading {
    fn feed(&mut self, chunk: &[u8]);
    fn expect_bytes(&mut self, bytes: u64);
    fn rows(&self) -> u64;
    fn failed(&self) -> bool;
    /// Puts the typed data in the store.
    fn finish(self: Box<Self>);
}

impl<S: AppSource> AnyStore for SourceStore<S> {
    fn id(&self) -> SourceId {
        S::ID
    }
    fn begin(&self, file: FileInfo, prefix: &[u8]) -> Box<dyn AnyReading> {
        Box::new(SourceStore::begin(self, file, prefix))
    }
    fn stale(&self) -> bool {
        SourceStore::stale(self)
    }
    fn clear(&self) {
        SourceStore::clear(self)
    }
    fn is_demo(&self) -> bool {
        SourceStore::is_demo(self)
    }
    fn view_json(&self) -> serde_json::Value {
        serde_json::to_value(self.view()).unwrap_or(serde_json::Value::Null)
    }
    fn demo(&self) -> String {
        S::demo()
    }
    fn data(&self) -> Option<Box<dyn SharedData>> {
        self.ok().map(|d| Box::new(d) as Box<dyn SharedData>)
    }
    fn provides(&self) -> &'static [Provided] {
        S::PROVIDES
    }
    fn key_column(&self) -> Option<String> {
        self.mapping.with(|m| northstar_metrics::source::key_column::<S>(m).map(str::to_string))
    }
    fn kpis(&self, query: &Query, ctx: &Context) -> Option<Vec<KpiValue>> {
        let kpi = self.kpi.get();
        self.ok().map(|d| S::kpis(&d, &kpi, query, ctx))
    }
}

impl<S: AppSource> AnyReading for Reading<S> {
    fn feed(&mut self, chunk: &[u8]) {
        Reading::feed(self, chunk)
    }
    fn expect_bytes(&mut self, bytes: u64) {
        Reading::expect_bytes(self, bytes)
    }
    fn rows(&self) -> u64 {
        Reading::rows(self)
    }
    fn failed(&self) -> bool {
        Reading::failed(self)
    }
    fn finish(self: Box<Self>) {
        Reading::finish(*self)
    }
}
