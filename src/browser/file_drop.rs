//! Getting a file in, for any source: drop zone, file picker (CSV, gzip, zip, Excel, OpenDocument),
//! paste box, the demo and "Clear", a progress bar with "Cancel" while the engine's worker reads
//! it, a picker of the table inside a zip archive or a workbook, then a one-line summary of how the
//! file was read. Browser glue (drag events, file inputs), so it lives here. The file itself
//! goes to the worker as a handle: the page never reads its bytes.

use crate::browser::files::first_file;
use crate::browser::worker_client;
use crate::state::Numbers;
use leptos::ev::{DragEvent, Event};
use leptos::prelude::*;
use northstar_metrics::source::SourceId;
use northstar_view::wire::{LooksLike, Progress, Timing};
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

/// "12.5 of 104.0 MB · 120,000 rows · 1,050,000 rows/s · 3 s left".
fn progress_text(p: &Progress, numbers: Numbers) -> String {
    let mb = |b: u64| b as f64 / 1_000_000.0;
    let mut parts = vec![format!("{:.1} of {:.1} MB", mb(p.bytes), mb(p.total)), format!("{} rows", numbers.count(p.rows))];
    if let Some(rate) = p.rows_per_second() {
        parts.push(format!("{} rows/s", numbers.count(rate.round() as u64)));
    }
    if let Some(eta) = p.eta_seconds() {
        parts.push(format!("{} s left", eta.ceil() as u64));
    }
    parts.push(format!("{} MB in use", p.memory_bytes >> 20));
    parts.join(" · ")
}

