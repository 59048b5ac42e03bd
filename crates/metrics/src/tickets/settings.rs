//! Ticket settings: the SLA target, the first-contact-resolution rule, the repeat-contact window,
//! and for event logs which activities mean first response and resolution.

use crate::issue::FatalError;
use crate::parse::DateOrder;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ResolutionEvent {
    /// The first resolution event of a ticket.
    First,
    /// The last one (a reopened ticket is resolved when it is finally resolved).
    #[default]
    Last,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketSettings {
    /// First-response SLA target in hours (default 24).
    pub sla_hours: f64,
    /// First contact resolution: at most this many agent replies (default 1)…
    pub fcr_max_replies: u32,
    /// …and at most this many reopens (default 0).
    pub fcr_max_reopens: u32,
    /// Repeat contact: another ticket of the same customer within this many days before (default 7).
    pub repeat_window_days: u32,
    /// Event logs: the activity that is the first response.
    pub first_response_activity: String,
    /// Event logs: the activity that is a resolution.
    pub resolution_activity: String,
    pub resolution_event: ResolutionEvent,
    pub date_order: DateOrder,
}

impl Default for TicketSettings {
    fn default() -> Self {
        TicketSettings {
            sla_hours: 24.0,
            fcr_max_replies: 1,
            fcr_max_reopens: 0,
            repeat_window_days: 7,
            first_response_activity: "Take in charge ticket".into(),
            resolution_activity: "Resolve ticket".into(),
            resolution_event: ResolutionEvent::Last,
            date_order: DateOrder::Auto,
        }
    }
}

pub const SETTING_KEYS: [&str; 8] =
    ["sla_hours", "fcr_max_replies", "fcr_max_reopens", "repeat_window_days", "first_response_activity", "resolution_activity", "resolution_event", "date_order"];

impl TicketSettings {
    /// Applies one `--set tickets.KEY=VALUE` (prefix removed).
    pub fn apply(&mut self, key: &str, value: &str) -> Result<(), FatalError> {
        let bad = |reason: &str| FatalError::BadSetting { key: format!("tickets.{key}"), value: value.into(), reason: reason.into() };
        let count = || value.trim().parse::<u32>().map_err(|_| bad("expected a whole number"));
        match key {
            "sla_hours" => {
                let h: f64 = value.trim().parse().map_err(|_| bad("expected hours"))?;
                if !(h > 0.0 && h.is_finite()) {
                    return Err(bad("expected a positive number of hours"));
                }
                self.sla_hours = h;
            }
            "fcr_max_replies" => self.fcr_max_replies = count()?,
            "fcr_max_reopens" => self.fcr_max_reopens = count()?,
            "repeat_window_days" => self.repeat_window_days = count()?,
            "first_response_activity" => self.first_response_activity = value.trim().into(),
            "resolution_activity" => self.resolution_activity = value.trim().into(),
            "resolution_event" => {
                self.resolution_event = match value.trim().to_lowercase().as_str() {
                    "first" => ResolutionEvent::First,
                    "last" => ResolutionEvent::Last,
                    _ => return Err(bad("expected first or last")),
                }
            }
            "date_order" => self.date_order = DateOrder::parse_setting(value).ok_or_else(|| bad("expected auto, mdy or dmy"))?,
            _ => {
                return Err(FatalError::UnknownSetting {
                    key: format!("tickets.{key}"),
                    known: SETTING_KEYS.iter().map(|k| format!("tickets.{k}")).collect(),
                })
            }
        }
        Ok(())
    }
}
