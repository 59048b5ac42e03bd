//! The engine's Web Worker: takes the page's messages, streams each file through its source's
//! reader in slices (`Blob.slice`, so a file is never read whole and its bytes are dropped once
//! typed), reports progress, and posts each source's view and the shown page's results back.
//!
//! Reads are async and interleave at slice boundaries, so several files load at once and a
//! setting, a cancel or a page change is handled between two slices. A newer read of the same
//! source (or a cancel, or a clear) bumps the source's generation; an older read stops at its next
//! slice and the data it would have replaced stays.

use super::worker_input::{Input, Pieces};
use crate::engine::{AnyStore, Engine, FileInfo, Stores};
use leptos::prelude::*;
use northstar_metrics::ingest::sniff::SNIFF_BYTES;
use northstar_metrics::source::SourceId;
use northstar_view::wire::{FromWorker, Progress, Routed, Timing, ToWorker};
use northstar_view::{Page, Settings};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;

/// Progress is posted at most this often (ms).
const PROGRESS_EVERY_MS: f64 = 100.0;
/// The most memory the engine takes: a read that would need more stops with a message, well
/// before the browser's 4 GiB limit on a wasm memory would crash the worker.
const MEMORY_BUDGET: u64 = 2 << 30;

/// The worker's wasm memory now, in bytes (it only grows, so this is also its peak).
fn memory_bytes() -> u64 {
    wasm_bindgen::memory().unchecked_into::<js_sys::WebAssembly::Memory>().buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as u64
}

struct Host {
    engine: Engine,
    /// The input each source's data was read from, kept to read it again when a mapping or an
    /// ingest setting changes.
    inputs: HashMap<SourceId, Input>,
    /// Per source, the number of its newest read.
    generation: HashMap<SourceId, u64>,
    /// Sources with a read under way.
    reading: HashMap<SourceId, u64>,
    /// Sources with a read of the user's own file under way (never replaced by another's demo).
    reading_own: std::collections::HashSet<SourceId>,
    /// The last message posted per source view, and of the results (nothing is posted twice).
    posted: HashMap<String, String>,
    started: bool,
}

thread_local! {
    static HOST: RefCell<Option<Host>> = const { RefCell::new(None) };
}

fn with_host<T>(f: impl FnOnce(&mut Host) -> T) -> Option<T> {
    HOST.with(|h| h.borrow_mut().as_mut().map(f))
}

fn scope() -> web_sys::DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(message: &FromWorker) {
    if let Ok(text) = serde_json::to_string(message) {
        let _ = scope().post_message(&text.into());
    }
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// The worker's entry point.
pub fn run() {
    HOST.with(|h| {
        *h.borrow_mut() = Some(Host {
            engine: Engine::new(Settings::default()),
            inputs: HashMap::new(),
            generation: HashMap::new(),
            reading: HashMap::new(),
            reading_own: Default::default(),
            posted: HashMap::new(),
            started: false,
        })
    });
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| handle(ev.data()));
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope().post_message(&"ready".into());
}

fn stores() -> Option<Stores> {
    with_host(|h| h.engine.sources)
}

fn demo_input(store: &dyn AnyStore) -> Input {
    Input::Text { name: format!("demo-{}.csv", store.id()), text: store.demo().into(), is_demo: true }
}

fn handle(data: JsValue) {
    let json = js_sys::Reflect::get(&data, &"json".into()).ok().and_then(|j| j.as_string()).unwrap_or_default();
    let Ok(message) = serde_json::from_str::<ToWorker>(&json) else { return };
    let Some(stores) = stores() else { return };
    match message {
        ToWorker::Settings(settings) => {
            let first = with_host(|h| {
                h.engine.settings.set(*settings);
                !std::mem::replace(&mut h.started, true)
            });
            if first == Some(true) {
                // Every source starts on its built-in demo, but one whose own file came first
                // (dropped before the page's settings reached the worker).
                for store in stores.all() {
                    let own = with_host(|h| h.reading_own.contains(&store.id()) || h.inputs.get(&store.id()).is_some_and(|i| !i.is_demo())).unwrap_or(false);
                    if !own {
                        start_read(store.id(), demo_input(store));
                    }
                }
            } else {
                read_stale_again(&stores);
            }
            publish();
        }
        ToWorker::Load { source } => {
            let file = js_sys::Reflect::get(&data, &"file".into()).ok().and_then(|f| f.dyn_into::<web_sys::File>().ok());
            if let Some(file) = file {
                start_read(source, Input::File { file, part: None });
            }
        }
        ToWorker::Paste { source, name, text } => {
            start_read(source, Input::Text { name, text: text.into(), is_demo: false });
        }
        ToWorker::Demo { source } => start_read(source, demo_input(stores.get(source))),
        ToWorker::Clear { source } => {
            clear(stores.get(source));
            publish();
        }
        ToWorker::Move { from, to } => {
            if let Some(input) = with_host(|h| h.inputs.get(&from).cloned()).flatten() {
                clear(stores.get(from));
                start_read(to, input);
                publish();
            }
        }
        ToWorker::Part { source, part } => {
            if let Some(input) = with_host(|h| h.inputs.get(&source).cloned()).flatten() {
                start_read(source, input.with_part(part));
            }
        }
        ToWorker::Cancel { source } => stop(source),
        ToWorker::LoadAny => {
            let file = js_sys::Reflect::get(&data, &"file".into()).ok().and_then(|f| f.dyn_into::<web_sys::File>().ok());
            if let Some(file) = file {
                spawn_local(route(Input::File { file, part: None }));
            }
        }
    }
}

