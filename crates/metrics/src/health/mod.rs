//! Customer 360 (spec §7): every loaded source joined to the billing customers ([`book`]), a
//! health score per customer as of the end of each month ([`score`]), the band counts and MRR at
//! risk, and the back-test of the score against the churn that followed ([`backtest`]).
//!
//! Definitions, in short (each module opens with the full one):
//! - `health_score`: per customer, 0-100, the weighted mean of the components that have data,
//!   never using data dated after the day scored;
//! - `accounts_red`, `accounts_yellow`, `accounts_green`: active customers in each band at the
//!   end of the month, the thresholds calibrated on the back-test ([`calibrate`]) or set;
//! - `mrr_at_risk`: the MRR of the red customers at the end of the month;
//! - `health_auc`, `health_top_decile_lift`: the back-test against churn within the next 3 months
//!   (a setting).

pub mod backtest;
pub mod book;
pub mod calibrate;
pub mod kpis;
pub mod risk;
pub mod score;
pub mod settings;

pub mod timeline;

pub use crate::signals::Signals;
pub use book::{Book, Customer};
pub use calibrate::{Basis, Calibration};
pub use kpis::{assess, history, Assessment, MonthHealth, ScoreGroup, DEFS};
pub use score::{score_all, score_customer, Band, Component, Scored};
pub use settings::HealthSettings;

/// The day the per-customer list is scored at: the setting, else the data's last day.
pub fn as_of(book: &Book, settings: &HealthSettings) -> Option<i32> {
    settings.as_of.or(book.last_day)
}

/// Every customer active at the end of `day`, scored and banded by `bands` (lowest score first,
/// the unscored last): a month's list, worked out when it is shown.
pub fn banded_list(book: &Book, day: i32, settings: &HealthSettings, bands: &Calibration) -> Vec<Scored> {
    let mut scored = score_all(book, day, settings);
    calibrate::band_day(&mut scored, bands);
    scored
}
