//! Recognising what a file is: which source kind it fits, and whether it looks like a known
//! vendor's export (Zendesk tickets, Stripe subscriptions, the IBM Telco churn table, …), so the
//! app can say "this looks like a Zendesk tickets export — load it as tickets?" when a file was
//! dropped on the wrong source.
//!
//! Every source is scored the same way, through the catalog ([`super::AnySource::fit`]): the
//! roles its guessed mapping gives and whether its reader takes that mapping. Vendor exports are
//! recognised by the vendor profiles' header signatures ([`crate::profile`]): the same data that
//! guesses their mappings. [`fits`] ranks the sources;
//! [`best_other`] names another source only when it is clearly better than the one the file was
//! loaded as (see its rules). Binary containers (gzip, zip, workbooks) are told apart by
//! `northstar-formats`' `detect`, before any of this.

use super::SOURCES;
use crate::ingest::Sniff;
use crate::profile;
use crate::source::SourceId;
use serde::{Deserialize, Serialize};

/// How well a file fits one source. Serializable, so the worker can send it to the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fit {
    pub source: SourceId,
    /// The vendor export (or well-known shape) the header matches, said without an article:
    /// "Zendesk tickets export", "account list (IBM Telco churn shape)", "event log".
    #[serde(default)]
    pub vendor: Option<String>,
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
    pub fn new(source: SourceId, roles: usize, segments: usize, problem: Option<String>) -> Fit {
        Fit { source, vendor: None, roles, segments, readable: problem.is_none(), problem }
    }

    /// What the file looks like, for a sentence: "a Zendesk tickets export", "an account list (IBM
    /// Telco churn shape)", "an event log", else "a subscriptions file", "an orders file".
    pub fn describe(&self) -> String {
        let what = match &self.vendor {
            Some(v) => v.clone(),
            None => format!("{} file", self.source.name()),
        };
        profile::with_article(&what)
    }

    /// The ranking key, larger is better: readable first, then a vendor shape of this source, then
    /// the roles given.
    fn rank(&self) -> (bool, bool, usize) {
        (self.readable, self.vendor.is_some(), self.roles)
    }
}

/// The vendor export of `source` the header matches, if any (the most specific profile).
pub fn vendor_of(source: SourceId, names: &[String]) -> Option<String> {
    profile::best_of(source, names).map(|p| p.name())
}

