//! The scorecard, the first page: every KPI the loaded files support, grouped by area, each with
//! its value for its source's period, the user's goal, the status, a sparkline of its series and a
//! link to its page; the share of goals met overall and per area.

use crate::components::glossary::GlossaryLink;
use crate::format;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_metrics::kpi::Unit;
use northstar_view::pages::scorecard::{goals_text, sparkline, ScoreRow};

#[component]
pub fn ScorecardPage(wb: Workbench) -> impl IntoView {
    let numbers = crate::state::numbers();
    let model = Memo::new(move |_| crate::state::scorecard::scorecard_model(wb));
    view! {
        <crate::browser::all_drop::AllDrop wb=wb />
        <section class="panel" aria-label="Scorecard" data-scorecard="">
            <h2>"Scorecard"</h2>
            <p class="source-line">
                "Every KPI your files support, at each source's latest complete period (a partial one is marked). A goal is your target: set one in a row and the status and the share of goals met follow. Values come from the pages' own period settings."
            </p>
            <label class="source-line period-pick">
                "Period: "
                <select data-setting="scorecard_period" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    wb.update_settings(|s| {
                        if v.is_empty() {
                            s.card_periods.remove("scorecard");
                        } else {
                            s.card_periods.insert("scorecard".into(), v);
                        }
                    });
                }>
                    {move || {
                        let chosen = wb.settings.with(|s| s.card_periods.get("scorecard").cloned());
                        let picked = chosen.is_some();
                        std::iter::once(view! { <option value=String::new() selected=!picked>{"each source's latest complete period".to_string()}</option> })
                            .chain(model.with(|m| m.periods.clone()).into_iter().map(|p| {
                                let selected = chosen.as_deref() == Some(p.as_str());
                                view! { <option value=p.clone() selected=selected>{p.clone()}</option> }
                            }))
                            .collect_view()
                    }}
                </select>
            </label>
            {move || wb.pages.scorecard.results.with(|r| (!r.hidden_demo.is_empty()).then(|| {
                let names: Vec<&str> = r.hidden_demo.iter().map(|s| s.name()).collect();
                view! { <p class="notice" data-scorecard-hidden-demo="">{format!("Your own files only: the demo's {} are left out.", names.join(", "))}</p> }
            }))}
            {move || model.with(|m| (!m.without_period.is_empty()).then(|| {
                let text = format!("Not shown: {} (no value for this period).", m.without_period.join(", "));
                view! { <p class="notice" data-scorecard-missing="">{text}</p> }
            }))}
            <p class="goals-total" data-goals="all">{move || model.with(|m| goals_text(m.goals, &numbers.style()))}</p>
            {move || model.with(|m| m.areas.is_empty()).then(|| view! {
                <p class="empty-state" data-empty="scorecard">"No KPI yet: drop your exports above, or load the demo."</p>
            })}
            {move || {
                model
                    .get()
                    .areas
                    .into_iter()
                    .map(|a| {
                        view! {
                            <div class="score-area" data-area=a.area.as_str()>
                                <h3>{capitalised(a.area.as_str())} " " <span class="source-line" data-goals=a.area.as_str()>{goals_text(a.goals, &numbers.style())}</span></h3>
                                <table class="scorecard">
                                    <thead>
                                        <tr><th>"KPI"</th><th>"Value"</th><th>"Period"</th><th>"Trend"</th><th>"Goal"</th><th>"Status"</th><th>"Page"</th></tr>
                                    </thead>
                                    <tbody>{a.rows.into_iter().map(|r| view! { <Row wb=wb row=r /> }).collect_view()}</tbody>
                                </table>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}

fn capitalised(area: &str) -> String {
    let mut c = area.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[component]
fn Row(wb: Workbench, row: ScoreRow) -> impl IntoView {
    let card = row.card;
    let unit = card.unit;
    let value = card.value;
    let numbers = crate::state::numbers();
    let scale = if unit == Unit::Rate { 100.0 } else { 1.0 };
    let shown = move |t: f64| format!("{}", (t * scale * 1e9).round() / 1e9);
    let key = card.target_key.clone();
    let page = row.page;
    let points = sparkline(&row.series, 80.0, 20.0);
    let period = if row.partial { format!("{} (partial)", card.period) } else { card.period.clone() };
    view! {
        <tr data-score=card.id data-source=row.source>
            <td>{card.title.clone()} " " <GlossaryLink id=card.id /></td>
            <td
                class="value"
                data-kpi=card.id
                data-kind=card.kind.unwrap_or_default()
                data-period=card.period.clone()
                data-value=format::raw(card.value)
                title=card.explain.clone()
            >
                {move || numbers.display(unit, value)}
                {card.warning.clone().map(|w| view! { <span class="card-warning" role="note" data-warning=card.id>{w}</span> })}
            </td>
            <td>{period}</td>
            <td>
                <svg class="sparkline" viewBox="-2 -2 84 24" width="84" height="24" role="img" aria-label=format!("{} over time", card.title)>
                    <polyline points=points fill="none" stroke="#2563eb" stroke-width="1.5"></polyline>
                </svg>
            </td>
            <td>
                <input
                    type="number"
                    step="any"
                    size="5"
                    aria-label=format!("Goal for {}", card.title)
                    data-target=key.clone()
                    placeholder=card.suggested.map(|t| format!("suggested {}", shown(t))).unwrap_or_default()
                    prop:value=card.target.map(shown).unwrap_or_default()
                    on:change=move |ev| {
                        wb.set_target(key.clone(), &event_target_value(&ev), scale);
                    }
                />
                {if unit == Unit::Rate { " %" } else { "" }}
            </td>
            <td class=card.status.class() data-status=card.id>{card.status.text()}</td>
            <td>
                <button class="link" data-goto=page.label().to_lowercase() on:click=move |_| wb.update_settings(|s| s.page = page)>
                    {page.label()}
                </button>
            </td>
        </tr>
    }
}
