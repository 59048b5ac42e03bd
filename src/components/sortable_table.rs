//! A table of one row per key (agent, customer) whose columns sort on a click: descending first,
//! again for ascending; none always sorts last. Each cell carries data-kpi, data-segment,
//! data-period and data-value; each row data-key.

use crate::format;
use leptos::prelude::*;
use northstar_view::models::tables::{sort_rows, SortColumn, SortRow};

#[component]
pub fn SortableTable(
    #[prop(into)] rows: Signal<Vec<SortRow>>,
    columns: &'static [SortColumn],
    /// Heading of the key column.
    key_heading: &'static str,
    /// The data-period of the cells.
    #[prop(into)]
    period: Signal<String>,
    testid: &'static str,
    /// The column sorted first, and whether descending.
    initial: (usize, bool),
    /// Why there are no rows, shown instead of an empty table.
    #[prop(into, optional)]
    empty: Option<Signal<String>>,
) -> impl IntoView {
    let sort = RwSignal::new(initial);
    let sorted = Memo::new(move |_| {
        let (by, desc) = sort.get();
        let mut rows = rows.get();
        sort_rows(&mut rows, by, desc);
        rows
    });
    let headings = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let arrow = move || match sort.get() {
                (j, true) if j == i => " ▼",
                (j, false) if j == i => " ▲",
                _ => "",
            };
            view! {
                <th>
                    <button class="sort" data-sort=c.id on:click=move |_| sort.update(|s| *s = if s.0 == i { (i, !s.1) } else { (i, true) })>
                        {c.heading}
                        {arrow}
                    </button>
                </th>
            }
        })
        .collect_view();
    let numbers = crate::state::numbers();
    let body = move || {
        let period = period.get();
        let style = numbers.style();
        sorted
            .get()
            .into_iter()
            .map(|r| {
                let cells = r
                    .values
                    .iter()
                    .zip(columns)
                    .map(|(v, c)| {
                        view! {
                            <td data-kpi=c.id data-segment=r.key.clone() data-period=period.clone() data-value=format::raw(*v)>
                                {style.display(c.unit, *v)}
                            </td>
                        }
                    })
                    .collect_view();
                view! {
                    <tr data-key=r.key.clone()>
                        <td>{r.key.clone()}</td>
                        {cells}
                    </tr>
                }
            })
            .collect_view()
    };
    let none = Memo::new(move |_| rows.with(|r| r.is_empty()));
    view! {
        {move || none.get().then(|| empty.map(|e| view! { <p class="empty-state" data-empty-table=testid>{move || e.get()}</p> }))}
        <table data-testid=testid>
            <thead>
                <tr>
                    <th>{key_heading}</th>
                    {headings}
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}
