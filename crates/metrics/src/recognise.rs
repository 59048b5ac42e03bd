//! Recognising what a file is: which source kind it fits, and whether it looks like a known
//! vendor's export (Zendesk tickets, Stripe subscriptions, the IBM Telco churn table, …), so the
//! app can say "this looks like a Zendesk tickets export — load it as tickets?" when a file was
//! dropped on the wrong source.
//!
//! Every source is scored the same way, through the registry ([`crate::source::AnySource::fit`]):
//! the roles its header synonyms give and whether its reader takes that mapping. Vendor shapes
//! are recognised from distinctive sets of headers ([`SIGNATURES`]). [`fits`] ranks the sources;
//! [`best_other`] names another source only when it is clearly better than the one the file was
//! loaded as (see its rules). Binary containers (gzip, zip, workbooks) are told apart by
//! `northstar-formats`' `detect`, before any of this.

use crate::ingest::headers::matches_word;
use crate::ingest::Sniff;
use crate::source::SOURCES;
use crate::wire::Name;
use serde::{Deserialize, Serialize};

/// How well a file fits one source. Serializable, so the worker can send it to the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fit {
    /// The source's name (`SOURCES`).
    #[serde(deserialize_with = "crate::wire::static_str")]
    pub source: Name,
    /// The vendor export (or well-known shape) the header matches, said without an article:
    /// "Zendesk tickets export", "account list (IBM Telco churn shape)", "event log".
    #[serde(default, deserialize_with = "crate::wire::static_str_opt")]
    pub vendor: Option<Name>,
    /// Single-column roles the header gives (segments not counted).
    pub roles: usize,
    /// Segment columns guessed.
    pub segments: usize,
    /// Whether the source's reader takes the guessed mapping (every required role is there).
    pub readable: bool,
    /// Why the reader refuses the guessed mapping, when it does.
    pub problem: Option<String>,
}

impl Fit {
    /// A fit without a vendor shape; `problem` is the reader's refusal, if any.
    pub fn new(source: &'static str, roles: usize, segments: usize, problem: Option<String>) -> Fit {
        Fit { source, vendor: None, roles, segments, readable: problem.is_none(), problem }
    }

    /// What the file looks like, for a sentence: "a Zendesk tickets export", "an account list (IBM
    /// Telco churn shape)", "an event log", else "a subscriptions file", "an orders file".
    pub fn describe(&self) -> String {
        let what = match self.vendor {
            Some(v) => v.to_string(),
            None => format!("{} file", self.source),
        };
        let article = if what.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) { "an" } else { "a" };
        format!("{article} {what}")
    }

    /// The ranking key, larger is better: readable first, then a vendor shape of this source, then
    /// the roles given.
    fn rank(&self) -> (bool, bool, usize) {
        (self.readable, self.vendor.is_some(), self.roles)
    }
}

