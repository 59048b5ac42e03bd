//! How each number is made, from the KPI registry.

use leptos::prelude::*;
use northstar_metrics::catalog::registry;

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
                            <dt id=format!("def-{}", d.id)>{d.name} " " <code>{d.id}</code></dt>
                            <dd>{d.definition}</dd>
                        }
                    })
                    .collect_view()}
                <dt id="def-latest-complete">"Latest complete period"</dt>
                <dd>"The same rule on every page: a period is complete when the files behind the page cover it from its first day to its last; cards and the scorecard show, until you pick one, the latest complete period that has data (a period the data only partly covers is marked “partial” and is never the default). A page's files are its own: tickets that end on 31 December make December complete on Support even if a subscriptions file ends on the 15th."</dd>
                <dt>"Periods and gaps"</dt>
                <dd>"Every period from the first to the last date in the file is shown, including periods without answers, whose KPIs are undefined (—), never 0. Without a date column, the whole file is one period, “all”."</dd>
                <dt>"Which dates count"</dt>
                <dd>"Dates are read from 1980-01-01 to 2099-12-31. A date outside that range is a system placeholder (0001-01-01, Excel's 1899-12-30, Unix's 1970-01-01, 9999-12-31) or a typo (2204 for 2024): it is listed under the data issues with its line and column, and its row is left out — or, for an optional date such as an end date, read as blank (9999-12-31 means “no end”). So one such cell never stretches a series over centuries; each file's span runs from its first to its last date in range."</dd>
                <dt>"Settings that re-read, and those that do not"</dt>
                <dd>"Settings that change how rows are read (date order, currency, amounts in cents, refunds, the event-log activities, answer scales) read the file again. Settings that only change the arithmetic (SLA hours, gross margin, the first-contact rule, the repeat window, the cohort period, targets) recompute from the rows already read."</dd>
                <dt id="def-identity">"Who is one person"</dt>
                <dd>{northstar_metrics::identity::RULE}</dd>
                <dt id="def-columns">"Which column is which"</dt>
                <dd>{format!("Each file's columns are matched to their roles in this order: your own choice in the mapping table; a known vendor export (Stripe, Zendesk, Qualtrics… {} of them), recognised by its header; header words (customer, e-mail, created…, also in German, French and Spanish, and in code forms such as createdAt or customer.email); and the values (the column of e-mail addresses is the person; a column with a different value on every row is a record's id, not a person). The mapping table says why each column has its role, the close calls first.", northstar_metrics::profile::PROFILES.len())}</dd>
                <dt>"Small samples"</dt>
                <dd>"Values from fewer than 30 responses are marked * and carry a warning: their margin of error is wide."</dd>
            </dl>
        </section>
    }
}
