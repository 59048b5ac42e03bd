//! The Customers page: find a customer by id, e-mail or name, and see its timeline across every
//! file: its health score and MRR over time, per month what each source says (MRR, orders,
//! tickets, survey answers, product use) with the health components, and the rows behind them.

use crate::browser::chart_canvas::ChartCanvas;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_charts::draw_lines;
use northstar_metrics::health::timeline::{Timeline, TimelineMonth};
use northstar_view::pages::customers::CustomerHit;
use northstar_view::pages::health::{answers_text, band_text, component_text, hits_text, score_text, timeline_lines};

/// Rows behind the timeline shown before "Show all".
const FIRST_ROWS: usize = 30;

#[component]
pub fn CustomersPage(wb: Workbench) -> impl IntoView {
    let numbers = crate::state::numbers();
    let results = wb.pages.customers.results;
    let timeline = Memo::new(move |_| results.with(|r| r.timeline.clone()));
    let lines = Memo::new(move |_| timeline.with(|t| t.as_ref().map(timeline_lines).unwrap_or_default()));
    let why = Signal::derive(move || {
        results.with(|r| {
            if r.customers == 0 {
                "No customers yet: load subscriptions or accounts on the Revenue page.".to_string()
            } else {
                "Pick a customer above.".to_string()
            }
        })
    });
    view! {
        <section class="panel" aria-labelledby="customers-h" data-testid="customers-summary">
            <h2 id="customers-h">"Customers"</h2>
            <p class="source-line">
                {move || results.with(|r| if r.customers == 0 {
                    "No billing customers yet: drop a subscriptions or accounts export on the Revenue page.".to_string()
                } else {
                    format!("{} customers{}, joined with {}. Search by id, e-mail or name.", numbers.count(r.customers), if r.demo { " (demo)" } else { "" }, northstar_view::pages::health::source_list(&r.loaded))
                })}
            </p>
            <label class="search">
                "Find a customer: "
                <input
                    type="search"
                    data-testid="customer-search"
                    placeholder="id, e-mail or name"
                    prop:value=move || wb.settings.with(|s| s.health.query.clone())
                    on:input=move |ev| {
                        let q = event_target_value(&ev);
                        wb.update_settings(move |s| {
                            s.health.query = q;
                            s.health.customer = None;
                        });
                    }
                />
            </label>
            <Hits wb=wb />
        </section>
        <section class="panel" aria-labelledby="timeline-h" data-timeline=move || timeline.with(|t| t.as_ref().map(|t| t.customer.clone()).unwrap_or_default())>
            <h2 id="timeline-h">{move || timeline.with(|t| t.as_ref().map_or("Timeline".to_string(), heading))}</h2>
            <ChartCanvas model=lines draw={move |a, (labels, series)| draw_lines(a, "Health score (left) and MRR (right)", labels, series, move |y| numbers.number(y, 0))} width=640 height=300 chart="customer-timeline" why_empty=why label="The customer's health score and MRR per month" />
            {move || timeline.get().map(|t| view! { <Months t=t.clone() /> <Rows t=t /> })}
        </section>
    }
}

fn heading(t: &Timeline) -> String {
    let mut parts = vec![t.customer.clone()];
    parts.extend(t.name.clone().filter(|n| n != &t.customer));
    parts.extend(t.email.clone());
    parts.extend(t.website.clone());
    parts.join(" · ")
}

#[component]
fn Hits(wb: Workbench) -> impl IntoView {
    let results = wb.pages.customers.results;
    view! {
        <p class="source-line">
            {move || results.with(|r| hits_text(&r.query, r.hits.len(), northstar_view::pages::customers::HITS))}
        </p>
        <ul class="hits">
            {move || results.get().hits.into_iter().map(|h| view! { <Hit wb=wb hit=h /> }).collect_view()}
        </ul>
    }
}

