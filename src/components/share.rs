//! Sharing: the "Share" button and its panel (the link, its size, "Include results", copy), and
//! what an opened link shows: why it could not be read, the question before its settings replace
//! the receiver's own, and its results, read-only and marked as shared. Every text from a link is
//! shown as text.

use crate::browser::chart_canvas::ChartCanvas;
use crate::browser::download::today;
use crate::browser::share_link::{copy, page_address};
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_metrics::source::SourceId;
use northstar_metrics::KpiValue;
use northstar_share::{SharedGoal, SharedPage, SharedResults};
use northstar_view::share::{
    chart_title, chartable, goal_name, goal_value_text, goals_of, kpi_name, latest_values, make_link, page_goals, page_label, page_name, scorecard_kpis,
    shared_scorecard, shared_series, shared_value_text, size_text, LinkResults,
};
use northstar_view::Page;

/// The KPI values the shown page has (its overall series and breakdowns).
fn shown_kpis(wb: Workbench, page: Page) -> Vec<KpiValue> {
    wb.pages.kpi_values(page)
}

/// What a link with results carries of the shown page: its KPI values (the scorecard's up to
/// each row's period) and the user's goals with their status, as the scorecard judges them.
pub fn kpis_and_goals(wb: Workbench, page: Page) -> (Vec<KpiValue>, Vec<SharedGoal>) {
    if page == Page::Scorecard {
        let card = crate::state::scorecard::scorecard_model(wb);
        let kpis = wb.pages.scorecard.results.with(|r| scorecard_kpis(r, &card));
        return (kpis, goals_of(&card));
    }
    let kpis = shown_kpis(wb, page);
    let ids: Vec<SourceId> = page.sources().to_vec();
    let origins = crate::state::scorecard::origins(wb, &ids);
    let style = crate::state::numbers().style();
    let goals = wb.settings.with(|s| page_goals(&kpis, &origins, &s.targets, s.card_periods.get(&page_name(page)).map(String::as_str), &style));
    (kpis, goals)
}

/// The files behind the shown page (every source's on the pages that show them all).
fn shown_files(wb: Workbench, page: Page) -> Vec<String> {
    let ids: Vec<SourceId> =
        if page.is_overview() { Page::ALL.iter().flat_map(|(p, _)| p.sources().iter().copied()).collect() } else { page.sources().to_vec() };
    let mut files = Vec::new();
    wb.sources.each(&ids, |m| files.extend(m.file()));
    files.dedup();
    files
}

#[component]
pub fn ShareButton(open: RwSignal<bool>) -> impl IntoView {
    view! {
        <button class="share-button" data-action="share" aria-expanded=move || open.get().to_string() aria-controls="share-panel" on:click=move |_| open.update(|o| *o = !*o)>
            "Share"
        </button>
    }
}

