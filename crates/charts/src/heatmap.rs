//! A cohort heatmap: one row per cohort (its label and size on the left), one column per period
//! since the cohort's first order, each cell shaded by its value (0 white … 1 full accent) with a
//! colour scale below. The layout is a pure function, so the app can tell which cell the pointer is
//! over and show its value.

use crate::{DrawResult, ACCENT, INK, MUTED};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One row of the heatmap.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatRow {
    pub label: String,
    pub size: u64,
    /// Fractions; none where the period is past the data or undefined.
    pub cells: Vec<Option<f64>>,
}

/// Where the cells are, in pixels of the drawing area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeatmapLayout {
    pub left: f64,
    pub top: f64,
    pub cell_w: f64,
    pub cell_h: f64,
    pub rows: usize,
    pub cols: usize,
}

const TITLE_H: f64 = 28.0;
const HEAD_H: f64 = 18.0;
const LABEL_W: f64 = 120.0;
const SCALE_H: f64 = 34.0;

impl HeatmapLayout {
    pub fn new(width: u32, height: u32, rows: usize, cols: usize) -> HeatmapLayout {
        let (w, h) = (width as f64, height as f64);
        let left = LABEL_W;
        let top = TITLE_H + HEAD_H;
        let cell_w = ((w - left - 8.0) / cols.max(1) as f64).max(1.0);
        let cell_h = ((h - top - SCALE_H) / rows.max(1) as f64).clamp(1.0, 28.0);
        HeatmapLayout { left, top, cell_w, cell_h, rows, cols }
    }

    /// The (row, column) under a point, if any.
    pub fn cell_at(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        if x < self.left || y < self.top {
            return None;
        }
        let (c, r) = (((x - self.left) / self.cell_w) as usize, ((y - self.top) / self.cell_h) as usize);
        (r < self.rows && c < self.cols).then_some((r, c))
    }

    fn rect(&self, r: usize, c: usize) -> [(i32, i32); 2] {
        let x0 = self.left + c as f64 * self.cell_w;
        let y0 = self.top + r as f64 * self.cell_h;
        [(x0.round() as i32, y0.round() as i32), ((x0 + self.cell_w).round() as i32 - 1, (y0 + self.cell_h).round() as i32 - 1)]
    }
}

/// The shade of a value in [0, 1]: white to the accent colour.
pub fn shade(v: f64) -> RGBColor {
    let t = v.clamp(0.0, 1.0);
    let mix = |a: u8| (255.0 + (a as f64 - 255.0) * t).round() as u8;
    RGBColor(mix(ACCENT.0), mix(ACCENT.1), mix(ACCENT.2))
}

pub fn draw_heatmap<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, title: &str, column_prefix: &str, rows: &[HeatRow]) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let (w, h) = area.dim_in_pixel();
    let cols = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let layout = HeatmapLayout::new(w, h, rows.len(), cols);
    let text = |size: u32, color: &RGBColor| ("sans-serif", size).into_font().color(color);
    area.draw(&Text::new(title.to_string(), (8, 6), text(16, &INK)))?;
    if rows.is_empty() {
        area.draw(&Text::new("no cohorts", (8, TITLE_H as i32 + 8), text(12, &MUTED)))?;
        return area.present();
    }
    // Column headings, thinned to fit.
    let step = ((28.0 / layout.cell_w).ceil() as usize).max(1);
    for c in (0..cols).step_by(step) {
        let x = (layout.left + c as f64 * layout.cell_w + 2.0) as i32;
        area.draw(&Text::new(format!("{column_prefix}{c}"), (x, TITLE_H as i32), text(10, &MUTED)))?;
    }
    let row_step = ((11.0 / layout.cell_h).ceil() as usize).max(1);
    for (r, row) in rows.iter().enumerate() {
        if r % row_step == 0 {
            let y = (layout.top + r as f64 * layout.cell_h + (layout.cell_h - 10.0) / 2.0) as i32;
            area.draw(&Text::new(format!("{} ({})", row.label, row.size), (4, y), text(10, &INK)))?;
        }
        for (c, cell) in row.cells.iter().enumerate() {
            if let Some(v) = cell {
                area.draw(&Rectangle::new(layout.rect(r, c), shade(*v).filled()))?;
            }
        }
    }
    // The colour scale: 0 % to 100 % in ten steps.
    let y = (layout.top + rows.len() as f64 * layout.cell_h + 10.0) as i32;
    let x0 = layout.left as i32;
    for i in 0..=10 {
        let x = x0 + i * 18;
        area.draw(&Rectangle::new([(x, y), (x + 17, y + 10)], shade(i as f64 / 10.0).filled()))?;
    }
    area.draw(&Rectangle::new([(x0, y), (x0 + 11 * 18 - 1, y + 10)], MUTED.stroke_width(1)))?;
    area.draw(&Text::new("0 %", (x0 - 26, y), text(10, &MUTED)))?;
    area.draw(&Text::new("100 %", (x0 + 11 * 18 + 4, y), text(10, &MUTED)))?;
    area.present()
}
