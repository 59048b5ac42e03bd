//! Whether a chart's model has anything to draw. A chart without data shows an empty state that
//! says why, never axes around nothing.

use northstar_charts::{BridgeStep, HeatRow, LineSeries, StackSeries, TrendChart};

pub trait Plotted {
    fn has_data(&self) -> bool;
    /// The chart's data as a table (its text alternative): column headings, then rows of cells.
    fn table(&self) -> DataTable;
}

/// A chart's data as text: headings and rows ("—" where a value is undefined).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataTable {
    pub headings: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

pub(crate) fn cell(v: Option<f64>) -> String {
    v.map_or("—".to_string(), |v| format!("{}", (v * 1e4).round() / 1e4))
}

/// One row per label, one column per series.
fn by_label(labels: &[String], names: Vec<String>, value: impl Fn(usize, usize) -> String) -> DataTable {
    let mut headings = vec!["Period".to_string()];
    let columns = names.len();
    headings.extend(names);
    DataTable {
        headings,
        rows: labels.iter().enumerate().map(|(i, l)| std::iter::once(l.clone()).chain((0..columns).map(|s| value(i, s))).collect()).collect(),
    }
}

impl Plotted for (Vec<String>, Vec<LineSeries>) {
    fn has_data(&self) -> bool {
        self.1.iter().any(|s| s.values.iter().any(Option::is_some))
    }
    fn table(&self) -> DataTable {
        by_label(&self.0, self.1.iter().map(|s| s.name.clone()).collect(), |i, s| cell(self.1[s].values.get(i).copied().flatten()))
    }
}

impl Plotted for (Vec<String>, Vec<StackSeries>) {
    fn has_data(&self) -> bool {
        self.1.iter().any(|s| s.values.iter().any(|v| *v != 0))
    }
    fn table(&self) -> DataTable {
        by_label(&self.0, self.1.iter().map(|s| s.name.clone()).collect(), |i, s| {
            self.1[s].values.get(i).map_or("—".into(), |c| northstar_metrics::format::cents(*c))
        })
    }
}

impl Plotted for TrendChart {
    fn has_data(&self) -> bool {
        self.points.iter().any(|p| p.value.is_some())
    }
    fn table(&self) -> DataTable {
        DataTable {
            headings: vec!["Period".into(), self.title.clone(), "Margin of error (±)".into()],
            rows: self.points.iter().map(|p| vec![p.label.clone(), cell(p.value), cell(p.band)]).collect(),
        }
    }
}

impl Plotted for Option<(String, Vec<BridgeStep>)> {
    fn has_data(&self) -> bool {
        self.as_ref().is_some_and(|(_, steps)| steps.iter().any(|s| s.cents != 0))
    }
    fn table(&self) -> DataTable {
        let rows = self
            .as_ref()
            .map(|(_, steps)| steps.iter().map(|s| vec![s.label.clone(), northstar_metrics::format::cents(s.cents)]).collect())
            .unwrap_or_default();
        DataTable { headings: vec!["Step".into(), "MRR".into()], rows }
    }
}

/// A funnel: its period and each stage's count.
impl Plotted for (String, Vec<(String, Option<f64>)>) {
    fn has_data(&self) -> bool {
        self.1.iter().any(|(_, v)| v.is_some())
    }
    fn table(&self) -> DataTable {
        DataTable { headings: vec!["Stage".into(), self.0.clone()], rows: self.1.iter().map(|(k, v)| vec![k.clone(), cell(*v)]).collect() }
    }
}

/// Bars: their period and each bar's value.
impl Plotted for (String, Vec<(String, f64)>) {
    fn has_data(&self) -> bool {
        !self.1.is_empty()
    }
    fn table(&self) -> DataTable {
        DataTable { headings: vec!["".into(), self.0.clone()], rows: self.1.iter().map(|(k, v)| vec![k.clone(), cell(Some(*v))]).collect() }
    }
}

impl Plotted for (Vec<HeatRow>, &'static str) {
    fn has_data(&self) -> bool {
        self.0.iter().any(|r| r.cells.iter().any(Option::is_some))
    }
    fn table(&self) -> DataTable {
        let width = self.0.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let mut headings = vec!["Cohort".to_string(), "Size".to_string()];
        headings.extend((0..width).map(|k| format!("+{k}")));
        let rows = self.0.iter().map(|r| [r.label.clone(), r.size.to_string()].into_iter().chain(r.cells.iter().map(|c| cell(*c))).collect()).collect();
        DataTable { headings, rows }
    }
}