#[component]
pub fn SharePanel(wb: Workbench, open: RwSignal<bool>) -> impl IntoView {
    let numbers = crate::state::numbers();
    let with_results = RwSignal::new(false);
    let link = Memo::new(move |_| {
        let page = wb.settings.with(|s| s.page);
        if !with_results.get() {
            return wb.settings.with(|s| make_link(s, None));
        }
        let (kpis, goals) = kpis_and_goals(wb, page);
        let results = LinkResults { page, kpis: &kpis, files: shown_files(wb, page), day: today(), goals };
        wb.settings.with(|s| make_link(s, Some(results)))
    });
    let address = move || link.with(|l| l.as_ref().map(|(e, _)| format!("{}#{}", page_address(), e.fragment)).unwrap_or_default());
    let copied = RwSignal::new(false);
    view! {
        <Show when=move || open.get()>
            <section class="panel share-panel" id="share-panel" aria-labelledby="share-h" data-share="">
                <h2 id="share-h">"Share this dashboard"</h2>
                <p class="source-line">
                    "The link carries this page, its settings, mappings, filters and periods in the part after '#', which browsers never send to a server. Your files stay on this device."
                </p>
                <label>
                    <input type="checkbox" data-share-include-results prop:checked=move || with_results.get() on:change=move |ev| with_results.set(event_target_checked(&ev)) />
                    " Include results: this page's KPI values and your goals with their status (no rows, no customer ids or e-mails), so a teammate sees them without your files. Your goals are shown beside your values, never applied to theirs."
                </label>
                <ExportRow wb=wb />
                {move || match link.get() {
                    Err(e) => view! { <p class="notice error" role="alert" data-share-error="">{format!("No link: {e}")}</p> }.into_any(),
                    Ok((encoded, left_out)) => {
                        let size = size_text(encoded.bytes, &numbers.style());
                        let dropped = encoded.dropped_results;
                        let left = left_out.values();
                        view! {
                            <div class="share-link-row">
                                <input type="text" readonly class="share-link" aria-label="Share link" data-share-link prop:value=address />
                                <button data-action="copy-share-link" on:click=move |_| {
                                    copy(&address());
                                    copied.set(true);
                                }>{move || if copied.get() { "Copied" } else { "Copy" }}</button>
                            </div>
                            <p class="source-line" data-share-size=encoded.bytes.to_string()>{format!("Link: {size}.")}</p>
                            {dropped.then(|| view! {
                                <p class="notice" role="status" data-share-dropped="">"With its results the link would be too long for chat apps and mail, so it carries the configuration only."</p>
                            })}
                            {encoded.periods_kept.map(|n| view! {
                                <p class="notice" role="status" data-share-trimmed=n.to_string()>{format!("With every period the link would be too long for chat apps and mail, so it carries the latest {n} periods of each source.")}</p>
                            })}
                            {(left > 0 && !dropped).then(|| view! {
                                <p class="source-line" data-share-left-out=left.to_string()>{format!("{left} values that name a customer or one of its ids were left out of the link.")}</p>
                            })}
                        }
                        .into_any()
                    }
                }}
            </section>
        </Show>
    }
}

/// The shown page's KPI values as a CSV table or as the CLI's JSON, and a printable report.
#[component]
fn ExportRow(wb: Workbench) -> impl IntoView {
    let file = move |ext: &str| format!("northstar-{}-{}.{ext}", page_name(wb.settings.with_untracked(|s| s.page)), today());
    let csv = move |_| {
        let page = wb.settings.with_untracked(|s| s.page);
        let kpis = untrack(|| shown_kpis(wb, page));
        let style = crate::state::numbers().style();
        let text = wb.settings.with_untracked(|s| northstar_view::share::kpis_csv(&kpis, &s.targets, &style));
        crate::browser::download::save_text(&file("csv"), "text/csv;charset=utf-8", &format!("{}{text}", northstar_share::csv_export::UTF8_BOM));
    };
    let json = move |_| {
        let page = wb.settings.with_untracked(|s| s.page);
        let kpis = untrack(|| shown_kpis(wb, page));
        let text = serde_json::to_string_pretty(&northstar_share::results_json(&kpis)).unwrap_or_default();
        crate::browser::download::save_text(&file("json"), "application/json", &text);
    };
    view! {
        <div class="export-row">
            "Export this page: "
            <button data-action="export-csv" on:click=csv>"KPI values (CSV)"</button>
            <button data-action="export-json" on:click=json>"Results (JSON, as the CLI's --json)"</button>
            <button data-action="print" on:click=move |_| crate::browser::download::print()>"Print report"</button>
            <span class="source-line">"Each chart has its own PNG and SVG buttons, and its data as a table."</span>
        </div>
    }
}

