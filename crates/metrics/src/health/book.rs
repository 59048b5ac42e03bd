//! The book of customers: every loaded source's touches joined to the billing customers
//! ([`crate::join`]), each customer's touches sorted by time. The health score, the back-test
//! and the customer timeline read it and nothing else.

use crate::join::{self, Contact, Directory, JoinReport, JoinRule, Part};
use crate::signals::{AccountTouch, AnswerTouch, MrrSpan, OrderTouch, Signals, TicketTouch, Touches};
use crate::source::SourceId;

/// One billing customer with what the files say of it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Customer {
    pub contact: Contact,
    /// MRR spans (subscriptions), by start.
    pub mrr: Vec<MrrSpan>,
    /// The accounts snapshot's row.
    pub account: Option<AccountTouch>,
    /// (day, user) of each product event, by day.
    pub usage: Vec<(i32, u32)>,
    pub answers: Vec<AnswerTouch>,
    pub tickets: Vec<TicketTouch>,
    pub orders: Vec<OrderTouch>,
}

impl Customer {
    /// m_c on `day`: the sum of the spans counting that day (cents).
    pub fn mrr_on(&self, day: i32) -> i64 {
        self.mrr.iter().filter(|s| s.from <= day && s.until.is_none_or(|u| day < u)).map(|s| s.monthly).sum()
    }
}

/// Which sources were joined, so a component without data can tell "not loaded" from "nothing
/// for this customer".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Joined {
    pub mrr: bool,
    pub accounts: bool,
    pub usage: bool,
    pub answers: bool,
    pub tickets: bool,
    pub orders: bool,
}

/// The source each kind of touch came from (the first of the catalog's order that gave it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Origins {
    pub mrr: Option<SourceId>,
    pub accounts: Option<SourceId>,
    pub usage: Option<SourceId>,
    pub answers: Option<SourceId>,
    pub tickets: Option<SourceId>,
    pub orders: Option<SourceId>,
}

/// Marks a source joined and hands each of its touches to the customer `reach` finds (if any).
fn deal<T>(joined: &mut bool, touches: Vec<T>, reach: impl Fn(&T) -> Option<usize>, mut put: impl FnMut(usize, T)) {
    *joined = true;
    for t in touches {
        if let Some(c) = reach(&t) {
            put(c, t);
        }
    }
}

fn ranks_of(customers: &[Customer]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..customers.len() as u32).collect();
    order.sort_by(|&a, &b| customers[a as usize].contact.customer.cmp(&customers[b as usize].contact.customer));
    let mut ranks = vec![0; customers.len()];
    for (rank, &c) in order.iter().enumerate() {
        ranks[c as usize] = rank as u32;
    }
    ranks
}

#[derive(Debug, Clone, Default)]
pub struct Book {
    pub customers: Vec<Customer>,
    pub loaded: Joined,
    /// The sources whose touches were joined, in the catalog's order.
    pub sources: Vec<SourceId>,
    /// Where each kind of touch came from.
    pub origins: Origins,
    /// How each source's rows reached the customers.
    pub joins: Vec<JoinReport>,
    /// The last day any loaded source mentions.
    pub last_day: Option<i32>,
    /// The first day any loaded source mentions.
    pub first_day: Option<i32>,
    /// Each customer's place in the order of the customer ids ([`Book::id_ranks`]).
    id_rank: Vec<u32>,
}

impl Book {
    /// Joins every source of `parts` under its rule in `rules` (source name → rule; auto when not
    /// given). Empty without subscriptions or accounts.
    pub fn of_parts(parts: &[Part], rules: &[(SourceId, JoinRule)]) -> Book {
        let directory = join::directory_of(parts);
        let mut book = Book { joins: join::join_parts_to(&directory, parts, rules), ..Default::default() };
        if directory.is_empty() {
            return book;
        }
        book.customers = directory.customers.iter().map(|id| Customer { contact: Contact::id(id), ..Default::default() }).collect();
        for l in parts {
            for c in l.data.contacts() {
                if let Some(i) = directory.by_id(&c.customer) {
                    let known = &mut book.customers[i as usize].contact;
                    known.email = known.email.take().or(c.email);
                    known.website = known.website.take().or(c.website);
                    known.name = known.name.take().or(c.name);
                }
            }
            let Some(signals) = l.data.signals() else { continue };
            let o = &mut book.origins;
            let origin = match signals.touches {
                Touches::None => None,
                Touches::Mrr(_) => Some(&mut o.mrr),
                Touches::Accounts(_) => Some(&mut o.accounts),
                Touches::Usage(_) => Some(&mut o.usage),
                Touches::Answers(_) => Some(&mut o.answers),
                Touches::Tickets(_) => Some(&mut o.tickets),
                Touches::Orders(_) => Some(&mut o.orders),
            };
            if let Some(origin) = origin {
                origin.get_or_insert(l.id);
                book.sources.push(l.id);
            }
            book.add(&directory, signals, join::rule_of(rules, l.id));
            let meta = l.data.meta();
            book.first_day = [book.first_day, meta.first_day].into_iter().flatten().min();
            book.last_day = [book.last_day, meta.last_day].into_iter().flatten().max();
        }
        for c in &mut book.customers {
            c.mrr.sort_by_key(|s| (s.from, s.line));
            c.usage.sort_unstable();
            c.answers.sort_by_key(|a| (a.day, a.line));
            c.tickets.sort_by_key(|t| (t.created, t.line));
            c.orders.sort_by_key(|o| o.day);
        }
        book.id_rank = ranks_of(&book.customers);
        book
    }

