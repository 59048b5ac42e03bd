//! Names: Stripe-style ids, companies with their own web domain, people and their e-mail
//! addresses (the company's convention, or a personal free-mail address), and the ways people
//! type an address (`Ann.Lee@Acme.com`, `ANN.LEE@ACME.COM`, with stray spaces).

use crate::Rng;
use std::collections::HashSet;

const BASE62: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `prefix` and 14 base-62 characters, as Stripe's ids (`cus_NffrFeUfNV2Hib`), never one of `taken`.
pub fn stripe_id(rng: &mut Rng, prefix: &str, taken: &mut HashSet<String>) -> String {
    loop {
        let mut id = String::from(prefix);
        id.extend((0..14).map(|_| BASE62[rng.below(62) as usize] as char));
        if taken.insert(id.clone()) {
            return id;
        }
    }
}

const FIRST_WORDS: [&str; 48] = [
    "Acme",
    "Bluefin",
    "Cobalt",
    "Driftwood",
    "Ember",
    "Fjord",
    "Granite",
    "Harbor",
    "Ironbark",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Maple",
    "Nimbus",
    "Oakridge",
    "Pinecone",
    "Quarry",
    "Redwood",
    "Saffron",
    "Tidewater",
    "Umbra",
    "Vantage",
    "Willow",
    "Yarrow",
    "Zephyr",
    "Amber",
    "Birch",
    "Cedar",
    "Delta",
    "Evergreen",
    "Falcon",
    "Glacier",
    "Horizon",
    "Indigo",
    "Jasper",
    "Keystone",
    "Larkspur",
    "Meridian",
    "Northwind",
    "Orchid",
    "Pioneer",
    "Quill",
    "Riverbend",
    "Summit",
    "Thistle",
    "Upland",
    "Verdant",
    "Wildflower",
];
const SECOND_WORDS: [&str; 24] = [
    "Analytics",
    "Labs",
    "Logistics",
    "Health",
    "Foods",
    "Robotics",
    "Media",
    "Partners",
    "Systems",
    "Studio",
    "Energy",
    "Capital",
    "Learning",
    "Outfitters",
    "Dental",
    "Freight",
    "Insurance",
    "Software",
    "Clinics",
    "Brewing",
    "Realty",
    "Apparel",
    "Works",
    "Networks",
];
/// Legal suffixes as CRMs hold them (some with a comma, so the cell is quoted).
const SUFFIXES: [&str; 8] = ["", "", "", " Inc.", ", Inc.", " LLC", " Ltd", " GmbH"];
const TLDS: [&str; 6] = ["com", "com", "com", "io", "co", "net"];

/// A company: its name as the CRM has it and its web domain (lowercase, unique among `domains`).
pub fn company(rng: &mut Rng, domains: &mut HashSet<String>) -> (String, String) {
    for attempt in 0.. {
        let (a, b) = (rng.pick(&FIRST_WORDS), rng.pick(&SECOND_WORDS));
        let (la, lb) = (a.to_lowercase(), b.to_lowercase());
        let tld = rng.pick(&TLDS);
        let domain = match rng.below(5) {
            0 => format!("{la}-{lb}.{tld}"),
            1 => format!("get{la}.{tld}"),
            2 => format!("{la}{lb}hq.{tld}"),
            _ => format!("{la}{lb}.{tld}"),
        };
        // After a few collisions, a number makes it unique (acme-1234.com).
        let domain = if attempt < 8 { domain } else { format!("{la}-{}.{tld}", 1000 + rng.below(9000)) };
        if domains.insert(domain.clone()) {
            return (format!("{a} {b}{}", rng.pick(&SUFFIXES)), domain);
        }
    }
    unreachable!("the loop only ends by returning")
}

/// How a CRM holds a company's website: mostly `https://www.{domain}/`, sometimes bare.
pub fn website(rng: &mut Rng, domain: &str) -> String {
    match rng.below(10) {
        0 => domain.to_string(),
        1 => format!("www.{domain}"),
        2 => format!("http://{domain}"),
        3 => format!("https://{domain}/"),
        _ => format!("https://www.{domain}/"),
    }
}

