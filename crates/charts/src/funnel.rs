//! A marketing funnel: one horizontal bar per stage (visitors, sign-ups, trials, new customers),
//! widths to scale with the first stage, each labelled with its count and its conversion from the
//! stage before.

use crate::{DrawResult, ACCENT, INK, MUTED};
use plotters::coord::Shift;
use plotters::prelude::*;

pub fn draw_funnel<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, title: &str, stages: &[(String, Option<f64>)]) -> DrawResult<DB> {
    area.fill(&WHITE)?;
    let (w, h) = area.dim_in_pixel();
    let text = |size: u32, color: &RGBColor| ("sans-serif", size).into_font().color(color);
    area.draw(&Text::new(title.to_string(), (8, 6), text(16, &INK)))?;
    let top = stages.iter().filter_map(|s| s.1).fold(0.0, f64::max);
    let (left, right) = (120.0, w as f64 - 150.0);
    let bar_h = ((h as f64 - 40.0) / stages.len().max(1) as f64).min(48.0);
    for (i, (name, value)) in stages.iter().enumerate() {
        let y = 36.0 + i as f64 * bar_h;
        area.draw(&Text::new(name.clone(), (8, (y + bar_h / 2.0 - 6.0) as i32), text(12, &INK)))?;
        let Some(v) = value else {
            area.draw(&Text::new("—", (left as i32, (y + bar_h / 2.0 - 6.0) as i32), text(12, &MUTED)))?;
            continue;
        };
        let width = if top > 0.0 { (right - left) * v / top } else { 0.0 };
        let x0 = left + (right - left - width) / 2.0;
        area.draw(&Rectangle::new([(x0 as i32, (y + 3.0) as i32), ((x0 + width).max(x0 + 1.0) as i32, (y + bar_h - 3.0) as i32)], ACCENT.filled()))?;
        let before = i.checked_sub(1).and_then(|p| stages[p].1).filter(|b| *b > 0.0);
        let label = match before {
            Some(b) => format!("{v:.0}  ({:.1} %)", 100.0 * v / b),
            None => format!("{v:.0}"),
        };
        area.draw(&Text::new(label, ((right + 8.0) as i32, (y + bar_h / 2.0 - 6.0) as i32), text(12, &INK)))?;
    }
    area.present()
}
