//! The activities of an event log: which rows are a first response or a resolution (the two
//! activity settings, matched case- and whitespace-insensitively), every distinct activity name
//! with its row count (so the app can offer the file's own names as choices), and the error when a
//! chosen activity matches no row.

use super::settings::TicketIngest;
use crate::format::count_text;
use crate::segment::Interner;

/// At most this many activity names are listed (the most frequent); the rest are only counted.
pub const MAX_LISTED_ACTIVITIES: usize = 500;
/// Distinct names counted one by one; rows of names beyond these are counted together.
const MAX_TRACKED: usize = 10_000;
/// Names quoted in the message of an activity that matches no row.
const NAMES_IN_MESSAGE: usize = 20;

/// What an event-log row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityKind {
    Other,
    FirstResponse,
    Resolution,
}

/// An activity setting: its key, how the messages call it, and the KPIs that need it.
struct Role {
    key: &'static str,
    words: &'static str,
    kpis: &'static [&'static str],
}

const ROLES: [Role; 2] = [
    Role {
        key: "first_response_activity",
        words: "first response activity",
        kpis: &[
            "first_response_time_median",
            "first_response_time_p90",
            "first_response_time_mean",
            "sla_first_response_rate",
            "first_contact_resolution_rate",
        ],
    },
    Role {
        key: "resolution_activity",
        words: "resolution activity",
        kpis: &["backlog", "resolution_time_median", "resolution_time_p90", "resolution_time_mean", "first_contact_resolution_rate"],
    },
];

/// An activity setting that matches no row of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedActivity {
    /// The setting's key (`first_response_activity`, `resolution_activity`).
    pub setting: &'static str,
    /// The value chosen.
    pub value: String,
    /// The KPIs left undefined by it.
    pub kpis: &'static [&'static str],
    /// What is wrong, with the file's activities and their counts.
    pub message: String,
    /// A setting naming an activity the file lacks is an error; one left empty (an export that
    /// records no resolution, as its profile says) only leaves its KPIs undefined.
    pub error: bool,
}

/// The distinct activity names of an event log with their row counts, most frequent first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Activities {
    /// At most [`MAX_LISTED_ACTIVITIES`] names with their row counts, by count (then name).
    pub listed: Vec<(String, u64)>,
    /// Names not listed (at least this many: past 10,000 distinct names new ones are not told apart).
    pub other_names: u64,
    /// Rows whose activity is not listed.
    pub other_rows: u64,
}

impl Activities {
    /// "Take in charge ticket (5,060), Resolve ticket (4,983), …" (the first 20, then how many more).
    pub fn summary(&self) -> String {
        let mut parts: Vec<String> = self.listed.iter().take(NAMES_IN_MESSAGE).map(|(n, c)| format!("{n} ({})", count_text(*c))).collect();
        let more_names = self.listed.len().saturating_sub(NAMES_IN_MESSAGE) as u64 + self.other_names;
        if more_names > 0 {
            let more_rows = self.listed.iter().skip(NAMES_IN_MESSAGE).map(|(_, c)| c).sum::<u64>() + self.other_rows;
            parts.push(format!("and {} more ({} rows)", count_text(more_names), count_text(more_rows)));
        }
        if parts.is_empty() {
            "none".into()
        } else {
            parts.join(", ")
        }
    }
}

