//! Saving what the page made (a CSV table, the results as JSON, a chart as PNG) as a download:
//! a Blob or data URL behind a temporary link, nothing sent anywhere.

use wasm_bindgen::JsCast;

/// Offers `url` (a data or object URL) as the file `name`.
fn offer(name: &str, url: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(a) = doc.create_element("a") else { return };
    let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() else { return };
    a.set_href(url);
    a.set_download(name);
    a.click();
}

/// Saves `text` as the file `name` of type `mime`.
pub fn save_text(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    offer(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Saves the canvas `data-chart=chart` as `chart.png`.
pub fn save_chart_png(chart: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(Some(el)) = doc.query_selector(&format!("canvas[data-chart='{chart}']")) else { return };
    let Ok(canvas) = el.dyn_into::<web_sys::HtmlCanvasElement>() else { return };
    if let Ok(url) = canvas.to_data_url() {
        offer(&format!("{chart}.png"), &url);
    }
}

/// Opens the browser's print dialog (the print stylesheet makes the shown page a report).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Today on this device, `YYYY-MM-DD` (for file names and a shared link's date).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    northstar_metrics::format::day(northstar_metrics::calendar::days_from_civil(d.get_full_year() as i32, d.get_month() + 1, d.get_date()))
}
