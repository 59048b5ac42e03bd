//! One ticket: [`TicketRow`] as read and used, [`Ticket`] as stored. A million tickets are read at
//! once, so a ticket is kept in 64 bytes instead of 112: each "none" is a reserved value of its
//! field (no instant is `i64::MIN` seconds, no id or count is `u32::MAX`, no rating is NaN).

use crate::parse::Stamp;

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

/// A ticket as stored; [`Ticket::row`] gives its fields.
#[derive(Debug, Clone, Copy)]
pub struct Ticket {
    /// Created, first response and resolution instants (UTC seconds; `NONE_AT` when absent).
    at: [i64; 3],
    /// Their wall-clock offsets.
    offset: [i32; 3],
    customer: u32,
    replies: u32,
    reopens: u32,
    rating: f64,
    line: u64,
}

const NONE_AT: i64 = i64::MIN;
/// The largest count or id a ticket can hold; `u32::MAX` is "none".
pub const MAX_COUNT: u32 = u32::MAX - 1;

impl Ticket {
    pub fn row(&self) -> TicketRow {
        let stamp = |i: usize| (self.at[i] != NONE_AT).then(|| Stamp { utc: self.at[i], offset: self.offset[i] });
        let count = |n: u32| (n != u32::MAX).then_some(n);
        TicketRow {
            created: Stamp { utc: self.at[0], offset: self.offset[0] },
            first_response: stamp(1),
            resolved: stamp(2),
            customer: count(self.customer),
            replies: count(self.replies),
            reopens: count(self.reopens),
            rating: (!self.rating.is_nan()).then_some(self.rating),
            line: self.line,
        }
    }

    pub fn created(&self) -> Stamp {
        Stamp { utc: self.at[0], offset: self.offset[0] }
    }

    pub fn customer(&self) -> Option<u32> {
        (self.customer != u32::MAX).then_some(self.customer)
    }
}

impl From<TicketRow> for Ticket {
    /// Counts and ids above [`MAX_COUNT`] cannot be stored: readers reject them first.
    fn from(r: TicketRow) -> Ticket {
        let parts = |s: Option<Stamp>| s.map_or((NONE_AT, 0), |s| (s.utc, s.offset));
        let ((c, co), (f, fo), (v, vo)) = (parts(Some(r.created)), parts(r.first_response), parts(r.resolved));
        let count = |n: Option<u32>| n.filter(|n| *n <= MAX_COUNT).unwrap_or(u32::MAX);
        Ticket {
            at: [c, f, v],
            offset: [co, fo, vo],
            customer: count(r.customer),
            replies: count(r.replies),
            reopens: count(r.reopens),
            rating: r.rating.unwrap_or(f64::NAN),
            line: r.line,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_keeps_every_field_in_64_bytes() {
        assert_eq!(std::mem::size_of::<Ticket>(), 64);
        let at = |utc: i64, offset: i32| Stamp { utc, offset };
        let full = TicketRow {
            created: at(-86_400, 3600),
            first_response: Some(at(0, -18_000)),
            resolved: Some(at(i64::MAX, 0)),
            customer: Some(0),
            replies: Some(MAX_COUNT),
            reopens: Some(3),
            rating: Some(0.0),
            line: u64::MAX,
        };
        assert_eq!(Ticket::from(full).row(), full);
        let empty = TicketRow { first_response: None, resolved: None, customer: None, replies: None, reopens: None, rating: None, ..full };
        assert_eq!(Ticket::from(empty).row(), empty);
        assert_eq!((Ticket::from(full).created(), Ticket::from(empty).customer()), (full.created, None));
    }
}
