//! The page's store: the settings (the only source of truth the page owns, persisted), what the
//! engine's worker last said of each source and of the shown page's results, and the notices.
//! Nothing here computes a KPI: the worker does, off the page's thread.

use super::share::ShareState;
use super::source_mirror::Mirrors;
use super::{Outbox, PageStates};
use leptos::prelude::*;
use northstar_metrics::source::SourceId;
use northstar_view::wire::{FromWorker, Routed, ToWorker};
use northstar_view::Settings;

#[derive(Clone, Copy)]
pub struct Workbench {
    pub settings: RwSignal<Settings>,
    pub storage_notice: RwSignal<Option<String>>,
    pub load_error: RwSignal<Option<String>>,
    /// What the worker last said of each source.
    pub sources: Mirrors,
    /// What the worker last sent of each page.
    pub pages: PageStates,
    pub share: ShareState,
    /// Messages for the worker.
    pub outbox: Outbox,
    /// The files dropped at once on the first page: where each went (newest last).
    pub routed: RwSignal<Vec<Routed>>,
}

impl Workbench {
    /// Reads a file routed from the first page as `to` instead of the source it was recognised as.
    pub fn reroute(&self, file: &str, to: SourceId) {
        let from = self.routed.with_untracked(|all| all.iter().find(|r| r.file == file).and_then(|r| r.source));
        match from {
            Some(from) if from != to => self.outbox.send(ToWorker::Move { from, to }),
            _ => return,
        }
        self.routed.update(|all| {
            if let Some(r) = all.iter_mut().find(|r| r.file == file) {
                r.source = Some(to);
                r.what = "your choice".into();
            }
        });
    }

    /// A workbench on `initial` settings (read from storage by the caller, with `notice` when they
    /// could not be). Every source starts on its built-in demo (read by the worker when it starts).
    pub fn with_settings(initial: Settings, notice: Option<String>) -> Workbench {
        let settings = RwSignal::new(initial);
        let outbox = Outbox::default();
        Workbench {
            settings,
            storage_notice: RwSignal::new(notice),
            load_error: RwSignal::new(None),
            sources: Mirrors::new(settings, outbox),
            pages: PageStates::default(),
            share: ShareState::default(),
            routed: RwSignal::new(Vec::new()),
            outbox,
        }
    }

    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) {
        self.settings.update(change);
    }

    /// Sets the user's target `key` from the text of a target field, typed in the field's units
    /// (`scale` = 100 for rates, kept as fractions); text that is not a number removes it.
    pub fn set_target(&self, key: String, text: &str, scale: f64) {
        let parsed = text.trim().parse::<f64>().ok().filter(|t| t.is_finite());
        self.settings.update(move |s| match parsed {
            Some(t) => {
                s.targets.insert(key, t / scale);
            }
            None => {
                s.targets.remove(&key);
            }
        });
    }

    /// Takes one message from the worker.
    pub fn receive(&self, message: FromWorker) {
        let outcome = match message {
            FromWorker::Source { source, view } => self.sources.get(source).receive(view),
            FromWorker::Progress(p) => {
                let m = self.sources.get(p.source);
                m.failure().set(None);
                m.progress().set(Some(p));
                Ok(())
            }
            FromWorker::Done { source, timing } => {
                let m = self.sources.get(source);
                m.progress().set(None);
                if timing.is_some() {
                    m.failure().set(None);
                    m.timing().set(timing);
                }
                Ok(())
            }
            // Shown beside the source's drop zone, where the user acted.
            FromWorker::Failed { source, reason } => {
                let m = self.sources.get(source);
                m.progress().set(None);
                m.failure().set(Some(reason));
                Ok(())
            }
            FromWorker::Routed(r) => {
                self.routed.update(|all| {
                    all.retain(|x| x.file != r.file);
                    all.push(r);
                });
                Ok(())
            }
            FromWorker::Results(results) => {
                self.pages.receive(*results);
                Ok(())
            }
        };
        if let Err(e) = outcome {
            self.load_error.set(Some(format!("The engine sent what the page cannot read ({e}). Reload the page.")));
        }
    }
}
