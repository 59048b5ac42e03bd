//! The only code that touches the browser (web-sys, localStorage, files, canvas, the worker).
pub mod all_drop;
pub mod canvas;
pub mod chart_backend;
pub mod chart_canvas;
pub mod deferred;
pub mod download;
pub mod file_drop;
pub mod files;
pub mod locale;
pub mod scroll;
pub mod share_link;
pub mod storage;
pub mod theme;
pub mod worker_client;
pub mod worker_host;
pub mod worker_input;