/// A vendor export (or well-known shape) recognised from its headers: every group must be matched
/// by some column (the words of a group are alternatives, compared as headers are).
#[derive(Debug, Clone, Copy)]
pub struct Signature {
    /// The source it belongs to.
    pub source: &'static str,
    /// How it is said (see [`Fit::vendor`]).
    pub vendor: &'static str,
    pub groups: &'static [&'static [&'static str]],
}

impl Signature {
    /// Whether the header `names` has a column for every group.
    pub fn matches(&self, names: &[String]) -> bool {
        self.groups.iter().all(|group| names.iter().any(|n| matches_word(n, group)))
    }
}

/// The vendor exports and shapes recognised, the more specific first (the first match of a source
/// names it).
pub static SIGNATURES: &[Signature] = &[
    // Tickets.
    Signature {
        source: "tickets",
        vendor: "Zendesk tickets export",
        groups: &[&["requester", "requester id", "requester email"], &["assignee"], &["solved at"], &["via", "replies", "reopens", "satisfaction score"]],
    },
    Signature {
        source: "tickets",
        vendor: "Freshdesk tickets export",
        groups: &[
            &["ticket id"],
            &["created time"],
            &["resolved time", "closed time"],
            &["agent interactions", "customer interactions", "initial response time"],
        ],
    },
    Signature {
        source: "tickets",
        vendor: "Intercom conversations export",
        groups: &[&["conversation id"], &["conversation created at", "conversation started at", "conversation first response at", "conversation closed at"]],
    },
    Signature {
        source: "tickets",
        vendor: "Help Scout conversations export",
        groups: &[&["mailbox"], &["number", "conversation number", "conversation id"], &["customer", "customer email"]],
    },
    Signature {
        source: "tickets",
        vendor: "event log",
        groups: &[
            &["case id", "case", "case:concept:name", "ticket id", "ticket"],
            &["activity", "concept:name", "activity name"],
            &["timestamp", "complete timestamp", "time:timestamp"],
        ],
    },
    // Subscriptions.
    Signature {
        source: "subscriptions",
        vendor: "Stripe subscriptions export",
        groups: &[
            &["customer id", "customer email"],
            &["interval"],
            &["start", "start date"],
            &["canceled at", "ended at", "current period end", "cancel at period end"],
        ],
    },
    Signature {
        source: "subscriptions",
        vendor: "Chargebee subscriptions export",
        groups: &[&["subscription id"], &["customer id"], &["plan id"], &["activated at", "cancelled at", "next billing at", "current term end"]],
    },
    Signature {
        source: "subscriptions",
        vendor: "Baremetrics/ChartMogul MRR export",
        groups: &[&["customer oid", "customer uuid", "customer external id", "data source uuid"], &["plan oid", "plan uuid", "plan amount", "mrr"]],
    },
    // Orders.
    Signature { source: "orders", vendor: "Shopify orders export", groups: &[&["name"], &["lineitem quantity"], &["financial status", "total"]] },
    Signature {
        source: "orders",
        vendor: "Stripe payments export",
        groups: &[
            &["amount refunded", "converted amount refunded"],
            &["customer id", "customer email"],
            &["captured", "fee", "converted amount", "seller message"],
        ],
    },
    Signature {
        source: "orders",
        vendor: "Stripe invoices export",
        groups: &[&["amount due"], &["amount paid"], &["amount remaining", "attempt count", "subscription"]],
    },
    Signature { source: "orders", vendor: "WooCommerce orders export", groups: &[&["order status"], &["order total", "order total amount"]] },
    // Surveys.
    Signature { source: "surveys", vendor: "SurveyMonkey export", groups: &[&["respondent id"], &["collector id"]] },
    Signature {
        source: "surveys",
        vendor: "Qualtrics export",
        groups: &[&["responseid", "response id"], &["recordeddate", "recorded date"], &["finished", "progress", "ipaddress"]],
    },
    Signature { source: "surveys", vendor: "Typeform export", groups: &[&["network id"], &["submit date", "submitted at"]] },
    Signature { source: "surveys", vendor: "Delighted export", groups: &[&["score"], &["comment"], &["person id", "person properties", "additional answers"]] },
    // Usage.
    Signature {
        source: "usage",
        vendor: "Amplitude events export",
        groups: &[&["amplitude id", "event type"], &["event time", "client event time", "server upload time"]],
    },
    Signature { source: "usage", vendor: "Mixpanel events export", groups: &[&["distinct id"], &["event", "event name"]] },
    Signature { source: "usage", vendor: "Segment events export", groups: &[&["anonymousid", "anonymous id"], &["messageid", "message id", "event"]] },
    // Accounts.
    Signature { source: "accounts", vendor: "account list (IBM Telco churn shape)", groups: &[&["customerid"], &["churn"], &["monthlycharges"], &["tenure"]] },
    Signature { source: "accounts", vendor: "HubSpot companies export", groups: &[&["record id"], &["company name", "company owner", "lifecycle stage"]] },
    Signature { source: "accounts", vendor: "Salesforce accounts export", groups: &[&["account id", "account name"], &["account owner", "account type"]] },
];

/// The first vendor shape of `source` the header matches.
pub fn vendor_of(source: &str, names: &[String]) -> Option<&'static str> {
    SIGNATURES.iter().find(|s| s.source == source && s.matches(names)).map(|s| s.vendor)
}

