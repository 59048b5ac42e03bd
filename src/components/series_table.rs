//! Every value of the series as a table (one row per period), and the segment breakdown of the
//! latest period. Each cell carries data-kpi, data-value, data-period and data-segment.

use crate::format;
use crate::state::models::{table, Table};
use crate::state::Workbench;
use leptos::prelude::*;

fn render(t: Table, first_header: &'static str) -> impl IntoView {
    let header = t.columns.iter().map(|c| view! { <th>{c.2.clone()}</th> }).collect_view();
    let rows = t
        .rows
        .into_iter()
        .map(|r| {
            let first = r.segment.clone().unwrap_or_else(|| r.period.clone());
            let period = r.period.clone();
            let segment = r.segment.clone().unwrap_or_default();
            let cells = r
                .cells
                .into_iter()
                .map(|c| {
                    view! {
                        <td
                            class:none=c.value.is_none()
                            title=c.title
                            data-kpi=c.id
                            data-kind=c.kind.unwrap_or_default()
                            data-period=period.clone()
                            data-segment=segment.clone()
                            data-value=format::raw(c.value)
                        >
                            {c.display}
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <td>{first}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table>
            <thead>
                <tr>
                    <th>{first_header}</th>
                    {header}
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
pub fn SeriesTable(wb: Workbench) -> impl IntoView {
    let series = Memo::new(move |_| wb.kpis.with(|k| table(k, |v| v.segment.is_none())));
    let by_segment = Memo::new(move |_| {
        wb.kpis.with(|k| {
            let last = k.iter().filter(|v| v.segment.is_none()).map(|v| v.period.clone()).last()?;
            let t = table(k, |v| v.segment.is_some() && v.period == last);
            (!t.rows.is_empty()).then_some((last, t))
        })
    });
    view! {
        <section class="panel" aria-labelledby="series-h">
            <h2 id="series-h">"Every period"</h2>
            <p class="source-line">"* fewer than 30 responses. — no responses, so the KPI is undefined. Hover a value to see how it was made."</p>
            <div class="scroll" data-testid="series-table">{move || render(series.get(), "Period")}</div>
            {move || {
                by_segment
                    .get()
                    .map(|(period, t)| {
                        view! {
                            <h2>"By segment, " {period}</h2>
                            <div class="scroll" data-testid="segment-table">{render(t, "Segment")}</div>
                        }
                    })
            }}
        </section>
    }
}
