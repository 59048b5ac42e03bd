//! Ticket settings. Ingest ([`TicketIngest`]): for event logs which activities mean first response
//! and resolution and which resolution counts, and the day/month order, all of which change how rows
//! are read or folded. KPIs ([`TicketKpi`]): the SLA target, the first-contact-resolution rule and
//! the repeat-contact window, which change only the arithmetic.

use crate::parse::DateOrder;
use crate::source::{SettingsPart, SourceSettings};
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

/// Settings that change how a tickets file is read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketIngest {
    /// Event logs: the activity that is the first response. Activities match ignoring case and
    /// spacing ("take in  charge ticket " is "Take in charge ticket"); one that matches no row of
    /// the file is an error issue and leaves the first-response KPIs undefined. The file's own
    /// names are offered by `TicketData::activities` (and `Loaded::choices`).
    pub first_response_activity: String,
    /// Event logs: the activity that is a resolution, matched as `first_response_activity` is; one
    /// that matches no row is an error and leaves the backlog and resolution KPIs undefined.
    pub resolution_activity: String,
    /// Event logs: which resolution of a reopened ticket is its resolution.
    pub resolution_event: ResolutionEvent,
    pub date_order: DateOrder,
}

impl Default for TicketIngest {
    fn default() -> Self {
        TicketIngest {
            first_response_activity: "Take in charge ticket".into(),
            resolution_activity: "Resolve ticket".into(),
            resolution_event: ResolutionEvent::Last,
            date_order: DateOrder::Auto,
        }
    }
}

/// Settings that change only the ticket KPIs' arithmetic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketKpi {
    /// First-response SLA target in hours (default 24).
    pub sla_hours: f64,
    /// First contact resolution: at most this many agent replies (default 1)…
    pub fcr_max_replies: u32,
    /// …and at most this many reopens (default 0).
    pub fcr_max_reopens: u32,
    /// Repeat contact: another ticket of the same customer within this many days before (default 7).
    pub repeat_window_days: u32,
}

impl Default for TicketKpi {
    fn default() -> Self {
        TicketKpi { sla_hours: 24.0, fcr_max_replies: 1, fcr_max_reopens: 0, repeat_window_days: 7 }
    }
}

/// Both halves, saved as one flat JSON object.
pub type TicketSettings = SourceSettings<TicketIngest, TicketKpi>;

impl SettingsPart for TicketIngest {
    const KEYS: &'static [&'static str] = &["first_response_activity", "resolution_activity", "resolution_event", "date_order"];

    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "first_response_activity" => self.first_response_activity = value.trim().into(),
            "resolution_activity" => self.resolution_activity = value.trim().into(),
            "resolution_event" => {
                self.resolution_event = match value.trim().to_lowercase().as_str() {
                    "first" => ResolutionEvent::First,
                    "last" => ResolutionEvent::Last,
                    _ => return Err("expected first or last".into()),
                }
            }
            "date_order" => self.date_order = DateOrder::parse_setting(value)?,
            _ => return Err("no such setting".into()),
        }
        Ok(())
    }
}

impl SettingsPart for TicketKpi {
    const KEYS: &'static [&'static str] = &["sla_hours", "fcr_max_replies", "fcr_max_reopens", "repeat_window_days"];

    fn apply(&mut self, key: &str, value: &str) -> Result<(), String> {
        let count = || value.trim().parse::<u32>().map_err(|_| "expected a whole number".to_string());
        match key {
            "sla_hours" => {
                let h: f64 = value.trim().parse().map_err(|_| "expected hours")?;
                if !(h > 0.0 && h.is_finite()) {
                    return Err("expected a positive number of hours".into());
                }
                self.sla_hours = h;
            }
            "fcr_max_replies" => self.fcr_max_replies = count()?,
            "fcr_max_reopens" => self.fcr_max_reopens = count()?,
            "repeat_window_days" => self.repeat_window_days = count()?,
            _ => return Err("no such setting".into()),
        }
        Ok(())
    }
    fn assumptions(&self, style: &crate::format::Style) -> Vec<crate::source::Assumption> {
        let d = TicketKpi::default();
        vec![
            crate::source::Assumption::new(
                "sla_first_response_rate",
                format!("SLA: first response within {} h", style.short(self.sla_hours)),
                self.sla_hours == d.sla_hours,
            ),
            crate::source::Assumption::new(
                "first_contact_resolution_rate",
                format!(
                    "Resolved with at most {} agent replies and {} reopens",
                    style.count(self.fcr_max_replies.into()),
                    style.count(self.fcr_max_reopens.into())
                ),
                (self.fcr_max_replies, self.fcr_max_reopens) == (d.fcr_max_replies, d.fcr_max_reopens),
            ),
            crate::source::Assumption::new(
                "repeat_contact_rate",
                format!("Repeat: another ticket within {} days", style.short(self.repeat_window_days.into())),
                self.repeat_window_days == d.repeat_window_days,
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::issue::FatalError;

    #[test]
    fn the_flat_json_saved_before_the_split_reads_into_both_halves_and_saves_flat_again() {
        // A TicketSettings as saved before the split: one flat object.
        let old = r#"{"sla_hours":8.0,"fcr_max_replies":2,"fcr_max_reopens":1,"repeat_window_days":14,
            "first_response_activity":"Assign","resolution_activity":"Close","resolution_event":"first","date_order":"dmy"}"#;
        let s: TicketSettings = serde_json::from_str(old).unwrap();
        let ingest = TicketIngest {
            first_response_activity: "Assign".into(),
            resolution_activity: "Close".into(),
            resolution_event: ResolutionEvent::First,
            date_order: DateOrder::Dmy,
        };
        assert_eq!(s, TicketSettings { ingest, kpi: TicketKpi { sla_hours: 8.0, fcr_max_replies: 2, fcr_max_reopens: 1, repeat_window_days: 14 } });
        let back: serde_json::Value = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, serde_json::from_str::<serde_json::Value>(old).unwrap());
        // Missing keys take their defaults, in either half.
        let partial: TicketSettings = serde_json::from_str(r#"{"sla_hours":4.0,"date_order":"mdy"}"#).unwrap();
        assert_eq!((partial.kpi.sla_hours, partial.kpi.repeat_window_days), (4.0, 7));
        assert_eq!((partial.ingest.date_order, partial.ingest.resolution_activity.as_str()), (DateOrder::Mdy, "Resolve ticket"));
    }

    #[test]
    fn settings_go_to_their_half_and_bad_ones_are_refused_with_the_tickets_prefix() {
        let mut s = TicketSettings::default();
        s.apply(crate::source::SourceId::Tickets, "sla_hours", "8").unwrap();
        s.apply(crate::source::SourceId::Tickets, "resolution_event", "First").unwrap();
        assert_eq!((s.kpi.sla_hours, s.ingest.resolution_event), (8.0, ResolutionEvent::First));
        let err = s.apply(crate::source::SourceId::Tickets, "sla_hours", "-1").unwrap_err();
        assert_eq!(err, FatalError::BadSetting { key: "tickets.sla_hours".into(), value: "-1".into(), reason: "expected a positive number of hours".into() });
        match s.apply(crate::source::SourceId::Tickets, "sla", "8").unwrap_err() {
            FatalError::UnknownSetting { key, known } => {
                assert_eq!(key, "tickets.sla");
                assert_eq!(known.len(), 8);
                assert!(known.contains(&"tickets.repeat_window_days".to_string()) && known.contains(&"tickets.date_order".to_string()));
            }
            e => panic!("{e:?}"),
        }
    }
}
