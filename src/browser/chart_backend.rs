//! One drawing backend for both ways a chart leaves the page: the `<canvas>` it is shown on
//! (plotters-canvas) and the SVG file it is saved as (plotters-svg). The chart functions of
//! `northstar_charts` are generic over the backend, but the app's chart closures are not (a
//! closure cannot be generic), so they draw on this enum and each call goes to the backend inside.
//! The SVG measures its text on the canvas, so both lay out the same. Text is measured with the
//! canvas's `measureText`, not plotters' default (a `<span>` given a style attribute, which the
//! page's strict Content-Security-Policy blocks).

use plotters::prelude::DrawingBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use plotters_svg::SVGBackend;
use web_sys::CanvasRenderingContext2d;

/// A drawing error of either backend, as text.
#[derive(Debug)]
pub struct ChartError(String);

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ChartError {}

pub enum ChartBackend<'a> {
    /// The chart's canvas, and its 2D context that measures text.
    Canvas(CanvasBackend, CanvasRenderingContext2d),
    /// SVG text written into a borrowed string; `measure` is the chart's canvas's context.
    Svg { svg: SVGBackend<'a>, measure: CanvasRenderingContext2d },
}

type Drawn = Result<(), DrawingErrorKind<ChartError>>;

fn lift<E: std::error::Error + Send + Sync, T>(r: Result<T, DrawingErrorKind<E>>) -> Result<T, DrawingErrorKind<ChartError>> {
    r.map_err(|e| match e {
        DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(ChartError(e.to_string())),
        DrawingErrorKind::FontError(f) => DrawingErrorKind::FontError(f),
    })
}

/// Calls the same method on whichever backend is inside.
macro_rules! each {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            ChartBackend::Canvas($b, _) => lift($call),
            ChartBackend::Svg { svg: $b, .. } => lift($call),
        }
    };
}

impl DrawingBackend for ChartBackend<'_> {
    type ErrorType = ChartError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            ChartBackend::Canvas(b, _) => b.get_size(),
            ChartBackend::Svg { svg, .. } => svg.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> Drawn {
        each!(self, b => b.ensure_prepared())
    }

    fn present(&mut self) -> Drawn {
        each!(self, b => b.present())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn {
        each!(self, b => b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Drawn {
        each!(self, b => b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(&mut self, upper_left: BackendCoord, bottom_right: BackendCoord, style: &S, fill: bool) -> Drawn {
        each!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Drawn {
        each!(self, b => b.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Drawn {
        each!(self, b => b.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Drawn {
        each!(self, b => b.fill_polygon(vert, style))
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Drawn {
        each!(self, b => b.draw_text(text, style, pos))
    }

    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), DrawingErrorKind<ChartError>> {
        let (ChartBackend::Canvas(_, ctx) | ChartBackend::Svg { measure: ctx, .. }) = self;
        ctx.save();
        ctx.set_font(&format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str()));
        let metrics = ctx.measure_text(text);
        ctx.restore();
        let metrics = metrics.map_err(|_| DrawingErrorKind::DrawingError(ChartError("the canvas could not measure text".into())))?;
        // The font's box (as tall as a line of it), the height plotters' own measure gave.
        let height = metrics.font_bounding_box_ascent() + metrics.font_bounding_box_descent();
        Ok((metrics.width().ceil() as u32, height.ceil() as u32))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Drawn {
        each!(self, b => b.blit_bitmap(pos, size, src))
    }
}
