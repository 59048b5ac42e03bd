//! One setting chosen from a list: a labelled select whose choice is stored by an `apply` function
//! (for the metrics crate's settings, their own `apply`, the CLI's `--set` path). A refused choice
//! is shown next to the field, never stored.

use super::setting_input::store;
use crate::state::{Settings, Workbench};
use leptos::prelude::*;
use northstar_metrics::{FatalError, Granularity};

/// (value, text) choices from plain values shown as they are.
pub fn plain(values: &[&str]) -> Vec<(String, String)> {
    values.iter().map(|v| (v.to_string(), v.to_string())).collect()
}

/// Choices led by an empty value that reads `none` (no breakdown, no filter, no event).
pub fn optional(none: &str, choices: impl IntoIterator<Item = String>) -> Vec<(String, String)> {
    std::iter::once((String::new(), none.to_string())).chain(choices.into_iter().map(|c| (c.clone(), c))).collect()
}

/// The choices of a period setting.
pub fn periods(granularities: &[Granularity]) -> Vec<(String, String)> {
    plain(&granularities.iter().map(|g| g.as_str()).collect::<Vec<_>>())
}

/// Reads a period choice for the setting `key`.
pub fn period(key: &str, value: &str) -> Result<Granularity, FatalError> {
    Granularity::parse(value).ok_or_else(|| FatalError::BadSetting {
        key: key.into(),
        value: value.into(),
        reason: "expected day, week, month, quarter or year".into(),
    })
}

#[component]
pub fn ChoiceSetting(
    wb: Workbench,
    label: &'static str,
    /// The `data-setting` name of the field.
    key: &'static str,
    /// (value, text) of each choice, in order.
    #[prop(into)]
    choices: Signal<Vec<(String, String)>>,
    /// The value chosen now.
    #[prop(into)]
    value: Signal<String>,
    /// Stores a choice in the settings, or says why it cannot.
    apply: impl Fn(&mut Settings, &str) -> Result<(), FatalError> + Copy + Send + Sync + 'static,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    view! {
        <label>
            {label}
            <select
                data-setting=key
                disabled=move || disabled.get()
                on:change=move |ev| error.set(store(wb, apply, &event_target_value(&ev)).err())
            >
                {move || {
                    choices
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let chosen = v.clone();
                            view! { <option value=v selected=move || value.with(|now| *now == chosen)>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </label>
    }
}

/// A period setting: which granularities it offers, and where it lives in the settings.
#[component]
pub fn PeriodSetting(
    wb: Workbench,
    label: &'static str,
    key: &'static str,
    granularities: &'static [Granularity],
    get: fn(&Settings) -> Granularity,
    set: fn(&mut Settings, Granularity),
) -> impl IntoView {
    view! {
        <ChoiceSetting
            wb=wb
            label=label
            key=key
            choices=periods(granularities)
            value=Signal::derive(move || wb.settings.with(|st| get(st).as_str().to_string()))
            apply=move |st, v| {
                set(st, period(key, v)?);
                Ok(())
            }
        />
    }
}

/// A "break down by" setting: the columns offered, and where the chosen one lives in the settings.
#[component]
pub fn BreakdownSetting(
    wb: Workbench,
    key: &'static str,
    #[prop(into)] columns: Signal<Vec<String>>,
    /// What the empty choice reads.
    #[prop(default = "(no breakdown)")]
    none: &'static str,
    get: fn(&Settings) -> &Option<String>,
    set: fn(&mut Settings) -> &mut Option<String>,
) -> impl IntoView {
    view! {
        <ChoiceSetting
            wb=wb
            label="Break down by"
            key=key
            choices=Signal::derive(move || optional(none, columns.get()))
            value=Signal::derive(move || wb.settings.with(|st| get(st).clone().unwrap_or_default()))
            apply=move |st, v| {
                *set(st) = (!v.is_empty()).then(|| v.to_string());
                Ok(())
            }
        />
    }
}
