//! Where the page's state leaves messages for the engine's worker. The state only says what it
//! wants (`ToWorker`); `browser::worker_client` installs the delivery when it starts the worker,
//! so this module needs nothing of the browser. Messages left before then are kept and delivered
//! once it is installed.

use leptos::prelude::*;
use northstar_view::wire::ToWorker;
use std::sync::Arc;

type Deliver = Arc<dyn Fn(ToWorker) + Send + Sync>;

#[derive(Clone, Copy)]
pub struct Outbox {
    deliver: StoredValue<Option<Deliver>>,
    waiting: StoredValue<Vec<ToWorker>>,
}

impl Default for Outbox {
    fn default() -> Self {
        Outbox { deliver: StoredValue::new(None), waiting: StoredValue::new(Vec::new()) }
    }
}

impl Outbox {
    /// Leaves `message` for the worker.
    pub fn send(&self, message: ToWorker) {
        match self.deliver.get_value() {
            Some(deliver) => deliver(message),
            None => self.waiting.update_value(|w| w.push(message)),
        }
    }

    /// Installs how messages reach the worker, and delivers those waiting.
    pub fn connect(&self, deliver: impl Fn(ToWorker) + Send + Sync + 'static) {
        let deliver: Deliver = Arc::new(deliver);
        for message in self.waiting.try_update_value(std::mem::take).unwrap_or_default() {
            deliver(message);
        }
        self.deliver.set_value(Some(deliver));
    }
}
