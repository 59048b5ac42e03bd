//! The colour theme: `data-theme` on `<html>` follows the setting (none: the system's choice,
//! through `prefers-color-scheme` in the stylesheet), and the header's select changes it.

use crate::state::Workbench;
use leptos::prelude::*;
use northstar_view::settings::Theme;

/// Keeps `<html data-theme>` in step with the setting (an effect: the document is the outside world).
pub fn follow_theme(wb: Workbench) {
    Effect::new(move |_| {
        let theme = wb.settings.with(|s| s.theme);
        let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
        let _ = match theme {
            Theme::Auto => root.remove_attribute("data-theme"),
            t => root.set_attribute("data-theme", t.as_str()),
        };
    });
}

#[component]
pub fn ThemeSelect(wb: Workbench) -> impl IntoView {
    view! {
        <label class="theme-select">
            <span class="visually-hidden">"Theme"</span>
            <select data-setting="theme" aria-label="Colour theme" on:change=move |ev| {
                let v = event_target_value(&ev);
                let theme = Theme::ALL.iter().find(|(_, n)| *n == v).map_or(Theme::Auto, |(t, _)| *t);
                wb.update_settings(|s| s.theme = theme);
            }>
                {Theme::ALL.into_iter().map(|(t, n)| {
                    let label = match t { Theme::Auto => "Theme: system", Theme::Light => "Theme: light", Theme::Dark => "Theme: dark" };
                    view! { <option value=n selected=move || wb.settings.with(|s| s.theme == t)>{label}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}
