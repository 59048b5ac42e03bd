//! Cell-level parsing: numbers and money, dates and timestamps.
pub mod datetime;
pub mod number;

pub use datetime::{parse_stamp, DateOrder, OrderDecision, OrderEvidence, RawStamp, Stamp};
pub use number::{parse_number, NumberStyle, ParsedNumber};
