//! A chart's legend in the upper left of its plotting area: a swatch and a name per series, on a
//! light box. Drawn here rather than by plotters' series labels because those measure their text
//! through plotters' font code, which on the web gives a `<span>` a style attribute, and the page's
//! strict Content-Security-Policy refuses style attributes. This measures through the backend
//! (`DrawingArea::estimate_text_size`: the canvas's `measureText` in the app).

use crate::{DrawResult, GRID, INK};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// How a series is shown beside its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swatch {
    Line,
    Block,
}

const PAD: i32 = 6;
const SWATCH_W: i32 = 12;
const GAP: i32 = 6;

/// Draws `entries` (name, colour, swatch) on `area` (the whole chart, in pixels), inside the
/// plotting area whose pixel ranges are `plot` (from `ChartContext::plotting_area`).
pub fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: (std::ops::Range<i32>, std::ops::Range<i32>),
    entries: &[(String, RGBColor, Swatch)],
) -> DrawResult<DB> {
    if entries.is_empty() {
        return Ok(());
    }
    let font = ("sans-serif", 11).into_font().color(&INK);
    let mut width = 0;
    let mut row_h = 12;
    for (name, _, _) in entries {
        let (w, h) = area.estimate_text_size(name, &font)?;
        width = width.max(w as i32);
        row_h = row_h.max(h as i32);
    }
    let (x0, y0) = (plot.0.start + 10, plot.1.start + 10);
    let x1 = x0 + PAD + SWATCH_W + GAP + width + PAD;
    let y1 = y0 + PAD + row_h * entries.len() as i32 + PAD;
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], WHITE.mix(0.85).filled()))?;
    area.draw(&Rectangle::new([(x0, y0), (x1, y1)], GRID))?;
    for (k, (name, color, swatch)) in entries.iter().enumerate() {
        let top = y0 + PAD + row_h * k as i32;
        let mid = top + row_h / 2;
        let sx = x0 + PAD;
        match swatch {
            Swatch::Line => area.draw(&PathElement::new([(sx, mid), (sx + SWATCH_W, mid)], color.stroke_width(2)))?,
            Swatch::Block => area.draw(&Rectangle::new([(sx + 2, mid - 4), (sx + 10, mid + 4)], color.filled()))?,
        }
        area.draw(&Text::new(name.clone(), (sx + SWATCH_W + GAP, mid), font.clone().pos(Pos::new(HPos::Left, VPos::Center))))?;
    }
    Ok(())
}
