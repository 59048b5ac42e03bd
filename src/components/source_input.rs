//! Getting a file in: drop zone, file picker, paste box, and the demo. Then a one-line summary of
//! how the file was read.

use crate::browser::files::{first_file, read_file};
use crate::state::Workbench;
use leptos::ev::{DragEvent, Event};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

fn load_file(wb: Workbench, file: web_sys::File) {
    spawn_local(async move {
        match read_file(file).await {
            Ok((name, bytes)) => wb.load(name, bytes),
            Err(e) => wb.load_error.set(Some(e)),
        }
    });
}

#[component]
pub fn SourceInput(wb: Workbench) -> impl IntoView {
    let over = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        over.set(false);
        if let Some(f) = first_file(ev.data_transfer().and_then(|d| d.files())) {
            load_file(wb, f);
        }
    };
    let on_pick = move |ev: Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        if let Some(f) = first_file(input.files()) {
            load_file(wb, f);
        }
    };
    view! {
        <section class="panel" aria-labelledby="input-h">
            <h2 id="input-h">"Survey export"</h2>
            <div class="input-row">
                <div
                    class="drop-zone"
                    class:over=move || over.get()
                    data-testid="drop-zone"
                    on:dragover=move |ev: DragEvent| {
                        ev.prevent_default();
                        over.set(true);
                    }
                    on:dragleave=move |_| over.set(false)
                    on:drop=on_drop
                >
                    <p>"Drop a CSV export here: Delighted, SurveyMonkey, Qualtrics, Typeform, or your own sheet."</p>
                    <label>
                        "Or choose a file: "
                        <input type="file" accept=".csv,.tsv,.txt,text/csv" data-testid="file-input" on:change=on_pick />
                    </label>
                </div>
                <div>
                    <label for="paste">"Or paste CSV text"</label>
                    <textarea id="paste" prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                    <button on:click=move |_| wb.load("pasted.csv".into(), pasted.get_untracked().into_bytes())>"Use pasted data"</button>
                    " "
                    <button on:click=move |_| wb.load_demo()>"Load demo data"</button>
                </div>
            </div>
            <SourceSummary wb=wb />
        </section>
    }
}

#[component]
fn SourceSummary(wb: Workbench) -> impl IntoView {
    let summary = Memo::new(move |_| {
        let (name, demo) = wb.file.with(|f| (f.name.clone(), f.is_demo));
        let (delimiter, shape, columns) = wb.sniff.with(|s| (s.delimiter_label(), s.header_rows, s.columns.len()));
        let read = wb.data.with(|d| match d {
            Ok(d) => format!(
                "{} rows, {} answers; {} rows and {} answers skipped; {} encoding",
                d.data_rows,
                d.answers.len(),
                d.skipped_rows,
                d.skipped_answers,
                d.encoding
            ),
            Err(_) => "not read: see the mapping".to_string(),
        });
        (name, demo, format!("{columns} columns, {delimiter}-separated, {shape} header row(s); {read}"))
    });
    view! {
        <p class="source-line" data-testid="source-summary">
            {move || summary.with(|s| s.0.clone())}
            " "
            {move || summary.with(|s| s.1).then(|| view! { <span class="badge">"demo data"</span> })}
            " — "
            {move || summary.with(|s| s.2.clone())}
        </p>
    }
}
