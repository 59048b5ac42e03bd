//! The file input and the mapping table of one source, wired to its [`MappedFile`].

use super::file_drop::FileDrop;
use super::mapping_table::{column_rows, MappingTable};
use crate::state::mapped_file::MappedFile;
use crate::state::{LoadedFile, Workbench};
use leptos::prelude::*;
use northstar_metrics::RoleMapping;

#[component]
pub fn SourceDrop<M>(
    wb: Workbench,
    source: MappedFile<M>,
    title: &'static str,
    hint: &'static str,
    testid: &'static str,
    demo: fn() -> LoadedFile,
    #[prop(into)] summary: Signal<String>,
) -> impl IntoView
where
    M: RoleMapping + Default + PartialEq + Send + Sync + 'static,
{
    let file = source.file;
    view! {
        <FileDrop
            title=title
            hint=hint
            testid=testid
            on_file=move |(name, bytes)| file.set(Some(LoadedFile::new_upload(name, bytes)))
            on_error=move |e| wb.load_error.set(Some(e))
            on_demo=move |_| file.set(Some(demo()))
            file_name=Signal::derive(move || file.with(|f| f.as_ref().map(|f| f.name.clone())))
            is_demo=Signal::derive(move || file.with(|f| f.as_ref().is_some_and(|f| f.is_demo)))
            summary=summary
        />
    }
}

#[component]
pub fn SourceMapping<M>(
    source: MappedFile<M>,
    title: &'static str,
    testid: &'static str,
    roles: &'static [&'static str],
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView
where
    M: RoleMapping + Default + PartialEq + Send + Sync + 'static,
{
    let rows = Memo::new(move |_| {
        let m = source.mapping.get();
        source.sniff.with(|sn| sn.as_ref().map(|sn| column_rows(sn, |c| m.role_of(c))).unwrap_or_default())
    });
    view! {
        <MappingTable
            title=title
            testid=testid
            roles=roles
            rows=rows
            custom=source.custom
            error=error
            on_change=move |(column, role): (String, String)| source.set_role(&column, &role)
            on_reset=move |_| source.reset()
        />
    }
}
