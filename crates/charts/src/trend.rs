//! A KPI over time: one point per period, gaps where the KPI is undefined, an optional band (the
//! NPS margin of error) and an optional target line.

use crate::{labelled_mesh, DrawResult, ACCENT, BAND, INK, TARGET};
use plotters::coord::Shift;
use plotters::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    pub label: String,
    pub value: Option<f64>,
    /// Half-width of the band around the value (e.g. the NPS margin of error).
    pub band: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrendChart {
    pub title: String,
    pub points: Vec<TrendPoint>,
    /// Fixed y range (e.g. -100..100 for NPS); none fits the data.
    pub y_range: Option<(f64, f64)>,
    pub target: Option<f64>,
}

impl TrendChart {
    fn y_bounds(&self) -> (f64, f64) {
        if let Some(r) = self.y_range {
            return r;
        }
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        for p in &self.points {
            if let Some(v) = p.value {
                let b = p.band.unwrap_or(0.0);
                lo = lo.min(v - b);
                hi = hi.max(v + b);
            }
        }
        if let Some(t) = self.target {
            lo = lo.min(t);
            hi = hi.max(t);
        }
        if !lo.is_finite() {
            return (0.0, 1.0);
        }
        let pad = ((hi - lo) * 0.1).max(0.5);
        (lo - pad, hi + pad)
    }
}

/// Runs of consecutive defined points: lines and bands are not drawn across gaps.
fn runs(points: &[TrendPoint]) -> Vec<Vec<(usize, f64, f64)>> {
    let mut out: Vec<Vec<(usize, f64, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (i, p) in points.iter().enumerate() {
        match p.value {
            Some(v) => current.push((i, v, p.band.unwrap_or(0.0))),
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

pub fn draw_trend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, chart: &TrendChart) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let (y0, y1) = chart.y_bounds();
    let n = chart.points.len().max(1);
    let mut ctx = ChartBuilder::on(area)
        .caption(&chart.title, ("sans-serif", 16).into_font().color(&INK))
        .margin(10)
        .x_label_area_size(28)
        .y_label_area_size(44)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), y0..y1)?;
    let labels: Vec<String> = chart.points.iter().map(|p| p.label.clone()).collect();
    labelled_mesh(&mut ctx, &labels, &|y| format!("{y:.0}"))?;
    for run in runs(&chart.points) {
        if run.iter().any(|p| p.2 > 0.0) {
            let mut poly: Vec<(f64, f64)> = run.iter().map(|&(i, v, b)| (i as f64, (v + b).min(y1))).collect();
            poly.extend(run.iter().rev().map(|&(i, v, b)| (i as f64, (v - b).max(y0))));
            if run.len() == 1 {
                let (i, v, b) = run[0];
                poly = vec![(i as f64 - 0.2, v + b), (i as f64 + 0.2, v + b), (i as f64 + 0.2, v - b), (i as f64 - 0.2, v - b)];
            }
            ctx.draw_series(std::iter::once(Polygon::new(poly, BAND.mix(0.7).filled())))?;
        }
        ctx.draw_series(LineSeries::new(run.iter().map(|&(i, v, _)| (i as f64, v)), ACCENT.stroke_width(2)))?;
        ctx.draw_series(run.iter().map(|&(i, v, _)| Circle::new((i as f64, v), 3, ACCENT.filled())))?;
    }
    if let Some(t) = chart.target {
        ctx.draw_series(LineSeries::new([(-0.5, t), (n as f64 - 0.5, t)], TARGET.stroke_width(1)))?;
    }
    area.present()?;
    Ok(())
}
