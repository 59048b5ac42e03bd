//! The MRR bridge of one period as a waterfall: start MRR, + new, + reactivation, + expansion,
//! − contraction, − churned, end MRR. Bars float from the running total; amounts are in cents.

use crate::{labelled_mesh, DrawResult, ACCENT, BAD, GOOD, INK};
use plotters::coord::Shift;
use plotters::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct BridgeStep {
    pub label: String,
    /// Signed change in cents; for the first and last step, the level itself.
    pub cents: i64,
    pub total: bool,
}

/// The steps of a bridge from its movements (all amounts positive cents, as reported).
pub fn bridge_steps(start: i64, new: i64, reactivation: i64, expansion: i64, contraction: i64, churned: i64) -> Vec<BridgeStep> {
    let step = |label: &str, cents: i64, total: bool| BridgeStep { label: label.into(), cents, total };
    vec![
        step("Start", start, true),
        step("New", new, false),
        step("Reactivation", reactivation, false),
        step("Expansion", expansion, false),
        step("Contraction", -contraction, false),
        step("Churned", -churned, false),
        step("End", start + new + reactivation + expansion - contraction - churned, true),
    ]
}

pub fn draw_bridge<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, title: &str, steps: &[BridgeStep]) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    // Running levels, in major units.
    let mut level = 0i64;
    let mut bars = Vec::with_capacity(steps.len());
    for s in steps {
        let (lo, hi) = if s.total {
            level = s.cents;
            (0, s.cents)
        } else {
            let before = level;
            level += s.cents;
            (before.min(level), before.max(level))
        };
        bars.push((lo as f64 / 100.0, hi as f64 / 100.0));
    }
    let top = bars.iter().map(|b| b.1).fold(0.0f64, f64::max).max(1.0) * 1.08;
    let bottom = bars.iter().map(|b| b.0).fold(0.0f64, f64::min);
    let n = steps.len().max(1);
    let mut ctx = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 16).into_font().color(&INK))
        .margin(10)
        .x_label_area_size(28)
        .y_label_area_size(64)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), bottom..top)?;
    let labels: Vec<String> = steps.iter().map(|s| s.label.clone()).collect();
    labelled_mesh(&mut ctx, &labels, &|y| format!("{y:.0}"))?;
    ctx.draw_series(steps.iter().zip(&bars).enumerate().map(|(i, (s, &(lo, hi)))| {
        let color = if s.total {
            ACCENT
        } else if s.cents >= 0 {
            GOOD
        } else {
            BAD
        };
        Rectangle::new([(i as f64 - 0.35, lo), (i as f64 + 0.35, hi)], color.filled())
    }))?;
    area.present()?;
    Ok(())
}