/// What an opened link brought: its error, the question before its settings replace these, and
/// its results.
#[component]
pub fn SharedNotices(wb: Workbench) -> impl IntoView {
    let share = wb.share;
    view! {
        {move || share.error.get().map(|e| view! { <div class="notice error" role="alert" data-notice="share">{e}</div> })}
        {move || share.incoming.with(|i| i.is_some()).then(|| view! {
            <div class="notice" role="alert" data-share-confirm="">
                "This link carries a teammate's dashboard settings. Use them instead of yours? Yours are replaced (and saved) only if you say so; your goals stay yours either way. "
                <button data-action="share-accept" on:click=move |_| {
                    if let Some(s) = share.incoming.get_untracked() {
                        wb.settings.update(|mine| *mine = northstar_view::share::adopt(s, mine));
                    }
                    share.incoming.set(None);
                }>"Use the shared settings"</button>
                " "
                <button data-action="share-keep" on:click=move |_| share.incoming.set(None)>"Keep mine"</button>
            </div>
        })}
        {move || share.shared.get().map(|r| view! { <SharedResultsView results=r on_close=move || share.shared.set(None) /> })}
    }
}

/// The `data-chart` name of a shared page's chart: `shared-<page>` for a page of the app.
fn shared_chart_name(page: &str) -> &'static str {
    Page::ALL.iter().find(|(p, _)| p.id() == page).map_or("shared", |(p, _)| p.shared_chart())
}

