//! The page's end of the engine's Web Worker: starts it, sends it the settings whenever they change
//! and the files the user gives (as `File` handles: the worker streams them), and hands what it
//! sends back to the [`Workbench`]. Messages sent before the worker is ready wait in a queue.

use crate::state::Workbench;
use leptos::prelude::*;
use northstar_metrics::source::SourceId;
use northstar_view::wire::{FromWorker, ToWorker};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's script (Trunk's loader shim for the `northstar-worker` binary), relative to the
/// page, so `dist/` works from any sub-path.
const WORKER_SCRIPT: &str = "./northstar-worker_loader.js";

struct Client {
    worker: web_sys::Worker,
    ready: bool,
    queue: Vec<JsValue>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// A message: its JSON, and a file beside it for `Load`.
fn envelope(message: &ToWorker, file: Option<&web_sys::File>) -> JsValue {
    let object = js_sys::Object::new();
    let json = serde_json::to_string(message).unwrap_or_default();
    let _ = js_sys::Reflect::set(&object, &"json".into(), &json.into());
    if let Some(f) = file {
        let _ = js_sys::Reflect::set(&object, &"file".into(), f);
    }
    object.into()
}

fn send(value: JsValue) {
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let Some(c) = c.as_mut() else { return };
        if c.ready {
            let _ = c.worker.post_message(&value);
        } else {
            c.queue.push(value);
        }
    });
}

pub fn post(message: &ToWorker) {
    send(envelope(message, None));
}

/// Sends a file to be read as the source it is recognised as.
pub fn post_any_file(file: web_sys::File) {
    send(envelope(&ToWorker::LoadAny, Some(&file)));
}

/// Sends a file to be read by `source`.
pub fn post_file(source: SourceId, file: web_sys::File) {
    send(envelope(&ToWorker::Load { source }, Some(&file)));
}

/// Starts the worker, delivers the page state's messages to it, and keeps it fed with the settings.
pub fn start(wb: Workbench) {
    spawn(wb);
    wb.outbox.connect(|message| post(&message));
    // The settings go to the worker now and after every change (the worker is the outside world).
    Effect::new(move |_| {
        let settings = wb.settings.get();
        post(&ToWorker::Settings(Box::new(settings)));
    });
}

/// A new worker, with the page's handlers; it starts on the demos once it has the settings.
fn spawn(wb: Workbench) {
    let worker = match web_sys::Worker::new(WORKER_SCRIPT) {
        Ok(w) => w,
        Err(e) => {
            wb.load_error.set(Some(format!("The engine could not start ({e:?}): this browser may block Web Workers.")));
            return;
        }
    };
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let Some(text) = ev.data().as_string() else { return };
        if text == "ready" {
            flush();
            return;
        }
        match serde_json::from_str::<FromWorker>(&text) {
            Ok(message) => wb.receive(message),
            Err(e) => wb.load_error.set(Some(format!("The engine sent what the page cannot read ({e}). Reload the page."))),
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A file can stop the engine itself (a damaged workbook can abort the reader): a new engine
    // takes over on the demos and the settings, and the page says what happened.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        ev.prevent_default();
        wb.load_error.set(Some(
            "The engine stopped while reading a file (it may be damaged, or too big for this tab) and has restarted on the demo data. Load your files again; your settings are kept.".into(),
        ));
        let old = CLIENT.with(|c| c.borrow_mut().take());
        if let Some(old) = old {
            old.worker.terminate();
        }
        wb.sources.reset_progress();
        spawn(wb);
        post(&ToWorker::Settings(Box::new(wb.settings.get_untracked())));
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    CLIENT.with(|c| *c.borrow_mut() = Some(Client { worker, ready: false, queue: Vec::new() }));
}

/// The worker said it is ready: send what waited.
fn flush() {
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let Some(c) = c.as_mut() else { return };
        c.ready = true;
        for value in c.queue.drain(..) {
            let _ = c.worker.post_message(&value);
        }
    });
}
