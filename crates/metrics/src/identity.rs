//! Who is one person, for every source's KPIs and for the join ([`RULE`], [`identity`]): a key
//! that is an e-mail address is trimmed and case-folded ("Ann Lee <Ann@Acme.COM>" and
//! " ann@acme.com " are one address), any other key trimmed; a domain is lowercased, without a
//! scheme, `www.`, user, port, path, query or trailing dot ("https://www.Acme.com:443/about" is
//! `acme.com`); a free-mail domain (gmail.com, yahoo.co.uk, …) names no company. [`JoinRule`] says
//! which of id, e-mail and domain a source's keys may reach a billing customer by.
//!
//! crates.io could not be searched from here (the registry's search answered 404) and no crate of
//! free-mail domains is among the ones installed, so the list is ours: the big consumer
//! providers, exact ([`FREE_MAIL`]) and by family over any country domain ([`FREE_MAIL_FAMILIES`]).

use serde::{Deserialize, Serialize};

/// How the keys of a source reach a customer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinRule {
    Id,
    Email,
    Domain,
    /// Id, else e-mail, else domain.
    #[default]
    Auto,
}

impl JoinRule {
    /// The word of `--set join.SOURCE.rule=…`.
    pub fn as_str(self) -> &'static str {
        match self {
            JoinRule::Id => "id",
            JoinRule::Email => "email",
            JoinRule::Domain => "domain",
            JoinRule::Auto => "auto",
        }
    }

    /// Reads `id`, `email` (`e-mail`), `domain` or `auto`.
    pub fn parse(text: &str) -> Result<JoinRule, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "id" => Ok(JoinRule::Id),
            "email" | "e-mail" | "mail" => Ok(JoinRule::Email),
            "domain" => Ok(JoinRule::Domain),
            "auto" | "" => Ok(JoinRule::Auto),
            other => Err(format!("'{other}' is not a join rule (id, email, domain, auto)")),
        }
    }
}

/// The identity rule in words, as the product states it (once, in the glossary).
pub const RULE: &str = "A person or customer is the same wherever their key is the same once read by one rule: an e-mail address is trimmed and compared without case (\u{201c} Ann@Acme.COM \u{201d} is ann@acme.com), other ids are trimmed and compared as written. Every KPI that counts people (active users, stickiness, respondents, repeat contacts, repeat customers, cohorts, referrals) and the join use this rule. A file keyed by e-mail reaches the billing customers by their id, then their e-mail, then their company's domain (never a free-mail one such as gmail.com); the engagement rate and the health score match that way.";

/// Consumer e-mail domains, exact.
pub const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "web.de",
    "t-online.de",
    "freenet.de",
    "mail.ru",
    "list.ru",
    "bk.ru",
    "inbox.ru",
    "proton.me",
    "protonmail.com",
    "protonmail.ch",
    "pm.me",
    "tutanota.com",
    "tuta.io",
    "qq.com",
    "163.com",
    "126.com",
    "sina.com",
    "naver.com",
    "daum.net",
    "rediffmail.com",
    "zoho.com",
    "zohomail.com",
    "mail.com",
    "email.com",
    "fastmail.com",
    "hey.com",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "laposte.net",
    "sfr.fr",
    "libero.it",
    "virgilio.it",
    "seznam.cz",
    "wp.pl",
    "o2.pl",
    "onet.pl",
    "interia.pl",
    "comcast.net",
    "verizon.net",
    "att.net",
    "sbcglobal.net",
    "bellsouth.net",
    "cox.net",
    "btinternet.com",
    "bigpond.com",
    "shaw.ca",
    "rogers.com",
    "sympatico.ca",
    "ukr.net",
    "rambler.ru",
    "hushmail.com",
    "inbox.com",
    "lycos.com",
];

/// Consumer providers present under many country domains: `yahoo.com`, `yahoo.co.uk`,
/// `hotmail.fr`, `gmx.net`, `yandex.ru`, `outlook.de`, `live.co.uk`… (the family's name, then one
/// or two labels of country or generic domain).
pub const FREE_MAIL_FAMILIES: &[&str] = &["yahoo", "ymail", "rocketmail", "hotmail", "outlook", "live", "windowslive", "gmx", "yandex", "aol", "icloud"];

/// Whether `domain` (already read by [`domain_of`] or [`email_domain`]) is a free-mail domain.
pub fn is_free_mail(domain: &str) -> bool {
    if FREE_MAIL.contains(&domain) {
        return true;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    match labels.as_slice() {
        [family, _] => FREE_MAIL_FAMILIES.contains(family),
        // A second-level country domain: yahoo.co.uk, hotmail.com.br, yahoo.co.jp.
        [family, second, _] => FREE_MAIL_FAMILIES.contains(family) && ["co", "com", "net", "org", "ne", "or"].contains(second),
        _ => false,
    }
}

/// A person's key as every KPI and the join count it (one identity rule): trimmed, and an e-mail
/// address case-folded and unwrapped (" Ann@Acme.com" and "ann@acme.com" are one person; an id
/// keeps its case, as the join's id rule does).
pub fn identity(text: &str) -> std::borrow::Cow<'_, str> {
    let t = text.trim();
    if !t.contains('@') {
        return std::borrow::Cow::Borrowed(t);
    }
    // An address already as the rule reads it (lowercase, bare, no trailing dot) is itself: no
    // copy for the common case of a clean export.
    if plain_email(t) {
        return std::borrow::Cow::Borrowed(t);
    }
    match normalise_email(t) {
        Some(email) => std::borrow::Cow::Owned(email),
        None => std::borrow::Cow::Borrowed(t),
    }
}

