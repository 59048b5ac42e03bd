//! Getting a file in, for any source: drop zone, file picker, paste box, the demo and "Clear", then
//! a one-line summary of how the file was read. Browser glue (drag events, file inputs), so it
//! lives here.

use crate::browser::files::{first_file, read_file};
use leptos::ev::{DragEvent, Event};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

#[component]
pub fn FileDrop(
    /// Heading of the panel, e.g. "Survey export".
    title: &'static str,
    /// What to drop, in words.
    hint: &'static str,
    /// Prefix of the data-testid attributes (`{testid}-file-input`, `{testid}-summary`, …).
    testid: &'static str,
    #[prop(into)] on_file: Callback<(String, Vec<u8>)>,
    #[prop(into)] on_error: Callback<String>,
    #[prop(into)] on_demo: Callback<()>,
    #[prop(into)] on_clear: Callback<()>,
    #[prop(into)] file_name: Signal<Option<String>>,
    #[prop(into)] is_demo: Signal<bool>,
    #[prop(into)] summary: Signal<String>,
    /// How many times the source's file was read and typed (`data-reads`).
    #[prop(into)]
    reads: Signal<u32>,
) -> impl IntoView {
    let over = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());
    let load = move |file: web_sys::File| {
        spawn_local(async move {
            match read_file(file).await {
                Ok(loaded) => on_file.run(loaded),
                Err(e) => on_error.run(e),
            }
        });
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        over.set(false);
        if let Some(f) = first_file(ev.data_transfer().and_then(|d| d.files())) {
            load(f);
        }
    };
    let on_pick = move |ev: Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        if let Some(f) = first_file(input.files()) {
            load(f);
        }
    };
    let paste_id = format!("{testid}-paste");
    view! {
        <section class="panel" aria-label=title>
            <h2>{title}</h2>
            <div class="input-row">
                <div
                    class="drop-zone"
                    class:over=move || over.get()
                    data-testid=format!("{testid}-drop-zone")
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
                        <input type="file" accept=".csv,.tsv,.txt,text/csv" data-testid=format!("{testid}-file-input") on:change=on_pick />
                    </label>
                </div>
                <div>
                    <label for=paste_id.clone()>"Or paste CSV text"</label>
                    <textarea id=paste_id prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                    <button on:click=move |_| on_file.run(("pasted.csv".into(), pasted.get_untracked().into_bytes()))>"Use pasted data"</button>
                    " "
                    <button on:click=move |_| on_demo.run(())>"Load demo data"</button>
                    " "
                    <button data-testid=format!("{testid}-clear") on:click=move |_| on_clear.run(())>"Clear"</button>
                </div>
            </div>
            <p class="source-line" data-testid=format!("{testid}-summary") data-reads=move || reads.get()>
                {move || file_name.get().unwrap_or_else(|| "no file yet".into())}
                " "
                {move || is_demo.get().then(|| view! { <span class="badge">"demo data"</span> })}
                " — "
                {move || summary.get()}
            </p>
        </section>
    }
}