/// Reads the start of `input`, finds the source it fits best (a vendor profile or the roles its
/// header gives, a source that can read it first), says so to the page, and reads it there.
async fn route(input: Input) {
    let file = input.name();
    match recognise(&input).await {
        Ok(fit) => {
            post(&FromWorker::Routed(Routed { file, source: Some(fit.source), what: fit.describe(), problem: fit.problem.clone() }));
            start_read(fit.source, input);
        }
        Err(problem) => post(&FromWorker::Routed(Routed { file, source: None, what: String::new(), problem: Some(problem) })),
    }
}

/// The best fit of the file's first bytes (unpacked from a gzip, zip or workbook first).
async fn recognise(input: &Input) -> Result<northstar_metrics::catalog::recognise::Fit, String> {
    let total = input.size();
    let head = input.slice(0, total.min(SNIFF_BYTES as u64)).await?;
    let opened = Pieces::open(input, &head, |_| {}).await?;
    let mut pieces = opened.pieces;
    let mut text = Vec::new();
    let mut more = true;
    while more && text.len() < SNIFF_BYTES {
        more = pieces.next(input, &mut text).await?;
    }
    let fits = northstar_metrics::catalog::recognise::fits(&northstar_metrics::ingest::sniff(&text));
    fits.into_iter().next().ok_or_else(|| "no source fits this file".to_string())
}

/// Empties a store: its read stops, its file is forgotten.
fn clear(store: &dyn AnyStore) {
    stop(store.id());
    with_host(|h| h.inputs.remove(&store.id()));
    store.clear();
}

/// The user's own file is coming for `source`: every demo source on its pages goes, so demo and
/// user data never show side by side; one whose own file is being read stays (files dropped
/// together are read side by side).
fn replace_demos(stores: &Stores, source: SourceId) {
    for page in Page::with_source(source) {
        for other in page.sources().iter().filter(|s| **s != source).map(|s| stores.get(*s)) {
            let own_coming = with_host(|h| h.reading_own.contains(&other.id())).unwrap_or(false);
            if other.is_demo() && !own_coming {
                clear(other);
            }
        }
    }
}

/// Stops the read under way for `source`, if any; its previous data stays.
fn stop(source: SourceId) {
    with_host(|h| {
        *h.generation.entry(source).or_default() += 1;
        h.reading.remove(&source);
        h.reading_own.remove(&source);
    });
    post(&FromWorker::Done { source, timing: None });
}

/// Reads again the sources whose mapping or ingest settings changed (a read under way reads again
/// when it ends, if it has to).
fn read_stale_again(stores: &Stores) {
    for store in stores.all() {
        let input = with_host(|h| (!h.reading.contains_key(&store.id())).then(|| h.inputs.get(&store.id()).cloned()).flatten()).flatten();
        if let Some(input) = input.filter(|_| store.stale()) {
            start_read(store.id(), input);
        }
    }
}

fn start_read(source: SourceId, input: Input) {
    let Some(generation) = with_host(|h| {
        let g = h.generation.entry(source).or_default();
        *g += 1;
        let g = *g;
        h.reading.insert(source, g);
        if input.is_demo() {
            h.reading_own.remove(&source);
        } else {
            h.reading_own.insert(source);
        }
        g
    }) else {
        return;
    };
    spawn_local(async move {
        let outcome = read(source, input.clone(), generation).await;
        let current = with_host(|h| h.generation.get(&source) == Some(&generation)).unwrap_or(false);
        if !current {
            return;
        }
        with_host(|h| {
            h.reading.remove(&source);
            h.reading_own.remove(&source);
        });
        match outcome {
            Ok(timing) => {
                with_host(|h| h.inputs.insert(source, input.clone()));
                let started = now();
                publish();
                let timing = timing.map(|t| Timing { results_ms: now() - started, memory_bytes: memory_bytes(), ..t });
                post(&FromWorker::Done { source, timing });
                // The settings changed while it was read.
                if stores().is_some_and(|s| s.get(source).stale()) {
                    start_read(source, input);
                }
            }
            // Failed ends the progress bar too.
            Err(reason) => post(&FromWorker::Failed { source, reason }),
        }
    });
}

