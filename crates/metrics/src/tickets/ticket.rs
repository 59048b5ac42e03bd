//! Tickets as columns: [`TicketRow`] as read and used, [`TicketColumns`] as stored. A ticket costs
//! 8 bytes for its creation instant, 4 for each later instant (seconds after creation), 4 for its
//! customer, 1 to 4 for each count, its rating code and its line, and each instant's UTC offset
//! once per column while the file keeps one offset: 22 to 24 bytes for a Zendesk export,
//! segment codes aside (a record of 64 bytes each before).

use crate::columns::{new_indices, retain_rows, Narrow, NARROW_MAX};
use crate::parse::Stamp;
use rustc_hash::FxHashMap;

/// A ticket's fields.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TicketRow {
    pub created: Stamp,
    pub first_response: Option<Stamp>,
    pub resolved: Option<Stamp>,
    /// Index into `TicketData::customers`.
    pub customer: Option<u32>,
    pub replies: Option<u32>,
    pub reopens: Option<u32>,
    /// 1 for Zendesk "Good", 0 for "Bad", or the numeric rating.
    pub rating: Option<f64>,
    pub line: u64,
}

/// The largest count or id a ticket can hold.
pub const MAX_COUNT: u32 = NARROW_MAX;

/// One UTC offset for the whole column until a row has another; then one per row.
#[derive(Debug, Clone, PartialEq)]
enum Offsets {
    Same { offset: Option<i32>, rows: usize },
    Each(Vec<i32>),
}

impl Default for Offsets {
    fn default() -> Offsets {
        Offsets::Same { offset: None, rows: 0 }
    }
}

impl Offsets {
    fn get(&self, i: usize) -> i32 {
        match self {
            Offsets::Same { offset, .. } => offset.unwrap_or(0),
            Offsets::Each(v) => v[i],
        }
    }

    /// Row `i`'s offset (none: the row has no instant here, any offset will do).
    fn set(&mut self, i: usize, value: Option<i32>) {
        if let Offsets::Same { offset, rows } = self {
            match (value, *offset) {
                (None, _) => return,
                (Some(v), None) => return *offset = Some(v),
                (Some(v), Some(o)) if v == o => return,
                (Some(_), Some(o)) => *self = Offsets::Each(vec![o; *rows]),
            }
        }
        if let (Offsets::Each(v), Some(value)) = (self, value) {
            v[i] = value;
        }
    }

    fn push(&mut self, value: Option<i32>) {
        match self {
            Offsets::Same { rows, .. } => *rows += 1,
            Offsets::Each(v) => v.push(0),
        }
        let last = self.len() - 1;
        self.set(last, value);
    }

    fn len(&self) -> usize {
        match self {
            Offsets::Same { rows, .. } => *rows,
            Offsets::Each(v) => v.len(),
        }
    }

    fn retain_rows(&mut self, keep: &[bool]) {
        match self {
            Offsets::Same { rows, .. } => *rows = keep.iter().filter(|k| **k).count(),
            Offsets::Each(v) => retain_rows(v, keep),
        }
    }

    fn bytes(&self) -> usize {
        match self {
            Offsets::Same { .. } => 0,
            Offsets::Each(v) => v.len() * 4,
        }
    }
}

/// Whole numbers mostly within a [`Narrow`] of each row's base; the others kept apart by row.
#[derive(Debug, Clone, Default, PartialEq)]
struct Relative {
    /// `value - base`, [`NARROW_MAX`] when the value is in `far`, none when there is no value.
    near: Narrow,
    far: FxHashMap<u32, i64>,
}

impl Relative {
    fn encode(&mut self, i: usize, base: i64, value: Option<i64>) -> Option<u32> {
        self.far.remove(&(i as u32));
        let value = value?;
        match value.checked_sub(base).and_then(|d| u32::try_from(d).ok()).filter(|d| *d < NARROW_MAX) {
            Some(d) => Some(d),
            None => {
                self.far.insert(i as u32, value);
                Some(NARROW_MAX)
            }
        }
    }

    fn push(&mut self, base: i64, value: Option<i64>) {
        let code = self.encode(self.near.len(), base, value);
        self.near.push(code);
    }

    fn set(&mut self, i: usize, base: i64, value: Option<i64>) {
        let code = self.encode(i, base, value);
        self.near.set(i, code);
    }

    fn get(&self, i: usize, base: i64) -> Option<i64> {
        match self.near.get(i)? {
            NARROW_MAX => self.far.get(&(i as u32)).copied(),
            d => Some(base + d as i64),
        }
    }

