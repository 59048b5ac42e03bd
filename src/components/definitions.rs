//! How each number is made, from the KPI registry.

use leptos::prelude::*;
use northstar_metrics::kpi::registry;

#[component]
pub fn Definitions() -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="defs-h">
            <h2 id="defs-h">"How each number is made"</h2>
            <dl class="defs">
                {registry()
                    .into_iter()
                    .map(|d| {
                        view! {
                            <dt>{d.name} " " <code>{d.id}</code></dt>
                            <dd>{d.definition}</dd>
                        }
                    })
                    .collect_view()}
                <dt>"Periods and gaps"</dt>
                <dd>"Every period from the first to the last date in the file is shown, including periods without answers, whose KPIs are undefined (—), never 0. Without a date column, the whole file is one period, “all”."</dd>
                <dt>"Small samples"</dt>
                <dd>"Values from fewer than 30 responses are marked * and carry a warning: their margin of error is wide."</dd>
            </dl>
        </section>
    }
}