/// How the file fits each source in [`SOURCES`], best first: readable fits before the others,
/// then a vendor shape of the source, then more roles; ties keep the `SOURCES` order.
pub fn fits(sniff: &Sniff) -> Vec<Fit> {
    let names = sniff.column_names();
    let mut out: Vec<Fit> = SOURCES
        .iter()
        .map(|s| {
            let mut fit = s.fit(sniff);
            fit.vendor = vendor_of(fit.source, &names);
            fit
        })
        .collect();
    out.sort_by_key(|b| std::cmp::Reverse(b.rank()));
    out
}

/// Another source the file clearly fits better than `loaded_as`, if any. Conservative:
/// - a file in a vendor shape of `loaded_as` keeps it, even when the guessed mapping does not read
///   (a Chargebee export is subscriptions whose mapping needs a hand, not an account list);
/// - a file that reads as `loaded_as` keeps it unless another source both reads it and either
///   matches a vendor shape of its own, or takes at least two more roles and twice as many;
/// - a file `loaded_as` cannot read gets the best source that can.
///
/// The fits are those of the guessed mappings: call it on a freshly dropped file, not after the
/// user mapped columns by hand.
pub fn best_other(sniff: &Sniff, loaded_as: &str) -> Option<Fit> {
    let all = fits(sniff);
    let loaded = all.iter().find(|f| f.source == loaded_as)?;
    if loaded.vendor.is_some() {
        return None;
    }
    all.iter()
        .filter(|f| f.source != loaded_as && f.readable)
        .find(|f| !loaded.readable || f.vendor.is_some() || (f.roles >= loaded.roles + 2 && f.roles >= 2 * loaded.roles))
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::sniff;

    #[test]
    fn every_signature_names_a_source() {
        for s in SIGNATURES {
            assert!(SOURCES.iter().any(|k| k.name() == s.source), "{}", s.vendor);
        }
    }

    #[test]
    fn goes_over_the_wire() {
        let fit = Fit { vendor: Some("Zendesk tickets export"), ..Fit::new("tickets", 10, 1, None) };
        let json = serde_json::to_string(&fit).unwrap();
        assert_eq!(json, r#"{"source":"tickets","vendor":"Zendesk tickets export","roles":10,"segments":1,"readable":true,"problem":null}"#);
        assert_eq!(serde_json::from_str::<Fit>(&json).unwrap(), fit);
    }

    #[test]
    fn describes_with_the_right_article() {
        let mut fit = Fit::new("orders", 4, 0, None);
        assert_eq!(fit.describe(), "an orders file");
        fit.vendor = Some("Shopify orders export");
        assert_eq!(fit.describe(), "a Shopify orders export");
        fit.vendor = Some("event log");
        assert_eq!(fit.describe(), "an event log");
        assert_eq!(Fit::new("subscriptions", 1, 0, Some("x".into())).describe(), "a subscriptions file");
    }

    fn vendor(header: &str) -> Option<(&'static str, &'static str)> {
        let names = sniff(header.as_bytes()).column_names();
        SIGNATURES.iter().find(|s| s.matches(&names)).map(|s| (s.source, s.vendor))
    }

    #[test]
    fn recognises_vendor_headers() {
        let zendesk = "Id,Requester,Requester id,Assignee,Group,Subject,Status,Via,Created at,Solved at,Reopens,Replies,Satisfaction Score\n";
        assert_eq!(vendor(zendesk), Some(("tickets", "Zendesk tickets export")));
        let freshdesk = "Ticket ID,Subject,Status,Priority,Source,Agent,Created time,Resolved time,Initial response time,Agent interactions\n";
        assert_eq!(vendor(freshdesk), Some(("tickets", "Freshdesk tickets export")));
        assert_eq!(vendor("conversation_id,conversation_created_at,conversation_closed_at\n"), Some(("tickets", "Intercom conversations export")));
        assert_eq!(
            vendor("Number,Subject,Status,Customer,Customer Email,Mailbox,Assigned To,Created At,Closed At\n"),
            Some(("tickets", "Help Scout conversations export"))
        );
        assert_eq!(vendor("Case ID,Activity,Resource,Complete Timestamp\n"), Some(("tickets", "event log")));
        let stripe = "id,Customer ID,Customer Email,Plan,Quantity,Amount,Currency,Interval,Status,Created (UTC),Start (UTC),Canceled At (UTC),Ended At (UTC)\n";
        assert_eq!(vendor(stripe), Some(("subscriptions", "Stripe subscriptions export")));
        let chargebee = "Subscription Id,Customer Id,Plan Id,Plan Quantity,Status,Created At,Activated At,Cancelled At,MRR\n";
        assert_eq!(vendor(chargebee), Some(("subscriptions", "Chargebee subscriptions export")));
        assert_eq!(vendor("customer_oid,plan_oid,plan_amount,subscription_started_at\n"), Some(("subscriptions", "Baremetrics/ChartMogul MRR export")));
        let shopify = "Name,Email,Financial Status,Paid at,Currency,Total,Created at,Lineitem quantity,Lineitem price\n";
        assert_eq!(vendor(shopify), Some(("orders", "Shopify orders export")));
        let charges = "id,Description,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Fee,Status,Customer ID,Customer Email,Captured\n";
        assert_eq!(vendor(charges), Some(("orders", "Stripe payments export")));
        assert_eq!(
            vendor("id,Amount Due,Amount Paid,Amount Remaining,Currency,Customer,Date (UTC),Subscription,Total\n"),
            Some(("orders", "Stripe invoices export"))
        );
        assert_eq!(vendor("Order ID,Order Date,Order Status,Billing Email,Order Total\n"), Some(("orders", "WooCommerce orders export")));
        assert_eq!(vendor("Respondent ID,Collector ID,Start Date,End Date,How likely are you to recommend us?\n"), Some(("surveys", "SurveyMonkey export")));
        assert_eq!(vendor("StartDate,EndDate,Status,IPAddress,Progress,Finished,RecordedDate,ResponseId,Q1\n"), Some(("surveys", "Qualtrics export")));
        assert_eq!(vendor("#,How likely?,Start Date (UTC),Submit Date (UTC),Network ID\n"), Some(("surveys", "Typeform export")));
        assert_eq!(vendor("Response ID,Score,Comment,Created At,Person ID,Email\n"), Some(("surveys", "Delighted export")));
        assert_eq!(vendor("user_id,event_type,event_time,amplitude_id\n"), Some(("usage", "Amplitude events export")));
        assert_eq!(vendor("event,distinct_id,time\n"), Some(("usage", "Mixpanel events export")));
        assert_eq!(vendor("event,userId,anonymousId,timestamp,messageId\n"), Some(("usage", "Segment events export")));
        assert_eq!(vendor("customerID,gender,tenure,MonthlyCharges,TotalCharges,Churn\n"), Some(("accounts", "account list (IBM Telco churn shape)")));
        assert_eq!(vendor("Record ID,Company name,Company owner,Create Date,Lifecycle Stage\n"), Some(("accounts", "HubSpot companies export")));
        assert_eq!(vendor("Account ID,Account Name,Account Owner,Type,Industry\n"), Some(("accounts", "Salesforce accounts export")));
        assert_eq!(vendor("order_id,customer_id,date,amount\n"), None);
    }
}
