//! The page's side of one source: what the engine's worker says of its file (a [`SourceView`]) and
//! of a read in progress, and the verbs that ask the worker for a change. Rows never reach the
//! page.

use super::settings::{AppSource, Settings};
use crate::browser::worker_client;
use crate::wire::{Progress, SourceView, Timing, ToWorker};
use leptos::prelude::*;
use northstar_metrics::RoleMapping;

pub struct SourceMirror<S: AppSource> {
    pub view: RwSignal<SourceView<S::Mapping>>,
    /// The read under way, if any.
    pub progress: RwSignal<Option<Progress>>,
    /// How long the last read took.
    pub timing: RwSignal<Option<Timing>>,
    /// The last file that could not be read at all (not a table, moved, too big), until the next read.
    pub failure: RwSignal<Option<String>>,
    settings: RwSignal<Settings>,
}

impl<S: AppSource> Clone for SourceMirror<S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S: AppSource> Copy for SourceMirror<S> {}

impl<S: AppSource> SourceMirror<S> {
    pub fn new(settings: RwSignal<Settings>) -> SourceMirror<S> {
        SourceMirror {
            view: RwSignal::new(SourceView::default()),
            progress: RwSignal::new(None),
            timing: RwSignal::new(None),
            failure: RwSignal::new(None),
            settings,
        }
    }

    /// Where this source's numbers come from, or why there are none; `what` names the file
    /// ("subscriptions file").
    pub fn origin(&self, what: &'static str) -> Signal<super::cards::Origin> {
        let mirror = *self;
        Signal::derive(move || mirror.origin_now(what))
    }

    /// [`SourceMirror::origin`] now (tracked).
    pub fn origin_now(&self, what: &str) -> super::cards::Origin {
        let mut o = self.view.with(|v| super::cards::origin(what, v));
        if S::PERIOD_TOTALS {
            o.extent = None;
        }
        o
    }

    pub fn summary(&self) -> String {
        self.view.with(|v| v.summary.clone())
    }

    pub fn paste(&self, name: String, text: String) {
        worker_client::post(&ToWorker::Paste { source: S::NAME.into(), name, text });
    }

    pub fn load_demo(&self) {
        worker_client::post(&ToWorker::Demo { source: S::NAME.into() });
    }

    pub fn clear(&self) {
        worker_client::post(&ToWorker::Clear { source: S::NAME.into() });
    }

    /// Reads this source's file as the source `to` instead, and shows that page.
    pub fn move_to(&self, to: &crate::wire::LooksLike) {
        worker_client::post(&ToWorker::Move { from: S::NAME.into(), to: to.source.clone() });
        let page = to.page;
        self.settings.update(|s| s.page = page);
    }

    /// Reads another table of the same file (a zip archive's entry, a workbook's sheet).
    pub fn choose_part(&self, part: String) {
        worker_client::post(&ToWorker::Part { source: S::NAME.into(), part });
    }

    pub fn cancel(&self) {
        worker_client::post(&ToWorker::Cancel { source: S::NAME.into() });
    }

    /// Gives `column` the role `role` ("" for none), remembered for this header layout.
    pub fn set_role(&self, column: &str, role: &str) {
        let Some((sig, mut m)) = self.view.with_untracked(|v| v.signature.clone().map(|s| (s, v.mapping.clone()))) else { return };
        m.assign(column, role);
        self.settings.update(|s| {
            S::stored_mut(&mut s.sources).mappings.insert(sig, m);
        });
    }

    /// Back to the guessed mapping.
    pub fn reset(&self) {
        let Some(sig) = self.view.with_untracked(|v| v.signature.clone()) else { return };
        self.settings.update(|s| {
            S::stored_mut(&mut s.sources).mappings.remove(&sig);
        });
    }
}

/// A mirror, whatever its source kind: what the worker's messages are handed to, by source name.
pub trait AnyMirror {
    fn name(&self) -> &'static str;
    /// Takes the worker's view of this source (JSON of a `SourceView` of its mapping type).
    fn receive(&self, view: serde_json::Value) -> Result<(), String>;
    fn progress(&self) -> RwSignal<Option<Progress>>;
    fn timing(&self) -> RwSignal<Option<Timing>>;
    fn failure(&self) -> RwSignal<Option<String>>;
    /// The file shown is the built-in demo (tracked).
    fn is_demo(&self) -> bool;
    fn clear(&self);
    /// Where its numbers come from (tracked; see [`SourceMirror::origin`]).
    fn origin(&self) -> super::cards::Origin;
    /// The name of the file shown, if any (tracked).
    fn file(&self) -> Option<String>;
}

impl<S: AppSource> AnyMirror for SourceMirror<S> {
    fn name(&self) -> &'static str {
        S::NAME
    }
    fn receive(&self, view: serde_json::Value) -> Result<(), String> {
        let view: SourceView<S::Mapping> = serde_json::from_value(view).map_err(|e| format!("{}: {e}", S::NAME))?;
        if view.file.is_none() {
            // Cleared: no read time to show.
            self.timing.set(None);
        }
        self.view.set(view);
        Ok(())
    }
    fn progress(&self) -> RwSignal<Option<Progress>> {
        self.progress
    }
    fn timing(&self) -> RwSignal<Option<Timing>> {
        self.timing
    }
    fn failure(&self) -> RwSignal<Option<String>> {
        self.failure
    }
    fn is_demo(&self) -> bool {
        self.view.with(|v| v.is_demo && v.file.is_some())
    }
    fn clear(&self) {
        SourceMirror::clear(self)
    }
    fn origin(&self) -> super::cards::Origin {
        self.origin_now(&format!("{} file", S::NAME))
    }
    fn file(&self) -> Option<String> {
        self.view.with(|v| v.file.clone())
    }
}
