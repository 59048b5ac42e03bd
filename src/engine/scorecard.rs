//! The scorecard's half in the engine: every page's sources' overall values at each page's period,
//! and the health score's.

use super::{overall_of, Engine, PageEngine, PageOf};
use leptos::prelude::*;
use northstar_metrics::source::SourceId;
use northstar_view::pages::scorecard::ScorecardResults;

/// The scorecard takes no file of its own: it reads every other page's values.
#[derive(Clone, Copy)]
pub struct Scorecard;

impl PageOf for ScorecardResults {
    type Engine = Scorecard;
}

impl PageEngine for Scorecard {
    type Results = ScorecardResults;
    /// Once any file of the user's is read, the demo's sources are left out (named in
    /// `hidden_demo`), and so is the health score when it joins the demo: the scorecard never
    /// mixes demo rows with the user's.
    fn results(&self, engine: &Engine) -> ScorecardResults {
        let demo: Vec<SourceId> = engine.sources.all().filter(|s| s.data().is_some() && s.is_demo()).map(|s| s.id()).collect();
        let users = engine.sources.all().any(|s| s.data().is_some() && !s.is_demo());
        let shown = |id: &SourceId| !users || !demo.contains(id);
        let sources = engine.overall().into_iter().filter(|(id, k)| !k.is_empty() && shown(id)).collect();
        let health_demo = engine.health.demo.get_untracked();
        let health = if users && health_demo { Vec::new() } else { overall_of(&engine.health.kpis) };
        ScorecardResults { sources, health, hidden_demo: if users { demo } else { Vec::new() } }
    }
}
