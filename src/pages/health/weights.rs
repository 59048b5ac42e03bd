//! The score's settings beside the back-test they give: change a weight and the AUC and lift of
//! every month follow, from the files already read.

use crate::components::setting_input::SettingInput;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_metrics::format::raw;
use northstar_metrics::health::Component;
use northstar_metrics::issue::FatalError;
use northstar_view::pages::health::{backtest_mean, backtest_rows, backtest_text};
use northstar_view::Settings;

/// Applies `health.KEY=value` from a field.
fn apply(s: &mut Settings, key: &str, value: &str) -> Result<(), FatalError> {
    s.health.score.apply(key, value).map_err(|reason| FatalError::BadSetting { key: format!("health.{key}"), value: value.into(), reason })
}

/// A setting's value as its field holds it (plain, not in the reader's style: the field reads it back).
fn number(v: f64) -> String {
    format!("{}", (v * 1e9).round() / 1e9)
}

#[component]
pub fn WeightsPanel(wb: Workbench) -> impl IntoView {
    let s = wb.settings;
    let numbers = crate::state::numbers();
    let weight = move |c: Component| Signal::derive(move || s.with(|st| number(st.health.score.weights.of(c))));
    let rows = Memo::new(move |_| wb.pages.health.results.with(|r| backtest_rows(&r.kpis)));
    let mean = Memo::new(move |_| rows.with(|r| backtest_mean(r)));
    let window = move || s.with(|st| st.health.score.window_months);
    view! {
        <section class="panel" aria-labelledby="weights-h" data-testid="health-weights">
            <h2 id="weights-h">"Weights and back-test"</h2>
            <p class="source-line">
                "The score is the weighted mean of the components a customer has data for. The back-test asks, for every past month: did the customers who churned in the "
                {window}
                " months after it score lower than those who stayed? AUC 0.5 is a coin toss and 1 a perfect ranking; a top-decile lift of 3 means the lowest-scoring tenth churned three times as often as everyone."
            </p>
            <div class="weights-grid">
                <div class="settings-grid">
                    <SettingInput wb=wb label="Usage trend" key="health.weight.usage_trend" numeric=true value=weight(Component::UsageTrend) apply=|st, v| apply(st, "weight.usage_trend", v) />
                    <SettingInput wb=wb label="Usage per seat" key="health.weight.usage_level" numeric=true value=weight(Component::UsageLevel) apply=|st, v| apply(st, "weight.usage_level", v) />
                    <SettingInput wb=wb label="Engagement" key="health.weight.engagement" numeric=true value=weight(Component::Engagement) apply=|st, v| apply(st, "weight.engagement", v) />
                    <SettingInput wb=wb label="Latest survey answer" key="health.weight.satisfaction" numeric=true value=weight(Component::Satisfaction) apply=|st, v| apply(st, "weight.satisfaction", v) />
                    <SettingInput wb=wb label="Tickets" key="health.weight.tickets" numeric=true value=weight(Component::Tickets) apply=|st, v| apply(st, "weight.tickets", v) />
                    <SettingInput wb=wb label="MRR change" key="health.weight.mrr_change" numeric=true value=weight(Component::MrrChange) apply=|st, v| apply(st, "weight.mrr_change", v) />
                    <label class="setting">
                        "Bands"
                        <select data-setting="health.bands" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            wb.update_settings(move |st| { let _ = st.health.score.apply("bands", &v); });
                        }>
                            <option value="calibrated" selected=move || s.with(|st| st.health.score.calibrate)>"calibrated on your back-test"</option>
                            <option value="fixed" selected=move || s.with(|st| !st.health.score.calibrate)>"the thresholds below"</option>
                        </select>
                    </label>
                    <SettingInput wb=wb label="Red below" key="health.red_below" numeric=true value=Signal::derive(move || s.with(|st| number(st.health.score.red_below))) apply=|st, v| apply(st, "red_below", v) />
                    <SettingInput wb=wb label="Yellow below" key="health.yellow_below" numeric=true value=Signal::derive(move || s.with(|st| number(st.health.score.yellow_below))) apply=|st, v| apply(st, "yellow_below", v) />
                    <SettingInput wb=wb label="Churn window (months)" key="health.window_months" numeric=true value=Signal::derive(move || s.with(|st| st.health.score.window_months.to_string())) apply=|st, v| apply(st, "window_months", v) />
                    <SettingInput wb=wb label="Slow ticket after (hours)" key="health.slow_hours" numeric=true value=Signal::derive(move || s.with(|st| number(st.health.score.slow_hours))) apply=|st, v| apply(st, "slow_hours", v) />
                </div>
                <div class="backtest">
                    <p data-backtest="mean" data-value=move || raw(mean.get().0)>
                        {move || {
                            let (auc, lift) = mean.get();
                            backtest_text(auc, lift, window(), &numbers.style())
                                .unwrap_or_else(|| "No month can be back-tested yet: it needs subscriptions and the months after it in the data.".into())
                        }}
                    </p>
                    {move || wb.pages.health.results.with(|r| r.demo).then(|| view! {
                        <p class="notice" data-notice="demo-backtest">"The demo's files were generated independently of each other, so nothing in them foretells churn and the AUC stays near 0.5. Load your own files to test the score on your customers."</p>
                    })}
                    <table class="backtest-table">
                        <thead><tr><th>"Month"</th><th>"Scored"</th><th>"Churned after"</th><th>"AUC"</th><th>"Top-decile lift"</th></tr></thead>
                        <tbody>
                            {move || rows.get().into_iter().map(|r| {
                                let note = r.warning.clone().unwrap_or_default();
                                view! {
                                    <tr data-backtest-period=r.period.clone()>
                                        <td>{r.period.clone()}</td>
                                        <td>{numbers.count(r.scored)}</td>
                                        <td>{r.churned.map_or("—".into(), |c| numbers.number(c, 0))}</td>
                                        <td data-kpi="health_auc" data-period=r.period.clone() data-value=raw(r.auc) title=note.clone()>{r.auc.map_or("—".into(), |v| numbers.number(v, 3))}</td>
                                        <td data-kpi="health_top_decile_lift" data-period=r.period.clone() data-value=raw(r.lift) title=note>{r.lift.map_or("—".into(), |v| numbers.number(v, 2))}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </div>
        </section>
    }
}
