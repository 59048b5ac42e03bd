//! Visible notices: storage problems and file-loading errors.

use crate::state::Workbench;
use leptos::prelude::*;

#[component]
pub fn Notices(wb: Workbench) -> impl IntoView {
    view! {
        {move || wb.storage_notice.get().map(|n| view! { <div class="notice" role="status" data-notice="storage">{n}</div> })}
        {move || wb.load_error.get().map(|n| view! { <div class="notice error" role="alert" data-notice="load">{n}</div> })}
    }
}
