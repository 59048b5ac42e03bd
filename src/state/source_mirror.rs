//! The page's side of one source: what the engine's worker says of its file (a [`SourceView`]) and
//! of a read in progress, and the verbs that ask the worker for a change. Rows never reach the
//! page.

use super::Outbox;
use leptos::prelude::*;
use northstar_metrics::source::SourceId;
use northstar_metrics::RoleMapping;
use northstar_view::cards::Origin;
use northstar_view::wire::{LooksLike, Progress, SourceView, Timing, ToWorker};
use northstar_view::{AppSource, Settings};

pub struct SourceMirror<S: AppSource> {
    pub view: RwSignal<SourceView<S::Mapping>>,
    /// The read under way, if any.
    pub progress: RwSignal<Option<Progress>>,
    /// How long the last read took.
    pub timing: RwSignal<Option<Timing>>,
    /// The last file that could not be read at all (not a table, moved, too big), until the next read.
    pub failure: RwSignal<Option<String>>,
    settings: RwSignal<Settings>,
    outbox: Outbox,
}

impl<S: AppSource> Clone for SourceMirror<S> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<S: AppSource> Copy for SourceMirror<S> {}

impl<S: AppSource> SourceMirror<S> {
    pub fn new(settings: RwSignal<Settings>, outbox: Outbox) -> SourceMirror<S> {
        SourceMirror {
            view: RwSignal::new(SourceView::default()),
            progress: RwSignal::new(None),
            timing: RwSignal::new(None),
            failure: RwSignal::new(None),
            settings,
            outbox,
        }
    }

    /// Where this source's numbers come from, or why there are none; `what` names the file
    /// ("subscriptions file").
    pub fn origin(&self, what: &'static str) -> Signal<Origin> {
        let mirror = *self;
        Signal::derive(move || mirror.origin_now(what))
    }

    /// [`SourceMirror::origin`] now (tracked).
    pub fn origin_now(&self, what: &str) -> Origin {
        let mut o = self.view.with(|v| v.origin(what));
        if S::PERIOD_TOTALS {
            o.extent = None;
        }
        o
    }

    pub fn summary(&self) -> String {
        self.view.with(|v| v.summary.clone())
    }

    pub fn paste(&self, name: String, text: String) {
        self.outbox.send(ToWorker::Paste { source: S::ID, name, text });
    }

    pub fn load_demo(&self) {
        self.outbox.send(ToWorker::Demo { source: S::ID });
    }

    pub fn clear(&self) {
        self.outbox.send(ToWorker::Clear { source: S::ID });
    }

    /// Reads this source's file as the source `to` instead, and shows that page.
    pub fn move_to(&self, to: &LooksLike) {
        self.outbox.send(ToWorker::Move { from: S::ID, to: to.source });
        let page = to.page;
        self.settings.update(|s| s.page = page);
    }

    /// Reads another table of the same file (a zip archive's entry, a workbook's sheet).
    pub fn choose_part(&self, part: String) {
        self.outbox.send(ToWorker::Part { source: S::ID, part });
    }

    pub fn cancel(&self) {
        self.outbox.send(ToWorker::Cancel { source: S::ID });
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

/// A mirror, whatever its source kind: what the worker's messages are handed to, by source.
pub trait AnyMirror {
    fn id(&self) -> SourceId;
    /// Takes the worker's view of this source (JSON of a `SourceView` of its mapping type).
    fn receive(&self, view: serde_json::Value) -> Result<(), serde_json::Error>;
    fn progress(&self) -> RwSignal<Option<Progress>>;
    fn timing(&self) -> RwSignal<Option<Timing>>;
    fn failure(&self) -> RwSignal<Option<String>>;
    /// The file shown is the built-in demo (tracked).
    fn is_demo(&self) -> bool;
    fn clear(&self);
    /// Where its numbers come from (tracked; see [`SourceMirror::origin`]).
    fn origin(&self) -> Origin;
    /// The name of the file shown, if any (tracked).
    fn file(&self) -> Option<String>;
}

impl<S: AppSource> AnyMirror for SourceMirror<S> {
    fn id(&self) -> SourceId {
        S::ID
    }
    fn receive(&self, view: serde_json::Value) -> Result<(), serde_json::Error> {
        let view: SourceView<S::Mapping> = serde_json::from_value(view)?;
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
    fn origin(&self) -> Origin {
        self.origin_now(&format!("{} file", S::NAME))
    }
    fn file(&self) -> Option<String> {
        self.view.with(|v| v.file.clone())
    }
}

/// Declares [`Mirrors`], one [`SourceMirror`] per source kind of the catalog's list.
macro_rules! declare_mirrors {
    ($($variant:ident: $id:ident = $kind:path,)+) => {
        /// One mirror per source kind.
        #[derive(Clone, Copy)]
        pub struct Mirrors {
            $(pub $id: SourceMirror<$kind>,)+
        }

        impl Mirrors {
            pub fn new(settings: RwSignal<Settings>, outbox: Outbox) -> Mirrors {
                Mirrors { $($id: SourceMirror::new(settings, outbox),)+ }
            }

            /// The mirror of source `id`.
            pub fn get(&self, id: SourceId) -> &dyn AnyMirror {
                match id {
                    $(SourceId::$variant => &self.$id,)+
                }
            }
        }
    };
}

northstar_metrics::for_each_source!(declare_mirrors);

impl Mirrors {
    /// Every mirror, in the catalog's order.
    pub fn all(&self) -> impl Iterator<Item = &dyn AnyMirror> {
        SourceId::ALL.iter().map(|id| self.get(*id))
    }

    /// Calls `f` with the mirror of every source in `ids`.
    pub fn each(&self, ids: &[SourceId], mut f: impl FnMut(&dyn AnyMirror)) {
        for id in ids {
            f(self.get(*id));
        }
    }

    /// No read is under way (a new engine started).
    pub fn reset_progress(&self) {
        for m in self.all() {
            m.progress().set(None);
        }
    }
}
