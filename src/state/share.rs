//! What an opened share link brought, as the page holds it: settings waiting for the receiver's
//! yes, shared results shown read-only, or why the link could not be read (the link's text and
//! format are `northstar_view::share`'s and `northstar_share`'s).

use leptos::prelude::*;
use northstar_share::SharedResults;
use northstar_view::Settings;

/// What an opened link brought.
#[derive(Clone, Copy)]
pub struct ShareState {
    /// Settings from a link, waiting: the receiver has settings of their own.
    pub incoming: RwSignal<Option<Settings>>,
    /// Results from a link, shown read-only.
    pub shared: RwSignal<Option<SharedResults>>,
    /// Why a link could not be opened (shown as text).
    pub error: RwSignal<Option<String>>,
}

impl Default for ShareState {
    fn default() -> Self {
        ShareState { incoming: RwSignal::new(None), shared: RwSignal::new(None), error: RwSignal::new(None) }
    }
}
