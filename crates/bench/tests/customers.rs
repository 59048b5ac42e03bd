//! The customer set (`northstar-bench-data customers`) read through Northstar's own readers, as the
//! CLI reads a file (sniff the first 256 KiB, open the guessed mapping, feed 1 MiB pieces), and
//! joined to the billing customers. The expected counts are worked out here from the CSV text with
//! a parser of this file's own, never taken from the readers.

use northstar_bench::customers::{customer_set, DEFAULT_CUSTOMERS, DEFAULT_SEED, FILES};
use northstar_metrics::catalog::{by_name, join_loaded, recognise, Loaded, Options};
use northstar_metrics::ingest::sniff;
use northstar_metrics::ingest::sniff::SNIFF_BYTES;
use northstar_metrics::join::JoinReport;
use northstar_metrics::source::SourceId;
use std::collections::{HashMap, HashSet};

const CUSTOMERS: u32 = 120;
const SEED: u64 = 2024;

fn set() -> HashMap<&'static str, Vec<u8>> {
    customer_set(CUSTOMERS, SEED).unwrap().into_iter().collect()
}

/// The sources read, in the order of the CLI's `--source` arguments.
const SOURCES: [(&str, &str); 5] =
    [("subscriptions", "subscriptions.csv"), ("accounts", "accounts.csv"), ("usage", "usage.csv"), ("tickets", "tickets.csv"), ("surveys", "surveys.csv")];

/// Reads `bytes` as `kind` the way `northstar report --source KIND=FILE` does.
fn load(kind: &str, file: &str, bytes: &[u8]) -> Box<dyn Loaded> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let sniffed = sniff(head);
    let mut loading = by_name(kind).unwrap().open(file, &sniffed, &Options::default()).unwrap();
    loading.feed(head);
    for piece in bytes[head.len()..].chunks(1 << 20) {
        loading.feed(piece);
    }
    loading.finish()
}

/// The cells of one CSV line (quoted cells with doubled quotes; no line breaks in a cell).
fn cells(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let (mut quoted, mut chars) = (false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            _ => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// The rows of a file as maps from header to cell.
fn rows(bytes: &[u8]) -> Vec<HashMap<String, String>> {
    let text = std::str::from_utf8(bytes).unwrap();
    let mut lines = text.lines();
    let header = cells(lines.next().unwrap());
    lines.map(|l| header.iter().cloned().zip(cells(l)).collect()).collect()
}

/// Days since 1970-01-01 of a `YYYY-MM-DD…` cell (proleptic Gregorian).
fn day(text: &str) -> i64 {
    let (y, m, d): (i64, i64, i64) = (text[..4].parse().unwrap(), text[5..7].parse().unwrap(), text[8..10].parse().unwrap());
    let (y, m) = if m <= 2 { (y - 1, m + 12) } else { (y, m) };
    365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d - 719_469
}

const FREE_MAIL: [&str; 6] = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "gmx.de"];

/// Every company domain (from the CRM websites and the billing addresses) with its customer.
fn domains(files: &HashMap<&str, Vec<u8>>) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for a in rows(&files["accounts.csv"]) {
        let w = a["Website"].to_lowercase();
        let w = w.trim_start_matches("https://").trim_start_matches("http://").trim_start_matches("www.").trim_end_matches('/');
        if !w.is_empty() {
            out.insert(w.to_string(), a["Account ID"].clone());
        }
    }
    for s in rows(&files["subscriptions.csv"]) {
        let domain = s["Customer Email"].rsplit('@').next().unwrap().to_lowercase();
        if !FREE_MAIL.contains(&domain.as_str()) {
            out.insert(domain, s["Customer ID"].clone());
        }
    }
    out
}

/// The billing addresses, trimmed and lowercased.
fn billing_emails(files: &HashMap<&str, Vec<u8>>) -> HashSet<String> {
    rows(&files["subscriptions.csv"]).iter().map(|s| s["Customer Email"].trim().to_lowercase()).collect()
}

/// The customer an address reaches: its billing address, else its (company) domain.
fn customer_of(email: &str, domains: &HashMap<String, String>, billing: &HashMap<String, String>) -> Option<String> {
    let e = email.trim().to_lowercase();
    billing.get(&e).or_else(|| domains.get(e.rsplit('@').next().unwrap())).cloned()
}

