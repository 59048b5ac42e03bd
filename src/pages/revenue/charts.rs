//! Revenue charts on canvases: the MRR bridge of a chosen period, movements per period, MRR and
//! customers, and churn and NRR with their target lines.

use crate::browser::chart_canvas::ChartCanvas;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_charts::{draw_bridge, draw_lines, draw_stacked, BridgeStep};
use northstar_view::pages::revenue::{bridge, churn_and_nrr, movements, mrr_and_customers, periods};

#[component]
pub fn RevenueCharts(wb: Workbench) -> impl IntoView {
    let r = super::Revenue::of(wb);
    let numbers = crate::state::numbers();
    let origin = r.subs.origin("subscriptions file");
    let why = move |missing: &'static str| Signal::derive(move || origin.with(|o| northstar_view::cards::why_empty(o, missing)));
    let bridge_model = Memo::new(move |_| {
        let chosen = wb.settings.with(|s| s.revenue.bridge_period.clone());
        r.kpis.with(|k| bridge(k, chosen.as_deref()))
    });
    let movement_model = Memo::new(move |_| r.kpis.with(|k| movements(k)));
    let mrr_model = Memo::new(move |_| {
        let targets = wb.settings.with(|s| s.targets.clone());
        r.kpis.with(|k| mrr_and_customers(k, &targets))
    });
    let churn_model = Memo::new(move |_| {
        let targets = wb.settings.with(|s| s.targets.clone());
        r.kpis.with(|k| churn_and_nrr(k, &targets))
    });
    let period_options = Memo::new(move |_| r.kpis.with(|k| periods(k)));
    view! {
        <section class="panel" aria-label="Revenue charts">
            <h2>"MRR bridge and trends"</h2>
            <div class="charts two">
                <div>
                    <label class="source-line">
                        "Bridge for "
                        <select
                            data-setting="bridge_period"
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                wb.update_settings(|s| s.revenue.bridge_period = (!v.is_empty()).then_some(v));
                            }
                        >
                            <option value="">"latest period"</option>
                            {move || {
                                period_options
                                    .get()
                                    .into_iter()
                                    .rev()
                                    .map(|p| {
                                        let q = p.clone();
                                        view! { <option value=p.clone() selected=move || wb.settings.with(|s| s.revenue.bridge_period.as_deref() == Some(q.as_str()))>{p.clone()}</option> }
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                    <ChartCanvas
                        model=bridge_model
                        draw={|a, m: &Option<(String, Vec<BridgeStep>)>| match m {
                            Some((p, steps)) => draw_bridge(a, &format!("MRR bridge, {p}"), steps),
                            None => Ok(()),
                        }}
                        width=640
                        height=320
                        chart="bridge" why_empty=why("no MRR in this period")
                        label="MRR bridge waterfall"
                    />
                    <p class="source-line">"Start MRR, then new, reactivation and expansion (green) and contraction and churn (red), to end MRR."</p>
                    <table class="bridge-table" data-testid="bridge-table">
                        <tbody>
                            {move || {
                                bridge_model
                                    .get()
                                    .map(|(period, steps)| {
                                        steps
                                            .into_iter()
                                            .map(|st| {
                                                let v = st.cents as f64 / 100.0;
                                                view! {
                                                    <tr data-bridge=st.label.to_lowercase() data-period=period.clone() data-value=v.to_string()>
                                                        <td>{st.label.clone()}</td>
                                                        <td>{format!("{}{}", if st.total || st.cents < 0 { "" } else { "+" }, numbers.money(v))}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()
                                    })
                            }}
                        </tbody>
                    </table>
                </div>
                <div>
                    <ChartCanvas model=movement_model draw={|a, (labels, series)| draw_stacked(a, "MRR movements per period", labels, series)} width=640 height=320 chart="movements" why_empty=why("no MRR movements") label="MRR movements per period" />
                </div>
                <div>
                    <ChartCanvas model=mrr_model draw={move |a, (labels, series)| draw_lines(a, "MRR and paying customers", labels, series, move |y| numbers.number(y, 0))} width=640 height=320 chart="mrr" why_empty=why("no MRR") label="MRR and customers over time" />
                </div>
                <div>
                    <ChartCanvas model=churn_model draw={move |a, (labels, series)| draw_lines(a, "Churn and net revenue retention (%)", labels, series, move |y| numbers.number(y, 1))} width=640 height=320 chart="churn" why_empty=why("no churn or NRR: they need two periods of MRR") label="Churn and NRR over time" />
                    <p class="source-line">"Faint horizontal lines: your targets."</p>
                </div>
            </div>
        </section>
    }
}
