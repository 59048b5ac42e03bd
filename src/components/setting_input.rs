//! One text or number setting, parsed and checked by the metrics crate's own `apply` (the same
//! code path as the CLI's `--set`); a rejected value is shown next to the field, never stored.

use crate::state::{Settings, Workbench};
use leptos::prelude::*;
use northstar_metrics::FatalError;

#[component]
pub fn SettingInput(
    wb: Workbench,
    label: &'static str,
    /// The `data-setting` name of the field.
    key: &'static str,
    #[prop(optional)] numeric: bool,
    #[prop(into)] value: Signal<String>,
    /// Applies the typed text to the settings, or says why it cannot.
    apply: fn(&mut Settings, &str) -> Result<(), FatalError>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    // Written to the field only when the stored value changes, so a refused text stays in the
    // field, beside its message, while other settings change.
    let stored = Memo::new(move |_| value.get());
    view! {
        <label>
            {label}
            <input
                type=if numeric { "number" } else { "text" }
                step="any"
                data-setting=key
                prop:value=move || stored.get()
                on:change=move |ev| store(wb, error, apply, &event_target_value(&ev))
            />
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </label>
    }
}

/// Applies `text` to a copy of the settings and stores it, or shows why not in `error`.
pub fn store(wb: Workbench, error: RwSignal<Option<String>>, apply: impl Fn(&mut Settings, &str) -> Result<(), FatalError>, text: &str) {
    let mut next = wb.settings.get_untracked();
    match apply(&mut next, text) {
        Ok(()) => {
            error.set(None);
            wb.settings.set(next);
        }
        Err(e) => error.set(Some(e.to_string())),
    }
}
