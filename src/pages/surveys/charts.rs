//! The NPS trend (with its margin-of-error band and the target) and the score distribution, drawn
//! on canvases. Drawing is an effect: the canvas is the outside world.

use crate::browser::chart_canvas::ChartCanvas;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_charts::{draw_score_distribution, draw_trend, DistributionBar};
use northstar_metrics::surveys::Kind;
use northstar_view::models::tables::trend;

#[component]
pub fn Charts(wb: Workbench) -> impl IntoView {
    let sv = super::SurveysPageState::of(wb);
    let origin = sv.source.origin("survey file");
    let why = move |missing: &'static str| Signal::derive(move || origin.with(|o| northstar_view::cards::why_empty(o, missing)));
    // The kind the user picked, else the file's first kind (a CSAT-only file opens on CSAT).
    let picked = RwSignal::new(None::<&'static str>);
    let trend_kind = Memo::new(move |_| picked.get().unwrap_or_else(|| sv.kinds.with(|k| k.first().map_or("nps", |k| k.as_str()))));
    let trend_model = Memo::new(move |_| {
        let id = trend_kind.get();
        let target = wb.settings.with(|s| s.targets.get(id).copied());
        let title = match id {
            "nps" => "NPS with 95 % margin of error",
            "csat" => "CSAT",
            _ => "CES",
        };
        sv.kpis.with(|k| trend(k, id, title, target))
    });
    // The engine picks the kind shown (the chosen one while the file has it, else its first).
    let dist_model = sv.distribution;
    let dist_kind = Memo::new(move |_| dist_model.with(|d| d.as_ref().map(|(k, _)| *k)));
    view! {
        <section class="panel" aria-labelledby="charts-h">
            <h2 id="charts-h">"Trends"</h2>
            <div class="charts">
                <div>
                    <label class="source-line">
                        "Show "
                        <select data-setting="trend" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            picked.set(Some(match v.as_str() { "csat" => "csat", "ces" => "ces", _ => "nps" }));
                        }>
                            <option value="nps" selected=move || trend_kind.get() == "nps">"NPS"</option>
                            <option value="csat" selected=move || trend_kind.get() == "csat">"CSAT"</option>
                            <option value="ces" selected=move || trend_kind.get() == "ces">"CES"</option>
                        </select>
                    </label>
                    <ChartCanvas model=trend_model draw={|a, chart| draw_trend(a, chart)} width=720 height=320 chart="trend" why_empty=why("no answers of this kind") label="KPI trend chart" />
                    <p class="source-line">"Blue line: the KPI per period (gaps where undefined). Shaded band: the NPS 95 % margin of error. Orange line: your target."</p>
                </div>
                <div>
                    <label class="source-line">
                        "Distribution of "
                        <select data-setting="distribution" on:change=move |ev| {
                            let k = Kind::parse(&event_target_value(&ev));
                            wb.update_settings(|s| s.surveys.distribution_kind = k);
                        }>
                            {Kind::ALL.iter().map(|k| {
                                let k = *k;
                                view! { <option value=k.as_str() selected=move || dist_kind.get() == Some(k)>{k.as_str().to_uppercase()}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <ChartCanvas
                        model=dist_model
                        draw={|a, model: &Option<(Kind, Vec<DistributionBar>)>| match model {
                            Some((kind, bars)) => draw_score_distribution(a, &format!("{} answers", kind.as_str().to_uppercase()), bars),
                            None => Ok(()),
                        }}
                        width=480
                        height=320
                        chart="distribution" why_empty=why("no answers")
                        label="Score distribution chart"
                    />
                    <p class="source-line">"All answers in the file. Green: promoters or satisfied; grey: passives; red: detractors or not satisfied."</p>
                </div>
            </div>
        </section>
    }
}
