//! Movements per period as stacked bars: gains (new, reactivation, expansion) above zero, losses
//! (contraction, churned) below. Amounts in cents.

use crate::legend::{draw_legend, Swatch};
use crate::{labelled_mesh, DrawResult, INK};
use plotters::coord::Shift;
use plotters::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct StackSeries {
    pub name: String,
    pub color: RGBColor,
    /// Per period, in cents; negative values stack downwards.
    pub values: Vec<i64>,
}

pub fn draw_stacked<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, title: &str, labels: &[String], series: &[StackSeries]) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let n = labels.len().max(1);
    let mut up = vec![0f64; n];
    let mut down = vec![0f64; n];
    for s in series {
        for (i, &v) in s.values.iter().enumerate().take(n) {
            if v >= 0 {
                up[i] += v as f64 / 100.0;
            } else {
                down[i] += v as f64 / 100.0;
            }
        }
    }
    let top = up.iter().copied().fold(0.0, f64::max).max(1.0) * 1.1;
    let bottom = down.iter().copied().fold(0.0, f64::min) * 1.1;
    let mut ctx = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 16).into_font().color(&INK))
        .margin(10)
        .x_label_area_size(28)
        .y_label_area_size(64)
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), bottom.min(-1.0)..top)?;
    labelled_mesh(&mut ctx, labels, &|y| format!("{y:.0}"))?;
    let mut above = vec![0f64; n];
    let mut below = vec![0f64; n];
    for s in series {
        let rects: Vec<Rectangle<(f64, f64)>> = s
            .values
            .iter()
            .enumerate()
            .take(n)
            .filter(|(_, v)| **v != 0)
            .map(|(i, &v)| {
                let v = v as f64 / 100.0;
                let base = if v >= 0.0 { &mut above[i] } else { &mut below[i] };
                let from = *base;
                *base += v;
                Rectangle::new([(i as f64 - 0.35, from), (i as f64 + 0.35, *base)], s.color.filled())
            })
            .collect();
        ctx.draw_series(rects)?;
    }
    let named: Vec<_> = series.iter().map(|s| (s.name.clone(), s.color, Swatch::Block)).collect();
    draw_legend(area, ctx.plotting_area().get_pixel_range(), &named)?;
    area.present()?;
    Ok(())
}
