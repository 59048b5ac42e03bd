//! How each file's rows reached the billing customers: rows, matched rows and the match rate, by
//! which rule, the rule per source (a setting), and the keys that matched nobody with their rows.

use crate::state::Workbench;
use leptos::prelude::*;
use northstar_metrics::join::{JoinReport, JoinRule};
use northstar_view::pages::health::rate_text;

const RULES: [(JoinRule, &str); 4] = [
    (JoinRule::Auto, "auto: id, else e-mail, else domain"),
    (JoinRule::Id, "customer id"),
    (JoinRule::Email, "e-mail"),
    (JoinRule::Domain, "e-mail or website domain"),
];

#[component]
pub fn JoinPanel(wb: Workbench) -> impl IntoView {
    let results = wb.pages.health.results;
    let joins = Memo::new(move |_| results.with(|r| r.joins.clone()));
    view! {
        <section class="panel" aria-labelledby="join-h" data-join="">
            <h2 id="join-h">"How your files matched"</h2>
            <p class="source-line">
                "The customer is the billing customer, from subscriptions or accounts. A row of another file reaches it by customer id, by e-mail (spaces and capitals ignored), or by the e-mail's domain matched to the customer's e-mail or website domain. Free-mail domains such as gmail.com never match by domain, nor does a domain several customers share."
            </p>
            {move || joins.with(|j| j.is_empty()).then(|| view! {
                <p class="empty-state" data-empty="join">"Nothing to match yet: load subscriptions or accounts, and tickets, usage, surveys or orders with a customer, requester or user column."</p>
            })}
            <Show when=move || joins.with(|j| !j.is_empty())>
                <table class="join-table">
                    <thead>
                        <tr><th>"File"</th><th>"Rows"</th><th>"Matched"</th><th>"Match rate"</th><th>"By id / e-mail / domain"</th><th>"Rule"</th><th>"Unmatched keys"</th></tr>
                    </thead>
                    <tbody>{move || joins.get().into_iter().map(|j| view! { <JoinRow wb=wb report=j /> }).collect_view()}</tbody>
                </table>
            </Show>
        </section>
    }
}

#[component]
fn JoinRow(wb: Workbench, report: JoinReport) -> impl IntoView {
    let numbers = crate::state::numbers();
    let source = report.source.name();
    let rate = report.match_rate();
    let setting = format!("join_rule.{source}");
    let key = report.source;
    let unmatched = report.unmatched_keys.clone();
    let listed = unmatched.len() as u64;
    let more = report.unmatched_count.saturating_sub(listed);
    let free = report.free_mail_rows;
    let ambiguous: Vec<String> =
        report.ambiguous_domains.iter().map(|a| format!("{} is shared by {} ({} rows)", a.domain, a.customers.join(", "), a.rows)).collect();
    view! {
        <tr data-join-source=source>
            <td>{source}</td>
            <td>{numbers.count(report.rows)}</td>
            <td>{numbers.count(report.matched_rows)}</td>
            <td class="value" data-kpi="match_rate" data-segment=source data-value=northstar_metrics::format::raw(rate)>{rate_text(rate, &numbers.style())}</td>
            <td>{format!("{} / {} / {}", numbers.count(report.by_rule.id), numbers.count(report.by_rule.email), numbers.count(report.by_rule.domain))}</td>
            <td>
                <select data-setting=setting aria-label=format!("How {source} rows reach a customer") on:change=move |ev| {
                    let rule = JoinRule::parse(&event_target_value(&ev)).unwrap_or_default();
                    let key = key;
                    wb.update_settings(move |s| {
                        if rule == JoinRule::Auto {
                            s.health.join_rules.remove(&key);
                        } else {
                            s.health.join_rules.insert(key, rule);
                        }
                    });
                }>
                    {RULES.into_iter().map(|(r, label)| view! { <option value=r.as_str() selected=report.rule == r>{label}</option> }).collect_view()}
                </select>
            </td>
            <td data-unmatched=report.unmatched_count.to_string()>
                {if report.unmatched_count == 0 {
                    view! { <span>"none"</span> }.into_any()
                } else {
                    view! {
                        <details>
                            <summary>{format!("{} keys", numbers.count(report.unmatched_count))}{(free > 0).then(|| format!(", {} rows from free-mail addresses", numbers.count(free)))}</summary>
                            <ul class="unmatched">
                                {unmatched.into_iter().map(|k| view! { <li data-unmatched-key=k.key.clone()>{format!("{} ({} row{})", k.key, numbers.count(k.rows), if k.rows == 1 { "" } else { "s" })}</li> }).collect_view()}
                                {(more > 0).then(|| view! { <li>{format!("… and {} more", numbers.count(more))}</li> })}
                                {ambiguous.into_iter().map(|a| view! { <li class="source-line">{a}</li> }).collect_view()}
                            </ul>
                        </details>
                    }
                    .into_any()
                }}
            </td>
        </tr>
    }
}
