//! Drawing the chart functions of `northstar_charts` onto a `<canvas>` with plotters-canvas.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

/// Draws `draw` on `canvas`; a drawing error is logged, never a panic.
pub fn draw_on<E: std::fmt::Debug>(canvas: web_sys::HtmlCanvasElement, draw: impl FnOnce(&DrawingArea<CanvasBackend, Shift>) -> Result<(), E>) {
    if let Some(backend) = CanvasBackend::with_canvas_object(canvas) {
        let area = backend.into_drawing_area();
        if let Err(e) = draw(&area) {
            leptos::logging::warn!("chart: {e:?}");
        }
    }
}
