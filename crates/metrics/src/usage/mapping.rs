//! Column roles of the `usage` source: `user`, `customer`, `timestamp`, `duration`, `feature`,
//! `units`, `entitlement`.

use crate::ingest::headers::ColumnPicker;
use crate::ingest::Sniff;
pub use crate::mapping::RoleMapping;

crate::role_mapping!(
    /// Where the usage columns are.
    UsageMapping { user, customer, timestamp, duration, feature, units, entitlement }
);

const USER: [&str; 7] = ["user id", "user_id", "user", "userid", "distinct_id", "person", "member id"];
const CUSTOMER: [&str; 8] = ["customer id", "customer", "account id", "account", "company", "organization", "org id", "workspace"];
const TIMESTAMP: [&str; 9] = ["timestamp", "time", "event time", "date", "occurred at", "created at", "session start", "started at", "day"];
const DURATION: [&str; 7] = ["session duration", "duration", "session length", "duration_minutes", "duration (min)", "session minutes", "duration_seconds"];
const FEATURE: [&str; 6] = ["feature", "event", "event name", "action", "event_name", "feature name"];
const UNITS: [&str; 5] = ["units", "quantity", "usage", "consumed", "units consumed"];
const ENTITLEMENT: [&str; 4] = ["entitlement", "entitled", "units entitled", "quota"];

/// Guesses the mapping of a usage file from its header.
pub fn infer_usage_mapping(sniff: &Sniff) -> UsageMapping {
    let mut p = ColumnPicker::new(sniff.column_names());
    UsageMapping {
        user: p.pick(&USER),
        customer: p.pick(&CUSTOMER),
        duration: p.pick(&DURATION),
        timestamp: p.pick(&TIMESTAMP),
        feature: p.pick(&FEATURE),
        entitlement: p.pick(&ENTITLEMENT),
        units: p.pick(&UNITS),
    }
}
