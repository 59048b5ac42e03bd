//! Free-text sentiment and themes (survey comments, ticket subjects), as the worker computed them:
//! the count per sentiment with those not analysed, a month × sentiment table, and the themes as
//! buttons; choosing a theme lists the comments behind it (file line and text) below.

use leptos::prelude::*;
use northstar_metrics::comments::{CommentSummary, SHOWN_PER_THEME};
use northstar_view::models::comments::{period_cells, sentiment_line, shown_heading, theme_label, theme_title};

#[component]
pub fn CommentsPanel(
    /// What the worker sent: `None` when the file has no such text.
    summary: Memo<Option<CommentSummary>>,
    title: &'static str,
    /// What the texts are called: "comments", "ticket subjects".
    noun: &'static str,
    /// The panel heading's id.
    id: &'static str,
) -> impl IntoView {
    let chosen = RwSignal::new(None::<String>);
    // The chosen theme while the summary still has it.
    let theme = Memo::new(move |_| {
        let c = chosen.get()?;
        summary.with(|s| s.as_ref()?.themes.iter().find(|t| t.text == c).cloned())
    });
    let head = Memo::new(move |_| summary.with(|s| s.as_ref().map(|s| sentiment_line(s, noun))));
    let periods = Memo::new(move |_| summary.with(|s| s.as_ref().map(|s| s.periods.clone()).unwrap_or_default()));
    let undated = Memo::new(move |_| summary.with(|s| s.as_ref().map_or(0, |s| s.undated)));
    let themes = Memo::new(move |_| summary.with(|s| s.as_ref().map(|s| s.themes.clone()).unwrap_or_default()));
    let rows = move || {
        periods
            .get()
            .into_iter()
            .map(|p| {
                let cells = period_cells(&p.counts).into_iter().map(|c| view! { <td>{c}</td> }).collect_view();
                let label = p.period.clone();
                view! {
                    <tr data-sentiment-period=p.period>
                        <td>{label}</td>
                        {cells}
                    </tr>
                }
            })
            .collect_view()
    };
    let buttons = move || {
        themes
            .get()
            .into_iter()
            .map(|t| {
                let text = t.text.clone();
                let pressed = {
                    let text = text.clone();
                    move || chosen.with(|c| c.as_deref() == Some(text.as_str())).to_string()
                };
                let toggle = {
                    let text = text.clone();
                    move |_| chosen.update(|c| *c = if c.as_deref() == Some(text.as_str()) { None } else { Some(text.clone()) })
                };
                view! {
                    <button type="button" class="theme" data-theme=text aria-pressed=pressed title=theme_title(&t) on:click=toggle>
                        {theme_label(&t)}
                    </button>
                }
            })
            .collect_view()
    };
    let behind = move || {
        theme.get().map(|t| {
            let items = t
                .shown
                .iter()
                .map(|c| {
                    view! {
                        <li data-line=c.line.to_string() data-sentiment=c.sentiment.as_str()>
                            <span class="line">{format!("line {}", c.line)}</span>
                            " "
                            <span class=format!("sentiment {}", c.sentiment.as_str())>{c.sentiment.as_str()}</span>
                            " "
                            {c.text.clone()}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="theme-comments" data-comments-for=t.text.clone()>
                    <h3>{shown_heading(&t, noun)}</h3>
                    <ol>{items}</ol>
                </div>
            }
        })
    };
    move || {
        head.get().map(|line| {
            view! {
                <section class="panel" aria-labelledby=id>
                    <h2 id=id>{title}</h2>
                    <p data-testid="sentiment">{line}</p>
                    <p class="source-line">
                        "Read on this device with VADER (English only): positive at a compound score of 0.05 or more, negative at −0.05 or less. "
                        "Text in another language is not analysed."
                    </p>
                    <div class="scroll" tabindex="0" role="region" aria-label="Scrollable table">
                        <table data-testid="sentiment-periods">
                            <thead>
                                <tr>
                                    <th>"Month"</th>
                                    <th>"Positive"</th>
                                    <th>"Neutral"</th>
                                    <th>"Negative"</th>
                                    <th>"Not analysed"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    <Show when=move || { undated.get() > 0 }>
                        <p class="source-line">{move || format!("{} without a date are in the counts above, not in the months.", undated.get())}</p>
                    </Show>
                    <h3>"Themes"</h3>
                    <p class="source-line">
                        {format!("Keywords and word pairs in at least two {noun}; choose one to see the {noun} behind it (at most {SHOWN_PER_THEME}).")}
                    </p>
                    <div class="themes" role="group" aria-label="Themes">
                        {buttons}
                    </div>
                    <Show when=move || themes.with(Vec::is_empty)>
                        <p class="source-line">{format!("No word recurs in two analysed {noun}.")}</p>
                    </Show>
                    {behind}
                </section>
            }
        })
    }
}