/// `local@domain.tld`, already lowercase ASCII, without a wrapper, a `mailto:` or a trailing dot.
fn plain_email(t: &str) -> bool {
    let b = t.as_bytes();
    let Some(at) = b.iter().position(|&c| c == b'@') else { return false };
    let (local, domain) = (&b[..at], &b[at + 1..]);
    let clean = |c: &u8| c.is_ascii_graphic() && !c.is_ascii_uppercase() && !matches!(c, b'<' | b'>' | b'@');
    !local.is_empty()
        && local.iter().all(clean)
        && domain.iter().all(clean)
        && domain.contains(&b'.')
        && !domain.starts_with(b".")
        && !domain.ends_with(b".")
        && !t.starts_with("mailto:")
}

/// The e-mail address in `text`, trimmed and case-folded, when it reads as one (one `@`, a local
/// part, a dotted domain, no space); `Name <address>` and `mailto:` forms are unwrapped.
pub fn normalise_email(text: &str) -> Option<String> {
    let mut t = text.trim();
    if let (Some(open), Some(close)) = (t.rfind('<'), t.rfind('>')) {
        if open < close {
            t = t[open + 1..close].trim();
        }
    }
    let mut lower = t.to_lowercase();
    if lower.starts_with("mailto:") {
        lower.drain(..7);
    }
    while lower.ends_with('.') {
        lower.pop();
    }
    let (local, domain) = lower.split_once('@')?;
    let plausible = !local.is_empty() && !domain.contains('@') && domain.contains('.') && !domain.starts_with('.') && !lower.chars().any(char::is_whitespace);
    plausible.then_some(lower)
}

/// The domain of an e-mail address already read by [`normalise_email`].
pub fn email_domain(email: &str) -> &str {
    email.rsplit_once('@').map_or("", |(_, d)| d)
}

/// The domain a website, URL or bare domain names, lowercased, without scheme, `www.`, user,
/// port, path, query, fragment or trailing dot; none when what is left has no dot or a space.
pub fn domain_of(text: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    let mut t = lower.as_str();
    if let Some((_, after)) = t.split_once("://") {
        t = after;
    }
    t = t.split(['/', '?', '#']).next().unwrap_or("");
    if let Some((_, host)) = t.rsplit_once('@') {
        t = host;
    }
    t = t.split(':').next().unwrap_or("");
    t = t.trim_end_matches('.');
    t = t.strip_prefix("www.").unwrap_or(t);
    let plausible = t.contains('.') && !t.starts_with('.') && !t.contains("..") && !t.chars().any(char::is_whitespace);
    plausible.then(|| t.to_string())
}

#[cfg(test)]
mod tests {

    #[test]
    fn identity_reads_every_spelling_of_an_address_as_one() {
        for (raw, want) in [
            ("ann@acme.com", "ann@acme.com"),
            (" Ann@Acme.COM ", "ann@acme.com"),
            ("ANN@ACME.COM.", "ann@acme.com"),
            ("mailto:ann@acme.com", "ann@acme.com"),
            ("Ann Lee <Ann@Acme.com>", "ann@acme.com"),
            ("ann@acme.com.", "ann@acme.com"),
            ("cus_123", "cus_123"),
            (" A-7 ", "A-7"),
            ("a@b", "a@b"),
            ("a@@acme.com", "a@@acme.com"),
            ("two words@acme.com", "two words@acme.com"),
        ] {
            assert_eq!(identity(raw), want, "{raw:?}");
        }
    }

    use super::*;

    #[test]
    fn one_identity_for_every_count() {
        assert_eq!(identity("  Ann@Acme.COM "), "ann@acme.com");
        assert_eq!(identity("Ann Lee <Ann@Acme.com>"), "ann@acme.com");
        assert_eq!(identity(" cus_ABC "), "cus_ABC", "an id keeps its case");
        assert_eq!(identity("not@an email"), "not@an email");
    }

    #[test]
    fn emails_are_trimmed_and_case_folded() {
        assert_eq!(normalise_email(" Ann@Acme.COM ").as_deref(), Some("ann@acme.com"));
        assert_eq!(normalise_email("Ann Lee <ann@acme.com>").as_deref(), Some("ann@acme.com"));
        assert_eq!(normalise_email("mailto:Bob@acme.com.").as_deref(), Some("bob@acme.com"));
        assert_eq!(normalise_email("cus_0001"), None);
        assert_eq!(normalise_email("a b@acme.com"), None);
        assert_eq!(normalise_email("@acme.com"), None);
        assert_eq!(normalise_email("ann@localhost"), None);
    }

    #[test]
    fn websites_give_their_domain() {
        assert_eq!(domain_of("https://www.acme.com/about").as_deref(), Some("acme.com"));
        assert_eq!(domain_of("HTTP://Shop.Acme.co.uk:8080/x?y#z").as_deref(), Some("shop.acme.co.uk"));
        assert_eq!(domain_of(" acme.com. ").as_deref(), Some("acme.com"));
        assert_eq!(domain_of("www.acme.io").as_deref(), Some("acme.io"));
        assert_eq!(domain_of("Acme Inc"), None);
        assert_eq!(domain_of(""), None);
    }

    #[test]
    fn free_mail_domains() {
        for d in ["gmail.com", "yahoo.com", "yahoo.co.uk", "hotmail.fr", "gmx.net", "gmx.de", "yandex.ru", "outlook.com", "proton.me", "web.de", "qq.com"] {
            assert!(is_free_mail(d), "{d}");
        }
        for d in ["acme.com", "yahoo.acme.com.example.org", "mygmail.com", "outlookconsulting.com", "live.acme.com"] {
            assert!(!is_free_mail(d), "{d}");
        }
    }
}
