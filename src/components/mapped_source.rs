//! The file input and the mapping table of one source, wired to its [`SourceStore`].

use super::mapping_table::{column_rows, MappingTable};
use crate::browser::file_drop::FileDrop;
use crate::state::{AppSource, SourceStore, Workbench};
use leptos::prelude::*;
use northstar_metrics::RoleMapping;

#[component]
pub fn SourceDrop<S: AppSource>(wb: Workbench, store: SourceStore<S>, title: &'static str, hint: &'static str) -> impl IntoView {
    let file = store.file;
    view! {
        <FileDrop
            title=title
            hint=hint
            testid=S::NAME
            on_file=move |(name, bytes)| store.load(name, bytes)
            on_error=move |e| wb.load_error.set(Some(e))
            on_demo=move |_| store.load_demo()
            on_clear=move |_| store.clear()
            file_name=Signal::derive(move || file.with(|f| f.as_ref().map(|f| f.name.clone())))
            is_demo=Signal::derive(move || file.with(|f| f.as_ref().is_some_and(|f| f.is_demo)))
            summary=Signal::derive(move || store.summary())
            reads=Signal::derive(move || {
                store.data.track();
                store.reads()
            })
        />
    }
}

#[component]
pub fn SourceMapping<S: AppSource>(store: SourceStore<S>, title: &'static str) -> impl IntoView {
    let rows = Memo::new(move |_| {
        let m = store.mapping.get();
        store.sniff.with(|sn| sn.as_ref().map(|sn| column_rows(sn, |c| m.role_of(c))).unwrap_or_default())
    });
    view! {
        <MappingTable
            title=title
            testid=format!("{}-mapping", S::NAME)
            roles={<S::Mapping as RoleMapping>::roles()}
            rows=rows
            custom=store.custom
            error=Signal::derive(move || store.data.with(|d| d.as_ref().and_then(|d| d.as_ref().err().cloned())))
            on_change=move |(column, role): (String, String)| store.set_role(&column, &role)
            on_reset=move |_| store.reset()
        />
    }
}
