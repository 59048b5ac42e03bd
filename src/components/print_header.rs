//! The printed report's head, hidden on screen: its title (the page), the day it was printed, the
//! files behind it with the span of each, and the user's goals with how many are met.

use crate::browser::download::today;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_metrics::source::SourceId;
use northstar_share::GoalStatus;
use northstar_view::pages::scorecard::goals_text;
use northstar_view::share::{goal_name, goal_value_text};
use northstar_view::Page;

/// Each loaded file behind `page`: "subscriptions.csv (subscriptions, 2023-01-01 to 2024-12-31)".
fn files_of(wb: Workbench, page: Page) -> Vec<String> {
    let ids: Vec<SourceId> = if page.is_overview() { SourceId::ALL.to_vec() } else { page.sources().to_vec() };
    let mut out = Vec::new();
    wb.sources.each(&ids, |m| {
        let Some(file) = m.file() else { return };
        let demo = if m.is_demo() { ", the built-in demo" } else { "" };
        let span =
            m.origin().extent.map(|(a, b)| format!(", {} to {}", northstar_metrics::format::day(a), northstar_metrics::format::day(b))).unwrap_or_default();
        out.push(format!("{file} ({}{demo}{span})", m.id().name()));
    });
    out
}

#[component]
pub fn PrintHeader(wb: Workbench) -> impl IntoView {
    let numbers = crate::state::numbers();
    let page = Memo::new(move |_| wb.settings.with(|s| s.page));
    let files = Memo::new(move |_| files_of(wb, page.get()));
    let goals = Memo::new(move |_| crate::components::share::kpis_and_goals(wb, page.get()).1);
    view! {
        <header class="print-only print-header" data-print-header="">
            <h1>{move || format!("Northstar report: {}", page.get().label())}</h1>
            <p data-print-date="">{move || format!("Printed on {}. Every number was computed on this device from the files below.", today())}</p>
            <ul data-print-files="">
                {move || {
                    let f = files.get();
                    if f.is_empty() {
                        view! { <li>"No file loaded."</li> }.into_any()
                    } else {
                        f.into_iter().map(|f| view! { <li data-print-file="">{f}</li> }).collect_view().into_any()
                    }
                }}
            </ul>
            <p data-print-goals="">
                {move || goals.with(|g| {
                    let met = g.iter().filter(|g| g.status == GoalStatus::Met).count();
                    let judged = g.iter().filter(|g| g.status != GoalStatus::NoData).count();
                    format!("Goals: {}.", goals_text((met, judged), &numbers.style()))
                })}
            </p>
            <ul data-print-goal-list="">
                {move || goals.get().into_iter().map(|g| {
                    let style = numbers.style();
                    let text = format!(
                        "{}, {}: {} against a goal of {}, {}",
                        goal_name(&g.key),
                        g.period,
                        goal_value_text(&g.key, g.value, &style),
                        goal_value_text(&g.key, Some(g.target), &style),
                        g.status.text()
                    );
                    view! { <li>{text}</li> }
                }).collect_view()}
            </ul>
        </header>
    }
}
