//! Northstar's charts, drawn with plotters and generic over the drawing backend: the app draws them
//! on a `<canvas>` (plotters-canvas), native tests draw the same functions to SVG and compare
//! snapshots. No browser types here.

pub mod bars;
pub mod bridge;
pub mod distribution;
pub mod funnel;
pub mod heatmap;
pub mod legend;
pub mod lines;
pub mod stacked;
pub mod trend;

pub use bars::draw_bars;
pub use bridge::{bridge_steps, draw_bridge, BridgeStep};
pub use distribution::{draw_score_distribution, DistributionBar, Tone};
pub use funnel::draw_funnel;
pub use heatmap::{draw_heatmap, shade, HeatRow, HeatmapLayout};
pub use lines::{draw_lines, LineSeries};
pub use stacked::{draw_stacked, StackSeries};
pub use trend::{draw_trend, TrendChart, TrendPoint};

use plotters::style::RGBColor;

/// The palette, shared with the app's CSS.
pub const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
pub const MUTED: RGBColor = RGBColor(0x6b, 0x72, 0x80);
pub const GRID: RGBColor = RGBColor(0xe5, 0xe7, 0xeb);
pub const ACCENT: RGBColor = RGBColor(0x25, 0x63, 0xeb);
pub const BAND: RGBColor = RGBColor(0xbf, 0xdb, 0xfe);
pub const TARGET: RGBColor = RGBColor(0xd9, 0x77, 0x06);
pub const GOOD: RGBColor = RGBColor(0x16, 0xa3, 0x4a);
pub const NEUTRAL: RGBColor = RGBColor(0x9c, 0xa3, 0xaf);
pub const BAD: RGBColor = RGBColor(0xdc, 0x26, 0x26);
pub const TEAL: RGBColor = RGBColor(0x0d, 0x94, 0x88);
pub const VIOLET: RGBColor = RGBColor(0x7c, 0x3a, 0xed);
pub const ORANGE: RGBColor = RGBColor(0xea, 0x58, 0x0c);

/// Error type of drawing on backend `DB`.
pub type DrawResult<DB> = Result<(), plotters::drawing::DrawingAreaErrorKind<<DB as plotters::prelude::DrawingBackend>::ErrorType>>;

/// Thins x labels so at most `max` are shown.
pub(crate) fn label_step(count: usize, max: usize) -> usize {
    count.div_ceil(max.max(1)).max(1)
}

/// The mesh every chart over labelled positions shares: light grid, muted axes, at most 8 x labels
/// (one per integer position), and `y_format` for the y axis.
pub(crate) fn labelled_mesh<DB: plotters::prelude::DrawingBackend>(
    ctx: &mut plotters::prelude::ChartContext<
        '_,
        DB,
        plotters::prelude::Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    labels: &[String],
    y_format: &dyn Fn(&f64) -> String,
) -> DrawResult<DB> {
    use plotters::prelude::*;
    let n = labels.len().max(1);
    let step = label_step(n, 8);
    ctx.configure_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .axis_style(MUTED)
        .label_style(("sans-serif", 11).into_font().color(&MUTED))
        .x_labels(n.min(60))
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() > 1e-6 || i < 0.0 || !(i as usize).is_multiple_of(step) {
                return String::new();
            }
            labels.get(i as usize).cloned().unwrap_or_default()
        })
        .y_label_formatter(y_format)
        .draw()
}
