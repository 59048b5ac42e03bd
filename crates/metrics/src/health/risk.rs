//! What a CS lead reads beside a score on the risk list: the components that fell most since the
//! month before, the last contact on record, and why a paying customer has no score.

use super::book::{Book, Customer};
use super::score::{Component, Scored};
use serde::{Deserialize, Serialize};

/// The components of `now` that fell since `before` (the same customer a month earlier), the
/// largest fall first, at most `top`: (component, points fallen).
pub fn fell(now: &Scored, before: Option<&Scored>, top: usize) -> Vec<(Component, f64)> {
    let Some(before) = before else { return Vec::new() };
    let mut out: Vec<(Component, f64)> = now
        .components
        .iter()
        .filter_map(|&(c, v)| before.components.iter().find(|(b, _)| *b == c).map(|&(_, was)| (c, was - v)))
        .filter(|&(_, drop)| drop > 0.0)
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out.truncate(top);
    out
}

/// The kind of a contact on record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Ticket,
    Survey,
    Usage,
}

impl ContactKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ContactKind::Ticket => "ticket",
            ContactKind::Survey => "survey answer",
            ContactKind::Usage => "product use",
        }
    }
}

/// The latest ticket opened, survey answer or product event of `c` on or before `day` (a day
/// since 1970-01-01), and its kind; a ticket wins a tie, then an answer.
pub fn last_contact(c: &Customer, day: i32) -> Option<(ContactKind, i32)> {
    let ticket = c.tickets.iter().map(|t| t.created.div_euclid(86_400) as i32).filter(|&d| d <= day).max().map(|d| (ContactKind::Ticket, d));
    let answer = c.answers.iter().map(|a| a.day).filter(|&d| d <= day).max().map(|d| (ContactKind::Survey, d));
    let usage = c.usage.iter().map(|&(d, _)| d).filter(|&d| d <= day).max().map(|d| (ContactKind::Usage, d));
    [ticket, answer, usage].into_iter().flatten().fold(None, |best: Option<(ContactKind, i32)>, x| match best {
        Some(b) if b.1 >= x.1 => Some(b),
        _ => Some(x),
    })
}

/// Why active customers have no score, with their counts: none of the loaded files reached them
/// (the join found no row of theirs), or what was found is dated after the day scored or too thin
/// to score (no MRR three months back, no use, answer or ticket yet).
pub fn unscored_reasons(book: &Book, scored: &[Scored]) -> Vec<(String, u64)> {
    let (mut unreached, mut thin) = (0u64, 0u64);
    for s in scored.iter().filter(|s| s.score.is_none()) {
        let c = &book.customers[s.customer];
        let touched = !c.usage.is_empty() || !c.answers.is_empty() || !c.tickets.is_empty() || !c.orders.is_empty();
        if touched {
            thin += 1;
        } else {
            unreached += 1;
        }
    }
    let mut out = Vec::new();
    if unreached > 0 {
        out.push(("no row of the usage, survey or ticket files reaches them (see the match rates above)".to_string(), unreached));
    }
    if thin > 0 {
        out.push(("their rows are dated after this day or too few to score (no MRR three months back, no use, answer or ticket yet)".to_string(), thin));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scored(components: &[(Component, f64)]) -> Scored {
        Scored { customer: 0, score: Some(50.0), band: None, components: components.to_vec(), mrr: 0 }
    }

    #[test]
    fn the_largest_falls_first_and_rises_are_left_out() {
        let before = scored(&[(Component::UsageTrend, 100.0), (Component::Satisfaction, 80.0), (Component::Tickets, 60.0), (Component::MrrChange, 100.0)]);
        let now = scored(&[(Component::UsageTrend, 40.0), (Component::Satisfaction, 70.0), (Component::Tickets, 80.0), (Component::Engagement, 10.0)]);
        assert_eq!(fell(&now, Some(&before), 2), vec![(Component::UsageTrend, 60.0), (Component::Satisfaction, 10.0)]);
        assert_eq!(fell(&now, None, 2), vec![]);
    }
}