#[test]
fn every_file_reads_as_its_source_whole_and_clean() {
    let files = set();
    assert_eq!(files.len(), FILES.len());
    for (kind, file) in SOURCES {
        let bytes = &files[file];
        let sniffed = sniff(&bytes[..bytes.len().min(SNIFF_BYTES)]);
        assert_eq!(recognise::fits(&sniffed)[0].source.name(), kind, "{file} fits best as {kind}");
        assert_eq!(recognise::best_other(&sniffed, SourceId::from_name(kind).unwrap()), None, "{file}");
        let loaded = load(kind, file, bytes);
        let meta = loaded.meta();
        let lines = bytes.iter().filter(|b| **b == b'\n').count() as u64 - 1;
        assert_eq!((meta.rows, meta.skipped_rows, meta.issue_count), (lines, 0, 0), "{file}: {:?}", meta.issues.first());
    }
}

#[test]
fn the_roles_are_the_exports_columns() {
    let files = set();
    let expect: [(&str, &[(&str, &str)]); 5] = [
        (
            "subscriptions",
            &[
                ("customer", "Customer ID"),
                ("email", "Customer Email"),
                ("amount", "Amount"),
                ("quantity", "Quantity"),
                ("interval", "Interval"),
                ("start", "Start Date (UTC)"),
                ("end", "Canceled At (UTC)"),
                ("status", "Status"),
                ("trial_end", "Trial End (UTC)"),
            ],
        ),
        (
            "accounts",
            &[("customer", "Account ID"), ("name", "Account Name"), ("website", "Website"), ("status", "Account Status"), ("acquired", "Customer Since")],
        ),
        ("usage", &[("user", "distinct_id"), ("timestamp", "time"), ("feature", "event"), ("duration", "duration_seconds")]),
        (
            "tickets",
            &[
                ("id", "Id"),
                ("customer", "Requester email"),
                ("created", "Created at"),
                ("resolved", "Solved at"),
                ("first_reply_minutes", "First reply time in minutes"),
            ],
        ),
        ("surveys", &[("date", "Response Date"), ("respondent", "Email"), ("score", "NPS Score"), ("comment", "Comment")]),
    ];
    for (kind, roles) in expect {
        let file = SOURCES.iter().find(|s| s.0 == kind).unwrap().1;
        let mapping = load(kind, file, &files[file]).mapping();
        for (role, column) in roles {
            let got = mapping.iter().find(|(r, _)| r == role).map(|(_, c)| c.clone()).unwrap_or_default();
            assert_eq!(got, vec![column.to_string()], "{kind} role {role}");
        }
        if kind == "usage" {
            assert!(mapping.iter().any(|(r, c)| *r == "customer" && c.is_empty()), "usage has no customer column: the join goes by e-mail domain");
        }
    }
}

#[test]
fn the_join_reaches_the_customers_by_email_and_domain() {
    let files = set();
    let loaded: Vec<Box<dyn Loaded>> = SOURCES.iter().map(|(kind, file)| load(kind, file, &files[file])).collect();
    let joins = join_loaded(&loaded, &[]);
    let report = |name: &str| -> &JoinReport { joins.iter().find(|j| j.source.name() == name).unwrap() };
    let domains = domains(&files);
    let billing: HashMap<String, String> =
        rows(&files["subscriptions.csv"]).iter().map(|s| (s["Customer Email"].trim().to_lowercase(), s["Customer ID"].clone())).collect();
    for (name, file, column, floor) in
        [("tickets", "tickets.csv", "Requester email", 0.90), ("usage", "usage.csv", "distinct_id", 0.95), ("surveys", "surveys.csv", "Email", 0.95)]
    {
        let r = report(name);
        let keys: Vec<String> = rows(&files[file]).iter().map(|row| row[column].clone()).collect();
        let expected = keys.iter().filter(|k| customer_of(k, &domains, &billing).is_some()).count() as u64;
        assert_eq!((r.rows, r.matched_rows), (keys.len() as u64, expected), "{name}");
        assert!(r.matched_rows as f64 >= floor * r.rows as f64, "{name}: {} of {} matched", r.matched_rows, r.rows);
        assert!(r.ambiguous_domains.is_empty(), "{name}: {:?}", r.ambiguous_domains);
        // Every matched key reaches the customer its address names.
        for (key, customer) in &r.matches {
            assert_eq!(customer_of(key, &domains, &billing).as_ref(), Some(customer), "{name}: {key}");
        }
    }
    // Requesters on free mail: about 5 % of tickets, unmatched (unless the address is a billing
    // address), and counted as such.
    let tickets = rows(&files["tickets.csv"]);
    let emails = billing_emails(&files);
    let free: Vec<String> = tickets
        .iter()
        .map(|t| t["Requester email"].trim().to_lowercase())
        .filter(|e| FREE_MAIL.contains(&e.rsplit('@').next().unwrap()) && !emails.contains(e))
        .collect();
    let r = report("tickets");
    assert_eq!(r.free_mail_rows, free.len() as u64);
    assert!((0.02..0.09).contains(&(free.len() as f64 / tickets.len() as f64)), "{} of {}", free.len(), tickets.len());
    assert!(free.iter().all(|e| !r.matches.keys().any(|k| k.trim().eq_ignore_ascii_case(e))));
    // Requesters typed in any case and with spaces around them still match.
    assert!(tickets.iter().any(|t| t["Requester email"].starts_with("  ") && t["Requester email"].chars().any(|c| c.is_ascii_uppercase())));
}

