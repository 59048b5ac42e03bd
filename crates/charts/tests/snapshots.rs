//! The chart functions drawn to SVG natively and compared with committed snapshots.
//! `UPDATE_SNAPSHOTS=1 cargo test -p northstar-charts` rewrites them; review the diff before committing.

use northstar_charts::{draw_score_distribution, draw_trend, DistributionBar, Tone, TrendChart, TrendPoint};
use plotters::prelude::*;
use plotters_svg::SVGBackend;

fn check(name: &str, svg: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(format!("{name}.svg"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() || !path.exists() && std::env::var_os("CI").is_none() {
        std::fs::write(&path, svg).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing snapshot {}", path.display()));
    assert!(want == svg, "{name}.svg differs from its snapshot; rerun with UPDATE_SNAPSHOTS=1 and review the diff");
}

fn nps_chart() -> TrendChart {
    let p = |label: &str, value: Option<f64>, band: Option<f64>| TrendPoint { label: label.into(), value, band };
    TrendChart {
        title: "NPS by month".into(),
        points: vec![p("2024-01", Some(0.0), Some(78.4)), p("2024-02", None, None), p("2024-03", Some(50.0), Some(69.3)), p("2024-04", Some(40.0), Some(20.0))],
        y_range: Some((-100.0, 100.0)),
        target: Some(30.0),
    }
}

#[test]
fn nps_trend_draws_band_line_gap_and_target() {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 320)).into_drawing_area();
        draw_trend(&area, &nps_chart()).unwrap();
    }
    // Two runs around the February gap: two band polygons, and three points.
    assert_eq!(svg.matches("<polygon").count(), 2, "{svg}");
    assert_eq!(svg.matches("<circle").count(), 3);
    assert!(svg.contains("NPS by month"));
    assert!(svg.contains("2024-03"));
    check("nps_trend", &svg);
}

#[test]
fn score_distribution_draws_one_bar_per_score() {
    let bars: Vec<DistributionBar> = (0..=10)
        .map(|s| DistributionBar {
            score: s as f64,
            count: (s * 3 % 7) as u64,
            tone: if s >= 9 {
                Tone::Good
            } else if s >= 7 {
                Tone::Neutral
            } else {
                Tone::Bad
            },
        })
        .collect();
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (480, 260)).into_drawing_area();
        draw_score_distribution(&area, "NPS answers", &bars).unwrap();
    }
    // 11 bars (one has count 0 and is a zero-height rect) plus the background.
    assert!(svg.matches("<rect").count() >= 11, "{svg}");
    assert!(svg.contains("#16A34A") || svg.contains("#16a34a"), "promoter colour used");
    check("score_distribution", &svg);
}

#[test]
fn an_empty_trend_still_draws() {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (320, 200)).into_drawing_area();
        draw_trend(&area, &TrendChart { title: "CSAT".into(), points: vec![], y_range: None, target: None }).unwrap();
    }
    assert!(svg.contains("CSAT"));
    assert_eq!(svg.matches("<circle").count(), 0);
}

#[test]
fn mrr_bridge_waterfall_ends_at_the_computed_level() {
    use northstar_charts::{bridge_steps, draw_bridge};
    // 140.00 + 0 new + 0 reactivation + 50 expansion − 0 − 0 = 190.00 (golden case 01, March).
    let steps = bridge_steps(14_000, 0, 0, 5_000, 0, 0);
    assert_eq!(steps.last().unwrap().cents, 19_000);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 320)).into_drawing_area();
        draw_bridge(&area, "MRR bridge 2024-03", &steps).unwrap();
    }
    assert!(svg.contains("Expansion") && svg.contains("Churned"));
    assert!(svg.contains("#16A34A") || svg.contains("#16a34a"), "a gain is drawn in green");
    check("mrr_bridge", &svg);
}

