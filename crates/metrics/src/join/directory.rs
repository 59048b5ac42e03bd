//! The customer directory: the billing customers (of subscriptions and/or accounts), each with
//! its id, its e-mails (trimmed, case-folded; an id that reads as an e-mail is one too) and its
//! domains (of its e-mails, free-mail ones excepted, and of its website). A domain that several
//! customers share is ambiguous: it matches none of them.

use super::keys::{domain_of, email_domain, is_free_mail, normalise_email};
use super::Contact;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The billing customers a key can reach; build it with [`Directory::new`].
#[derive(Debug, Clone, Default)]
pub struct Directory {
    /// Customer ids (trimmed), first seen first.
    pub customers: Vec<String>,
    ids: HashMap<String, u32>,
    /// E-mail → customer; an e-mail given to several customers belongs to the first.
    emails: HashMap<String, u32>,
    /// Domain → customer, for the domains exactly one customer has.
    domains: HashMap<String, u32>,
    /// Domains several customers have, each with their ids (sorted).
    pub ambiguous: BTreeMap<String, Vec<String>>,
}

impl Directory {
    /// The directory of `contacts` (several contacts with one id are one customer).
    pub fn new(contacts: &[Contact]) -> Directory {
        let mut d = Directory::default();
        let mut owners: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
        for c in contacts {
            let id = c.customer.trim();
            if id.is_empty() {
                continue;
            }
            let next = d.customers.len() as u32;
            let at = *d.ids.entry(id.to_string()).or_insert(next);
            if at == next {
                d.customers.push(id.to_string());
            }
            let emails = [Some(id), c.email.as_deref()].into_iter().flatten().filter_map(normalise_email);
            for e in emails {
                let domain = email_domain(&e).to_string();
                if !is_free_mail(&domain) {
                    owners.entry(domain).or_default().insert(at);
                }
                d.emails.entry(e).or_insert(at);
            }
            if let Some(domain) = c.website.as_deref().and_then(domain_of).filter(|w| !is_free_mail(w)) {
                owners.entry(domain).or_default().insert(at);
            }
        }
        for (domain, who) in owners {
            if who.len() == 1 {
                d.domains.insert(domain, *who.first().unwrap_or(&0));
            } else {
                let mut ids: Vec<String> = who.iter().map(|&i| d.customers[i as usize].clone()).collect();
                ids.sort();
                d.ambiguous.insert(domain, ids);
            }
        }
        d
    }

    pub fn len(&self) -> usize {
        self.customers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.customers.is_empty()
    }

    /// The customer whose id is `key` (trimmed, exact).
    pub fn by_id(&self, key: &str) -> Option<u32> {
        self.ids.get(key.trim()).copied()
    }

    /// The customer with the e-mail `key` (trimmed, case-folded).
    pub fn by_email(&self, key: &str) -> Option<u32> {
        normalise_email(key).and_then(|e| self.emails.get(&e).copied())
    }

    /// The domain `key` names for a domain match: an e-mail's domain, or a website's (a bare
    /// domain, a URL); none for a free-mail domain.
    pub fn key_domain(key: &str) -> Option<String> {
        let domain = match normalise_email(key) {
            Some(e) => email_domain(&e).to_string(),
            None if key.contains('@') => return None,
            None => domain_of(key)?,
        };
        (!is_free_mail(&domain)).then_some(domain)
    }

    /// The one customer with the domain of `key` (see [`Directory::key_domain`]); none when the
    /// domain is free-mail, unknown or ambiguous.
    pub fn by_domain(&self, key: &str) -> Option<u32> {
        Directory::key_domain(key).and_then(|d| self.domains.get(&d).copied())
    }

    /// The customers of `domain` when it is ambiguous.
    pub fn ambiguous_owners(&self, domain: &str) -> Option<&Vec<String>> {
        self.ambiguous.get(domain)
    }
}
