//! The scorecard's half in the engine: every page's sources' overall values at each page's period,
//! and the health score's.

use super::{overall_of, Engine, PageEngine, PageOf};
use northstar_view::pages::scorecard::ScorecardResults;

/// The scorecard takes no file of its own: it reads every other page's values.
#[derive(Clone, Copy)]
pub struct Scorecard;

impl PageOf for ScorecardResults {
    type Engine = Scorecard;
}

impl PageEngine for Scorecard {
    type Results = ScorecardResults;
    fn results(&self, engine: &Engine) -> ScorecardResults {
        let sources = engine.overall().into_iter().filter(|(_, k)| !k.is_empty()).collect();
        ScorecardResults { sources, health: overall_of(&engine.health.kpis) }
    }
}