#[test]
fn stacked_movements_and_two_axis_lines_draw() {
    use northstar_charts::{draw_lines, draw_stacked, LineSeries, StackSeries, ACCENT, BAD, GOOD, TEAL};
    let labels: Vec<String> = ["2024-01", "2024-02", "2024-03"].map(String::from).to_vec();
    let stacked = [
        StackSeries { name: "New".into(), color: GOOD, values: vec![19_000, 0, 0] },
        StackSeries { name: "Churned".into(), color: BAD, values: vec![0, -5_000, 0] },
    ];
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 320)).into_drawing_area();
        draw_stacked(&area, "MRR movements", &labels, &stacked).unwrap();
    }
    assert!(svg.contains("New") && svg.contains("Churned"));
    check("mrr_movements", &svg);
    let lines = [
        LineSeries { name: "MRR".into(), color: ACCENT, values: vec![Some(190.0), Some(140.0), Some(190.0)], target: Some(200.0), secondary: false },
        LineSeries { name: "Customers".into(), color: TEAL, values: vec![Some(3.0), None, Some(3.0)], target: None, secondary: true },
    ];
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 320)).into_drawing_area();
        draw_lines(&area, "MRR and customers", &labels, &lines, |y| format!("{y:.0}")).unwrap();
    }
    // 3 MRR points and 2 customer points (a gap in February).
    assert_eq!(svg.matches("<circle").count(), 5, "{svg}");
    check("mrr_and_customers", &svg);
}

#[test]
fn feature_adoption_bars_draw_one_bar_per_feature() {
    use northstar_charts::draw_bars;
    let bars = vec![("login".to_string(), 1.0), ("export".to_string(), 0.5), ("report".to_string(), 0.25)];
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (480, 260)).into_drawing_area();
        draw_bars(&area, "Feature adoption", &bars, true).unwrap();
    }
    assert!(svg.contains("export") && svg.contains("100%"));
    check("feature_adoption", &svg);
}

#[test]
fn cohort_heatmap_shades_each_cell_and_finds_the_cell_under_the_pointer() {
    use northstar_charts::{draw_heatmap, shade, HeatRow, HeatmapLayout};
    let rows = vec![
        HeatRow { label: "2024-01".into(), size: 40, cells: vec![Some(1.0), Some(0.5), Some(0.25)] },
        HeatRow { label: "2024-02".into(), size: 10, cells: vec![Some(1.0), Some(0.0)] },
        HeatRow { label: "2024-03".into(), size: 5, cells: vec![Some(1.0)] },
    ];
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 240)).into_drawing_area();
        draw_heatmap(&area, "Customer retention by first-order month", "+", &rows).unwrap();
    }
    // Six cells, each in its own shade, plus the eleven steps of the colour scale.
    let fill = |c: RGBColor| format!("fill=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2);
    assert_eq!(svg.matches(&fill(shade(0.5))).count(), 2, "the 0.5 cell and the scale step");
    assert!(svg.contains(&fill(shade(0.25))));
    assert!(svg.contains("2024-01 (40)"));
    let layout = HeatmapLayout::new(640, 240, 3, 3);
    let centre = |r: usize, c: usize| (layout.left + (c as f64 + 0.5) * layout.cell_w, layout.top + (r as f64 + 0.5) * layout.cell_h);
    let (x, y) = centre(1, 2);
    assert_eq!(layout.cell_at(x, y), Some((1, 2)));
    assert_eq!(layout.cell_at(5.0, y), None);
    assert_eq!(layout.cell_at(x, layout.top + 3.5 * layout.cell_h), None);
    check("cohort_heatmap", &svg);
}

#[test]
fn funnel_labels_each_stage_with_its_conversion() {
    use northstar_charts::draw_funnel;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 240)).into_drawing_area();
        let stages = [
            ("Visitors".to_string(), Some(20000.0)),
            ("Sign-ups".to_string(), Some(800.0)),
            ("Trials".to_string(), Some(400.0)),
            ("New customers".to_string(), None),
        ];
        draw_funnel(&area, "Funnel, 2024-03", &stages).unwrap();
    }
    assert!(svg.contains("20000"));
    assert!(svg.contains("800  (4.0 %)"), "{svg}");
    assert!(svg.contains("400  (50.0 %)"));
    assert!(svg.contains("—"));
    check("funnel", &svg);
}
