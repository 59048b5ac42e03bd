//! The accounts settings: only how rows are read (the day/month order of the `acquired` dates); the
//! accounts KPIs have no parameter.

use crate::source::SourceSettings;

/// Settings that change how account rows are read: the day/month order of the `acquired` dates.
pub type AccountIngest = crate::source::DateOrderOnly;

/// The persisted accounts settings (no KPI settings: the accounts KPIs have no parameter).
pub type AccountSettings = SourceSettings<AccountIngest, ()>;
