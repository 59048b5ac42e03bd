//! Revenue settings: period, the segment filter that applies to every KPI on the page, the
//! breakdown column, churn basis, gross margin, cancellation effect, amount unit and currency.

use super::setting_input::SettingInput;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_metrics::subscriptions::settings::{AmountUnit, CancelEffect, ChurnBasis};
use northstar_metrics::Granularity;

const PERIODS: [Granularity; 4] = [Granularity::Week, Granularity::Month, Granularity::Quarter, Granularity::Year];

#[component]
pub fn RevenueSettingsPanel(wb: Workbench) -> impl IntoView {
    let options = wb.revenue.segment_options;
    let filter_column = Memo::new(move |_| wb.settings.with(|s| s.revenue.filter.as_ref().map(|f| f.0.clone())));
    let filter_values = Memo::new(move |_| {
        let column = filter_column.get();
        options.with(|o| o.iter().find(|x| Some(&x.column) == column.as_ref()).map(|x| x.values.clone()).unwrap_or_default())
    });
    let s = wb.settings;
    view! {
        <section class="panel" aria-label="Revenue settings">
            <h2>"Settings"</h2>
            <div class="settings-grid">
                <label>
                    "Period"
                    <select data-setting="revenue_period" on:change=move |ev| {
                        if let Some(g) = Granularity::parse(&event_target_value(&ev)) {
                            wb.update_settings(|st| st.revenue.period = g);
                        }
                    }>
                        {PERIODS.iter().map(|g| {
                            let g = *g;
                            view! { <option value=g.as_str() selected=move || s.with(|st| st.revenue.period == g)>{g.as_str()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    "Filter every KPI by"
                    <select data-setting="filter_column" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        wb.update_settings(|st| st.revenue.filter = (!v.is_empty()).then(|| (v, String::new())));
                    }>
                        <option value="" selected=move || filter_column.get().is_none()>"(all customers)"</option>
                        {move || options.get().into_iter().map(|o| {
                            let c = o.column.clone();
                            let label = if o.from_accounts { format!("{} (accounts)", o.column) } else { o.column.clone() };
                            view! { <option value=o.column.clone() selected=move || filter_column.get().as_deref() == Some(c.as_str())>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    "equal to"
                    <select data-setting="filter_value" disabled=move || filter_column.get().is_none() on:change=move |ev| {
                        let v = event_target_value(&ev);
                        wb.update_settings(|st| {
                            if let Some(f) = st.revenue.filter.as_mut() {
                                f.1 = v;
                            }
                        });
                    }>
                        <option value="">"(choose)"</option>
                        {move || filter_values.get().into_iter().map(|v| {
                            let w = v.clone();
                            view! { <option value=v.clone() selected=move || s.with(|st| st.revenue.filter.as_ref().is_some_and(|f| f.1 == w))>{v.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    "Break down by"
                    <select data-setting="breakdown" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        wb.update_settings(|st| st.revenue.breakdown = (!v.is_empty()).then_some(v));
                    }>
                        <option value="" selected=move || s.with(|st| st.revenue.breakdown.is_none())>"(no breakdown)"</option>
                        {move || options.get().into_iter().map(|o| {
                            let c = o.column.clone();
                            view! { <option value=o.column.clone() selected=move || s.with(|st| st.revenue.breakdown.as_deref() == Some(c.as_str()))>{o.column.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    "Churn rate basis"
                    <select data-setting="churn_basis" on:change=move |ev| {
                        let b = if event_target_value(&ev) == "start_plus_new" { ChurnBasis::StartPlusNew } else { ChurnBasis::Start };
                        wb.update_settings(|st| st.revenue.subscriptions.churn_basis = b);
                    }>
                        <option value="start" selected=move || s.with(|st| st.revenue.subscriptions.churn_basis == ChurnBasis::Start)>"customers at start"</option>
                        <option value="start_plus_new" selected=move || s.with(|st| st.revenue.subscriptions.churn_basis == ChurnBasis::StartPlusNew)>"start + new (Stripe)"</option>
                    </select>
                </label>
                <SettingInput wb=wb label="Gross margin (LTV)" key="gross_margin" numeric=true value=Signal::derive(move || s.with(|st| st.revenue.subscriptions.gross_margin.to_string())) apply=|st, v| st.revenue.subscriptions.apply("gross_margin", v) />
                <label>
                    "Cancellation takes effect"
                    <select data-setting="cancel_effect" on:change=move |ev| {
                        let e = if event_target_value(&ev) == "period_end" { CancelEffect::PeriodEnd } else { CancelEffect::CancelDate };
                        wb.update_settings(|st| st.revenue.subscriptions.cancel_effect = e);
                    }>
                        <option value="cancel_date" selected=move || s.with(|st| st.revenue.subscriptions.cancel_effect == CancelEffect::CancelDate)>"at the cancel date"</option>
                        <option value="period_end" selected=move || s.with(|st| st.revenue.subscriptions.cancel_effect == CancelEffect::PeriodEnd)>"at the end of the paid period"</option>
                    </select>
                </label>
                <label>
                    "Amounts are"
                    <select data-setting="amount_unit" on:change=move |ev| {
                        let u = match event_target_value(&ev).as_str() { "cents" => AmountUnit::Cents, "units" => AmountUnit::Units, _ => AmountUnit::Auto };
                        wb.update_settings(|st| st.revenue.subscriptions.amount_unit = u);
                    }>
                        <option value="auto" selected=move || s.with(|st| st.revenue.subscriptions.amount_unit == AmountUnit::Auto)>"detected"</option>
                        <option value="units" selected=move || s.with(|st| st.revenue.subscriptions.amount_unit == AmountUnit::Units)>"units (49.00)"</option>
                        <option value="cents" selected=move || s.with(|st| st.revenue.subscriptions.amount_unit == AmountUnit::Cents)>"cents (4900)"</option>
                    </select>
                </label>
                <SettingInput wb=wb label="Report currency" key="currency" value=Signal::derive(move || s.with(|st| st.revenue.subscriptions.currency.clone().unwrap_or_default())) apply=|st, v| st.revenue.subscriptions.apply("currency", v) />
            </div>
        </section>
    }
}
