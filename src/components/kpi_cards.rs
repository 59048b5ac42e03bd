//! KPI cards: the latest period's overall value of each KPI, with its target and status.

use crate::format;
use crate::state::models::{cards, Card};
use crate::state::Workbench;
use leptos::prelude::*;

#[component]
pub fn KpiCards(wb: Workbench) -> impl IntoView {
    let model = Memo::new(move |_| {
        let targets = wb.settings.with(|s| s.targets.clone());
        wb.kpis.with(|k| cards(k, &targets))
    });
    view! {
        <section class="panel" aria-labelledby="cards-h">
            <h2 id="cards-h">
                "Latest period "
                <span class="source-line">{move || model.with(|c| c.first().map(|c| c.period.clone()).unwrap_or_default())}</span>
            </h2>
            <div class="cards">
                <For
                    each=move || model.get()
                    key=|c| (c.id, c.kind, c.period.clone(), format::raw(c.value), c.target.map(|t| t.to_string()))
                    children=move |c: Card| view! { <KpiCard wb=wb card=c /> }
                />
            </div>
        </section>
    }
}

#[component]
fn KpiCard(wb: Workbench, card: Card) -> impl IntoView {
    let id = card.id;
    let delta = match (card.value, card.previous) {
        (Some(v), Some(p)) => format!("{:+.1} vs previous period", v - p),
        _ => String::new(),
    };
    let key = card.target_key.clone();
    let current = card.target.map(|t| t.to_string()).unwrap_or_default();
    let target_input = view! {
        <label class="meta">
            "Target "
            <input
                type="number"
                step="any"
                size="5"
                data-target=key.clone()
                prop:value=current
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    let key = key.clone();
                    wb.update_settings(move |s| match text.trim().parse::<f64>() {
                        Ok(t) if t.is_finite() => {
                            s.targets.insert(key, t);
                        }
                        _ => {
                            s.targets.remove(&key);
                        }
                    });
                }
            />
        </label>
    };
    view! {
        <div class="kpi-card" data-card=id>
            <h3>{card.title.clone()}</h3>
            <div
                class="value"
                data-kpi=id
                data-kind=card.kind.unwrap_or_default()
                data-period=card.period.clone()
                data-value=format::raw(card.value)
            >
                {card.display.clone()}
            </div>
            <div class="explain">{card.explain.clone()}</div>
            <div class="meta">{delta}</div>
            {card.small_sample.then(|| view! { <div class="small-sample">"Small sample: fewer than 30 responses"</div> })}
            <div class=card.status.class() data-status=id>{card.status.text()}</div>
            {target_input}
        </div>
    }
}