/// One shared KPI over time, chosen from the page's KPIs: the overall line and its breakdowns.
#[component]
fn SharedChart(page: SharedPage) -> impl IntoView {
    let numbers = crate::state::numbers();
    let ids = chartable(&page);
    let Some((first, _)) = ids.first().cloned() else { return ().into_any() };
    let chosen = RwSignal::new(first);
    let page = StoredValue::new(page);
    let model = Memo::new(move |_| chosen.with(|id| page.with_value(|p| shared_series(p, id))));
    let chart = page.with_value(|p| shared_chart_name(&p.page));
    let title = Memo::new(move |_| chosen.with(|id| chart_title(id)));
    view! {
        <label class="source-line">
            "Chart: "
            <select data-shared-chart-kpi=chart on:change=move |ev| chosen.set(event_target_value(&ev))>
                {ids.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
            </select>
        </label>
        <ChartCanvas
            model=model
            draw=move |a, (labels, series)| northstar_charts::draw_lines(a, &title.get_untracked(), labels, series, move |y| numbers.number(y, 1))
            width=640
            height=300
            chart=chart
            why_empty=Signal::derive(|| "no value in any period".to_string())
            label="A shared KPI over time, as the sender saw it"
        />
    }
    .into_any()
}

#[component]
fn SharedResultsView(results: SharedResults, on_close: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let style = crate::state::numbers().style();
    let files = if results.files().is_empty() { "no file named".to_string() } else { results.files().join(", ") };
    let head = format!(
        "Shared results, read-only: made on {} from {files}. None of these files is on this device; the values are as the sender saw them.",
        results.made_at()
    );
    view! {
        <section class="panel shared-results" aria-labelledby="shared-h" data-shared="">
            <h2 id="shared-h">"Shared results"</h2>
            <p class="notice" data-shared-origin="">{head}</p>
            <SharedGoals results=results.clone() />
            {results
                .pages()
                .iter()
                .map(|p| {
                    if p.page == page_name(Page::Scorecard) {
                        return view! { <SharedScorecard page=p.clone() results=results.clone() /> }.into_any();
                    }
                    let rows = latest_values(p);
                    view! {
                        <h3>{format!("{} page", page_label(&p.page))}</h3>
                        <SharedChart page=p.clone() />
                        <table class="shared-table" data-shared-page=p.page.clone()>
                            <thead><tr><th>"KPI"</th><th>"Breakdown"</th><th>"Period"</th><th>"Value"</th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|k| {
                                    let shown = shared_value_text(&k, &style);
                                    view! {
                                        <tr>
                                            <td>{kpi_name(&k.id)}</td>
                                            <td>{k.segment.clone().unwrap_or_else(|| "all".into())}</td>
                                            <td>{k.period.clone()}</td>
                                            <td class="value" data-shared-kpi="" data-kpi=k.id.clone() data-period=k.period.clone() data-segment=k.segment.clone().unwrap_or_default() data-value=northstar_metrics::format::raw(k.value)>{shown}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any()
                })
                .collect_view()}
            <button data-action="close-shared" on:click=move |_| on_close()>"Close the shared results"</button>
        </section>
    }
}

/// The sender's goals, each with the value and status the sender's data earned: shown as theirs,
/// never judged against this reader's data.
#[component]
fn SharedGoals(results: SharedResults) -> impl IntoView {
    let style = crate::state::numbers().style();
    let goals = results.goals().to_vec();
    (!goals.is_empty()).then(|| {
        let met = goals.iter().filter(|g| g.status == northstar_share::GoalStatus::Met).count();
        let judged = goals.iter().filter(|g| g.status != northstar_share::GoalStatus::NoData).count();
        view! {
            <h3>"The sender's goals"</h3>
            <p class="source-line" data-shared-goals-met=met.to_string()>
                {format!("{met} of {judged} met on the sender's data. These are the sender's goals and statuses; your own goals are not changed.")}
            </p>
            <table class="shared-table" data-shared-goals="">
                <thead><tr><th>"KPI"</th><th>"Period"</th><th>"Goal"</th><th>"Sender's value"</th><th>"Status"</th></tr></thead>
                <tbody>
                    {goals.into_iter().map(|g| view! {
                        <tr data-goal=g.key.clone() data-status=status_name(g.status)>
                            <td>{goal_name(&g.key)}</td>
                            <td>{g.period.clone()}</td>
                            <td>{goal_value_text(&g.key, Some(g.target), &style)}</td>
                            <td>{goal_value_text(&g.key, g.value, &style)}</td>
                            <td class=status_class(g.status)>{g.status.text()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    })
}

fn status_name(s: northstar_share::GoalStatus) -> &'static str {
    match s {
        northstar_share::GoalStatus::Met => "met",
        northstar_share::GoalStatus::Missed => "missed",
        northstar_share::GoalStatus::NoData => "no_data",
    }
}

fn status_class(s: northstar_share::GoalStatus) -> &'static str {
    match s {
        northstar_share::GoalStatus::Met => "status on-track",
        northstar_share::GoalStatus::Missed => "status off-track",
        northstar_share::GoalStatus::NoData => "status no-data",
    }
}

/// A shared scorecard: every area's KPIs at the period the sender's scorecard showed, with the
/// sparkline of the periods shared and the sender's goal and status.
#[component]
fn SharedScorecard(page: SharedPage, results: SharedResults) -> impl IntoView {
    let style = crate::state::numbers().style();
    let rows = shared_scorecard(&page, results.goals());
    view! {
        <h3>"Scorecard"</h3>
        <table class="shared-table scorecard" data-shared-page="scorecard">
            <thead><tr><th>"Area"</th><th>"KPI"</th><th>"Period"</th><th>"Value"</th><th>"Trend"</th><th>"Goal"</th><th>"Status"</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let id = r.key.split_once('.').map_or(r.key.as_str(), |(id, _)| id).to_string();
                    let points = northstar_view::pages::scorecard::sparkline(&r.series, 80.0, 20.0);
                    view! {
                        <tr data-shared-score=r.key.clone()>
                            <td>{r.area.as_str()}</td>
                            <td>{goal_name(&r.key)}</td>
                            <td>{r.period.clone()}</td>
                            <td class="value" data-shared-kpi="" data-kpi=id data-period=r.period.clone() data-segment="" data-value=northstar_metrics::format::raw(r.value)>
                                {goal_value_text(&r.key, r.value, &style)}
                            </td>
                            <td>
                                <svg class="sparkline" width="80" height="20" viewBox="0 0 80 20" role="img" aria-label=format!("{} periods shared", r.series.len())>
                                    <polyline points=points fill="none" stroke="currentColor" stroke-width="1.5" />
                                </svg>
                            </td>
                            <td>{r.goal.as_ref().map(|g| goal_value_text(&r.key, Some(g.target), &style)).unwrap_or_default()}</td>
                            <td class=r.goal.as_ref().map_or("status", |g| status_class(g.status)) data-status=r.goal.as_ref().map_or("", |g| status_name(g.status))>
                                {r.goal.as_ref().map_or("", |g| g.status.text())}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
