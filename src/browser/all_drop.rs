//! The first page's drop zone for every export at once: a multi-file picker and drop target
//! (`all-file-input`); each file goes to the source it is recognised as (by the worker), and the
//! list says where each went, with a one-click change. Beside it, the map of the exports each
//! source takes. Browser glue (file lists, drag events), so it lives here.

use crate::browser::worker_client;
use crate::state::Workbench;
use leptos::ev::{DragEvent, Event};
use leptos::prelude::*;
use northstar_metrics::source::SourceId;
use northstar_view::pages::scorecard::export_map;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

/// Every file of a `FileList`, to the worker, each to be recognised.
fn send_all(list: Option<web_sys::FileList>) {
    let Some(list) = list else { return };
    for i in 0..list.length() {
        if let Some(f) = list.get(i) {
            worker_client::post_any_file(f);
        }
    }
}

#[component]
pub fn AllDrop(wb: Workbench) -> impl IntoView {
    let over = RwSignal::new(false);
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        over.set(false);
        send_all(ev.data_transfer().and_then(|d| d.files()));
    };
    let on_pick = move |ev: Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        send_all(input.files());
        input.set_value("");
    };
    let routed = wb.routed;
    view! {
        <section class="panel" aria-labelledby="all-drop-h" data-testid="all-drop">
            <h2 id="all-drop-h">"Drop all your exports here"</h2>
            <div
                class="drop-zone"
                class:over=move || over.get()
                data-testid="all-drop-zone"
                on:dragover=move |ev: DragEvent| {
                    ev.prevent_default();
                    over.set(true);
                }
                on:dragleave=move |_| over.set(false)
                on:drop=on_drop
            >
                <p>"Billing, CRM, orders, tickets, surveys, product events, a funnel sheet: drop them together. Each file goes to the source it is recognised as; change any below. Nothing leaves this device."</p>
                <label>
                    "Or choose files: "
                    <input type="file" multiple=true accept=".csv,.tsv,.txt,.gz,.zip,.xlsx,.xls,.ods,text/csv" data-testid="all-file-input" on:change=on_pick />
                </label>
            </div>
            <Show when=move || routed.with(|r| !r.is_empty())>
                <table class="routed" data-testid="routed-files">
                    <thead><tr><th>"File"</th><th>"Recognised as"</th><th>"Read as"</th><th>"Status"</th></tr></thead>
                    <tbody>
                        {move || routed.get().into_iter().map(|r| {
                            let file = r.file.clone();
                            let chosen = r.source;
                            // Read once the source shows this file (its summary is on the source's page).
                            let name = r.file.clone();
                            let status = Signal::derive(move || {
                                let Some(id) = chosen else { return ("", "not read".to_string()) };
                                let m = wb.sources.get(id);
                                if let Some(reason) = m.failure().get() {
                                    ("failed", reason)
                                } else if m.file().is_some_and(|f| f == name || f.starts_with(&format!("{name}#"))) {
                                    ("read", format!("read on the {} page", northstar_view::Page::of_source(id).unwrap_or_default().label()))
                                } else if m.progress().with(Option::is_some) {
                                    ("reading", "reading…".to_string())
                                } else {
                                    ("waiting", "waiting".to_string())
                                }
                            });
                            view! {
                                <tr data-routed-file=r.file.clone() data-routed-source=r.source.map(|s| s.name()).unwrap_or_default()>
                                    <td>{r.file.clone()}</td>
                                    <td>{if r.source.is_some() { r.what.clone() } else { r.problem.clone().unwrap_or_default() }}</td>
                                    <td>
                                        <select aria-label=format!("Read {} as", r.file) data-route=r.file.clone() on:change=move |ev| {
                                            if let Some(to) = SourceId::from_name(&event_target_value(&ev)) {
                                                wb.reroute(&file, to);
                                            }
                                        }>
                                            {SourceId::ALL.iter().map(|s| view! { <option value=s.name() selected=chosen == Some(*s)>{s.name()}</option> }).collect_view()}
                                        </select>
                                    </td>
                                    <td data-routed-status=move || status.get().0>{move || status.get().1}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </Show>
            <details class="export-map" data-testid="export-map">
                <summary>"Which export goes where"</summary>
                <table>
                    <thead><tr><th>"Source"</th><th>"Page"</th><th>"What it takes"</th><th>"Exports known by name"</th></tr></thead>
                    <tbody>
                        {export_map().into_iter().map(|e| view! {
                            <tr data-map-source=e.source.name()>
                                <td>{e.source.name()}</td>
                                <td>{e.page.label()}</td>
                                <td>{e.takes}</td>
                                <td>{if e.vendors.is_empty() { "any file with these columns".to_string() } else { e.vendors.join(", ") }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </section>
    }
}
