//! Revenue settings: period, the segment filter that applies to every KPI on the page, the
//! breakdown column, churn basis, gross margin, cancellation effect, amount unit and currency.

use crate::components::choice_setting::{optional, BreakdownSetting, ChoiceSetting, PeriodSetting};
use crate::components::setting_input::SettingInput;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_metrics::subscriptions::settings::{AmountUnit, CancelEffect, ChurnBasis};
use northstar_metrics::Granularity;

const PERIODS: [Granularity; 4] = [Granularity::Week, Granularity::Month, Granularity::Quarter, Granularity::Year];

#[component]
pub fn RevenueSettingsPanel(wb: Workbench) -> impl IntoView {
    let options = super::Revenue::of(wb).segment_options;
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
                <PeriodSetting wb=wb label="Period" key="revenue_period" granularities=&PERIODS get=|st| st.revenue.period set=|st, g| st.revenue.period = g />
                <ChoiceSetting
                    wb=wb
                    label="Filter every KPI by"
                    key="filter_column"
                    choices=Signal::derive(move || {
                        let mut c = optional("(all customers)", []);
                        c.extend(options.get().into_iter().map(|o| (o.column.clone(), if o.from_accounts { format!("{} (accounts)", o.column) } else { o.column })));
                        c
                    })
                    value=Signal::derive(move || filter_column.get().unwrap_or_default())
                    apply=|st, v| {
                        st.revenue.filter = (!v.is_empty()).then(|| (v.to_string(), String::new()));
                        Ok(())
                    }
                />
                <ChoiceSetting
                    wb=wb
                    label="equal to"
                    key="filter_value"
                    disabled=Signal::derive(move || filter_column.get().is_none())
                    choices=Signal::derive(move || optional("(choose)", filter_values.get()))
                    value=Signal::derive(move || s.with(|st| st.revenue.filter.as_ref().map(|f| f.1.clone()).unwrap_or_default()))
                    apply=|st, v| {
                        if let Some(f) = st.revenue.filter.as_mut() {
                            f.1 = v.to_string();
                        }
                        Ok(())
                    }
                />
                <BreakdownSetting wb=wb key="breakdown" columns=Signal::derive(move || options.get().into_iter().map(|o| o.column).collect::<Vec<_>>()) get=|st| &st.revenue.breakdown set=|st| &mut st.revenue.breakdown />
                <ChoiceSetting
                    wb=wb
                    label="Churn rate basis"
                    key="churn_basis"
                    choices=vec![("start".into(), "customers at start".into()), ("start_plus_new".into(), "start + new (Stripe)".into())]
                    value=Signal::derive(move || s.with(|st| if st.sources.subscriptions.settings.kpi.churn_basis == ChurnBasis::StartPlusNew { "start_plus_new" } else { "start" }.to_string()))
                    apply=|st, v| st.sources.subscriptions.apply("churn_basis", v)
                />
                <SettingInput wb=wb label="Gross margin (LTV)" key="gross_margin" numeric=true value=Signal::derive(move || s.with(|st| st.sources.subscriptions.settings.kpi.gross_margin.to_string())) apply=|st, v| st.sources.subscriptions.apply("gross_margin", v) />
                <ChoiceSetting
                    wb=wb
                    label="Cancellation takes effect"
                    key="cancel_effect"
                    choices=vec![("cancel_date".into(), "at the cancel date".into()), ("period_end".into(), "at the end of the paid period".into())]
                    value=Signal::derive(move || s.with(|st| if st.sources.subscriptions.settings.ingest.cancel_effect == CancelEffect::PeriodEnd { "period_end" } else { "cancel_date" }.to_string()))
                    apply=|st, v| st.sources.subscriptions.apply("cancel_effect", v)
                />
                <ChoiceSetting
                    wb=wb
                    label="Amounts are"
                    key="amount_unit"
                    choices=vec![("auto".into(), "detected".into()), ("units".into(), "units (49.00)".into()), ("cents".into(), "cents (4900)".into())]
                    value=Signal::derive(move || s.with(|st| match st.sources.subscriptions.settings.ingest.amount_unit {
                        AmountUnit::Auto => "auto",
                        AmountUnit::Units => "units",
                        AmountUnit::Cents => "cents",
                    }.to_string()))
                    apply=|st, v| st.sources.subscriptions.apply("amount_unit", v)
                />
                <SettingInput wb=wb label="Report currency" key="currency" value=Signal::derive(move || s.with(|st| st.sources.subscriptions.settings.ingest.currency.clone().unwrap_or_default())) apply=|st, v| st.sources.subscriptions.apply("currency", v) />
            </div>
        </section>
    }
}
