//! Drawing the chart functions of `northstar_charts` onto a `<canvas>` with plotters-canvas.

use northstar_charts::{draw_score_distribution, draw_trend, DistributionBar, TrendChart};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

pub fn draw_trend_on(canvas: web_sys::HtmlCanvasElement, chart: &TrendChart) {
    if let Some(backend) = CanvasBackend::with_canvas_object(canvas) {
        let area = backend.into_drawing_area();
        if let Err(e) = draw_trend(&area, chart) {
            leptos::logging::warn!("trend chart: {e:?}");
        }
    }
}

pub fn draw_distribution_on(canvas: web_sys::HtmlCanvasElement, title: &str, bars: &[DistributionBar]) {
    if let Some(backend) = CanvasBackend::with_canvas_object(canvas) {
        let area = backend.into_drawing_area();
        if let Err(e) = draw_score_distribution(&area, title, bars) {
            leptos::logging::warn!("distribution chart: {e:?}");
        }
    }
}
