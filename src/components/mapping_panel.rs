//! The column mapping: what the app guessed for each column, a sample of its values, and a select
//! to change its role. Changes are remembered for files with the same header.

use crate::state::Workbench;
use northstar_metrics::surveys::mapping::ROLES;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
struct ColumnRow {
    name: String,
    label: String,
    sample: String,
    role: Option<&'static str>,
}

#[component]
pub fn MappingPanel(wb: Workbench) -> impl IntoView {
    let rows = Memo::new(move |_| {
        let mapping = wb.mapping.get();
        wb.sniff.with(|s| {
            s.columns
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let sample: Vec<&str> = s.preview.iter().map(|r| r.cell(i).trim()).filter(|v| !v.is_empty()).take(3).collect();
                    ColumnRow { name: c.name.clone(), label: c.label.clone(), sample: sample.join(" · "), role: mapping.role_of(&c.name) }
                })
                .collect::<Vec<_>>()
        })
    });
    let error = Memo::new(move |_| wb.data.with(|d| d.as_ref().err().cloned()));
    view! {
        <section class="panel" aria-labelledby="mapping-h">
            <h2 id="mapping-h">"Column mapping"</h2>
            <p class="source-line">
                {move || if wb.mapping_is_custom.get() { "Your mapping for this header layout (remembered)." } else { "Guessed from the headers and the first rows. Change any role below." }}
                " "
                <button on:click=move |_| wb.reset_mapping() disabled=move || !wb.mapping_is_custom.get()>"Reset to guessed"</button>
            </p>
            {move || error.get().map(|e| view! { <div class="notice error" role="alert" data-testid="mapping-error">{e}</div> })}
            <div class="scroll">
                <table class="mapping">
                    <thead>
                        <tr>
                            <th>"Column"</th>
                            <th>"First values"</th>
                            <th>"Role"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || rows.get()
                            key=|r| (r.name.clone(), r.role)
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
                                                on:change=move |ev| wb.set_role(&column, &event_target_value(&ev))
                                            >
                                                <option value="" selected=r.role.is_none()>"—"</option>
                                                {ROLES
                                                    .iter()
                                                    .map(|role| view! { <option value=*role selected=r.role == Some(*role)>{*role}</option> })
                                                    .collect_view()}
                                            </select>
                                        </td>
                                    </tr>
                                }
                            }
                        />
                    </tbody>
                </table>
            </div>
        </section>
    }
}
