//! Pages: each composes components for one source.
pub mod surveys;
