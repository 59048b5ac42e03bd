//! One text or number setting, parsed and checked by the metrics crate's own `apply` (the same
//! code path as the CLI's `--set`); a rejected value is shown next to the field, never stored.

use crate::state::Workbench;
use leptos::prelude::*;
use northstar_metrics::FatalError;
use northstar_view::Settings;

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
    // The field shows the stored value when it changes or a text is stored (normalised, as
    // "EUR" for "eur"); a refused text stays, beside its message, until then.
    let stored = Memo::new(move |_| value.get());
    let accepted = RwSignal::new(0u32);
    // The message, with the stored value it was refused against: it goes once that changes.
    let refusal = RwSignal::new(None::<(String, String)>);
    let error = Signal::derive(move || refusal.get().filter(|(against, _)| stored.with(|s| s == against)).map(|(_, e)| e));
    view! {
        <label>
            {label}
            <input
                type=if numeric { "number" } else { "text" }
                step="any"
                data-setting=key
                prop:value=move || {
                    accepted.track();
                    stored.get()
                }
                on:change=move |ev| match store(wb, apply, &event_target_value(&ev)) {
                    Ok(()) => {
                        refusal.set(None);
                        accepted.update(|n| *n += 1);
                    }
                    Err(e) => refusal.set(Some((stored.get_untracked(), e.to_string()))),
                }
            />
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </label>
    }
}

/// Applies `text` to a copy of the settings and stores it, or says why not.
pub fn store(wb: Workbench, apply: impl Fn(&mut Settings, &str) -> Result<(), FatalError>, text: &str) -> Result<(), FatalError> {
    let mut next = wb.settings.get_untracked();
    apply(&mut next, text)?;
    wb.settings.set(next);
    Ok(())
}
