//! The workbench store: the loaded file and the settings are the only sources of truth; the sniff,
//! mapping, typed data and KPIs are Memos derived from them.

use super::settings::Settings;
use northstar_metrics::ingest::{sniff, Sniff};
use northstar_metrics::surveys::{infer_mapping, read_surveys, survey_kpis, SurveyData, SurveyMapping, SurveySettings};
use northstar_metrics::KpiValue;
use leptos::prelude::*;
use northstar_metrics::RoleMapping;
use std::sync::Arc;

/// An `Arc` compared by identity, so big derived values can sit in Memos cheaply.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}
impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Arc::new(value))
    }
}

/// A file the user gave us (or the demo).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFile {
    pub name: String,
    pub bytes: Shared<Vec<u8>>,
    pub is_demo: bool,
}

impl LoadedFile {
    pub fn demo() -> LoadedFile {
        LoadedFile { name: "demo-surveys.csv".into(), bytes: Shared::new(northstar_metrics::demo::demo_surveys_csv().into_bytes()), is_demo: true }
    }
    pub fn demo_subscriptions() -> LoadedFile {
        LoadedFile { name: "demo-subscriptions.csv".into(), bytes: Shared::new(northstar_metrics::demo::demo_subscriptions_csv().into_bytes()), is_demo: true }
    }
    pub fn demo_accounts() -> LoadedFile {
        LoadedFile { name: "demo-accounts.csv".into(), bytes: Shared::new(northstar_metrics::demo::demo_accounts_csv().into_bytes()), is_demo: true }
    }
    pub fn demo_tickets() -> LoadedFile {
        LoadedFile { name: "demo-tickets.csv".into(), bytes: Shared::new(northstar_metrics::demo::demo_tickets_csv().into_bytes()), is_demo: true }
    }
    pub fn demo_usage() -> LoadedFile {
        LoadedFile { name: "demo-usage.csv".into(), bytes: Shared::new(northstar_metrics::demo::demo_usage_csv().into_bytes()), is_demo: true }
    }
    pub fn new_upload(name: String, bytes: Vec<u8>) -> LoadedFile {
        LoadedFile { name, bytes: Shared::new(bytes), is_demo: false }
    }
}

#[derive(Clone, Copy)]
pub struct Workbench {
    pub file: RwSignal<LoadedFile>,
    pub settings: RwSignal<Settings>,
    pub storage_notice: RwSignal<Option<String>>,
    pub load_error: RwSignal<Option<String>>,
    pub sniff: Memo<Shared<Sniff>>,
    pub mapping: Memo<SurveyMapping>,
    pub mapping_is_custom: Memo<bool>,
    pub survey_settings: Memo<SurveySettings>,
    pub data: Memo<Result<Shared<SurveyData>, String>>,
    pub segment_index: Memo<Option<usize>>,
    pub kpis: Memo<Shared<Vec<KpiValue>>>,
    pub revenue: super::revenue::Revenue,
    pub support: super::support::Support,
    pub product: super::product::Product,
}

impl Workbench {
    pub fn new() -> Workbench {
        let (loaded, notice) = crate::browser::storage::load_settings();
        Workbench::with_settings(loaded, notice)
    }

    pub fn with_settings(initial: Settings, notice: Option<String>) -> Workbench {
        let file = RwSignal::new(LoadedFile::demo());
        let settings = RwSignal::new(initial);
        let sniff = Memo::new(move |_| file.with(|f| Shared::new(sniff(&f.bytes))));
        let mapping_is_custom = Memo::new(move |_| {
            let sig = sniff.with(|s| s.signature());
            settings.with(|s| s.mappings.contains_key(&sig))
        });
        let mapping = Memo::new(move |_| {
            let s = sniff.get();
            settings.with(|st| st.mappings.get(&s.signature()).cloned()).unwrap_or_else(|| infer_mapping(&s))
        });
        let survey_settings = Memo::new(move |_| settings.with(|s| s.surveys.clone()));
        let data = Memo::new(move |_| {
            let s = sniff.get();
            let m = mapping.get();
            let st = survey_settings.get();
            file.with(|f| read_surveys(&f.name, &f.bytes, &s, &m, &st).map(Shared::new).map_err(|e| e.to_string()))
        });
        let segment_index = Memo::new(move |_| {
            let wanted = settings.with(|s| s.segment.clone());
            data.with(|d| {
                let d = d.as_ref().ok()?;
                match wanted {
                    Some(name) => d.segments.iter().position(|c| c.name == name),
                    None => None,
                }
            })
        });
        let kpis = Memo::new(move |_| {
            let period = settings.with(|s| s.period);
            let seg = segment_index.get();
            let st = survey_settings.get();
            data.with(|d| match d {
                Ok(d) => Shared::new(survey_kpis(d, &st, period, seg)),
                Err(_) => Shared::new(Vec::new()),
            })
        });
        let revenue = super::revenue::Revenue::new(settings);
        Workbench {
            file,
            settings,
            storage_notice: RwSignal::new(notice),
            load_error: RwSignal::new(None),
            sniff,
            mapping,
            mapping_is_custom,
            survey_settings,
            data,
            segment_index,
            kpis,
            revenue,
            support: super::support::Support::new(settings),
            product: super::product::Product::new(settings, revenue),
        }
    }

    pub fn load(&self, name: String, bytes: Vec<u8>) {
        if bytes.is_empty() {
            self.load_error.set(Some(format!("{name} is empty")));
            return;
        }
        self.load_error.set(None);
        self.file.set(LoadedFile { name, bytes: Shared::new(bytes), is_demo: false });
    }

    pub fn load_demo(&self) {
        self.load_error.set(None);
        self.file.set(LoadedFile::demo());
    }

    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) {
        self.settings.update(change);
    }

    /// Gives `column` the role `role` ("" for none) in this file's mapping, remembered per header.
    pub fn set_role(&self, column: &str, role: &str) {
        let mut m = self.mapping.get_untracked();
        m.assign(column, role);
        let sig = self.sniff.with_untracked(|s| s.signature());
        self.settings.update(|s| {
            s.mappings.insert(sig, m);
        });
    }

    pub fn reset_mapping(&self) {
        let sig = self.sniff.with_untracked(|s| s.signature());
        self.settings.update(|s| {
            s.mappings.remove(&sig);
        });
    }
}

impl Default for Workbench {
    fn default() -> Self {
        Workbench::new()
    }
}

/// The summary line of a source's file: a hint before any file, a pointer to the mapping when it
/// could not be read, else what was read.
pub fn summary_of<T>(data: &Option<Result<T, String>>, ok: impl Fn(&T) -> String) -> String {
    match data {
        None => "load a file to see its KPIs".into(),
        Some(Err(_)) => "not read: see the mapping".into(),
        Some(Ok(d)) => ok(d),
    }
}
