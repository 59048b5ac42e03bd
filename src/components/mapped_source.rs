//! The file input and the mapping table of one source, wired to its [`SourceMirror`].

use super::mapping_table::MappingTable;
use crate::browser::file_drop::FileDrop;
use crate::state::SourceMirror;
use leptos::prelude::*;
use northstar_metrics::issue::Severity;
use northstar_metrics::RoleMapping;
use northstar_view::wire::SourceView;
use northstar_view::AppSource;

#[component]
pub fn SourceDrop<S: AppSource>(store: SourceMirror<S>, title: &'static str, hint: &'static str) -> impl IntoView {
    let view = store.view;
    view! {
        <FileDrop
            title=title
            hint=hint
            source=S::ID
            on_paste=move |(name, text)| store.paste(name, text)
            on_demo=move |_| store.load_demo()
            on_clear=move |_| store.clear()
            on_cancel=move |_| store.cancel()
            on_part=move |part| store.choose_part(part)
            parts=Signal::derive(move || view.with(|v| v.parts.clone()))
            part=Signal::derive(move || view.with(|v| v.part.clone()))
            container=Signal::derive(move || view.with(|v| v.container.clone()))
            file_name=Signal::derive(move || view.with(|v| v.file.clone()))
            is_demo=Signal::derive(move || view.with(|v| v.is_demo))
            summary=Signal::derive(move || store.summary())
            reads=Signal::derive(move || view.with(|v| v.reads))
            progress=store.progress
            timing=store.timing
            error=Signal::derive(move || store.failure.get().or_else(|| view.with(read_error)))
            fix=Signal::derive(move || if store.failure.with(Option::is_some) { None } else { view.with(|v| v.fix.clone()) })
            looks_like=Signal::derive(move || view.with(|v| v.looks_like.clone()))
            on_move=move |to| store.move_to(&to)
        />
    }
}

/// Why the file shown could not be read, or an error among its issues (a setting that leaves KPIs
/// undefined, such as an event-log activity that matches no row).
fn read_error<M>(v: &SourceView<M>) -> Option<String> {
    let file = v.file.clone().unwrap_or_default();
    if let Some(e) = &v.error {
        return Some(format!("{file} could not be read: {e}"));
    }
    let errors: Vec<&str> = v.meta.iter().flat_map(|m| &m.issues).filter(|i| i.severity == Severity::Error).map(|i| i.reason.as_str()).collect();
    (!errors.is_empty()).then(|| format!("{file}: {}", errors.join(" ")))
}

#[component]
pub fn SourceMapping<S: AppSource>(store: SourceMirror<S>, title: &'static str) -> impl IntoView {
    let view = store.view;
    view! {
        <MappingTable
            title=title
            testid=format!("{}-mapping", S::NAME)
            roles={<S::Mapping as RoleMapping>::roles()}
            rows=Signal::derive(move || view.with(|v| v.columns.clone()))
            custom=Signal::derive(move || view.with(|v| v.custom))
            error=Signal::derive(move || view.with(|v| v.error.clone()))
            on_change=move |(column, role): (String, String)| store.set_role(&column, &role)
            on_reset=move |_| store.reset()
        />
    }
}
