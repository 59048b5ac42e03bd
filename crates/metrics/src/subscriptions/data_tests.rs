//! Unit tests of `data.rs`.
use super::*;
use crate::calendar::days_from_civil;

#[test]
fn reads_german_french_and_spanish_intervals() {
    for (text, interval) in [
        ("monatlich", Interval::Months(1)),
        ("Monat", Interval::Months(1)),
        ("jährlich", Interval::Months(12)),
        ("Jahr", Interval::Months(12)),
        ("Quartal", Interval::Months(3)),
        ("wöchentlich", Interval::Days(7)),
        ("mensuel", Interval::Months(1)),
        ("mois", Interval::Months(1)),
        ("annuel", Interval::Months(12)),
        ("année", Interval::Months(12)),
        ("trimestriel", Interval::Months(3)),
        ("mensual", Interval::Months(1)),
        ("mes", Interval::Months(1)),
        ("anual", Interval::Months(12)),
        ("año", Interval::Months(12)),
        ("semanal", Interval::Days(7)),
        ("diario", Interval::Days(1)),
    ] {
        assert_eq!(Interval::parse(text, 1), Some(interval), "{text}");
    }
    assert_eq!(Interval::parse("meses", 2), Some(Interval::Months(2)));
    assert_eq!(Interval::parse("Jahre", 2), Some(Interval::Months(24)));
}

#[test]
fn normalises_intervals_to_monthly_cents() {
    assert_eq!(Interval::Months(12).monthly_cents(100_000), 8_333); // 1000.00 / 12 = 83.333…
    assert_eq!(Interval::Months(12).monthly_cents(100_002), 8_334); // 83.335 → 83.34 (half away)
    assert_eq!(Interval::Months(3).monthly_cents(30_000), 10_000);
    assert_eq!(Interval::Days(7).monthly_cents(1_000), 4_333); // 10.00 × 52 / 12 = 43.333…
    assert_eq!(Interval::Months(1).monthly_cents(4_900), 4_900);
    assert_eq!(Interval::parse("Yearly", 1), Some(Interval::Months(12)));
    assert_eq!(Interval::parse("month", 6), Some(Interval::Months(6)));
    assert_eq!(Interval::parse("fortnightly", 1), None);
}

#[test]
fn adds_months_with_clamping() {
    assert_eq!(add_months(days_from_civil(2024, 1, 31), 1), days_from_civil(2024, 2, 29));
    // The renewal series is `advance` term by term, month ends and leap days included.
    for interval in [Interval::Months(1), Interval::Months(3), Interval::Months(12), Interval::Days(7), Interval::Days(30)] {
        for start in [days_from_civil(2023, 1, 31), days_from_civil(2024, 2, 29), days_from_civil(1999, 12, 15), -400] {
            let series: Vec<i32> = interval.dates_after(start).take(50).collect();
            let one_by_one: Vec<i32> = (1..=50).map(|k| interval.advance(start, k)).collect();
            assert_eq!(series, one_by_one, "{interval:?} from {start}");
        }
    }
    assert_eq!(add_months(days_from_civil(2024, 11, 15), 3), days_from_civil(2025, 2, 15));
    assert_eq!(period_end_after(days_from_civil(2024, 1, 10), Interval::Months(1), days_from_civil(2024, 3, 20)), days_from_civil(2024, 4, 10));
    assert_eq!(period_end_after(days_from_civil(2024, 1, 10), Interval::Months(12), days_from_civil(2024, 3, 20)), days_from_civil(2025, 1, 10));
}
