//! Comment sentiment and the most frequent themes.

use crate::state::Workbench;
use leptos::prelude::*;

#[component]
pub fn CommentsPanel(wb: Workbench) -> impl IntoView {
    let summary = Memo::new(move |_| wb.surveys.comments.get());
    move || {
        summary.get().map(|s| {
            view! {
                <section class="panel" aria-labelledby="comments-h">
                    <h2 id="comments-h">"Comments"</h2>
                    <p data-testid="sentiment">
                        {format!("{} comments: {} positive, {} neutral, {} negative", s.total, s.positive, s.neutral, s.negative)}
                    </p>
                    <p class="themes">
                        "Themes: "
                        {s.themes.into_iter().map(|(w, c)| view! { <span>{format!("{w} ({c})")}</span> }).collect_view()}
                    </p>
                </section>
            }
        })
    }
}
