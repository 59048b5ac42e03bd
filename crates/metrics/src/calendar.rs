//! Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01).
//! Pure integer maths (Howard Hinnant's civil-date algorithms); no clock, no time zones.

/// Days since 1970-01-01 for a civil date. `month` is 1..=12, `day` 1..=31 (not validated here).
pub const fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (month as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day number.
pub fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// True when (year, month, day) names a real calendar day.
pub fn is_valid_date(year: i32, month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// ISO weekday, Monday = 1 … Sunday = 7.
pub fn iso_weekday(days: i32) -> u32 {
    // 1970-01-01 was a Thursday (4).
    ((days.rem_euclid(7) + 3) % 7 + 1) as u32
}

/// ISO 8601 week-numbering year and week (1..=53) of a day.
pub fn iso_week(days: i32) -> (i32, u32) {
    let thursday = days - iso_weekday(days) as i32 + 4;
    let (year, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
    (year, week as u32)
}

/// Monday of ISO week `week` of ISO year `year`.
pub fn iso_week_start(year: i32, week: u32) -> i32 {
    let jan4 = days_from_civil(year, 1, 4);
    let week1_monday = jan4 - (iso_weekday(jan4) as i32 - 1);
    week1_monday + (week as i32 - 1) * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_civil_dates() {
        for d in -800_000..800_000 {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }

    #[test]
    fn iso_weeks_match_the_calendar() {
        // 2021-01-03 is a Sunday in week 53 of 2020; 2024-12-30 is in week 1 of 2025.
        assert_eq!(iso_week(days_from_civil(2021, 1, 3)), (2020, 53));
        assert_eq!(iso_week(days_from_civil(2021, 1, 4)), (2021, 1));
        assert_eq!(iso_week(days_from_civil(2024, 12, 30)), (2025, 1));
        assert_eq!(iso_week(days_from_civil(2024, 2, 29)), (2024, 9));
        assert_eq!(iso_week_start(2024, 9), days_from_civil(2024, 2, 26));
        assert_eq!(iso_weekday(days_from_civil(2026, 11, 22)), 7);
    }
}