#[component]
pub fn FileDrop(
    /// Heading of the panel, e.g. "Survey export".
    title: &'static str,
    /// What to drop, in words.
    hint: &'static str,
    /// The source kind: prefix of the data-testid attributes (`{source}-file-input`, …).
    source: SourceId,
    #[prop(into)] on_paste: Callback<(String, String)>,
    #[prop(into)] on_demo: Callback<()>,
    #[prop(into)] on_clear: Callback<()>,
    #[prop(into)] on_cancel: Callback<()>,
    /// Another table of the same file was chosen.
    #[prop(into)]
    on_part: Callback<String>,
    /// The tables inside the file (a zip archive's CSV files, a workbook's sheets), and the one read.
    #[prop(into)]
    parts: Signal<Vec<String>>,
    #[prop(into)] part: Signal<Option<String>>,
    /// What the file is when it is not plain text.
    #[prop(into)]
    container: Signal<Option<String>>,
    #[prop(into)] file_name: Signal<Option<String>>,
    #[prop(into)] is_demo: Signal<bool>,
    #[prop(into)] summary: Signal<String>,
    /// How many times the source's file was read and typed (`data-reads`).
    #[prop(into)]
    reads: Signal<u32>,
    #[prop(into)] progress: Signal<Option<Progress>>,
    /// How long the last read took (`data-read-ms`, and in words).
    #[prop(into)]
    timing: Signal<Option<Timing>>,
    /// Why the last file could not be read, and what to do: shown here, where the user acted,
    /// and focused.
    #[prop(into)]
    error: Signal<Option<String>>,
    #[prop(into)] fix: Signal<Option<String>>,
    /// Another source the file looks meant for, and moving it there.
    #[prop(into)]
    looks_like: Signal<Option<LooksLike>>,
    #[prop(into)] on_move: Callback<LooksLike>,
) -> impl IntoView {
    let over = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        over.set(false);
        if let Some(f) = first_file(ev.data_transfer().and_then(|d| d.files())) {
            worker_client::post_file(source, f);
        }
    };
    let on_pick = move |ev: Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        if let Some(f) = first_file(input.files()) {
            worker_client::post_file(source, f);
        }
        // The same file can be chosen again (after a cancel, or once it changed on disk).
        input.set_value("");
    };
    let numbers = crate::state::numbers();
    let paste_id = format!("{source}-paste");
    // What a screen reader hears, in a live region that is always on the page (one added along
    // with its text may go unheard): the read in steps of 10 %, then the file's summary. Errors
    // are spoken at once, from an alert region that is always there too.
    let announcement = Memo::new(move |_| match progress.get() {
        Some(p) => format!("Reading {}: {} %", p.file, (p.fraction() * 10.0).floor() as u32 * 10),
        None => file_name.get().map(|f| format!("{f}: {}", summary.get())).unwrap_or_default(),
    });
    let error_box = NodeRef::<leptos::html::Div>::new();
    // A new error takes the focus, so a keyboard or screen-reader user lands on it.
    Effect::new(move |_| {
        if error.with(Option::is_some) {
            if let Some(el) = error_box.get() {
                let _ = el.focus();
            }
        }
    });
    view! {
        <section class="panel" aria-label=title>
            <h2>{title}</h2>
            <div class="input-row">
                <div
                    class="drop-zone"
                    class:over=move || over.get()
                    data-testid=format!("{source}-drop-zone")
                    on:dragover=move |ev: DragEvent| {
                        ev.prevent_default();
                        over.set(true);
                    }
                    on:dragleave=move |_| over.set(false)
                    on:drop=on_drop
                >
                    <p>{hint}</p>
                    <label>
                        "Or choose a file: "
                        <input type="file" accept=".csv,.tsv,.txt,.gz,.zip,.xlsx,.xls,.ods,text/csv" data-testid=format!("{source}-file-input") on:change=on_pick />
                    </label>
                </div>
                <div>
                    <label for=paste_id.clone()>"Or paste CSV text"</label>
                    <textarea id=paste_id prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                    <button on:click=move |_| on_paste.run(("pasted.csv".into(), pasted.get_untracked()))>"Use pasted data"</button>
                    " "
                    <button on:click=move |_| on_demo.run(())>"Load demo data"</button>
                    " "
                    <button data-testid=format!("{source}-clear") on:click=move |_| on_clear.run(())>"Clear"</button>
                </div>
            </div>
            {move || {
                let parts = parts.get();
                (parts.len() > 1).then(|| {
                    let chosen = part.get();
                    let what = if container.get().is_some_and(|c| c.contains("zip")) { "File in the archive" } else { "Sheet" };
                    view! {
                        <label class="source-line">
                            {what} ": "
                            <select data-testid=format!("{source}-part") on:change=move |ev| on_part.run(event_target_value(&ev))>
                                {parts.into_iter().map(|p| {
                                    let selected = chosen.as_deref() == Some(p.as_str());
                                    view! { <option value=p.clone() selected=selected>{p.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                    }
                })
            }}
            {move || progress.get().map(|p| view! {
                <div class="progress" data-testid=format!("{source}-progress")>
                    <progress max="1" value=p.fraction()>{format!("{:.0} %", p.fraction() * 100.0)}</progress>
                    <span class="source-line">{format!("Reading {}: {}", p.file, progress_text(&p, numbers))}</span>
                    " "
                    <button data-testid=format!("{source}-cancel") on:click=move |_| on_cancel.run(())>"Cancel"</button>
                </div>
            })}
            <p class="visually-hidden" role="status" aria-live="polite" data-live=source.name()>{move || announcement.get()}</p>
            <div role="alert" data-testid=format!("{source}-alerts")>
                {move || error.get().map(|e| view! {
                    <div class="load-error notice error" tabindex="-1" node_ref=error_box data-notice="load" data-testid=format!("{source}-error")>
                        <p>{e}</p>
                        {move || fix.get().map(|f| view! { <p class="fix">{f}</p> })}
                    </div>
                })}
            </div>
            {move || looks_like.get().map(|l| {
                let page = l.page.label();
                let text = format!("This looks like {}: it belongs on the {page} page.", l.what);
                let target = l.source.name();
                view! {
                    <div class="notice looks-like" role="note" data-testid=format!("{source}-looks-like") data-looks-like=target>
                        {text}
                        " "
                        <button data-action="move-file" on:click=move |_| on_move.run(l.clone())>{format!("Open it on {page}")}</button>
                    </div>
                }
            })}
            <p class="source-line" data-testid=format!("{source}-summary") data-reads=move || reads.get()>
                {move || file_name.get().unwrap_or_else(|| "no file yet".into())}
                " "
                {move || is_demo.get().then(|| view! { <span class="badge">"demo data"</span> })}
                {move || container.get().map(|c| format!(" ({c})"))}
                " — "
                {move || summary.get()}
                {move || timing.get().map(|t| view! {
                    <span
                        class="timing"
                        data-read-ms=format!("{:.0}", t.read_ms)
                        data-finish-ms=format!("{:.0}", t.finish_ms)
                        data-results-ms=format!("{:.0}", t.results_ms)
                        data-memory-mb=(t.memory_bytes >> 20).to_string()
                    >
                        {format!(" · Read in {:.2} s on this device.", t.total_ms() / 1000.0)}
                    </span>
                })}
            </p>
        </section>
    }
}
