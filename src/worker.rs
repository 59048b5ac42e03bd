//! The engine's Web Worker (built by Trunk as `northstar-worker`): every file is read and every KPI
//! computed here, off the page's thread.
fn main() {
    console_error_panic_hook::set_once();
    northstar::browser::worker_host::run();
}
