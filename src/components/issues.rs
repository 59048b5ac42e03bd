//! What could not be read: counts, and each issue with file, line, column and reason.

use leptos::prelude::*;
use northstar_metrics::Issue;
use northstar_view::wire::SourceView;

/// Issues listed in the page at most (all are counted).
const SHOWN: usize = 500;

/// What an issues panel shows: counts and the first issues.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IssueModel {
    pub count: u64,
    pub summary: String,
    pub issues: Vec<Issue>,
}

/// Counters that say what was left out or changed (rows skipped or excluded, impossible
/// durations, refunds), as opposed to sizes (orders, customers).
fn is_left_out(name: &str) -> bool {
    name.ends_with("_rows") || name.contains("without") || ["excluded", "skipped", "impossible", "partial", "undated"].iter().any(|p| name.starts_with(p))
}

impl IssueModel {
    /// Adds one source's issues: its label, its record, and the counts to say (the source's own
    /// counters, such as excluded trials, beside skipped rows).
    /// Nothing is added before the source's file is read.
    pub fn add<M>(&mut self, label: &str, source: &SourceView<M>) {
        let Some(meta) = &source.meta else { return };
        self.count += meta.issue_count;
        let mut said = vec![format!("{} rows skipped", meta.skipped_rows)];
        said.extend(source.counters.iter().filter(|(name, _)| is_left_out(name)).map(|(name, n)| format!("{n} {}", name.replace('_', " "))));
        if !self.summary.is_empty() {
            self.summary.push(' ');
        }
        self.summary.push_str(&format!("{label}: {}.", said.join(", ")));
        self.issues.extend(meta.issues.iter().cloned());
    }
}

#[component]
pub fn IssuesPanel(title: &'static str, testid: &'static str, #[prop(into)] model: Signal<IssueModel>) -> impl IntoView {
    let numbers = crate::state::numbers();
    view! {
        <section class="panel" aria-label=title>
            <h2>
                {title} " "
                <span class="badge" data-testid=format!("{testid}-issue-count") data-value=move || model.with(|m| m.count.to_string())>
                    {move || model.with(|m| numbers.count(m.count))}
                </span>
            </h2>
            <p class="source-line">{move || model.with(|m| format!("{} Nothing is dropped without an entry here.", m.summary))}</p>
            <div class="scroll" tabindex="0" role="region" aria-label="Scrollable table">
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
                                .issues
                                .into_iter()
                                .take(SHOWN)
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
            <p class="source-line">{move || model.with(|m| (m.count as usize > SHOWN).then(|| format!("Showing the first {SHOWN} of {}.", m.count)))}</p>
        </section>
    }
}
