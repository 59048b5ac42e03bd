//! The only code that touches the browser (web-sys, localStorage, files, canvas).
pub mod canvas;
pub mod chart_canvas;
pub mod file_drop;
pub mod files;
pub mod storage;
