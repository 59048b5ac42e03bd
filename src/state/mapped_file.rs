//! A loaded file of one source with its sniff and column mapping: the mapping is the user's for
//! that header layout when they changed it, else the guessed one. Shared by every source page.

use super::settings::Settings;
use super::workbench::{LoadedFile, Shared};
use leptos::prelude::*;
use northstar_metrics::ingest::{sniff, Sniff};
use northstar_metrics::RoleMapping;
use std::collections::BTreeMap;

/// Where a source's remembered mappings live in the settings: read and write access.
pub type Store<M> = (fn(&Settings) -> &BTreeMap<String, M>, fn(&mut Settings) -> &mut BTreeMap<String, M>);

pub struct MappedFile<M: Send + Sync + 'static> {
    pub file: RwSignal<Option<LoadedFile>>,
    pub sniff: Memo<Option<Shared<Sniff>>>,
    pub mapping: Memo<M>,
    /// The mapping is the user's (remembered), not the guess.
    pub custom: Memo<bool>,
    settings: RwSignal<Settings>,
    store: Store<M>,
}

impl<M: Send + Sync + 'static> Clone for MappedFile<M> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<M: Send + Sync + 'static> Copy for MappedFile<M> {}

impl<M: RoleMapping + Default + PartialEq + Send + Sync + 'static> MappedFile<M> {
    pub fn new(settings: RwSignal<Settings>, initial: Option<LoadedFile>, infer: fn(&Sniff) -> M, store: Store<M>) -> MappedFile<M> {
        let file = RwSignal::new(initial);
        let sniff = Memo::new(move |_| file.with(|f| f.as_ref().map(|f| Shared::new(sniff(&f.bytes)))));
        let remembered = move |sig: &str| settings.with(|st| (store.0)(st).get(sig).cloned());
        let mapping = Memo::new(move |_| {
            let Some(s) = sniff.get() else { return M::default() };
            remembered(&s.signature()).unwrap_or_else(|| infer(&s))
        });
        let custom = Memo::new(move |_| {
            let sig = sniff.with(|s| s.as_ref().map(|s| s.signature()));
            sig.is_some_and(|sig| settings.with(|st| (store.0)(st).contains_key(&sig)))
        });
        MappedFile { file, sniff, mapping, custom, settings, store }
    }

    fn signature(&self) -> Option<String> {
        self.sniff.with_untracked(|s| s.as_ref().map(|s| s.signature()))
    }

    /// Gives `column` the role `role` ("" for none), remembered for this header layout.
    pub fn set_role(&self, column: &str, role: &str) {
        let Some(sig) = self.signature() else { return };
        let mut m = self.mapping.get_untracked();
        m.assign(column, role);
        let write = self.store.1;
        self.settings.update(|s| {
            write(s).insert(sig, m);
        });
    }

    /// Back to the guessed mapping.
    pub fn reset(&self) {
        let Some(sig) = self.signature() else { return };
        let write = self.store.1;
        self.settings.update(|s| {
            write(s).remove(&sig);
        });
    }
}
