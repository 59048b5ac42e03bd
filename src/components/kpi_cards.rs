//! KPI cards: one period's overall value of each KPI (the user's pick, else the latest complete
//! period with data; a partial one is marked), with the file it comes from, the user's target or a
//! suggestion, the status against the user's target only, the defaults that shape it, and a link
//! to its definition. With no values, the panel says why.

use crate::components::glossary::GlossaryLink;
use crate::format;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_metrics::kpi::Unit;
use northstar_metrics::KpiValue;
use northstar_view::cards::{cards, Card, Origin};
use northstar_view::Shared;

#[component]
pub fn KpiCards(
    wb: Workbench,
    #[prop(into)] kpis: Signal<Shared<Vec<KpiValue>>>,
    /// The KPI ids shown as cards, in this order; none shows every KPI of the period.
    #[prop(optional)]
    ids: Option<&'static [&'static str]>,
    /// The currency of money values, shown next to them.
    #[prop(into, optional)]
    currency: Signal<Option<String>>,
    /// This panel's key in the settings' `card_periods` (the period the user picked).
    key: &'static str,
    /// The file the values come from, or why there are none.
    #[prop(into)]
    origin: Signal<Origin>,
) -> impl IntoView {
    let numbers = crate::state::numbers();
    // Per KPI id, the settings that shape its value ("gross margin 100 % (default)").
    let notes = Memo::new(move |_| wb.settings.with(|s| northstar_view::assumptions::assumptions(s, &numbers.style())));
    let model = Memo::new(move |_| {
        let (targets, chosen) = wb.settings.with(|s| (s.targets.clone(), s.card_periods.get(key).cloned()));
        let extent = origin.with(|o| o.extent);
        let mut m = kpis.with(|k| cards(k, &targets, chosen.as_deref(), extent, &numbers.style()));
        if let Some(ids) = ids {
            m.cards.retain(|c| ids.contains(&c.id));
            m.cards.sort_by_key(|c| ids.iter().position(|i| *i == c.id));
        }
        if let Some(cur) = currency.get() {
            for c in m.cards.iter_mut().filter(|c| c.is_money) {
                c.suffix = cur.clone();
            }
        }
        m
    });
    let cards_list = Memo::new(move |_| model.with(|m| m.cards.clone()));
    let choose = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        wb.update_settings(|s| {
            if v.is_empty() {
                s.card_periods.remove(key);
            } else {
                s.card_periods.insert(key.to_string(), v);
            }
        });
    };
    view! {
        <section class="panel" aria-label="Key figures" data-cards=key>
            <h2>
                "Key figures "
                <label class="source-line period-pick">
                    "for "
                    <select data-setting="card_period" on:change=choose>
                        {move || model.with(|m| {
                            let picked = m.picked;
                            let shown = m.shown.as_ref().map(|p| p.label.clone());
                            std::iter::once(view! { <option value=String::new() selected=!picked>{m.default_text()}</option> })
                                .chain(m.periods.iter().map(|p| {
                                    let selected = picked && Some(&p.label) == shown.as_ref();
                                    view! { <option value=p.label.clone() selected=selected>{p.text()}</option> }
                                }))
                                .collect_view()
                        })}
                    </select>
                </label>
            </h2>
            {move || model.with(|m| m.shown.as_ref().filter(|p| p.partial).map(|p| view! {
                <p class="notice partial" data-partial=p.label.clone()>
                    {format!("{} is a partial period: the data does not cover all of it, so its values are not comparable with a full period.", p.label)}
                </p>
            }))}
            <p class="source-line" data-origin=key>{move || origin.with(|o| o.from.clone())}</p>
            {move || model.with(|m| m.cards.is_empty()).then(|| view! {
                <p class="empty-state" data-empty=key>{move || origin.with(|o| o.empty.clone())}</p>
            })}
            <div class="cards">
                <For
                    each=move || cards_list.get()
                    key=|c| (c.id, c.kind, c.period.clone(), format::raw(c.value), c.target.map(|t| t.to_string()), c.suffix.clone(), c.explain.clone(), c.previous.map(|p| p.to_string()))
                    children=move |c: Card| {
                        let note = notes.with(|n| n.iter().find(|(id, _)| *id == c.id).map(|(_, t)| t.clone()));
                        view! { <KpiCard wb=wb card=c note=note /> }
                    }
                />
            </div>
        </section>
    }
}

#[component]
fn KpiCard(wb: Workbench, card: Card, note: Option<String>) -> impl IntoView {
    let id = card.id;
    let unit = card.unit;
    let numbers = crate::state::numbers();
    let (value, previous) = (card.value, card.previous);
    let delta = move || match (value, previous) {
        (Some(v), Some(p)) => format!("{} vs the period before", numbers.delta(unit, v - p)),
        _ => String::new(),
    };
    let key = card.target_key.clone();
    // Rate targets are typed in percent and kept as fractions, like the values.
    let scale = if unit == Unit::Rate { 100.0 } else { 1.0 };
    let shown = |t: f64| format!("{}", (t * scale * 1e9).round() / 1e9);
    let current = card.target.map(shown).unwrap_or_default();
    let placeholder = card.suggested.map(|t| format!("suggested {}", shown(t))).unwrap_or_default();
    let target_input = view! {
        <label class="meta">
            {if unit == Unit::Rate { "Your target (%) " } else { "Your target " }}
            <input
                type="number"
                step="any"
                size="5"
                data-target=key.clone()
                placeholder=placeholder
                prop:value=current
                on:change=move |ev| {
                    wb.set_target(key.clone(), &event_target_value(&ev), scale);
                }
            />
        </label>
    };
    let suggestion = card.suggested.map(|t| {
        let unit_text = if unit == Unit::Rate { " %" } else { "" };
        view! { <div class="meta suggestion" data-suggested=id>{format!("Suggested: {}{unit_text}, a common benchmark; not yours until you set it.", shown(t))}</div> }
    });
    view! {
        <div class="kpi-card" data-card=id>
            <h3>{card.title.clone()} " " <GlossaryLink id=id /></h3>
            <div
                class="value"
                data-kpi=id
                data-kind=card.kind.unwrap_or_default()
                data-period=card.period.clone()
                data-value=format::raw(card.value)
            >
                {move || numbers.display(unit, value)}
                {
                    // The data's currency code, unless the reader's style shows a symbol.
                    let suffix = card.suffix.clone();
                    let is_money = card.is_money;
                    move || (!(suffix.is_empty() || is_money && numbers.has_symbol())).then(|| view! { <span class="unit">{suffix.clone()}</span> })
                }
            </div>
            <div class="explain" data-explain=id>{card.explain.clone()}</div>
            <div class="meta">{delta}</div>
            {note.map(|n| view! { <div class="meta assumption" data-assumption=id>{n}</div> })}
            {card.warning.clone().map(|w| view! { <div class="card-warning" role="note" data-warning=id>{w}</div> })}
            {card.small_sample.then(|| view! { <div class="small-sample">"Small sample: fewer than 30 responses"</div> })}
            <div class=card.status.class() data-status=id>{card.status.text()}</div>
            {target_input}
            {suggestion}
        </div>
    }
}