    fn retain_rows(&mut self, keep: &[bool]) {
        if !self.far.is_empty() {
            let new_index = new_indices(keep);
            self.far = self.far.drain().filter_map(|(row, v)| new_index[row as usize].map(|r| (r, v))).collect();
        }
        self.near.retain_rows(keep);
    }

    fn bytes(&self) -> usize {
        self.near.bytes() + self.far.len() * 16
    }
}

/// Every ticket, column by column, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TicketColumns {
    created: Vec<i64>,
    /// Created, first response and resolution offsets.
    offsets: [Offsets; 3],
    /// Seconds after creation.
    first_response: Relative,
    resolved: Relative,
    /// `u32::MAX` is none.
    customer: Vec<u32>,
    replies: Narrow,
    reopens: Narrow,
    /// Codes into `ratings`.
    rating: Narrow,
    ratings: Vec<f64>,
    rating_codes: FxHashMap<u64, u32>,
    /// Lines after the row's index (the header and quoted line breaks).
    line: Relative,
}

impl TicketColumns {
    pub fn len(&self) -> usize {
        self.created.len()
    }

    pub fn is_empty(&self) -> bool {
        self.created.is_empty()
    }

    pub fn reserve(&mut self, rows: usize) {
        self.created.reserve_exact(rows);
        self.customer.reserve_exact(rows);
        for c in [&mut self.first_response.near, &mut self.resolved.near, &mut self.replies, &mut self.reopens, &mut self.rating, &mut self.line.near] {
            c.reserve(rows);
        }
    }

    fn rating_code(&mut self, rating: Option<f64>) -> Option<u32> {
        let r = rating?;
        let next = self.ratings.len() as u32;
        let code = *self.rating_codes.entry(r.to_bits()).or_insert(next);
        if code == next {
            self.ratings.push(r);
        }
        Some(code)
    }

    pub fn push(&mut self, t: TicketRow) {
        let i = self.len();
        self.created.push(t.created.utc);
        for (o, s) in self.offsets.iter_mut().zip([Some(t.created), t.first_response, t.resolved]) {
            o.push(s.map(|s| s.offset));
        }
        self.first_response.push(t.created.utc, t.first_response.map(|s| s.utc));
        self.resolved.push(t.created.utc, t.resolved.map(|s| s.utc));
        self.customer.push(t.customer.filter(|c| *c <= MAX_COUNT).unwrap_or(u32::MAX));
        self.replies.push(t.replies);
        self.reopens.push(t.reopens);
        let rating = self.rating_code(t.rating);
        self.rating.push(rating);
        self.line.push(i as i64, i64::try_from(t.line).ok());
    }

    /// Replaces ticket `i`'s fields.
    pub fn set(&mut self, i: usize, t: TicketRow) {
        self.created[i] = t.created.utc;
        for (o, s) in self.offsets.iter_mut().zip([Some(t.created), t.first_response, t.resolved]) {
            o.set(i, s.map(|s| s.offset));
        }
        self.first_response.set(i, t.created.utc, t.first_response.map(|s| s.utc));
        self.resolved.set(i, t.created.utc, t.resolved.map(|s| s.utc));
        self.customer[i] = t.customer.filter(|c| *c <= MAX_COUNT).unwrap_or(u32::MAX);
        self.replies.set(i, t.replies);
        self.reopens.set(i, t.reopens);
        let rating = self.rating_code(t.rating);
        self.rating.set(i, rating);
        self.line.set(i, i as i64, i64::try_from(t.line).ok());
    }

    pub fn created(&self, i: usize) -> Stamp {
        Stamp { utc: self.created[i], offset: self.offsets[0].get(i) }
    }

    pub fn customer(&self, i: usize) -> Option<u32> {
        (self.customer[i] != u32::MAX).then_some(self.customer[i])
    }

    /// Whether ticket `i` has a first response, and a resolution.
    pub fn answered_and_resolved(&self, i: usize) -> (bool, Option<Stamp>) {
        let resolved = self.resolved.get(i, self.created[i]).map(|utc| Stamp { utc, offset: self.offsets[2].get(i) });
        (self.first_response.near.get(i).is_some(), resolved)
    }

