//! The banner over a page that still shows the built-in demo: what it is, how to replace it, and
//! "Clear demo". Files are never stored, so a reload brings the demo back; the banner says so.

use crate::state::{Page, Workbench};
use leptos::prelude::*;

#[component]
pub fn DemoBanner(wb: Workbench, page: Page) -> impl IntoView {
    let demo = Memo::new(move |_| page.sources().iter().any(|s| wb.sources.by_name(s).is_ok_and(|m| m.is_demo())));
    let clear = move |_| {
        for s in page.sources() {
            if let Ok(m) = wb.sources.by_name(s).map(|m| (m.is_demo(), m)) {
                if m.0 {
                    m.1.clear();
                }
            }
        }
    };
    view! {
        <Show when=move || demo.get()>
            <div class="demo-banner" role="note" data-banner="demo">
                <strong>"Demo data: "</strong>
                "drop your exports below to replace it. Your files are read on this device and never stored, so after a reload you see this demo again until you drop them anew."
                " "
                <button data-action="clear-demo" on:click=clear>"Clear demo"</button>
            </div>
        </Show>
    }
}
