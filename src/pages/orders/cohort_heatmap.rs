//! The cohort retention heatmap (canvas, colour scale, the value under the pointer) and the same
//! matrix as a table beside it. Each cell of the table carries data-cohort, data-k and data-value.

use crate::browser::chart_canvas::ChartCanvas;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_charts::{draw_heatmap, HeatRow, HeatmapLayout};
use northstar_metrics::kpi::Unit;
use northstar_view::pages::orders::{cohort_cell_text, heat_rows};

const WIDTH: u32 = 720;
const HEIGHT: u32 = 420;

#[component]
pub fn CohortHeatmap(wb: Workbench) -> impl IntoView {
    let numbers = crate::state::numbers();
    let o = super::OrdersPageState::of(wb);
    let origin = o.source.origin("orders file");
    let why = move |missing: &'static str| Signal::derive(move || origin.with(|o| northstar_view::cards::why_empty(o, missing)));
    let revenue = Memo::new(move |_| wb.settings.with(|s| s.orders.revenue_cohorts));
    let rows = Memo::new(move |_| {
        let revenue = revenue.get();
        o.cohorts.with(|c| heat_rows(c, revenue))
    });
    let hovered = RwSignal::new(None::<(usize, usize)>);
    let on_hover = move |at: Option<(f64, f64)>| {
        let cell = at.and_then(|(x, y)| {
            rows.with_untracked(|r| HeatmapLayout::new(WIDTH, HEIGHT, r.len(), r.iter().map(|r| r.cells.len()).max().unwrap_or(0)).cell_at(x, y))
        });
        hovered.set(cell);
    };
    let hover_text = move || match hovered.get().and_then(|(r, c)| rows.with(|rows| rows.get(r).map(|row| (row.clone(), c)))) {
        Some((row, k)) => cohort_cell_text(&row, k, revenue.get(), &numbers.style()),
        None => "Point at a cell to read its value.".to_string(),
    };
    let title = move || if revenue.get() { "Revenue retention by first-order cohort" } else { "Customer retention by first-order cohort" };
    view! {
        <section class="panel" aria-label="Cohort retention">
            <h2>{title}</h2>
            <label class="source-line">
                "Show "
                <select data-setting="cohort_metric" on:change=move |ev| {
                    let revenue = event_target_value(&ev) == "revenue";
                    wb.update_settings(|s| s.orders.revenue_cohorts = revenue);
                }>
                    <option value="customers" selected=move || !revenue.get()>"customers ordering again"</option>
                    <option value="revenue" selected=move || revenue.get()>"revenue kept"</option>
                </select>
            </label>
            <div class="charts two">
                <div>
                    <ChartCanvas
                        model=Signal::derive(move || (rows.get(), title()))
                        draw={|a, (rows, title): &(Vec<HeatRow>, &'static str)| draw_heatmap(a, title, "+", rows)}
                        width=WIDTH
                        height=HEIGHT
                        chart="cohorts" why_empty=why("no cohort has a later period yet")
                        label="Cohort retention heatmap"
                        on_hover=Callback::new(on_hover)
                    />
                    <p class="source-line" data-testid="cohort-hover" aria-live="polite">{hover_text}</p>
                    <p class="source-line">"A cohort is the customers whose first order fell in that period; cell +k is the share of them who ordered again k periods later (revenue: their revenue in period +k ÷ their revenue in their first period). Darker is higher."</p>
                </div>
                <div class="scroll" tabindex="0" role="region" aria-label="Scrollable table">
                    <CohortTable rows=rows />
                </div>
            </div>
        </section>
    }
}

#[component]
fn CohortTable(#[prop(into)] rows: Signal<Vec<HeatRow>>) -> impl IntoView {
    let numbers = crate::state::numbers();
    let width = move || rows.with(|r| r.iter().map(|r| r.cells.len()).max().unwrap_or(0));
    view! {
        <table class="cohorts" data-testid="cohort-table">
            <thead>
                <tr>
                    <th>"Cohort"</th>
                    <th>"Customers"</th>
                    {move || (0..width()).map(|k| view! { <th>{format!("+{k}")}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {move || {
                    rows.get()
                        .into_iter()
                        .map(|r| {
                            let cohort = r.label.clone();
                            view! {
                                <tr>
                                    <td>{r.label.clone()}</td>
                                    <td data-cohort-size=cohort.clone()>{r.size}</td>
                                    {r.cells
                                        .iter()
                                        .enumerate()
                                        .map(|(k, v)| {
                                            // Text keeps a 4.5:1 contrast (WCAG AA): dark on the light shades up to
                                            // 60 %, white on the dark ones above it. Set as style properties (the
                                            // CSSOM), which the strict style-src allows, not a style attribute.
                                            let (background, ink) = v.map(heat_colours).unzip();
                                            view! {
                                                <td style:background=background style:color=ink data-cohort=cohort.clone() data-k=k data-value=crate::format::raw(*v)>
                                                    {numbers.display(Unit::Rate, *v)}
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
    }
}

/// A retention rate's cell colours: an opaque blue (blended over white, so the dark theme keeps the
/// contrast) and the ink that reads on it.
fn heat_colours(v: f64) -> (String, &'static str) {
    let v = v.clamp(0.0, 1.0);
    let (alpha, ink) = if v > 0.6 { (0.78 + (v - 0.6) * 0.55, "#fff") } else { (v * 0.75, "#1f2937") };
    let mix = |c: f64| (255.0 * (1.0 - alpha) + c * alpha).round() as u8;
    (format!("rgb({}, {}, {})", mix(30.0), mix(64.0), mix(175.0)), ink)
}