/// Streams `input` into `source`'s reader; the data goes into the store when the read ends, unless
/// a newer read or a cancel came first (then there is no timing).
async fn read(source: SourceId, input: Input, generation: u64) -> Result<Option<Timing>, String> {
    let current = || with_host(|h| h.generation.get(&source) == Some(&generation)).unwrap_or(false);
    let name = input.name();
    let unreadable = |e: String| format!("{name} could not be read ({e}). Was it moved or deleted?");
    let total = input.size();
    let started = now();
    let mut posted = started;
    let mut progress = |bytes: u64, rows: u64| {
        if now() - posted >= PROGRESS_EVERY_MS {
            posted = now();
            let p = Progress { source, file: name.clone(), bytes, total, rows, elapsed_ms: posted - started, memory_bytes: memory_bytes() };
            post(&FromWorker::Progress(p));
        }
    };
    let head = input.slice(0, total.min(SNIFF_BYTES as u64)).await.map_err(unreadable)?;
    let opened = Pieces::open(&input, &head, |bytes| progress(bytes, 0)).await?;
    let mut pieces = opened.pieces;
    // The first piece holds at least the sniff's prefix (or the whole text).
    let mut text = Vec::new();
    let mut more = true;
    while more && text.len() < SNIFF_BYTES {
        more = pieces.next(&input, &mut text).await.map_err(unreadable)?;
    }
    if !current() {
        return Ok(None);
    }
    let label = match &opened.part {
        Some(part) => format!("{}#{part}", input.name()),
        None => input.name(),
    };
    let file = FileInfo { name: label, is_demo: input.is_demo(), container: opened.container, parts: opened.parts, part: opened.part };
    // The user's own table is coming: the demo sources of its page go (a file that is no table,
    // such as a PDF, was refused above and changed nothing).
    if !file.is_demo {
        if let Some(stores) = stores() {
            replace_demos(&stores, source);
        }
    }
    let mut reading = stores().map(|s| s.get(source).begin(file, &text)).ok_or("the engine is not running")?;
    if let Some(bytes) = pieces.text_bytes(total) {
        reading.expect_bytes(bytes);
    }
    reading.feed(&text);
    while more && !reading.failed() {
        text.clear();
        more = pieces.next(&input, &mut text).await.map_err(unreadable)?;
        if !current() {
            return Ok(None);
        }
        reading.feed(&text);
        progress(pieces.raw_offset(total), reading.rows());
        if memory_bytes() > MEMORY_BUDGET {
            let (read, rows) = (pieces.raw_offset(total), reading.rows());
            return Err(format!(
                "{name} needs more memory than this tab can give the engine: after {} rows ({:.0} % of the file) it holds {} MB, and the budget is {} MB. The data shown before is kept. Split the file by period, or run the same KPIs with the northstar command-line tool.",
                northstar_metrics::format::count_text(rows),
                100.0 * read as f64 / total.max(1) as f64,
                memory_bytes() >> 20,
                MEMORY_BUDGET >> 20
            ));
        }
    }
    if !current() {
        return Ok(None);
    }
    let (rows, streamed) = (reading.rows(), now());
    reading.finish();
    // The results' time and the memory are filled in once the results are sent.
    Ok(Some(Timing { bytes: total, rows, read_ms: streamed - started, finish_ms: now() - streamed, results_ms: 0.0, memory_bytes: 0 }))
}

/// Posts each source view and the shown page's results that changed since last posted.
fn publish() {
    let Some((engine, page)) = with_host(|h| (h.engine, h.engine.settings.with_untracked(|s| s.page))) else { return };
    let mut messages: Vec<(String, FromWorker)> =
        engine.sources.all().map(|s| (s.id().name().to_string(), FromWorker::Source { source: s.id(), view: s.view_json() })).collect();
    messages.push(("results".into(), FromWorker::Results(Box::new(engine.results(page)))));
    for (key, message) in messages {
        let Ok(text) = serde_json::to_string(&message) else { continue };
        let fresh = with_host(|h| h.posted.get(&key) != Some(&text)).unwrap_or(false);
        if fresh {
            let _ = scope().post_message(&text.clone().into());
            with_host(|h| h.posted.insert(key, text));
        }
    }
}
