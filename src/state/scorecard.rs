//! The scorecard's view model over the page state (the Scorecard page, a share link's goals and
//! the printed report's read it), and the data span of each source behind it.

use crate::state::Workbench;
use leptos::prelude::*;
use northstar_metrics::source::SourceId;
use northstar_view::cards::Origin;
use northstar_view::pages::scorecard::{scorecard, Scorecard};
use std::collections::BTreeMap;

/// The scorecard of the results now shown, under the user's goals and period (tracked).
pub fn scorecard_model(wb: Workbench) -> Scorecard {
    let style = crate::state::numbers().style();
    let (targets, chosen) = wb.settings.with(|s| (s.targets.clone(), s.card_periods.get("scorecard").cloned()));
    wb.pages.scorecard.results.with(|r| {
        let ids: Vec<SourceId> = r.sources.iter().map(|(id, _)| *id).collect();
        scorecard(r, &origins(wb, &ids), &targets, chosen.as_deref(), &style)
    })
}

/// The span of each source's data, for its default period and partial marks (tracked).
pub fn origins(wb: Workbench, ids: &[SourceId]) -> BTreeMap<SourceId, Origin> {
    let mut origins = BTreeMap::new();
    wb.sources.each(ids, |m| {
        origins.insert(m.id(), m.origin());
    });
    origins
}
