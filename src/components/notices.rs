//! Visible notices: storage problems and engine errors. A file's own errors show beside its drop
//! zone (see `browser::file_drop`).

use crate::state::Workbench;
use leptos::prelude::*;

#[component]
pub fn Notices(wb: Workbench) -> impl IntoView {
    view! {
        {move || wb.storage_notice.get().map(|n| view! { <div class="notice" role="status" data-notice="storage">{n}</div> })}
        {move || wb.load_error.get().map(|n| view! { <div class="notice error" role="alert" data-notice="engine">{n}</div> })}
    }
}
