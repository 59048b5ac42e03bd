//! Pages: each composes components for one source.
pub mod product;
pub mod revenue;
pub mod support;
pub mod surveys;
