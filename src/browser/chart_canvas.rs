//! One chart on a `<canvas>`: a model (a Memo or any signal) and a drawing function of
//! `northstar_charts`. Drawing is an effect, since the canvas is the outside world; it runs when
//! the model changes, each chart in a task of its own (a page of charts drawn in one task could
//! block the page for over 50 ms), and only the latest model is drawn. Optionally reports the pointer position over the canvas (in canvas pixels),
//! for charts that show values on hover.

use super::canvas::{draw_on, svg_of};
use super::deferred::deferred;
use leptos::ev::MouseEvent;
use leptos::html::Canvas;
use leptos::prelude::*;
use northstar_view::models::plotted::Plotted;
use plotters::prelude::WHITE;

pub use super::canvas::Area;

#[component]
pub fn ChartCanvas<M, E, F>(
    #[prop(into)] model: Signal<M>,
    draw: F,
    width: u32,
    height: u32,
    /// The `data-chart` name.
    chart: &'static str,
    /// What the chart shows, for screen readers.
    label: &'static str,
    /// Why there is nothing to draw, shown instead of the chart when its model is empty.
    #[prop(into)]
    why_empty: Signal<String>,
    /// Pointer position over the canvas in canvas pixels; none when it leaves.
    #[prop(optional, into)]
    on_hover: Option<Callback<Option<(f64, f64)>>>,
) -> impl IntoView
where
    M: Plotted + Clone + Send + Sync + 'static,
    E: std::fmt::Debug + 'static,
    F: Fn(&Area<'_>, &M) -> Result<(), E> + Send + Sync + 'static,
{
    let node = NodeRef::<Canvas>::new();
    let draw = std::sync::Arc::new(draw);
    let draw_svg = draw.clone();
    // The same drawing code again, into an SVG document, for the file.
    let save_svg = move |_| {
        let Some(c) = node.get_untracked() else { return };
        if let Some(svg) = model.with_untracked(|m| svg_of(c, |a| draw_svg(a, m))) {
            crate::browser::download::save_text(&format!("{chart}.svg"), "image/svg+xml", &svg);
        }
    };
    // The data table is built only while it is open.
    let table_open = RwSignal::new(false);
    let shown = deferred(model);
    let empty = Memo::new(move |_| !model.with(Plotted::has_data));
    Effect::new(move |_| {
        let m = shown.get();
        if let Some(c) = node.get() {
            if m.has_data() {
                draw_on(c, |a| draw(a, &m));
            } else {
                // Nothing stale stays behind the empty state.
                draw_on(c, |a| a.fill(&WHITE));
            }
        }
    });
    let hover = move |ev: MouseEvent| {
        let (Some(cb), Some(c)) = (on_hover, node.get_untracked()) else { return };
        // offsetX/Y are CSS pixels; the canvas may be drawn scaled to fit its box.
        let scale = if c.client_width() > 0 { c.width() as f64 / c.client_width() as f64 } else { 1.0 };
        cb.run(Some((ev.offset_x() as f64 * scale, ev.offset_y() as f64 * scale)));
    };
    let leave = move |_| {
        if let Some(cb) = on_hover {
            cb.run(None)
        }
    };
    view! {
        <div class="chart-box">
            <canvas node_ref=node width=width height=height data-chart=chart role="img" aria-label=label hidden=move || empty.get() on:mousemove=hover on:mouseleave=leave></canvas>
            {move || empty.get().then(|| view! {
                <div class="chart-empty" data-chart-empty=chart style:aspect-ratio=format!("{width} / {height}")>
                    <p>{label} ": " {move || why_empty.get()}</p>
                </div>
            })}
            <details class="chart-data" hidden=move || empty.get() data-chart-table=chart on:toggle=move |ev| {
                let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                table_open.set(open);
            }>
                <summary>"Data table"</summary>
                {move || table_open.get().then(|| {
                    let t = model.with(Plotted::table);
                    view! {
                        <table>
                            <caption class="visually-hidden">{label}</caption>
                            <thead><tr>{t.headings.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                            <tbody>{t.rows.into_iter().map(|r| view! { <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> }).collect_view()}</tbody>
                        </table>
                    }
                })}
            </details>
            <span class="chart-save" hidden=move || empty.get()>
                <button class="link" data-action="save-chart" data-save-chart=chart aria-label=format!("Save the chart '{label}' as PNG") on:click=move |_| crate::browser::download::save_chart_png(chart)>"PNG"</button>
                " "
                <button class="link" data-action="save-chart-svg" data-save-chart=chart aria-label=format!("Save the chart '{label}' as SVG") on:click=save_svg>"SVG"</button>
            </span>
        </div>
    }
}
