//! What could not be read: counts, and each issue with file, line, column and reason.

use crate::state::Workbench;
use leptos::prelude::*;

/// Issues listed in the page at most (all are counted).
const SHOWN: usize = 500;

#[component]
pub fn IssuesPanel(wb: Workbench) -> impl IntoView {
    let model = Memo::new(move |_| {
        wb.data.with(|d| match d {
            Ok(d) => (d.issue_count, d.skipped_rows, d.skipped_answers, d.issues.iter().take(SHOWN).cloned().collect::<Vec<_>>()),
            Err(_) => (0, 0, 0, Vec::new()),
        })
    });
    view! {
        <section class="panel" aria-labelledby="issues-h">
            <h2 id="issues-h">
                "Data issues "
                <span class="badge" data-testid="issue-count" data-value=move || model.with(|m| m.0.to_string())>
                    {move || model.with(|m| m.0.to_string())}
                </span>
            </h2>
            <p class="source-line">
                {move || model.with(|m| format!("{} rows skipped, {} answers skipped. Nothing is dropped without an entry here.", m.1, m.2))}
            </p>
            <div class="scroll">
                <table>
                    <thead>
                        <tr>
                            <th>"File"</th>
                            <th>"Line"</th>
                            <th>"Column"</th>
                            <th>"Reason"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            model
                                .get()
                                .3
                                .into_iter()
                                .map(|i| {
                                    view! {
                                        <tr data-issue-line=i.line.map(|l| l.to_string()).unwrap_or_default()>
                                            <td>{i.file}</td>
                                            <td>{i.line.map(|l| l.to_string()).unwrap_or_else(|| "—".into())}</td>
                                            <td>{i.column.unwrap_or_default()}</td>
                                            <td>{i.reason}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <p class="source-line">{move || model.with(|m| (m.0 as usize > SHOWN).then(|| format!("Showing the first {SHOWN} of {}.", m.0)))}</p>
        </section>
    }
}