    /// Ticket `i`'s fields.
    pub fn row(&self, i: usize) -> TicketRow {
        let base = self.created[i];
        let stamp = |r: &Relative, o: &Offsets| r.get(i, base).map(|utc| Stamp { utc, offset: o.get(i) });
        TicketRow {
            created: self.created(i),
            first_response: stamp(&self.first_response, &self.offsets[1]),
            resolved: stamp(&self.resolved, &self.offsets[2]),
            customer: self.customer(i),
            replies: self.replies.get(i),
            reopens: self.reopens.get(i),
            rating: self.rating.get(i).map(|c| self.ratings[c as usize]),
            line: self.line.get(i, i as i64).map_or(u64::MAX, |l| l as u64),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = TicketRow> + '_ {
        (0..self.len()).map(|i| self.row(i))
    }

    /// Keeps the tickets whose row is true in `keep`, in order.
    pub fn retain_rows(&mut self, keep: &[bool]) {
        // Lines are stored after the row index, which changes for every row after a dropped one.
        let lines: Vec<Option<i64>> = (0..self.len()).filter(|&i| keep[i]).map(|i| self.line.get(i, i as i64)).collect();
        retain_rows(&mut self.created, keep);
        retain_rows(&mut self.customer, keep);
        for o in &mut self.offsets {
            o.retain_rows(keep);
        }
        for r in [&mut self.first_response, &mut self.resolved] {
            r.retain_rows(keep);
        }
        for n in [&mut self.replies, &mut self.reopens, &mut self.rating] {
            n.retain_rows(keep);
        }
        self.line = Relative::default();
        for (i, l) in lines.into_iter().enumerate() {
            self.line.push(i as i64, l);
        }
    }

    /// Heap bytes held by the columns (their length, not their capacity), dictionaries aside.
    pub fn bytes(&self) -> usize {
        let offsets: usize = self.offsets.iter().map(Offsets::bytes).sum();
        let counts = self.replies.bytes() + self.reopens.bytes() + self.rating.bytes();
        self.created.len() * 8 + self.customer.len() * 4 + offsets + self.first_response.bytes() + self.resolved.bytes() + counts + self.line.bytes()
    }
}

impl FromIterator<TicketRow> for TicketColumns {
    fn from_iter<I: IntoIterator<Item = TicketRow>>(rows: I) -> TicketColumns {
        let mut out = TicketColumns::default();
        rows.into_iter().for_each(|r| out.push(r));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tickets_keep_every_field_and_one_offset_per_column_while_the_file_has_one() {
        let at = |utc: i64, offset: i32| Stamp { utc, offset };
        let full = TicketRow {
            created: at(-86_400, 3600),
            first_response: Some(at(0, 3600)),
            resolved: Some(at(i64::MAX, 3600)),
            customer: Some(0),
            replies: Some(MAX_COUNT),
            reopens: Some(3),
            rating: Some(0.5),
            line: 2,
        };
        let empty = TicketRow { first_response: None, resolved: None, customer: None, replies: None, reopens: None, rating: None, line: 3, ..full };
        let early = TicketRow { first_response: Some(at(-90_000, 3600)), rating: Some(0.5), line: 5, ..empty };
        let mut t: TicketColumns = [full, empty, early].into_iter().collect();
        assert_eq!(t.iter().collect::<Vec<_>>(), [full, empty, early]);
        assert_eq!((t.ratings.len(), t.offsets.iter().map(Offsets::bytes).sum::<usize>()), (1, 0));
        // Another offset: one per row from then on, every value kept.
        let other = TicketRow { created: at(7, -18_000), line: u64::MAX, ..full };
        t.push(other);
        assert_eq!(t.iter().collect::<Vec<_>>(), [full, empty, early, other]);
        t.set(1, full);
        t.retain_rows(&[false, true, true, true]);
        assert_eq!(t.iter().collect::<Vec<_>>(), [full, early, other]);
        assert_eq!((t.created(2), t.customer(1)), (other.created, None));
    }

    #[test]
    fn a_zendesk_ticket_costs_22_to_24_bytes() {
        let mut t = TicketColumns::default();
        for i in 0..1000 {
            let at = |utc: i64| Stamp { utc, offset: 0 };
            t.push(TicketRow {
                created: at(1_700_000_000 + i),
                first_response: Some(at(1_700_003_600 + i)),
                resolved: Some(at(1_700_090_000 + i)),
                customer: Some(i as u32),
                replies: Some(2),
                reopens: Some(0),
                rating: Some((i % 2) as f64),
                line: i as u64 + 2,
            });
        }
        // 8 created, 2 first response (an hour fits 16 bits), 4 resolution (25 hours does not),
        // 4 customer, 1 each for the counts, the rating code and the line.
        assert_eq!(t.bytes(), 1000 * 22);
        let late = TicketRow { first_response: Some(Stamp { utc: 1_800_000_000, offset: 0 }), ..t.row(0) };
        t.set(0, late);
        assert_eq!((t.bytes(), t.row(0)), (1000 * 24, late));
    }
}
