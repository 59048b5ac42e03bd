//! KPI cards: the latest period's overall value of each KPI, with its target and status.

use crate::format;
use crate::state::models::{cards, Card};
use crate::state::{Shared, Workbench};
use leptos::prelude::*;
use northstar_metrics::kpi::Unit;
use northstar_metrics::KpiValue;

#[component]
pub fn KpiCards(
    wb: Workbench,
    #[prop(into)] kpis: Signal<Shared<Vec<KpiValue>>>,
    /// The KPI ids shown as cards, in this order; none shows every KPI of the latest period.
    #[prop(optional)]
    ids: Option<&'static [&'static str]>,
    /// The currency of money values, shown next to them.
    #[prop(into, optional)]
    currency: Signal<Option<String>>,
) -> impl IntoView {
    let model = Memo::new(move |_| {
        let targets = wb.settings.with(|s| s.targets.clone());
        let mut all = kpis.with(|k| cards(k, &targets));
        if let Some(ids) = ids {
            all.retain(|c| ids.contains(&c.id));
            all.sort_by_key(|c| ids.iter().position(|i| *i == c.id));
        }
        if let Some(cur) = currency.get() {
            for c in all.iter_mut().filter(|c| c.is_money) {
                c.suffix = cur.clone();
            }
        }
        all
    });
    view! {
        <section class="panel" aria-label="Latest period">
            <h2>
                "Latest period "
                <span class="source-line">{move || model.with(|c| c.first().map(|c| c.period.clone()).unwrap_or_default())}</span>
            </h2>
            <div class="cards">
                <For
                    each=move || model.get()
                    key=|c| (c.id, c.kind, c.period.clone(), format::raw(c.value), c.target.map(|t| t.to_string()), c.suffix.clone())
                    children=move |c: Card| view! { <KpiCard wb=wb card=c /> }
                />
            </div>
        </section>
    }
}

#[component]
fn KpiCard(wb: Workbench, card: Card) -> impl IntoView {
    let id = card.id;
    let unit = card.unit;
    let delta = match (card.value, card.previous) {
        (Some(v), Some(p)) => format!("{} vs previous period", format::delta(unit, v - p)),
        _ => String::new(),
    };
    let key = card.target_key.clone();
    // Rate targets are typed in percent and kept as fractions, like the values.
    let scale = if unit == Unit::Rate { 100.0 } else { 1.0 };
    let current = card.target.map(|t| format!("{}", (t * scale * 1e9).round() / 1e9)).unwrap_or_default();
    let target_input = view! {
        <label class="meta">
            {if unit == Unit::Rate { "Target (%) " } else { "Target " }}
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
                            s.targets.insert(key, t / scale);
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
                {(!card.suffix.is_empty()).then(|| view! { <span class="unit">{card.suffix.clone()}</span> })}
            </div>
            <div class="explain">{card.explain.clone()}</div>
            <div class="meta">{delta}</div>
            {card.small_sample.then(|| view! { <div class="small-sample">"Small sample: fewer than 30 responses"</div> })}
            <div class=card.status.class() data-status=id>{card.status.text()}</div>
            {target_input}
        </div>
    }
}