    /// Each customer's place in the order of the customer ids: ties of scores are listed by id,
    /// and comparing two numbers is cheaper than comparing two ids (374k customers × 60 months).
    pub fn id_ranks(&self) -> std::borrow::Cow<'_, [u32]> {
        if self.id_rank.len() == self.customers.len() {
            std::borrow::Cow::Borrowed(&self.id_rank)
        } else {
            std::borrow::Cow::Owned(ranks_of(&self.customers))
        }
    }

    /// Adds one source's touches, each to the customer its key reaches (billing sources by id).
    fn add(&mut self, directory: &Directory, signals: Signals, rule: JoinRule) {
        let billing = matches!(signals.touches, Touches::Mrr(_) | Touches::Accounts(_));
        let rule = if billing { JoinRule::Id } else { rule };
        let reach: Vec<Option<usize>> =
            signals.keys.iter().map(|k| if k.trim().is_empty() { None } else { join::match_key(directory, k, rule).map(|(c, _)| c as usize) }).collect();
        let at = |key: u32| reach.get(key as usize).copied().flatten();
        let customers = &mut self.customers;
        let loaded = &mut self.loaded;
        match signals.touches {
            Touches::None => {}
            Touches::Mrr(spans) => deal(&mut loaded.mrr, spans, |s| at(s.key), |c, s| customers[c].mrr.push(s)),
            Touches::Accounts(rows) => deal(&mut loaded.accounts, rows, |a| at(a.key), |c, a| customers[c].account = Some(a)),
            Touches::Usage(events) => deal(&mut loaded.usage, events, |e| at(e.key), |c, e| customers[c].usage.push((e.day, e.user))),
            Touches::Answers(answers) => deal(&mut loaded.answers, answers, |a| at(a.key), |c, a| customers[c].answers.push(a)),
            Touches::Tickets(tickets) => deal(&mut loaded.tickets, tickets, |t| at(t.key), |c, t| customers[c].tickets.push(t)),
            Touches::Orders(orders) => deal(&mut loaded.orders, orders, |o| at(o.key), |c, o| customers[c].orders.push(o)),
        }
    }

    /// Where the billing customers come from: the source of MRR spans (subscriptions), else of an
    /// accounts snapshot; none without either.
    pub fn billing(&self) -> Option<SourceId> {
        self.origins.mrr.or(self.origins.accounts)
    }

    /// Whether the customer is active on `day`: MRR > 0 with subscriptions, else not churned in
    /// the accounts snapshot.
    pub fn is_active(&self, c: &Customer, day: i32) -> bool {
        if self.loaded.mrr {
            c.mrr_on(day) > 0
        } else {
            c.account.is_some_and(|a| !a.churned)
        }
    }

    /// The customer's MRR on `day` (the snapshot's monthly amount without subscriptions).
    pub fn mrr_of(&self, c: &Customer, day: i32) -> i64 {
        if self.loaded.mrr {
            c.mrr_on(day)
        } else {
            c.account.map_or(0, |a| a.monthly)
        }
    }

    /// The index of the customer whose id, e-mail or name is `query` (trimmed, case-folded),
    /// else the customers whose id, e-mail or name contain it, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<usize> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let fields = |c: &Customer| -> Vec<String> {
            [Some(&c.contact.customer), c.contact.email.as_ref(), c.contact.name.as_ref(), c.contact.website.as_ref()]
                .into_iter()
                .flatten()
                .map(|f| f.to_lowercase())
                .collect()
        };
        let exact: Vec<usize> = (0..self.customers.len()).filter(|&i| fields(&self.customers[i]).iter().any(|f| f.trim() == q)).collect();
        if !exact.is_empty() {
            return exact.into_iter().take(limit).collect();
        }
        (0..self.customers.len()).filter(|&i| fields(&self.customers[i]).iter().any(|f| f.contains(&q))).take(limit).collect()
    }
}
