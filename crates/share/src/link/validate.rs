//! What a valid payload is, checked on every link read and every link made (so that what
//! [`crate::encode`] makes, [`crate::decode`] reads). A failure names where: `results.pages[1].kpis[3].segment: …`.

use crate::limits::*;
use crate::payload::{SharePayload, SharedResults};

pub fn validate(p: &SharePayload) -> Result<(), String> {
    if !p.settings.is_object() {
        return Err("settings: not a JSON object".into());
    }
    match &p.results {
        Some(r) => validate_results(r),
        None => Ok(()),
    }
}

fn validate_results(r: &SharedResults) -> Result<(), String> {
    check_made_at(&r.made_at)?;
    if r.files.len() > MAX_FILES {
        return Err(format!("results.files: {} file names, more than {MAX_FILES}", r.files.len()));
    }
    for (i, f) in r.files.iter().enumerate() {
        if f.trim().is_empty() || f.chars().count() > MAX_FILE_CHARS {
            return Err(format!("results.files[{i}]: a file name must have 1 to {MAX_FILE_CHARS} characters"));
        }
    }
    if r.pages.len() > MAX_PAGES {
        return Err(format!("results.pages: {} pages, more than {MAX_PAGES}", r.pages.len()));
    }
    let values = r.value_count();
    if values > MAX_VALUES {
        return Err(format!("results: {values} values, more than {MAX_VALUES}"));
    }
    for (i, page) in r.pages.iter().enumerate() {
        check_name(&format!("results.pages[{i}].page"), &page.page)?;
        if r.pages[..i].iter().any(|p| p.page == page.page) {
            return Err(format!("results.pages[{i}].page: {} appears twice", page.page));
        }
        for (j, k) in page.kpis.iter().enumerate() {
            let at = format!("results.pages[{i}].kpis[{j}]");
            check_name(&format!("{at}.id"), &k.id)?;
            check_name(&format!("{at}.source"), &k.source)?;
            check_period(&format!("{at}.period"), &k.period)?;
            if let Some(segment) = &k.segment {
                check_segment(&format!("{at}.segment"), segment)?;
            }
            if k.value.is_some_and(|v| !v.is_finite()) {
                return Err(format!("{at}.value: not a finite number"));
            }
        }
    }
    if r.goals.len() > MAX_GOALS {
        return Err(format!("results.goals: {} goals, more than {MAX_GOALS}", r.goals.len()));
    }
    for (i, g) in r.goals.iter().enumerate() {
        let at = format!("results.goals[{i}]");
        check_goal_key(&format!("{at}.key"), &g.key)?;
        check_period(&format!("{at}.period"), &g.period)?;
        if r.goals[..i].iter().any(|o| o.key == g.key) {
            return Err(format!("{at}.key: {} appears twice", g.key));
        }
        if !g.target.is_finite() || g.value.is_some_and(|v| !v.is_finite()) {
            return Err(format!("{at}: not a finite number"));
        }
    }
    Ok(())
}

/// A goal's key: a KPI id, optionally followed by `.` and a survey kind, each a name
/// (see [`check_name`]), at most [`MAX_GOAL_KEY_CHARS`] in all.
pub fn check_goal_key(at: &str, key: &str) -> Result<(), String> {
    let parts: Vec<&str> = key.split('.').collect();
    let ok = key.len() <= MAX_GOAL_KEY_CHARS && parts.len() <= 2 && parts.iter().all(|p| check_name(at, p).is_ok());
    if ok {
        Ok(())
    } else {
        Err(format!("{at}: a goal's key is a KPI id, optionally with '.' and a survey kind"))
    }
}

/// A page name, KPI id or source name: 1 to [`MAX_NAME_CHARS`] of `[A-Za-z0-9_-]`.
pub fn check_name(at: &str, name: &str) -> Result<(), String> {
    let ok = !name.is_empty() && name.len() <= MAX_NAME_CHARS && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(format!("{at}: a name must have 1 to {MAX_NAME_CHARS} letters, digits, '_' or '-'"))
    }
}

/// A period label: 1 to [`MAX_PERIOD_CHARS`] of `[A-Za-z0-9_.:-]`.
pub fn check_period(at: &str, period: &str) -> Result<(), String> {
    let ok = !period.is_empty() && period.len() <= MAX_PERIOD_CHARS && period.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.:-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(format!("{at}: a period must have 1 to {MAX_PERIOD_CHARS} letters, digits, '_', '.', ':' or '-'"))
    }
}

/// A segment value: any text of 1 to [`MAX_SEGMENT_CHARS`] characters.
pub fn check_segment(at: &str, segment: &str) -> Result<(), String> {
    if segment.is_empty() || segment.chars().count() > MAX_SEGMENT_CHARS {
        return Err(format!("{at}: a segment must have 1 to {MAX_SEGMENT_CHARS} characters"));
    }
    Ok(())
}

/// `YYYY-MM-DD`, optionally followed by `T` and a time with its offset (`14:05:09.123Z`,
/// `14:05+01:00`): digits and `:.+-Z` only.
pub fn check_made_at(made_at: &str) -> Result<(), String> {
    let bad = || Err(format!("results.made_at: not an ISO 8601 date such as 2026-11-30 (at most {MAX_MADE_AT_CHARS} characters)"));
    let b = made_at.as_bytes();
    if b.len() < 10 || b.len() > MAX_MADE_AT_CHARS {
        return bad();
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return bad();
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return bad();
    }
    match &b[10..] {
        [] => Ok(()),
        [b'T', time @ ..] if time.len() >= 5 && time.iter().all(|c| c.is_ascii_digit() || b":.+-Z".contains(c)) => Ok(()),
        _ => bad(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_at() {
        for ok in ["2026-11-30", "2026-11-30T14:05:09.123Z", "2026-01-01T00:00+01:00"] {
            assert_eq!(check_made_at(ok), Ok(()), "{ok}");
        }
        for bad in ["", "2026-11-3", "2026-13-01", "2026-11-00", "30/11/2026", "2026-11-30 14:05", "2026-11-30T<b>", "2026-11-30T1", "２026-11-30"] {
            assert!(check_made_at(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_and_periods() {
        assert_eq!(check_name("x", "mrr_growth-2"), Ok(()));
        assert!(check_name("x", "").is_err());
        assert!(check_name("x", "<script>").is_err());
        assert!(check_name("x", &"a".repeat(65)).is_err());
        for ok in ["2024-01", "2024-W05", "2024-Q1", "2024", "all", "2024-01-31"] {
            assert_eq!(check_period("p", ok), Ok(()));
        }
        assert_eq!(check_period("p", "2024 01"), Err("p: a period must have 1 to 32 letters, digits, '_', '.', ':' or '-'".into()));
    }
}
