//! The browser's part of share links: the page's own address, the fragment a link was opened
//! with (taken once, then removed from the address bar so a reload does not open it again), and
//! copying a link to the clipboard. The fragment never reaches a server.

use crate::state::share::ShareState;
use crate::state::Workbench;
use leptos::prelude::*;
use northstar_view::share::open_link;

/// The page's address without its fragment (`https://host/sub/path/`).
pub fn page_address() -> String {
    let Some(w) = web_sys::window() else { return String::new() };
    let l = w.location();
    format!("{}{}{}", l.origin().unwrap_or_default(), l.pathname().unwrap_or_default(), l.search().unwrap_or_default())
}

/// Takes the fragment the page was opened with, when it is a share link, and removes it from the
/// address bar.
fn take_share_fragment() -> Option<String> {
    let w = web_sys::window()?;
    let hash = w.location().hash().ok()?;
    if !hash.starts_with("#s=") {
        return None;
    }
    if let Ok(history) = w.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page_address()));
    }
    Some(hash)
}

/// Opens the link the page was loaded with, if any: results are shown read-only at once; settings
/// replace the receiver's only when they have none saved (`has_saved`), else they wait for a yes.
pub fn receive(wb: Workbench, has_saved: bool) {
    let Some(fragment) = take_share_fragment() else { return };
    let share: ShareState = wb.share;
    match open_link(&fragment) {
        Err(e) => share.error.set(Some(format!("This share link could not be opened: {e}"))),
        Ok((settings, results)) => {
            share.shared.set(results);
            if has_saved {
                share.incoming.set(Some(settings));
            } else {
                wb.settings.update(|mine| *mine = northstar_view::share::adopt(settings, mine));
            }
        }
    }
}

/// Puts `text` on the clipboard (when the browser allows it).
pub fn copy(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}
