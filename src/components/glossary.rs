//! The glossary drawer: every KPI's definition, once for the whole app, opened from the header or
//! from the "?" beside a card's title, which scrolls to that KPI (`browser::scroll`: the outside
//! world).

use crate::browser::scroll;
use crate::components::definitions::Definitions;
use leptos::prelude::*;

/// Whether the drawer is open, shared through the context.
#[derive(Clone, Copy)]
pub struct GlossaryOpen(pub RwSignal<bool>);

impl GlossaryOpen {
    /// A closed drawer, provided to everything below the caller.
    pub fn provide() {
        provide_context(GlossaryOpen(RwSignal::new(false)));
    }
}

/// Opens the drawer at the definition of `id` (the id of a `<dt>`, `def-<kpi>`).
fn open_at(open: Option<GlossaryOpen>, id: String) {
    if let Some(GlossaryOpen(open)) = open {
        open.set(true);
    }
    // Once the drawer is drawn.
    set_timeout(move || scroll::into_view(&id), std::time::Duration::ZERO);
}

/// The "?" after a KPI's name.
#[component]
pub fn GlossaryLink(id: &'static str) -> impl IntoView {
    let open = use_context::<GlossaryOpen>();
    view! {
        <button
            class="glossary-link"
            data-glossary=id
            aria-label=format!("How {id} is defined")
            title="How this number is made"
            on:click=move |_| open_at(open, format!("def-{id}"))
        >
            "?"
        </button>
    }
}

/// The header's button and the drawer itself.
#[component]
pub fn Glossary() -> impl IntoView {
    let open = use_context::<GlossaryOpen>().map_or_else(|| RwSignal::new(false), |g| g.0);
    view! {
        <button class="glossary-toggle" data-action="glossary" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
            "Glossary"
        </button>
        <aside class="drawer" class:open=move || open.get() aria-label="Glossary" aria-hidden=move || (!open.get()).to_string()>
            <button class="drawer-close" on:click=move |_| open.set(false)>"Close"</button>
            <Definitions />
        </aside>
    }
}
