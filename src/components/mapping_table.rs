//! A mapping table for any source: each column, its first values, and a select for its role.
//! Changes are remembered for files with the same header. A file of thousands of columns shows the
//! first [`SHOWN_COLUMNS`] (the close calls and mapped ones come first), with a button for more:
//! 10,000 columns of selects froze the page for 4.5 s (the bad-input corpus's widest file).

use leptos::prelude::*;
use northstar_view::wire::ColumnRow;

/// Columns shown at first, and added by each "Show more".
const SHOWN_COLUMNS: usize = 200;

#[component]
pub fn MappingTable(
    title: &'static str,
    #[prop(into)] testid: String,
    roles: &'static [&'static str],
    #[prop(into)] rows: Signal<Vec<ColumnRow>>,
    #[prop(into)] custom: Signal<bool>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] on_change: Callback<(String, String)>,
    #[prop(into)] on_reset: Callback<()>,
) -> impl IntoView {
    let error_id = format!("{testid}-error");
    let shown = RwSignal::new(SHOWN_COLUMNS);
    let hidden = move || rows.with(Vec::len).saturating_sub(shown.get());
    view! {
        <section class="panel" aria-label=title data-testid=testid>
            <h2>{title}</h2>
            <p class="source-line">
                {move || if custom.get() { "Your mapping for this header layout (remembered)." } else { "Guessed from the headers and the first rows. Change any role below." }}
                " Close calls are listed first."
                " "
                <button on:click=move |_| on_reset.run(()) disabled=move || !custom.get()>"Reset to guessed"</button>
            </p>
            {move || error.get().map(|e| view! { <div class="notice error" role="alert" data-testid=error_id.clone()>{e}</div> })}
            <div class="scroll" tabindex="0" role="region" aria-label="Scrollable table">
                <table class="mapping">
                    <thead>
                        <tr>
                            <th>"Column"</th>
                            <th>"First values"</th>
                            <th>"Role"</th>
                            <th>"Why"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || rows.get().into_iter().take(shown.get())
                            // Everything a row shows: a new file with the same header redraws its samples.
                            key=|r| (r.name.clone(), r.role, r.sample.clone(), r.why.clone(), r.alternatives.clone())
                            children=move |r: ColumnRow| {
                                let column = r.name.clone();
                                view! {
                                    <tr>
                                        <td title=r.label.clone()>{r.name.clone()}</td>
                                        <td class="sample">{r.sample.clone()}</td>
                                        <td>
                                            <select
                                                data-column=r.name.clone()
                                                aria-label=format!("Role of {}", r.name)
                                                on:change=move |ev| on_change.run((column.clone(), event_target_value(&ev)))
                                            >
                                                <option value="" selected=r.role.is_none()>"—"</option>
                                                {roles
                                                    .iter()
                                                    .map(|role| view! { <option value=*role selected=r.role == Some(*role)>{*role}</option> })
                                                    .collect_view()}
                                            </select>
                                        </td>
                                        <td class="why" data-why=r.role.unwrap_or_default()>
                                            {r.why.clone().unwrap_or_default()}
                                            {(!r.alternatives.is_empty())
                                                .then(|| view! { <span class="close-call">{format!(" — close call: {} could serve too", r.alternatives.join(", "))}</span> })}
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
            {move || (hidden() > 0).then(|| view! {
                <p class="source-line" data-mapping-hidden=hidden()>
                    {format!("{} more columns are not shown. ", hidden())}
                    <button on:click=move |_| shown.update(|n| *n += SHOWN_COLUMNS)>{format!("Show {} more", hidden().min(SHOWN_COLUMNS))}</button>
                </p>
            })}
        </section>
    }
}