/// The form activities are compared in: words separated by one space, lower case.
pub fn normalize(activity: &str) -> String {
    activity.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Counts activities row by row and tells each row's kind.
pub struct ActivityCounter {
    names: Interner,
    counts: Vec<u64>,
    /// Which of the settings (first response, resolution) each name matches.
    matches: Vec<[bool; 2]>,
    /// Rows whose name matches each setting (every row counted, tracked name or not).
    matched: [u64; 2],
    settings: [String; 2],
    untracked_rows: u64,
}

impl ActivityCounter {
    pub fn new(ingest: &TicketIngest) -> ActivityCounter {
        ActivityCounter {
            names: Interner::default(),
            counts: Vec::new(),
            matches: Vec::new(),
            matched: [0; 2],
            settings: [normalize(&ingest.first_response_activity), normalize(&ingest.resolution_activity)],
            untracked_rows: 0,
        }
    }

    fn classify(&self, activity: &str) -> [bool; 2] {
        let n = normalize(activity);
        [n == self.settings[0], n == self.settings[1]]
    }

    /// Counts one row's activity (the cell, trimmed; blank is "(blank)") and says what it is: a
    /// resolution when it matches the resolution setting, else a first response when it matches
    /// that one.
    pub fn row(&mut self, activity: &str) -> ActivityKind {
        let activity = if activity.is_empty() { "(blank)" } else { activity };
        let is = match self.names.find(activity) {
            Some(id) => {
                self.counts[id as usize] += 1;
                self.matches[id as usize]
            }
            None if self.names.len() < MAX_TRACKED => {
                self.names.intern(activity);
                let is = self.classify(activity);
                self.counts.push(1);
                self.matches.push(is);
                is
            }
            None => {
                self.untracked_rows += 1;
                self.classify(activity)
            }
        };
        for (m, hit) in self.matched.iter_mut().zip(is) {
            *m += hit as u64;
        }
        if is[1] {
            ActivityKind::Resolution
        } else if is[0] {
            ActivityKind::FirstResponse
        } else {
            ActivityKind::Other
        }
    }

    /// The names with their counts, and the settings that match no row.
    pub fn finish(self, ingest: &TicketIngest) -> (Activities, Vec<UnmatchedActivity>) {
        let mut all: Vec<(String, u64)> = self.counts.iter().enumerate().map(|(i, &c)| (self.names.get(i as u32).to_string(), c)).collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let rest = all.split_off(all.len().min(MAX_LISTED_ACTIVITIES));
        let activities = Activities { listed: all, other_names: rest.len() as u64, other_rows: rest.iter().map(|(_, c)| c).sum::<u64>() + self.untracked_rows };
        let values = [&ingest.first_response_activity, &ingest.resolution_activity];
        let unmatched = ROLES
            .iter()
            .zip(values)
            .zip(self.matched)
            .filter(|(_, matched)| *matched == 0)
            .map(|((role, value), _)| UnmatchedActivity {
                setting: role.key,
                value: value.clone(),
                kpis: role.kpis,
                error: !value.trim().is_empty(),
                message: if value.trim().is_empty() {
                    format!(
                        "the file records no {}, so {} are undefined",
                        role.words.trim_end_matches(" activity"),
                        if role.key == "resolution_activity" {
                            "the backlog, resolution times and first-contact resolution"
                        } else {
                            "first response times, the SLA rate and first-contact resolution"
                        }
                    )
                } else {
                    format!(
                        "{} '{}' matches no row, so {} are undefined; the file's activities are {} (set tickets.{} to one of them)",
                        role.words,
                        value,
                        if role.key == "resolution_activity" {
                            "the backlog, resolution times and first-contact resolution"
                        } else {
                            "first response times, the SLA rate and first-contact resolution"
                        },
                        activities.summary(),
                        role.key
                    )
                },
            })
            .collect();
        (activities, unmatched)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_ignoring_case_and_spacing_and_counts_every_name() {
        let ingest = TicketIngest { first_response_activity: "take in  charge ".into(), resolution_activity: "RESOLVE ticket".into(), ..Default::default() };
        let mut c = ActivityCounter::new(&ingest);
        let rows = ["Take in charge ticket", "Take in charge", "Resolve  ticket", "resolve ticket", "Wait", "", "Wait", "Wait"];
        let kinds: Vec<ActivityKind> = rows.iter().map(|r| c.row(r)).collect();
        use ActivityKind::*;
        assert_eq!(kinds, [Other, FirstResponse, Resolution, Resolution, Other, Other, Other, Other]);
        let (a, unmatched) = c.finish(&ingest);
        // Wait ×3; the rest once each, by name (byte order: "(" < "R" < "T" < "r").
        let want: Vec<(String, u64)> =
            [("Wait", 3), ("(blank)", 1), ("Resolve  ticket", 1), ("Take in charge", 1), ("Take in charge ticket", 1), ("resolve ticket", 1)]
                .iter()
                .map(|(n, c)| (n.to_string(), *c))
                .collect();
        assert_eq!(a.listed, want);
        assert!(unmatched.is_empty());
    }

    #[test]
    fn an_activity_that_matches_no_row_is_reported_with_the_names() {
        let ingest = TicketIngest { resolution_activity: "Resolve tiket".into(), ..Default::default() };
        let mut c = ActivityCounter::new(&ingest);
        for r in ["Take in charge ticket", "Resolve ticket", "Take in charge ticket"] {
            c.row(r);
        }
        let (_, unmatched) = c.finish(&ingest);
        assert_eq!(unmatched.len(), 1);
        assert_eq!(unmatched[0].setting, "resolution_activity");
        assert!(unmatched[0].kpis.contains(&"backlog"));
        assert_eq!(
            unmatched[0].message,
            "resolution activity 'Resolve tiket' matches no row, so the backlog, resolution times and first-contact resolution are undefined; \
             the file's activities are Take in charge ticket (2), Resolve ticket (1) (set tickets.resolution_activity to one of them)"
        );
    }

    #[test]
    fn one_name_for_both_settings_matches_both() {
        let ingest = TicketIngest { first_response_activity: "Done".into(), resolution_activity: "done".into(), ..Default::default() };
        let mut c = ActivityCounter::new(&ingest);
        c.row("Done");
        assert!(c.finish(&ingest).1.is_empty());
    }

    #[test]
    fn past_500_names_the_least_frequent_are_counted_together() {
        let ingest = TicketIngest::default();
        let mut c = ActivityCounter::new(&ingest);
        // a0..a599 once each, then a0..a9 once more: 610 rows, 600 names.
        for i in (0..600).chain(0..10) {
            c.row(&format!("a{i}"));
        }
        let (a, unmatched) = c.finish(&ingest);
        assert_eq!(a.listed.len(), 500);
        assert_eq!((a.listed[0].1, a.listed[9].1, a.listed[10].1), (2, 2, 1));
        assert_eq!((a.other_names, a.other_rows), (100, 100));
        assert_eq!(a.listed.iter().map(|(_, c)| c).sum::<u64>() + a.other_rows, 610);
        assert_eq!(unmatched.len(), 2);
    }
}
