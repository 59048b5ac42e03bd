//! The accounts most at risk: every active customer at the end of the month picked, lowest score
//! first, with its band, MRR and each component's score; a customer opens its timeline.

use crate::format;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_view::pages::health::RiskRow;
use northstar_view::pages::health::{band_text, component_text};
use northstar_view::Page;

/// Rows shown before "Show all".
const FIRST_ROWS: usize = 25;

#[component]
pub fn RiskList(wb: Workbench) -> impl IntoView {
    let numbers = crate::state::numbers();
    let results = wb.pages.health.results;
    let all = RwSignal::new(false);
    let rows = Memo::new(move |_| results.with(|r| r.risk.clone()));
    let period = Memo::new(move |_| results.with(|r| r.period.clone().unwrap_or_default()));
    view! {
        <section class="panel" aria-labelledby="risk-h" data-risk="">
            <h2 id="risk-h">"Accounts most at risk"</h2>
            <label class="source-line period-pick">
                "Scored at the end of: "
                <select data-setting="health_period" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    wb.update_settings(|s| s.health.period = (!v.is_empty()).then_some(v));
                }>
                    {move || {
                        let chosen = wb.settings.with(|s| s.health.period.clone());
                        let mut periods = results.with(|r| r.periods.clone());
                        periods.reverse();
                        std::iter::once(view! { <option value=String::new() selected=chosen.is_none()>{"the latest month".to_string()}</option> })
                            .chain(periods.into_iter().map(|p| {
                                let selected = chosen.as_deref() == Some(p.as_str());
                                view! { <option value=p.clone() selected=selected>{p.clone()}</option> }
                            }))
                            .collect_view()
                    }}
                </select>
            </label>
            <p class="source-line" data-risk-summary="">
                {move || results.with(|r| match &r.as_of {
                    Some(day) => format!(
                        "{} active customers on {day}, {} scored{}; lowest score first.",
                        numbers.count(r.active),
                        numbers.count(r.active - r.unscored),
                        if r.unscored > 0 {
                            let why: Vec<String> = r.unscored_reasons.iter().map(|(why, n)| format!("{} because {why}", numbers.count(*n))).collect();
                            format!(". Not scored: {}", why.join("; "))
                        } else {
                            String::new()
                        }
                    ),
                    None => "No customer to score yet: load dated usage, tickets, survey answers or subscriptions for these customers.".into(),
                })}
            </p>
            <Show when=move || rows.with(|r| !r.is_empty())>
                <table class="risk-table">
                    <thead>
                        <tr><th>"Customer"</th><th>"Score"</th><th>"Band"</th><th>"MRR"</th><th>"Fell most since the month before"</th><th>"Last contact"</th><th>"Components (0-100)"</th></tr>
                    </thead>
                    <tbody>
                        {move || {
                            let shown = if all.get() { usize::MAX } else { FIRST_ROWS };
                            let p = period.get();
                            rows.get().into_iter().take(shown).map(|r| view! { <Row wb=wb row=r period=p.clone() /> }).collect_view()
                        }}
                    </tbody>
                </table>
                {move || (!all.get() && rows.with(|r| r.len() > FIRST_ROWS)).then(|| view! {
                    <button class="link" data-action="risk-all" on:click=move |_| all.set(true)>{format!("Show all {}", rows.with(|r| r.len()))}</button>
                })}
            </Show>
        </section>
    }
}

#[component]
fn Row(wb: Workbench, row: RiskRow, period: String) -> impl IntoView {
    let numbers = crate::state::numbers();
    let id = row.customer.clone();
    let open = id.clone();
    let band = band_text(row.band);
    let label = match &row.name {
        Some(n) if n != &row.customer => format!("{n} ({})", row.customer),
        _ => row.customer.clone(),
    };
    view! {
        <tr data-customer=row.customer.clone() data-band=band>
            <td>
                <button class="link" data-open-customer=row.customer.clone() on:click=move |_| {
                    let c = open.clone();
                    wb.update_settings(move |s| {
                        s.health.customer = Some(c.clone());
                        s.health.query = c;
                        s.page = Page::Customers;
                    });
                }>{label}</button>
            </td>
            <td class="value" data-kpi="health_score" data-segment=id data-period=period data-value=format::raw(row.score)>
                {row.score.map_or("—".into(), |s| numbers.number(s, 1))}
            </td>
            <td><span class=format!("band band-{band}")>{band}</span></td>
            <td>{numbers.cents(row.mrr)}</td>
            <td class="fell" data-fell=row.customer.clone()>
                {if row.fell.is_empty() { "—".to_string() } else { row.fell.iter().map(|(c, v)| format!("{} −{}", c.label(), numbers.number(*v, 0))).collect::<Vec<_>>().join(", ") }}
            </td>
            <td class="last-contact">{row.last_contact.as_ref().map_or("—".to_string(), |(kind, day)| format!("{} on {day}", kind.as_str()))}</td>
            <td class="components">{row.components.iter().map(|(c, v)| component_text(*c, *v, &numbers.style())).collect::<Vec<_>>().join(" · ")}</td>
        </tr>
    }
}