const FIRST_NAMES: [&str; 60] = [
    "ann", "ben", "carla", "david", "elena", "farid", "grace", "hiro", "ines", "jonas", "kara", "liam", "maria", "noah", "olga", "pedro", "quinn", "rosa",
    "sam", "tara", "umar", "vera", "wei", "ximena", "yusuf", "zoe", "amir", "bianca", "chen", "dana", "emil", "fatima", "george", "hana", "ivan", "julia",
    "kofi", "lena", "marco", "nina", "oscar", "priya", "rafael", "sofia", "tom", "ulla", "victor", "wanda", "yara", "aisha", "bruno", "clara", "diego", "eva",
    "felix", "greta", "hugo", "isla", "jack", "kim",
];
const LAST_NAMES: [&str; 60] = [
    "lee",
    "smith",
    "garcia",
    "muller",
    "rossi",
    "kim",
    "nguyen",
    "okafor",
    "patel",
    "silva",
    "novak",
    "jensen",
    "tanaka",
    "cohen",
    "dubois",
    "kowalski",
    "ahmed",
    "brown",
    "costa",
    "dias",
    "evans",
    "fischer",
    "gomez",
    "hansen",
    "ito",
    "jones",
    "khan",
    "lopez",
    "martin",
    "nowak",
    "oliveira",
    "park",
    "quinn",
    "reyes",
    "schmidt",
    "torres",
    "ueda",
    "vargas",
    "wagner",
    "young",
    "zhang",
    "baker",
    "clarke",
    "diaz",
    "ekström",
    "ford",
    "gray",
    "hill",
    "ivanova",
    "jovanovic",
    "klein",
    "larsen",
    "moreau",
    "nielsen",
    "ortiz",
    "price",
    "russo",
    "sato",
    "weber",
    "walsh",
];

/// How a company spells its people's addresses.
#[derive(Debug, Clone, Copy)]
pub enum Convention {
    /// ann.lee
    FirstDotLast,
    /// alee
    InitialLast,
    /// ann
    First,
    /// ann_lee
    FirstUnderscoreLast,
}

pub fn convention(rng: &mut Rng) -> Convention {
    match rng.below(10) {
        0..=5 => Convention::FirstDotLast,
        6 | 7 => Convention::InitialLast,
        8 => Convention::First,
        _ => Convention::FirstUnderscoreLast,
    }
}

/// A person at a company: their work address (`local@domain`, unique among `locals`) and a
/// personal free-mail address.
pub fn person(rng: &mut Rng, convention: Convention, domain: &str, locals: &mut HashSet<String>) -> (String, String) {
    loop {
        let (first, last) = (rng.pick(&FIRST_NAMES), ascii(rng.pick(&LAST_NAMES)));
        let mut local = match convention {
            Convention::FirstDotLast => format!("{first}.{last}"),
            Convention::InitialLast => format!("{}{last}", &first[..1]),
            Convention::First => first.to_string(),
            Convention::FirstUnderscoreLast => format!("{first}_{last}"),
        };
        if locals.contains(&local) {
            local = format!("{local}{}", 2 + rng.below(8));
        }
        if locals.insert(local.clone()) {
            let free = rng.pick(&["gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "gmx.de"]);
            let personal = format!("{first}{last}{}@{free}", 10 + rng.below(90));
            return (format!("{local}@{domain}"), personal);
        }
    }
}

/// Letters as e-mail addresses have them (ekström → ekstrom).
fn ascii(name: &str) -> String {
    name.replace('ö', "o")
}

/// `ann.lee@acme.com` as a person may type it: `Ann.Lee@Acme.com` (each word of the name and of
/// the domain's first labels capitalised, the top-level domain kept).
pub fn display_case(email: &str) -> String {
    let (local, domain) = email.split_once('@').unwrap_or((email, ""));
    let (host, tld) = domain.rsplit_once('.').unwrap_or((domain, ""));
    let words = |text: &str| {
        let mut out = String::with_capacity(text.len());
        let mut start = true;
        for c in text.chars() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            start = matches!(c, '.' | '_' | '-');
        }
        out
    };
    format!("{}@{}.{tld}", words(local), words(host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stripe_shaped_and_unique() {
        let mut rng = Rng::new(3);
        let mut taken = HashSet::new();
        let ids: Vec<String> = (0..500).map(|_| stripe_id(&mut rng, "cus_", &mut taken)).collect();
        assert!(ids.iter().all(|id| id.len() == 18 && id.starts_with("cus_") && id[4..].chars().all(|c| c.is_ascii_alphanumeric())));
        assert_eq!(taken.len(), 500);
    }

    #[test]
    fn domains_stay_unique_past_the_word_pairs() {
        let mut rng = Rng::new(5);
        let mut domains = HashSet::new();
        for _ in 0..5000 {
            company(&mut rng, &mut domains);
        }
        assert_eq!(domains.len(), 5000);
        assert!(domains.iter().all(|d| d.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')));
    }

    #[test]
    fn addresses_in_display_case() {
        assert_eq!(display_case("ann.lee@acme-labs.com"), "Ann.Lee@Acme-Labs.com");
        assert_eq!(display_case("alee@getcobalt.io"), "Alee@Getcobalt.io");
    }
}
