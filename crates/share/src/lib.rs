//! Sharing Northstar's dashboard: the share link (settings and, if asked, aggregated results in the
//! URL fragment) and the exports of KPI tables (CSV) and results (JSON).
//!
//! Invariants: pure and IO-free (no browser, no clock: the caller gives the date), builds for
//! `wasm32-unknown-unknown`; [`decode`] takes any string and never panics; a link holds KPI
//! values only, never rows or anything about one customer ([`ResultsBuilder`]).
//!
//! ```
//! use northstar_share::{decode, encode_fitting, ResultsBuilder};
//! use serde_json::json;
//!
//! let settings = json!({"version": 3, "page": "revenue"});
//! let (results, _left_out) = ResultsBuilder::new("2026-11-30", ["subscriptions.csv"]).build();
//! let link = encode_fitting(settings.clone(), Some(results)).unwrap();
//! assert!(link.fragment.starts_with("s=2.") && !link.dropped_results);
//! // The page's address + "#" + link.fragment; on the other side, location.hash:
//! let opened = decode(&format!("#{}", link.fragment)).unwrap();
//! assert_eq!(opened.settings, settings);
//! assert_eq!(opened.results.unwrap().made_at(), "2026-11-30");
//! ```

pub mod csv_export;
pub mod json_export;
pub mod limits;
pub mod link;
pub mod payload;
pub mod redact;

pub use csv_export::{kpi_table_csv, Cell};
pub use json_export::results_json;
pub use link::{decode, encode, encode_fitting, EncodeError, Encoded, LinkError, FORMAT_VERSION};
pub use payload::{GoalStatus, SharePayload, SharedGoal, SharedKpi, SharedPage, SharedResults};
pub use redact::{looks_identifying, LeftOut, ResultsBuilder};
