//! northstar-share's integration tests: decoding any input never panics, valid payloads round-trip,
//! and the demos' results make links that fit and hold no row value.

mod demos;
mod fuzz;
