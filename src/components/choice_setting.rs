//! One setting chosen from a list: a labelled select whose choice is stored by an `apply` function
//! (for the metrics crate's settings, their own `apply`, the CLI's `--set` path). A refused choice
//! is shown next to the field, never stored.

use super::setting_input::store;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_metrics::{FatalError, Granularity};
use northstar_view::Settings;

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
                on:change=move |ev| error.set(store(wb, apply, &event_target_value(&ev)).err().map(|e| e.to_string()))
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

/// The same text up to case and runs of spaces (how the metrics crate matches activities).
fn same_value(a: &str, b: &str) -> bool {
    a.split_whitespace().map(str::to_lowercase).eq(b.split_whitespace().map(str::to_lowercase))
}

/// A setting chosen from the file's own values, each with its row count (an event log's
/// activities); a stored value the file does not have stays listed, marked as matching no row.
/// Without values from the file it is a text field.
#[component]
pub fn FileValueSetting(
    wb: Workbench,
    label: &'static str,
    key: &'static str,
    /// The file's values with their row counts, most frequent first; none before a file offers them.
    #[prop(into)]
    values: Signal<Option<Vec<(String, u64)>>>,
    #[prop(into)] value: Signal<String>,
    apply: fn(&mut Settings, &str) -> Result<(), FatalError>,
) -> impl IntoView {
    let numbers = crate::state::numbers();
    let choices = Signal::derive(move || {
        let now = value.get();
        let values = values.get().unwrap_or_default();
        let mut out: Vec<(String, String)> = Vec::new();
        if !values.iter().any(|(v, _)| same_value(v, &now)) {
            out.push((now.clone(), format!("{now} — matches no row of this file")));
        }
        out.extend(values.into_iter().map(|(v, n)| (v.clone(), format!("{v} ({} rows)", numbers.count(n)))));
        out
    });
    let chosen = Signal::derive(move || {
        let now = value.get();
        values.with(|vs| vs.as_ref().and_then(|vs| vs.iter().find(|(v, _)| same_value(v, &now)).map(|(v, _)| v.clone()))).unwrap_or(now)
    });
    view! {
        {move || match values.with(Option::is_some) {
            true => view! { <ChoiceSetting wb=wb label=label key=key choices=choices value=chosen apply=move |st, v| apply(st, v) /> }.into_any(),
            false => view! { <super::setting_input::SettingInput wb=wb label=label key=key value=value apply=apply /> }.into_any(),
        }}
    }
}