#[test]
fn truth_is_the_last_cancellation() {
    let files = set();
    let subs = rows(&files["subscriptions.csv"]);
    let truth = rows(&files["truth.csv"]);
    assert_eq!(truth.len(), CUSTOMERS as usize);
    let mut churners = 0;
    for t in &truth {
        let own: Vec<_> = subs.iter().filter(|s| s["Customer ID"] == t["customer"]).collect();
        assert!(!own.is_empty(), "{}", t["customer"]);
        let open = own.iter().filter(|s| s["Canceled At (UTC)"].is_empty()).count();
        if t["churn_day"].is_empty() {
            assert_eq!(open, 1, "{}: one subscription runs on", t["customer"]);
        } else {
            churners += 1;
            assert_eq!(open, 0, "{}", t["customer"]);
            let last = own.iter().map(|s| &s["Canceled At (UTC)"][..10]).max().unwrap();
            assert_eq!(last, t["churn_day"], "{}", t["customer"]);
        }
    }
    // 2-3 % a month over about 15 months of tenure: a fifth to a half of the customers.
    assert!((CUSTOMERS as usize / 5..CUSTOMERS as usize / 2).contains(&churners), "{churners} churners");
}

#[test]
fn every_date_is_in_2023_and_2024() {
    let files = set();
    let columns = [
        ("subscriptions.csv", &["Start Date (UTC)", "Canceled At (UTC)"][..]),
        ("accounts.csv", &["Customer Since"]),
        ("usage.csv", &["time"]),
        ("tickets.csv", &["Created at", "Solved at"]),
        ("surveys.csv", &["Response Date"]),
        ("truth.csv", &["churn_day"]),
    ];
    for (file, cols) in columns {
        for row in rows(&files[file]) {
            for c in cols {
                let v = &row[*c];
                assert!(v.is_empty() || ("2023-01-01".."2025-01-01").contains(&v.as_str()), "{file} {c} {v}");
            }
        }
    }
}

