//! Several series over the same periods, each with an optional target line; series may sit on a
//! secondary y axis (e.g. MRR on the left, customers on the right).

use crate::legend::{draw_legend, Swatch};
use crate::{labelled_mesh, DrawResult, INK, MUTED};
use plotters::coord::Shift;
use plotters::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct LineSeries {
    pub name: String,
    pub color: RGBColor,
    pub values: Vec<Option<f64>>,
    pub target: Option<f64>,
    pub secondary: bool,
}

fn bounds<'a>(series: impl Iterator<Item = &'a LineSeries>) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for s in series {
        for v in s.values.iter().flatten().chain(s.target.iter()) {
            lo = lo.min(*v);
            hi = hi.max(*v);
        }
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let pad = ((hi - lo) * 0.1).max(hi.abs() * 0.05).max(0.01);
    ((lo - pad).min(0.0f64.max(lo - pad)), hi + pad)
}

/// Raises the top of a y range so the legend (upper left, a line per series) sits above the data.
fn with_legend_room((lo, hi): (f64, f64), series: usize) -> (f64, f64) {
    let share = (0.07 * series as f64 + 0.04).min(0.5);
    (lo, hi + (hi - lo) * share / (1.0 - share))
}

fn runs(values: &[Option<f64>]) -> Vec<Vec<(f64, f64)>> {
    let mut out = vec![Vec::new()];
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => out.last_mut().unwrap_or(&mut Vec::new()).push((i as f64, *v)),
            None if out.last().is_some_and(|r| !r.is_empty()) => out.push(Vec::new()),
            None => {}
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

pub fn draw_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    labels: &[String],
    series: &[LineSeries],
    y_format: impl Fn(f64) -> String,
) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let n = labels.len().max(1);
    let (y0, y1) = with_legend_room(bounds(series.iter().filter(|s| !s.secondary)), series.len());
    let (s0, s1) = with_legend_room(bounds(series.iter().filter(|s| s.secondary)), series.len());
    let has_secondary = series.iter().any(|s| s.secondary);
    let mut ctx = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 16).into_font().color(&INK))
        .margin(10)
        .x_label_area_size(28)
        .y_label_area_size(64)
        .right_y_label_area_size(if has_secondary { 48 } else { 0 })
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), y0..y1)?
        .set_secondary_coord(-0.5f64..(n as f64 - 0.5), s0..s1);
    labelled_mesh(&mut ctx, labels, &|y| y_format(*y))?;
    if has_secondary {
        // Enough decimals to tell about ten ticks apart: whole numbers for wide ranges.
        let decimals = (-((s1 - s0) / 10.0).log10()).ceil().clamp(0.0, 3.0) as usize;
        ctx.configure_secondary_axes()
            .axis_style(MUTED)
            .label_style(("sans-serif", 11).into_font().color(&MUTED))
            .y_label_formatter(&|y| format!("{y:.decimals$}"))
            .draw()?;
    }
    for s in series {
        let color = s.color;
        for run in runs(&s.values) {
            let points = run.clone();
            if s.secondary {
                ctx.draw_secondary_series(plotters::series::LineSeries::new(run, color.stroke_width(2)))?;
                ctx.draw_secondary_series(points.into_iter().map(|p| Circle::new(p, 2, color.filled())))?;
            } else {
                ctx.draw_series(plotters::series::LineSeries::new(run, color.stroke_width(2)))?;
                ctx.draw_series(points.into_iter().map(|p| Circle::new(p, 2, color.filled())))?;
            }
        }
        if let Some(t) = s.target {
            let line = [(-0.5, t), (n as f64 - 0.5, t)];
            let style = color.mix(0.6).stroke_width(1);
            if s.secondary {
                ctx.draw_secondary_series(plotters::series::LineSeries::new(line, style))?;
            } else {
                ctx.draw_series(plotters::series::LineSeries::new(line, style))?;
            }
        }
    }
    // A series is in the legend when it has a value (as plotters' labels were: with its first run).
    let named: Vec<_> = series.iter().filter(|s| s.values.iter().any(Option::is_some)).map(|s| (s.name.clone(), s.color, Swatch::Line)).collect();
    draw_legend(area, ctx.plotting_area().get_pixel_range(), &named)?;
    area.present()?;
    Ok(())
}