/// The vendor export the header matches, with its source: the most specific profile of any.
pub fn vendor(names: &[String]) -> Option<(SourceId, String)> {
    profile::matching(names).first().map(|p| (p.source, p.name()))
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
pub fn best_other(sniff: &Sniff, loaded_as: SourceId) -> Option<Fit> {
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
    fn goes_over_the_wire() {
        let fit = Fit { vendor: Some("Zendesk tickets export".into()), ..Fit::new(SourceId::Tickets, 10, 1, None) };
        let json = serde_json::to_string(&fit).unwrap();
        assert_eq!(json, r#"{"source":"tickets","vendor":"Zendesk tickets export","roles":10,"segments":1,"readable":true,"problem":null}"#);
        assert_eq!(serde_json::from_str::<Fit>(&json).unwrap(), fit);
    }

    #[test]
    fn describes_with_the_right_article() {
        let mut fit = Fit::new(SourceId::Orders, 4, 0, None);
        assert_eq!(fit.describe(), "an orders file");
        fit.vendor = Some("Shopify orders export".into());
        assert_eq!(fit.describe(), "a Shopify orders export");
        fit.vendor = Some("event log".into());
        assert_eq!(fit.describe(), "an event log");
        assert_eq!(Fit::new(SourceId::Subscriptions, 1, 0, Some("x".into())).describe(), "a subscriptions file");
    }

    /// "tickets: Zendesk tickets export", the source and the export a header reads as.
    fn vendor(header: &str) -> Option<String> {
        super::vendor(&sniff(header.as_bytes()).column_names()).map(|(s, v)| format!("{s}: {v}"))
    }

    #[test]
    fn recognises_vendor_headers() {
        let zendesk = "Id,Requester,Requester id,Assignee,Group,Subject,Status,Via,Created at,Solved at,Reopens,Replies,Satisfaction Score\n";
        assert_eq!(vendor(zendesk), Some("tickets: Zendesk tickets export".to_string()));
        let freshdesk = "Ticket ID,Subject,Status,Priority,Source,Agent,Created time,Resolved time,Initial response time,Agent interactions\n";
        assert_eq!(vendor(freshdesk), Some("tickets: Freshdesk tickets export".to_string()));
        assert_eq!(vendor("conversation_id,conversation_created_at,conversation_closed_at\n"), Some("tickets: Intercom conversations export".to_string()));
        assert_eq!(
            vendor("id,number,status,subject,mailboxId,customerEmail,createdAt,closedAt\n"),
            Some("tickets: Help Scout conversations export".to_string())
        );
        assert_eq!(vendor("Case ID,Activity,Resource,Complete Timestamp\n"), Some("tickets: event log".to_string()));
        let stripe = "id,Customer ID,Customer Email,Plan,Quantity,Amount,Currency,Interval,Status,Created (UTC),Start (UTC),Canceled At (UTC),Ended At (UTC)\n";
        assert_eq!(vendor(stripe), Some("subscriptions: Stripe subscriptions export (older columns)".to_string()));
        let chargebee = "subscriptions.id,subscriptions.plan_id,subscriptions.plan_quantity,subscriptions.plan_unit_price,subscriptions.status,subscriptions.started_at,subscriptions.cancelled_at,customers.id\n";
        assert_eq!(vendor(chargebee), Some("subscriptions: Chargebee subscriptions export".to_string()));
        assert_eq!(
            vendor("customer_oid,plan_oid,plan_amount,subscription_started_at\n"),
            Some("subscriptions: Baremetrics subscriptions import file".to_string())
        );
        let shopify = "Name,Email,Financial Status,Paid at,Currency,Total,Created at,Lineitem quantity,Lineitem price\n";
        assert_eq!(vendor(shopify), Some("orders: Shopify orders export".to_string()));
        let charges = "id,Description,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Fee,Status,Customer ID,Customer Email,Captured\n";
        assert_eq!(vendor(charges), Some("orders: Stripe payments export".to_string()));
        assert_eq!(vendor("Order ID,Order Date,Order Status,Billing Email,Order Total\n"), Some("orders: WooCommerce orders export".to_string()));
        assert_eq!(
            vendor("Respondent ID,Collector ID,Start Date,End Date,How likely are you to recommend us?\n"),
            Some("surveys: SurveyMonkey responses export".to_string())
        );
        assert_eq!(
            vendor("StartDate,EndDate,Status,IPAddress,Progress,Finished,RecordedDate,ResponseId,Q1\n"),
            Some("surveys: Qualtrics responses export".to_string())
        );
        assert_eq!(vendor("#,How likely?,Start Date (UTC),Submit Date (UTC),Network ID\n"), Some("surveys: Typeform responses export".to_string()));
        assert_eq!(vendor("Response ID,Score,Comment,Created At,Person ID,Email\n"), Some("surveys: Delighted responses export".to_string()));
        assert_eq!(vendor("user_id,event_type,event_time,amplitude_id\n"), Some("usage: Amplitude events export".to_string()));
        assert_eq!(vendor("event,distinct_id,time\n"), Some("usage: Mixpanel events export".to_string()));
        assert_eq!(vendor("event,userId,anonymousId,timestamp,messageId\n"), Some("usage: Segment events export".to_string()));
        assert_eq!(vendor("customerID,gender,tenure,MonthlyCharges,TotalCharges,Churn\n"), Some("accounts: account list (IBM Telco churn shape)".to_string()));
        assert_eq!(vendor("Record ID,Company name,Company owner,Create Date,Lifecycle Stage\n"), Some("accounts: HubSpot companies export".to_string()));
        assert_eq!(vendor("Account ID,Account Name,Account Owner,Type,Industry\n"), Some("accounts: Salesforce accounts report export".to_string()));
        assert_eq!(vendor("order_id,customer_id,date,amount\n"), None);
    }
}
