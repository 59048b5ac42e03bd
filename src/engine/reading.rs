//! The engine's stores and reads behind one object-safe face, so the worker host can stream any
//! source's file by the source's name.

use super::source_store::{FileInfo, Reading, SourceStore};
use crate::state::AppSource;

/// A source's store, whatever its kind.
pub trait AnyStore {
    fn name(&self) -> &'static str;
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
    fn name(&self) -> &'static str {
        S::NAME
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
