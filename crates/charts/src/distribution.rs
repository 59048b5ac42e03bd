//! Score distribution: one bar per point of the survey scale, coloured by what the answer counts as
//! (promoter / passive / detractor, satisfied / not).

use crate::{DrawResult, BAD, GOOD, GRID, INK, MUTED, NEUTRAL};
use plotters::coord::Shift;
use plotters::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Tone {
    Good,
    Neutral,
    Bad,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DistributionBar {
    pub score: f64,
    pub count: u64,
    pub tone: Tone,
}

pub fn draw_score_distribution<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, title: &str, bars: &[DistributionBar]) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let lo = bars.first().map_or(0.0, |b| b.score) - 0.5;
    let hi = bars.last().map_or(1.0, |b| b.score) + 0.5;
    let mut ctx = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 16).into_font().color(&INK))
        .margin(10)
        .x_label_area_size(28)
        .y_label_area_size(44)
        .build_cartesian_2d(lo..hi, 0f64..max * 1.1)?;
    ctx.configure_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .label_style(("sans-serif", 11).into_font().color(&MUTED))
        .x_labels(bars.len().max(2))
        .x_label_formatter(&|x| if (x - x.round()).abs() < 1e-6 { format!("{x:.0}") } else { String::new() })
        .y_label_formatter(&|y| format!("{y:.0}"))
        .draw()?;
    ctx.draw_series(bars.iter().map(|b| {
        let color = match b.tone {
            Tone::Good => GOOD,
            Tone::Neutral => NEUTRAL,
            Tone::Bad => BAD,
        };
        Rectangle::new([(b.score - 0.38, 0.0), (b.score + 0.38, b.count as f64)], color.filled())
    }))?;
    area.present()?;
    Ok(())
}
