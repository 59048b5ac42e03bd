//! A signal that follows another one task later. A big panel (a table of every period) that
//! renders from it is drawn in a task of its own, so the page's thread is never held for long
//! after new results arrive: the cards first, then each big table.

use leptos::prelude::*;

/// `source`'s value, one macrotask later (only the latest value is taken).
pub fn deferred<T: Clone + Send + Sync + 'static>(source: Signal<T>) -> ReadSignal<T> {
    let (shown, set_shown) = signal(source.get_untracked());
    let latest = StoredValue::new(0u64);
    Effect::new(move |first: Option<()>| {
        let value = source.get();
        if first.is_none() {
            return;
        }
        let generation = latest.get_value() + 1;
        latest.set_value(generation);
        set_timeout(
            move || {
                if latest.try_get_value() == Some(generation) {
                    set_shown.set(value);
                }
            },
            std::time::Duration::ZERO,
        );
    });
    shown
}