/// Per churner: events in the 60 days before the churn day and in the 60 days before those (on
/// the default set: its hundred-odd churners make the means steady).
#[test]
fn churners_fade_before_they_leave() {
    let files: HashMap<&str, Vec<u8>> = customer_set(DEFAULT_CUSTOMERS, DEFAULT_SEED).unwrap().into_iter().collect();
    let domains = domains(&files);
    let billing: HashMap<String, String> =
        rows(&files["subscriptions.csv"]).iter().map(|s| (s["Customer Email"].trim().to_lowercase(), s["Customer ID"].clone())).collect();
    let since: HashMap<String, i64> = rows(&files["accounts.csv"]).iter().map(|a| (a["Account ID"].clone(), day(&a["Customer Since"]))).collect();
    let churn: HashMap<String, i64> =
        rows(&files["truth.csv"]).iter().filter(|t| !t["churn_day"].is_empty()).map(|t| (t["customer"].clone(), day(&t["churn_day"]))).collect();
    // Churners with four months of history before the churn day.
    let watched: HashMap<&String, i64> = churn.iter().filter(|(c, d)| **d - 120 >= since[*c].max(day("2023-01-01"))).map(|(c, d)| (c, *d)).collect();
    assert!(watched.len() >= 50, "{} churners watched", watched.len());
    let (mut recent, mut before) = (0u64, 0u64);
    let (mut recent_users, mut before_users) = (HashSet::new(), HashSet::new());
    for e in rows(&files["usage.csv"]) {
        let Some(c) = customer_of(&e["distinct_id"], &domains, &billing) else { continue };
        let Some(&churned) = watched.get(&c) else { continue };
        let d = day(&e["time"]);
        if (churned - 60..churned).contains(&d) {
            recent += 1;
            recent_users.insert(e["distinct_id"].clone());
        } else if (churned - 120..churned - 60).contains(&d) {
            before += 1;
            before_users.insert(e["distinct_id"].clone());
        }
    }
    let n = watched.len() as f64;
    let (recent_mean, before_mean) = (recent as f64 / n, before as f64 / n);
    assert!(recent_mean < 0.8 * before_mean, "events a churner, last 60 days {recent_mean:.1}, the 60 before {before_mean:.1}");
    assert!(recent_users.len() < before_users.len(), "active users {} then {}", before_users.len(), recent_users.len());

    // Their NPS answers in the last 90 days are lower than those of the customers who stay.
    let (mut late, mut other) = (Vec::new(), Vec::new());
    for a in rows(&files["surveys.csv"]) {
        let Some(c) = customer_of(&a["Email"], &domains, &billing) else { continue };
        let score: f64 = a["NPS Score"].parse().unwrap();
        match churn.get(&c) {
            Some(&d) if d - day(&a["Response Date"]) <= 90 => late.push(score),
            None => other.push(score),
            _ => {}
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    assert!(late.len() >= 30 && mean(&late) + 1.0 < mean(&other), "NPS before churn {:.2} ({}), others {:.2}", mean(&late), late.len(), mean(&other));

    // Their tickets in the last 90 days come more often (per customer and 30 days) than the
    // stayers' over their whole tenure, and wait longer for a first reply.
    let last = day("2024-12-31");
    let stayer_days: i64 = since.iter().filter(|(c, _)| !churn.contains_key(*c)).map(|(_, s)| last + 1 - s.max(&day("2023-01-01"))).sum();
    let churner_days = 90 * watched.len() as i64;
    let (mut late_tickets, mut stayer_tickets, mut late_replies, mut stayer_replies) = (0, 0, Vec::new(), Vec::new());
    for t in rows(&files["tickets.csv"]) {
        let Some(c) = customer_of(&t["Requester email"], &domains, &billing) else { continue };
        let reply: Option<f64> = t["First reply time in minutes"].parse().ok();
        match churn.get(&c) {
            Some(&d) if watched.contains_key(&c) && d - day(&t["Created at"]) <= 90 => {
                late_tickets += 1;
                late_replies.extend(reply);
            }
            None => {
                stayer_tickets += 1;
                stayer_replies.extend(reply);
            }
            _ => {}
        }
    }
    let (late_rate, stayer_rate) = (late_tickets as f64 * 30.0 / churner_days as f64, stayer_tickets as f64 * 30.0 / stayer_days as f64);
    assert!(late_rate > 1.5 * stayer_rate, "tickets a month before churn {late_rate:.2}, stayers {stayer_rate:.2}");
    assert!(mean(&late_replies) > 1.2 * mean(&stayer_replies), "first reply {:.0} min before churn, {:.0} stayers", mean(&late_replies), mean(&stayer_replies));
}

#[test]
fn the_same_arguments_give_the_same_bytes() {
    assert_eq!(customer_set(60, 7).unwrap(), customer_set(60, 7).unwrap());
    let (a, b) = (customer_set(60, 7).unwrap(), customer_set(60, 8).unwrap());
    assert!(a.iter().zip(&b).all(|(x, y)| x.0 == y.0 && x.1 != y.1));
}

#[test]
fn the_default_set_stays_a_few_megabytes() {
    let files = customer_set(DEFAULT_CUSTOMERS, DEFAULT_SEED).unwrap();
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    assert!((1_000_000..6_000_000).contains(&total), "{total} bytes");
}
