//! Every value of the series as a table (one row per period), and the segment breakdown of the
//! latest period. Each cell carries data-kpi, data-value, data-period and data-segment.

use crate::browser::deferred::deferred;
use crate::format;
use leptos::prelude::*;
use northstar_metrics::KpiValue;
use northstar_view::cards::Origin;
use northstar_view::models::tables::{table, Table};
use northstar_view::Shared;

/// The first column's heading when a segment table lists every period.
const PERIOD_AND_SEGMENT: &str = "Period · segment";

fn render(t: Table, first_header: &'static str) -> impl IntoView {
    let style = crate::state::numbers().style();
    let header = t.columns.iter().map(|c| view! { <th>{c.2.clone()}</th> }).collect_view();
    let rows = t
        .rows
        .into_iter()
        .map(|r| {
            let first = match &r.segment {
                Some(seg) if first_header == PERIOD_AND_SEGMENT => format!("{} · {seg}", r.period),
                Some(seg) => seg.clone(),
                None => r.period.clone(),
            };
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
                            {style.display(c.unit, c.value) + if c.small_sample { "*" } else { "" }}
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
pub fn SeriesTable(
    #[prop(into)] kpis: Signal<Shared<Vec<KpiValue>>>,
    /// Prefix of the data-testid attributes.
    testid: &'static str,
    /// The segment breakdown of the latest period, when it comes from elsewhere.
    #[prop(into, optional)]
    breakdown: Option<Signal<Shared<Vec<KpiValue>>>>,
    /// The file the values come from: when there are none, the table says why.
    #[prop(into)]
    origin: Signal<Origin>,
    /// The segment table lists every period (each segment's series, e.g. each survey question),
    /// not only the latest.
    #[prop(optional)]
    segments_over_time: bool,
) -> impl IntoView {
    let numbers = crate::state::numbers();
    let empty = Memo::new(move |_| kpis.with(|k| k.is_empty()));
    // Each table renders a task after the results arrive, apart from the cards.
    let series = deferred(Memo::new(move |_| kpis.with(|k| table(k, |v| v.segment.is_none(), &numbers.style()))).into());
    let by_segment: ReadSignal<Option<(String, Table)>> = deferred(
        Memo::new(move |_| {
            let style = numbers.style();
            let from = |k: &[KpiValue]| {
                let last = k.iter().map(|v| v.period.clone()).next_back()?;
                let t = table(k, |v| v.segment.is_some() && (segments_over_time || v.period == last), &style);
                let heading = if segments_over_time { "every period".to_string() } else { last };
                (!t.rows.is_empty()).then_some((heading, t))
            };
            match breakdown {
                Some(b) => b.with(|k| from(k)),
                None => kpis.with(|k| from(k)),
            }
        })
        .into(),
    );
    // The warnings of the values shown (a breakdown whose ids match nothing, a filter that selects
    // nothing), each once.
    let warnings = Memo::new(move |_| {
        let mut out: Vec<String> = Vec::new();
        let mut add = |k: &[KpiValue]| {
            for w in k.iter().filter_map(|v| v.warning.as_ref()) {
                if !out.contains(w) {
                    out.push(w.clone());
                }
            }
        };
        kpis.with(|k| add(k));
        if let Some(b) = breakdown {
            b.with(|k| add(k));
        }
        out
    });
    view! {
        <section class="panel" aria-label="Every period">
            <h2>"Every period"</h2>
            <p class="source-line">"* fewer than 30 responses. — undefined (no data or a zero denominator), never 0. Hover a value to see how it was made."</p>
            {move || warnings.get().into_iter().map(|w| view! { <p class="card-warning" role="note" data-table-warning=testid>{w}</p> }).collect_view()}
            {move || empty.get().then(|| view! { <p class="empty-state" data-empty-table=testid>{move || origin.with(|o| o.empty.clone())}</p> })}
            <div class="scroll" tabindex="0" role="region" aria-label="Scrollable table" data-testid=format!("{testid}-series-table")>{move || render(series.get(), "Period")}</div>
            {move || {
                by_segment
                    .get()
                    .map(|(period, t)| {
                        view! {
                            <h2>"By segment, " {period}</h2>
                            <div class="scroll" tabindex="0" role="region" aria-label="Scrollable table" data-testid=format!("{testid}-segment-table")>{render(t, if segments_over_time { PERIOD_AND_SEGMENT } else { "Segment" })}</div>
                        }
                    })
            }}
        </section>
    }
}
