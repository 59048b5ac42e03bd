//! Period, segment and scale settings. Every change goes to the persisted settings.

use crate::components::choice_setting::{BreakdownSetting, ChoiceSetting, PeriodSetting};
use crate::components::setting_input::SettingInput;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_metrics::parse::DateOrder;
use northstar_metrics::surveys::{Kind, ScaleSetting};
use northstar_metrics::Granularity;

/// The choices of a scale setting: "auto" (each question's scale inferred from its answers), then each scale.
fn scales(kind: Kind) -> Vec<(String, String)> {
    ScaleSetting::choices(kind).into_iter().map(|s| (s.clone(), if s == "auto" { "auto (per question, from its answers)".into() } else { s })).collect()
}

#[component]
pub fn SettingsPanel(wb: Workbench) -> impl IntoView {
    // The segment columns, and "Question" when several questions share a kind.
    let segment_names = Memo::new(move |_| wb.sources.surveys.view.with(|v| v.segments.clone()));
    let score_kind = super::SurveysPageState::of(wb).score_kind;
    let s = wb.settings;
    view! {
        <section class="panel" aria-labelledby="settings-h">
            <h2 id="settings-h">"Settings"</h2>
            <div class="settings-grid">
                <PeriodSetting wb=wb label="Period" key="period" granularities=&Granularity::ALL get=|st| st.surveys.period set=|st, g| st.surveys.period = g />
                <BreakdownSetting wb=wb key="segment" columns=segment_names none="(no segment)" get=|st| &st.surveys.segment set=|st| &mut st.surveys.segment />
                <ChoiceSetting
                    wb=wb
                    label="NPS scale"
                    key="nps_scale"
                    choices=scales(Kind::Nps)
                    value=Signal::derive(move || s.with(|st| st.sources.surveys.settings.ingest.nps_scale.label()))
                    apply=|st, v| st.sources.surveys.apply("nps_scale", v)
                />
                <ChoiceSetting
                    wb=wb
                    label="CSAT scale"
                    key="csat_scale"
                    choices=scales(Kind::Csat)
                    value=Signal::derive(move || s.with(|st| st.sources.surveys.settings.ingest.csat_scale.label()))
                    apply=|st, v| {
                        st.sources.surveys.apply("csat_scale", v)?;
                        // A new scale starts from its own default threshold.
                        st.sources.surveys.settings.kpi.csat_threshold = None;
                        Ok(())
                    }
                />
                <SettingInput
                    wb=wb
                    label="CSAT satisfied from"
                    key="csat_threshold"
                    numeric=true
                    value=Signal::derive(move || s.with(|st| st.sources.surveys.settings.satisfied_threshold().map(|t| t.to_string()).unwrap_or_default()))
                    apply=|st, v| st.sources.surveys.apply("csat_threshold", v)
                />
                <ChoiceSetting
                    wb=wb
                    label="CES scale"
                    key="ces_scale"
                    choices=scales(Kind::Ces)
                    value=Signal::derive(move || s.with(|st| st.sources.surveys.settings.ingest.ces_scale.label()))
                    apply=|st, v| st.sources.surveys.apply("ces_scale", v)
                />
                <ChoiceSetting
                    wb=wb
                    label="Lone score column is"
                    key="kind"
                    choices=Signal::derive(move || {
                        let inferred = format!("inferred ({})", score_kind.get().map_or("n/a", |k| k.as_str()));
                        std::iter::once((String::new(), inferred)).chain(Kind::ALL.iter().map(|k| (k.as_str().to_string(), k.as_str().to_string()))).collect::<Vec<_>>()
                    })
                    value=Signal::derive(move || s.with(|st| st.sources.surveys.settings.ingest.kind.map_or("", |k| k.as_str()).to_string()))
                    apply=|st, v| {
                        if v.is_empty() {
                            st.sources.surveys.settings.ingest.kind = None;
                            Ok(())
                        } else {
                            st.sources.surveys.apply("kind", v)
                        }
                    }
                />
                <ChoiceSetting
                    wb=wb
                    label="Date order"
                    key="date_order"
                    choices=vec![("auto".into(), "auto (from the values)".into()), ("mdy".into(), "month first (US)".into()), ("dmy".into(), "day first".into())]
                    value=Signal::derive(move || s.with(|st| match st.sources.surveys.settings.ingest.date_order {
                        DateOrder::Auto => "auto",
                        DateOrder::Mdy => "mdy",
                        DateOrder::Dmy => "dmy",
                    }.to_string()))
                    apply=|st, v| st.sources.surveys.apply("date_order", v)
                />
            </div>
        </section>
    }
}
