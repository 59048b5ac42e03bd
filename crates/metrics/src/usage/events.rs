//! Usage events as columns, built straight from the reader: per event a day (4 bytes), a user
//! (4), a customer (4, and none when the file has one key column: the customer is then the user),
//! a feature code (1 byte while there are under 255 features) and each number column only when
//! mapped, whole numbers in 1, 2 or 4 bytes (see [`crate::columns`]). The bench's event log (user,
//! customer, timestamp, event, session minutes) costs 14 bytes an event.

use crate::columns::{retain_rows, Narrow, Numbers};
use crate::ingest::dates::{DateSlot, Day};

/// One event's fields, as the KPIs read them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UsageEvent {
    pub day: i32,
    /// Index into `UsageData::users` (the customer when there is no user column).
    pub user: u32,
    /// Index into `UsageData::customers` (the user when there is no customer column).
    pub customer: u32,
    /// Index into `UsageData::features`.
    pub feature: Option<u32>,
    /// Minutes.
    pub duration: Option<f64>,
    pub units: Option<f64>,
    pub entitlement: Option<f64>,
}

/// Every kept event, column by column, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UsageEvents {
    pub day: Vec<i32>,
    pub user: Vec<u32>,
    /// Empty when each event's customer is its user (the file has one key column).
    customer: Vec<u32>,
    /// None when no feature column is mapped.
    feature: Option<Narrow>,
    /// As read, in the file's unit; `minutes_per_unit` turns it into minutes.
    duration: Numbers,
    minutes_per_unit: f64,
    units: Numbers,
    entitlement: Numbers,
}

/// Which columns a file's events carry.
#[derive(Debug, Clone, Copy, Default)]
pub struct EventColumns {
    /// A customer apart from the user (both a user and a customer column).
    pub customer: bool,
    pub feature: bool,
    pub duration: bool,
    /// The duration column holds seconds, not minutes.
    pub seconds: bool,
    pub units: bool,
    pub entitlement: bool,
}

impl UsageEvents {
    pub fn new(columns: EventColumns) -> UsageEvents {
        let numbers = |mapped: bool| if mapped { Numbers::mapped() } else { Numbers::Absent };
        UsageEvents {
            day: Vec::new(),
            user: Vec::new(),
            customer: Vec::new(),
            feature: columns.feature.then(Narrow::default),
            duration: numbers(columns.duration),
            minutes_per_unit: if columns.seconds { 60.0 } else { 1.0 },
            units: numbers(columns.units),
            entitlement: numbers(columns.entitlement),
        }
    }

    pub fn len(&self) -> usize {
        self.user.len()
    }

    pub fn is_empty(&self) -> bool {
        self.user.is_empty()
    }

    /// Makes room for `rows` more events in every column but the days (kept by the date column
    /// while reading).
    pub fn reserve(&mut self, rows: usize, separate_customer: bool) {
        self.user.reserve_exact(rows);
        if separate_customer {
            self.customer.reserve_exact(rows);
        }
        if let Some(f) = &mut self.feature {
            f.reserve(rows);
        }
        for n in [&mut self.duration, &mut self.units, &mut self.entitlement] {
            n.reserve(rows);
        }
    }

    /// Appends an event whose day comes later ([`UsageEvents::set_days`]). `customer` is none when
    /// the file has one key column; the duration is in the file's unit.
    pub fn push(&mut self, user: u32, customer: Option<u32>, feature: Option<u32>, duration: Option<f64>, units: Option<f64>, entitlement: Option<f64>) {
        self.user.push(user);
        if let Some(c) = customer {
            self.customer.push(c);
        }
        if let Some(f) = &mut self.feature {
            f.push(feature);
        }
        self.duration.push(duration);
        self.units.push(units);
        self.entitlement.push(entitlement);
    }

    /// Gives the events their days; an event whose day is none (`Day::NONE`: impossible in the
    /// column's day/month order) is dropped, the rest keep their order, in place.
    pub fn set_days(&mut self, days: Vec<i32>) {
        self.day = days;
        if !self.day.contains(&Day::NONE.0) {
            return;
        }
        let kept: Vec<bool> = self.day.iter().map(|d| *d != Day::NONE.0).collect();
        let kept = &kept;
        retain_rows(&mut self.day, kept);
        retain_rows(&mut self.user, kept);
        if !self.customer.is_empty() {
            retain_rows(&mut self.customer, kept);
        }
        if let Some(f) = &mut self.feature {
            f.retain_rows(kept);
        }
        for n in [&mut self.duration, &mut self.units, &mut self.entitlement] {
            n.retain_rows(kept);
        }
    }

    pub fn customer(&self, i: usize) -> u32 {
        if self.customer.is_empty() {
            self.user[i]
        } else {
            self.customer[i]
        }
    }

    pub fn feature(&self, i: usize) -> Option<u32> {
        self.feature.as_ref().and_then(|f| f.get(i))
    }

    /// Minutes.
    pub fn duration(&self, i: usize) -> Option<f64> {
        self.duration.get(i).map(|d| if self.minutes_per_unit == 1.0 { d } else { d / self.minutes_per_unit })
    }

    pub fn units(&self, i: usize) -> Option<f64> {
        self.units.get(i)
    }

    pub fn entitlement(&self, i: usize) -> Option<f64> {
        self.entitlement.get(i)
    }

    /// Event `i`, every field.
    pub fn get(&self, i: usize) -> UsageEvent {
        UsageEvent {
            day: self.day[i],
            user: self.user[i],
            customer: self.customer(i),
            feature: self.feature(i),
            duration: self.duration(i),
            units: self.units(i),
            entitlement: self.entitlement(i),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = UsageEvent> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Heap bytes the columns hold (their length, not their capacity).
    pub fn bytes(&self) -> usize {
        let ids = (self.day.len() + self.user.len() + self.customer.len()) * 4;
        ids + self.feature.as_ref().map_or(0, Narrow::bytes) + self.duration.bytes() + self.units.bytes() + self.entitlement.bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_keep_every_field_and_drop_the_rows_without_a_day() {
        let all = EventColumns { customer: true, feature: true, duration: true, seconds: true, units: true, entitlement: true };
        let mut e = UsageEvents::new(all);
        e.push(0, Some(5), Some(7), Some(90.0), Some(1.5), None);
        e.push(1, Some(6), None, None, None, Some(10.0));
        e.push(2, Some(5), Some(300), Some(30.0), Some(0.0), Some(1.0));
        e.set_days(vec![19_000, i32::MIN, 19_002]);
        let events: Vec<UsageEvent> = e.iter().collect();
        let event = |day, user, customer, feature, duration, units, entitlement| UsageEvent { day, user, customer, feature, duration, units, entitlement };
        assert_eq!(events, [event(19_000, 0, 5, Some(7), Some(1.5), Some(1.5), None), event(19_002, 2, 5, Some(300), Some(0.5), Some(0.0), Some(1.0))]);
        // One key column: the customer is the user, and no customer column is kept.
        let mut one = UsageEvents::new(EventColumns { feature: true, duration: true, ..Default::default() });
        one.push(3, None, Some(1), Some(12.0), None, None);
        one.set_days(vec![1]);
        assert_eq!(one.get(0), event(1, 3, 3, Some(1), Some(12.0), None, None));
        assert_eq!(one.bytes(), 4 + 4 + 1 + 1);
    }
}
