//! The banner over a page that still shows the built-in demo: what it is, how to replace it, and
//! "Clear demo". Files are never stored, so a reload brings the demo back; the banner says so.

use crate::state::Workbench;
use leptos::prelude::*;
use northstar_metrics::source::SourceId;
use northstar_view::Page;

#[component]
pub fn DemoBanner(wb: Workbench, page: Page) -> impl IntoView {
    // The scorecard shows every source, so its banner covers them all.
    let names: Vec<SourceId> = match page {
        p if p.is_overview() => Page::ALL.iter().flat_map(|(p, _)| p.sources().iter().copied()).collect(),
        _ => page.sources().to_vec(),
    };
    let names = StoredValue::new(names);
    let demo = Memo::new(move |_| {
        let mut any = false;
        names.with_value(|n| wb.sources.each(n, |m| any |= m.is_demo()));
        any
    });
    // The pages that still show the demo, by name (the scorecard's banner lists them).
    let pages = Memo::new(move |_| {
        Page::ALL
            .iter()
            .filter(|(p, _)| !p.sources().is_empty())
            .filter(|(p, _)| {
                let mut any = false;
                wb.sources.each(p.sources(), |m| any |= m.is_demo());
                any
            })
            .map(|(p, _)| p.label())
            .collect::<Vec<_>>()
    });
    let clear = move |_| {
        names.with_value(|n| {
            wb.sources.each(n, |m| {
                if m.is_demo() {
                    m.clear();
                }
            })
        })
    };
    view! {
        <Show when=move || demo.get()>
            <div class="demo-banner" role="note" data-banner="demo">
                <strong>"Demo data: "</strong>
                {move || if page.is_overview() {
                    format!("still shown on {}; drop your exports above to replace it (the scorecard shows only your own files once you have loaded any). ", pages.get().join(", "))
                } else {
                    "drop your exports below to replace it. ".to_string()
                }}
                "Your files are read on this device and never stored, so after a reload you see this demo again until you drop them anew."
                " "
                <button data-action="clear-demo" on:click=clear>"Clear demo"</button>
            </div>
        </Show>
    }
}