#[component]
fn Hit(wb: Workbench, hit: CustomerHit) -> impl IntoView {
    let id = hit.customer.clone();
    let chosen = Memo::new({
        let id = id.clone();
        move |_| wb.pages.customers.results.with(|r| r.timeline.as_ref().is_some_and(|t| t.customer == id))
    });
    let text =
        [Some(hit.customer.clone()), hit.name.clone().filter(|n| n != &hit.customer), hit.email.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    let band = band_text(hit.band);
    let numbers = crate::state::numbers();
    view! {
        <li data-hit=hit.customer.clone()>
            <button class="link" class:active=move || chosen.get() data-open-customer=hit.customer.clone() on:click=move |_| {
                let c = id.clone();
                wb.update_settings(move |s| s.health.customer = Some(c));
            }>{text}</button>
            " "
            <span class=format!("band band-{band}")>{score_text(hit.score, hit.band, &numbers.style())}</span>
        </li>
    }
}

#[component]
fn Months(t: Timeline) -> impl IntoView {
    let has_mrr = t.months.iter().any(|m| m.mrr.is_some());
    let customer = t.customer.clone();
    view! {
        <table class="timeline-table" data-testid="customer-timeline">
            <thead>
                <tr>
                    <th>"Month"</th><th>"Health"</th>{has_mrr.then(|| view! { <th>"MRR"</th> })}<th>"Orders"</th><th>"Tickets opened"</th><th>"Survey answers"</th><th>"Product events (users)"</th><th>"Components"</th>
                </tr>
            </thead>
            <tbody>
                {t.months.into_iter().rev().map(|m| view! { <MonthRow m=m has_mrr=has_mrr customer=customer.clone() /> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn MonthRow(m: TimelineMonth, has_mrr: bool, customer: String) -> impl IntoView {
    let numbers = crate::state::numbers();
    let band = band_text(m.health.band);
    view! {
        <tr data-month=m.period.clone()>
            <td>{m.period.clone()}</td>
            <td class="value" data-kpi="health_score" data-segment=customer data-period=m.period.clone() data-value=crate::format::raw(m.health.score)>
                {m.health.score.map_or("—".into(), |s| numbers.number(s, 1) + " ")}
                {m.health.score.map(|_| view! { <span class=format!("band band-{band}")>{band}</span> })}
            </td>
            {has_mrr.then(|| view! { <td>{m.mrr.map_or("—".into(), |c| numbers.cents(c))}</td> })}
            <td>{if m.orders > 0 { format!("{} ({})", m.orders, numbers.cents(m.order_cents)) } else { "0".into() }}</td>
            <td>{m.tickets_opened}</td>
            <td>{answers_text(m.answers, m.answer_score, &numbers.style())}</td>
            <td>{format!("{} ({})", numbers.count(m.events), m.active_users)}</td>
            <td class="components">{m.health.components.iter().map(|(c, v)| component_text(*c, *v, &numbers.style())).collect::<Vec<_>>().join(" · ")}</td>
        </tr>
    }
}

#[component]
fn Rows(t: Timeline) -> impl IntoView {
    let numbers = crate::state::numbers();
    let all = RwSignal::new(false);
    let total = t.rows.len();
    let rows = StoredValue::new(t.rows);
    view! {
        <h3>"The rows behind it"</h3>
        <p class="source-line">"Subscriptions, tickets, survey answers and orders of this customer, newest first, with the file line each comes from. Product events are counted per month above."</p>
        <ul class="timeline-rows" data-testid="customer-rows">
            {move || {
                let shown = if all.get() { usize::MAX } else { FIRST_ROWS };
                rows.with_value(|r| {
                    r.iter()
                        .take(shown)
                        .map(|row| {
                            let source = row.source.map_or("", |s| s.name());
                            let at = row.line.map(|l| format!(" — {source} line {l}")).unwrap_or_else(|| format!(" — {source}"));
                            view! { <li data-row-source=source data-line=row.line.map(|l| l.to_string()).unwrap_or_default()>{format!("{} {}{at}", numbers.day(row.day), row.what)}</li> }
                        })
                        .collect_view()
                })
            }}
        </ul>
        {move || (!all.get() && total > FIRST_ROWS).then(|| view! { <button class="link" on:click=move |_| all.set(true)>{format!("Show all {total}")}</button> })}
    }
}
