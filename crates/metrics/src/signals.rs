//! What each source tells about its customers, for the join, the health score and the customer
//! timeline: a billing source's customers as it names them ([`Contact`]), and dated touches keyed
//! by the customer key as the file wrote it (an id, an e-mail, a website).
//! A source gives them through [`crate::source::SourceData::signals`]; `crate::health::Book`
//! joins the keys to the billing customers.

use serde::{Deserialize, Serialize};

/// A billing customer as a file names it: its id and, when the file has them, an e-mail, a
/// website (or domain) and a name, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub customer: String,
    pub email: Option<String>,
    pub website: Option<String>,
    pub name: Option<String>,
}

impl Contact {
    pub fn id(customer: &str) -> Contact {
        Contact { customer: customer.to_string(), ..Default::default() }
    }
}

/// The dated touches of one source. `keys` are the customer keys as read; every touch names one
/// by index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signals {
    pub keys: Vec<String>,
    pub touches: Touches,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub enum Touches {
    #[default]
    None,
    /// Subscriptions: each customer's MRR spans (billing customers).
    Mrr(Vec<MrrSpan>),
    /// An accounts snapshot: each account, churned or not, with its monthly amount (billing
    /// customers, undated).
    Accounts(Vec<AccountTouch>),
    Usage(Vec<UsageTouch>),
    Answers(Vec<AnswerTouch>),
    Tickets(Vec<TicketTouch>),
    Orders(Vec<OrderTouch>),
}

/// A subscription counting `monthly` cents on the days `from <= d < until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MrrSpan {
    pub key: u32,
    pub monthly: i64,
    pub from: i32,
    pub until: Option<i32>,
    pub line: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountTouch {
    pub key: u32,
    pub churned: bool,
    pub monthly: i64,
}

/// A product event: its day and its user (an index the source chose; users of one customer are
/// told apart by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UsageTouch {
    pub key: u32,
    pub day: i32,
    pub user: u32,
}

/// A survey answer: its day, its score on 0–100 (from the question's scale: `(s − min) ÷ (max −
/// min) × 100`), its kind (`nps`, `csat`, `ces`) and the file line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnswerTouch {
    pub key: u32,
    pub day: i32,
    pub score: f64,
    /// The answer on its own scale.
    pub raw: f64,
    pub kind: &'static str,
    pub line: u64,
}

/// A ticket: when it was opened, first answered and resolved (UTC seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketTouch {
    pub key: u32,
    pub created: i64,
    pub first_response: Option<i64>,
    pub resolved: Option<i64>,
    pub line: u64,
}

/// An order (or a netted refund, negative) in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderTouch {
    pub key: u32,
    pub day: i32,
    pub cents: i64,
}

impl Touches {
    /// The number of touches.
    pub fn len(&self) -> usize {
        match self {
            Touches::None => 0,
            Touches::Mrr(v) => v.len(),
            Touches::Accounts(v) => v.len(),
            Touches::Usage(v) => v.len(),
            Touches::Answers(v) => v.len(),
            Touches::Tickets(v) => v.len(),
            Touches::Orders(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
