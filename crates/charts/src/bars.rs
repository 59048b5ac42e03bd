//! Labelled bars, e.g. the adoption of each feature (values as fractions, drawn in percent).

use crate::{labelled_mesh, DrawResult, ACCENT, INK};
use plotters::coord::Shift;
use plotters::prelude::*;

pub fn draw_bars<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, title: &str, bars: &[(String, f64)], percent: bool) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let scale = if percent { 100.0 } else { 1.0 };
    let n = bars.len().max(1);
    let top = bars.iter().map(|b| b.1 * scale).fold(0.0, f64::max).max(if percent { 100.0 } else { 1.0 });
    let mut ctx = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 16).into_font().color(&INK))
        .margin(10)
        .x_label_area_size(28)
        .y_label_area_size(48)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..top * 1.05)?;
    let labels: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
    labelled_mesh(&mut ctx, &labels, &|y| if percent { format!("{y:.0}%") } else { format!("{y:.2}") })?;
    ctx.draw_series(bars.iter().enumerate().map(|(i, (_, v))| Rectangle::new([(i as f64 - 0.35, 0.0), (i as f64 + 0.35, v * scale)], ACCENT.filled())))?;
    area.present()?;
    Ok(())
}
