//! Drawing the chart functions of `northstar_charts` onto a `<canvas>`, or into an SVG document
//! laid out like it, through `ChartBackend`.

use super::chart_backend::ChartBackend;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use plotters_svg::SVGBackend;

/// Where a chart closure draws.
pub type Area<'a> = DrawingArea<ChartBackend<'a>, Shift>;

/// Draws `draw` on `canvas`; a drawing error is logged, never a panic.
pub fn draw_on<E: std::fmt::Debug>(canvas: web_sys::HtmlCanvasElement, draw: impl FnOnce(&Area<'_>) -> Result<(), E>) {
    if let Some(backend) = CanvasBackend::with_canvas_object(canvas) {
        let area = ChartBackend::Canvas(backend).into_drawing_area();
        if let Err(e) = draw(&area) {
            leptos::logging::warn!("chart: {e:?}");
        }
    }
}

/// The SVG document `draw` makes at the size of `canvas` (which measures its text); none when
/// drawing failed.
pub fn svg_of<E: std::fmt::Debug>(canvas: web_sys::HtmlCanvasElement, draw: impl FnOnce(&Area<'_>) -> Result<(), E>) -> Option<String> {
    let size = (canvas.width(), canvas.height());
    let measure = CanvasBackend::with_canvas_object(canvas)?;
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
