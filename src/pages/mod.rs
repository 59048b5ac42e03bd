//! Pages: each composes components for one area of the work.
pub mod acquisition;
pub mod orders;
pub mod product;
pub mod revenue;
pub mod scorecard;
pub mod support;
pub mod surveys;
