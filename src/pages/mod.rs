//! Pages: each composes components for one area of the work.
pub mod acquisition;
pub mod customers;
pub mod health;
pub mod orders;
pub mod product;
pub mod revenue;
pub mod scorecard;
pub mod support;
pub mod surveys;
