//! Period, segment and scale settings. Every change goes to the persisted settings.

use crate::state::Workbench;
use northstar_metrics::parse::DateOrder;
use northstar_metrics::surveys::settings::{Scale, CES_SCALES, CSAT_SCALES, NPS_SCALES};
use northstar_metrics::surveys::Kind;
use northstar_metrics::Granularity;
use leptos::prelude::*;

fn scale_select(wb: Workbench, label: &'static str, name: &'static str, options: &'static [Scale], get: fn(&crate::state::Settings) -> Scale, set: fn(&mut crate::state::Settings, Scale)) -> impl IntoView {
    view! {
        <label>
            {label}
            <select
                data-setting=name
                on:change=move |ev| {
                    if let Some(s) = Scale::parse(&event_target_value(&ev)) {
                        wb.update_settings(|st| set(st, s));
                    }
                }
            >
                {options
                    .iter()
                    .map(|s| {
                        let value = s.label();
                        let s = *s;
                        view! { <option value=value.clone() selected=move || wb.settings.with(|st| get(st) == s)>{value.clone()}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
pub fn SettingsPanel(wb: Workbench) -> impl IntoView {
    let segment_names = Memo::new(move |_| wb.mapping.with(|m| m.segment.clone()));
    let score_kind = Memo::new(move |_| wb.data.with(|d| d.as_ref().ok().and_then(|d| d.score_kind)));
    view! {
        <section class="panel" aria-labelledby="settings-h">
            <h2 id="settings-h">"Settings"</h2>
            <div class="settings-grid">
                <label>
                    "Period"
                    <select
                        data-setting="period"
                        on:change=move |ev| {
                            if let Some(g) = Granularity::parse(&event_target_value(&ev)) {
                                wb.update_settings(|s| s.period = g);
                            }
                        }
                    >
                        {Granularity::ALL
                            .iter()
                            .map(|g| {
                                let g = *g;
                                view! { <option value=g.as_str() selected=move || wb.settings.with(|s| s.period == g)>{g.as_str()}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    "Break down by"
                    <select
                        data-setting="segment"
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            wb.update_settings(|s| s.segment = (!v.is_empty()).then_some(v));
                        }
                    >
                        <option value="" selected=move || wb.settings.with(|s| s.segment.is_none())>"(no segment)"</option>
                        {move || {
                            segment_names
                                .get()
                                .into_iter()
                                .map(|name| {
                                    let n = name.clone();
                                    view! {
                                        <option value=name.clone() selected=move || wb.settings.with(|s| s.segment.as_deref() == Some(n.as_str()))>
                                            {name.clone()}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                {scale_select(wb, "NPS scale", "nps_scale", &NPS_SCALES, |s| s.surveys.nps_scale, |s, v| s.surveys.nps_scale = v)}
                {scale_select(wb, "CSAT scale", "csat_scale", &CSAT_SCALES, |s| s.surveys.csat_scale, |s, v| {
                    s.surveys.csat_scale = v;
                    s.surveys.csat_threshold = None;
                })}
                <label>
                    "CSAT satisfied from"
                    <input
                        type="number"
                        step="1"
                        data-setting="csat_threshold"
                        prop:value=move || wb.settings.with(|s| s.surveys.satisfied_threshold().to_string())
                        on:change=move |ev| {
                            if let Ok(t) = event_target_value(&ev).trim().parse::<f64>() {
                                wb.update_settings(|s| {
                                    if s.surveys.csat_scale.contains(t) {
                                        s.surveys.csat_threshold = Some(t);
                                    }
                                });
                            }
                        }
                    />
                </label>
                {scale_select(wb, "CES scale", "ces_scale", &CES_SCALES, |s| s.surveys.ces_scale, |s, v| s.surveys.ces_scale = v)}
                <label>
                    "Lone score column is"
                    <select
                        data-setting="kind"
                        on:change=move |ev| {
                            let k = Kind::parse(&event_target_value(&ev));
                            wb.update_settings(|s| s.surveys.kind = k);
                        }
                    >
                        <option value="" selected=move || wb.settings.with(|s| s.surveys.kind.is_none())>
                            {move || format!("inferred ({})", score_kind.get().map_or("n/a", |k| k.as_str()))}
                        </option>
                        {Kind::ALL
                            .iter()
                            .map(|k| {
                                let k = *k;
                                view! { <option value=k.as_str() selected=move || wb.settings.with(|s| s.surveys.kind == Some(k))>{k.as_str()}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    "Date order"
                    <select
                        data-setting="date_order"
                        on:change=move |ev| {
                            let order = match event_target_value(&ev).as_str() {
                                "mdy" => DateOrder::Mdy,
                                "dmy" => DateOrder::Dmy,
                                _ => DateOrder::Auto,
                            };
                            wb.update_settings(|s| s.surveys.date_order = order);
                        }
                    >
                        <option value="auto" selected=move || wb.settings.with(|s| s.surveys.date_order == DateOrder::Auto)>"auto (from the values)"</option>
                        <option value="mdy" selected=move || wb.settings.with(|s| s.surveys.date_order == DateOrder::Mdy)>"month first (US)"</option>
                        <option value="dmy" selected=move || wb.settings.with(|s| s.surveys.date_order == DateOrder::Dmy)>"day first"</option>
                    </select>
                </label>
            </div>
        </section>
    }
}
