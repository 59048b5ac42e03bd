//! Scrolling the page: the outside world.

/// Scrolls the element with `id` into view, if there is one.
pub fn into_view(id: &str) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        el.scroll_into_view();
    }
}
