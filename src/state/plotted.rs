//! Whether a chart's model has anything to draw. A chart without data shows an empty state that
//! says why, never axes around nothing.

use northstar_charts::{BridgeStep, DistributionBar, HeatRow, LineSeries, StackSeries, TrendChart};
use northstar_metrics::surveys::Kind;

pub trait Plotted {
    fn has_data(&self) -> bool;
}

impl Plotted for (Vec<String>, Vec<LineSeries>) {
    fn has_data(&self) -> bool {
        self.1.iter().any(|s| s.values.iter().any(Option::is_some))
    }
}

impl Plotted for (Vec<String>, Vec<StackSeries>) {
    fn has_data(&self) -> bool {
        self.1.iter().any(|s| s.values.iter().any(|v| *v != 0))
    }
}

impl Plotted for TrendChart {
    fn has_data(&self) -> bool {
        self.points.iter().any(|p| p.value.is_some())
    }
}

impl Plotted for Option<(Kind, Vec<DistributionBar>)> {
    fn has_data(&self) -> bool {
        self.as_ref().is_some_and(|(_, bars)| bars.iter().any(|b| b.count > 0))
    }
}

impl Plotted for Option<(String, Vec<BridgeStep>)> {
    fn has_data(&self) -> bool {
        self.as_ref().is_some_and(|(_, steps)| steps.iter().any(|s| s.cents != 0))
    }
}

/// A funnel: its period and each stage's count.
impl Plotted for (String, Vec<(String, Option<f64>)>) {
    fn has_data(&self) -> bool {
        self.1.iter().any(|(_, v)| v.is_some())
    }
}

/// Bars: their period and each bar's value.
impl Plotted for (String, Vec<(String, f64)>) {
    fn has_data(&self) -> bool {
        !self.1.is_empty()
    }
}

impl Plotted for (Vec<HeatRow>, &'static str) {
    fn has_data(&self) -> bool {
        self.0.iter().any(|r| r.cells.iter().any(Option::is_some))
    }
}
