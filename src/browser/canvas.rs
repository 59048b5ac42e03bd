//! Drawing the chart functions of `northstar_charts` onto a `<canvas>`, or into an SVG document
//! laid out like it, through `ChartBackend`.

use super::chart_backend::ChartBackend;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use plotters_svg::SVGBackend;
use wasm_bindgen::JsCast;

/// Where a chart closure draws.
pub type Area<'a> = DrawingArea<ChartBackend<'a>, Shift>;

/// Draws `draw` on `canvas`; a drawing error is logged, never a panic.
pub fn draw_on<E: std::fmt::Debug>(canvas: web_sys::HtmlCanvasElement, draw: impl FnOnce(&Area<'_>) -> Result<(), E>) {
    let Some(measure) = context_of(&canvas) else { return };
    if let Some(backend) = CanvasBackend::with_canvas_object(canvas) {
        let area = ChartBackend::Canvas(backend, measure).into_drawing_area();
        if let Err(e) = draw(&area) {
            leptos::logging::warn!("chart: {e:?}");
        }
    }
}

/// The SVG document `draw` makes at the size of `canvas` (which measures its text); none when
/// drawing failed.
pub fn svg_of<E: std::fmt::Debug>(canvas: web_sys::HtmlCanvasElement, draw: impl FnOnce(&Area<'_>) -> Result<(), E>) -> Option<String> {
    let size = (canvas.width(), canvas.height());
    let measure = context_of(&canvas)?;
    let mut text = String::new();
    {
        let area = ChartBackend::Svg { svg: SVGBackend::with_string(&mut text, size), measure }.into_drawing_area();
        if let Err(e) = draw(&area) {
            leptos::logging::warn!("chart as SVG: {e:?}");
            return None;
        }
        area.present().ok()?;
    }
    Some(text)
}

/// The canvas's 2D context (the one plotters draws with).
fn context_of(canvas: &web_sys::HtmlCanvasElement) -> Option<web_sys::CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}
