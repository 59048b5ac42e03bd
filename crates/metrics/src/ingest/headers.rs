//! Header matching shared by every source's mapping inference: headers are compared lowercased,
//! without a leading question number ("4.", "7a.") or a trailing qualifier ("(UTC)", "(metadata)"),
//! with `_` and `-` as spaces, and without accents (German umlauts also as "ae", "oe", "ue"), so
//! one synonym such as "kündigungsdatum" also matches "Kuendigungsdatum" and "Kundigungsdatum",
//! and "création" matches "Date de creation". Synonyms in German, French and Spanish sit beside
//! the English ones in each source's mapping.

pub fn normalise(text: &str) -> String {
    let t = text.trim().to_lowercase();
    // Strip a leading question number such as "4." or "7a.".
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = if digits.len() < t.len() {
        let letter = digits.chars().next().filter(char::is_ascii_lowercase).filter(|_| digits[1..].starts_with(['.', ')']));
        let after = if letter.is_some() { &digits[1..] } else { digits };
        after.trim_start_matches(['.', ')', ' '])
    } else {
        t.as_str()
    };
    // Spanish questions open with "¿" or "¡".
    let rest = rest.trim_start_matches(['¿', '¡', ' ']).trim_end_matches([':', '?', '!', ' ']);
    // Drop a trailing qualifier such as "(UTC)" or "(property)".
    let rest = match rest.rfind(" (") {
        Some(i) if rest.ends_with(')') => &rest[..i],
        _ => rest,
    };
    rest.to_string()
}

/// Drops the accents of Latin letters used in German, French and Spanish ("é" → "e", "ñ" → "n",
/// "ß" → "ss", "º" → "°"); other characters are kept. For cell values as well as headers.
pub fn fold_accents(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ÿ' => out.push('y'),
            'ß' => out.push_str("ss"),
            'œ' => out.push_str("oe"),
            'º' => out.push('°'),
            '’' | '‘' => out.push('\''),
            _ => out.push(c),
        }
    }
    out
}

/// A cell word as compared: lowercase, accents dropped ("Jährlich" → "jahrlich"). A word already
/// lowercase ASCII (as most exports write their status and interval cells, row after row) is
/// itself, with no copy.
pub fn folded(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(fold_accents(&text.to_lowercase()))
    }
}

/// A header or synonym as compared: lowercased, `_` and `-` as spaces, runs of spaces as one,
/// accents dropped and the German "ae", "oe", "ue" read as the plain vowel (both sides get the
/// same treatment, so English words are unaffected in effect).
pub fn fold(text: &str) -> String {
    let t = fold_accents(&text.to_lowercase()).replace(['_', '-'], " ");
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    t.replace("ae", "a").replace("oe", "o").replace("ue", "u")
}

/// The comparison key of a header: [`normalise`]d, then [`fold`]ed.
pub fn header_key(text: &str) -> String {
    fold(&normalise(text))
}

/// `createdAt` → `created At`, `customerID` → `customer ID`, `IPAddress` → `IP Address`: a space
/// where a lowercase letter meets a capital, or where capitals end before a lowercase one.
pub fn split_camel(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && c.is_uppercase() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || (prev.is_uppercase() && next_lower) {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

/// The other comparison keys of a header besides [`header_key`], for names written as code writes
/// them: camelCase split (`anonymousId` → `anonymous id`), and a dotted name read without its
/// object (`properties.distinct_id` → `distinct id`) or with it as a word (`customers.id` →
/// `customer id`, `plan.amount` → `plan amount`).
pub fn other_keys(text: &str) -> Vec<String> {
    let primary = header_key(text);
    let mut out: Vec<String> = Vec::new();
    let mut add = |k: String| {
        if !k.is_empty() && k != primary && !out.contains(&k) {
            out.push(k);
        }
    };
    let camel = split_camel(text.trim());
    add(header_key(&camel));
    if let Some((object, rest)) = camel.split_once('.') {
        let singular = match object.strip_suffix("ies") {
            Some(stem) => format!("{stem}y"),
            None => object.strip_suffix('s').filter(|o| !o.ends_with('s')).unwrap_or(object).to_string(),
        };
        add(header_key(&format!("{singular} {}", rest.replace('.', " "))));
        add(header_key(&format!("{object} {}", rest.replace('.', " "))));
        add(header_key(&rest.replace('.', " ")));
    }
    out
}

/// Whether the header `text` is one of `words` (by its own key, else by one of its other keys).
pub fn matches_word(text: &str, words: &[&str]) -> bool {
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let n = header_key(text);
    folded.contains(&n) || other_keys(text).iter().any(|k| folded.contains(k))
}

/// The index of the column a mapping names for `role` (e.g. "tickets.agent"): an exact name first,
/// then one that differs only in case; none when the role is unmapped, an error when no column has
/// that name.
pub fn column_of(file: &str, names: &[String], role: &str, column: Option<&str>) -> Result<Option<usize>, crate::issue::FatalError> {
    let Some(c) = column else { return Ok(None) };
    names
        .iter()
        .position(|n| n == c)
        .or_else(|| names.iter().position(|n| n.eq_ignore_ascii_case(c)))
        .map(Some)
        .ok_or_else(|| crate::issue::FatalError::UnknownColumn { file: file.into(), role: role.into(), column: c.into(), available: names.to_vec() })
}

/// The first column (index) whose name matches one of `words`, in the order of `words`, skipping
/// taken columns: by the names' own keys first, then by their other keys ([`other_keys`]: camelCase
/// and dotted names), so a header written plainly always wins over one that needs reading.
pub fn find_column(names: &[String], words: &[&str], taken: &[usize]) -> Option<usize> {
    let keys: Vec<String> = names.iter().map(|n| header_key(n)).collect();
    for w in words {
        let w = fold(w);
        if let Some(i) = keys.iter().position(|k| *k == w) {
            if !taken.contains(&i) {
                return Some(i);
            }
        }
    }
    let others: Vec<Vec<String>> = names.iter().map(|n| other_keys(n)).collect();
    for w in words {
        let w = fold(w);
        if let Some(i) = (0..names.len()).find(|&i| !taken.contains(&i) && others[i].contains(&w)) {
            return Some(i);
        }
    }
    None
}

/// Customer (account, client) id columns in German, French and Spanish, shared by every source
/// whose rows name a billing customer; each source lists its English words first.
pub const CUSTOMER_DE_FR_ES: &[&str] = &[
    "kunde",
    "kunden id",
    "kundennummer",
    "kunden nr",
    "kunden nr.",
    "kundennr",
    "kundennr.",
    "kundenname",
    "firma",
    "unternehmen",
    "konto",
    "n° client",
    "n° de client",
    "numéro client",
    "numéro de client",
    "id client",
    "identifiant client",
    "code client",
    "nom du client",
    "société",
    "entreprise",
    "compte",
    "cliente",
    "id de cliente",
    "id cliente",
    "n° de cliente",
    "n° cliente",
    "número de cliente",
    "código de cliente",
    "nombre del cliente",
    "empresa",
    "cuenta",
    "e mail",
    "courriel",
    "correo",
    "correo electrónico",
];

/// Picks columns by their synonyms for the role-guessing of every source: each column at most
/// once, the first role asked getting it.
pub struct ColumnPicker {
    pub names: Vec<String>,
    pub taken: Vec<usize>,
}

impl ColumnPicker {
    pub fn new(names: Vec<String>) -> ColumnPicker {
        ColumnPicker { names, taken: Vec::new() }
    }

    /// The first free column named by one of `words`, now taken.
    pub fn pick(&mut self, words: &[&str]) -> Option<String> {
        let i = find_column(&self.names, words, &self.taken)?;
        self.taken.push(i);
        Some(self.names[i].clone())
    }

    /// The first free column named by one of the word lists, in order (as if they were one list).
    pub fn pick_in(&mut self, lists: &[&[&str]]) -> Option<String> {
        lists.iter().find_map(|words| self.pick(words))
    }

    /// The columns not picked, with their index.
    pub fn free(&self) -> impl Iterator<Item = (usize, &String)> {
        self.names.iter().enumerate().filter(|(i, _)| !self.taken.contains(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_headers() {
        assert_eq!(normalise("4. How satisfied?"), "how satisfied");
        assert_eq!(normalise("7a. How would you rate"), "how would you rate");
        assert_eq!(normalise("Start Date (UTC)"), "start date");
        assert_eq!(normalise("account"), "account");
        let names: Vec<String> = ["Customer ID", "Canceled At (UTC)", "Ended At (UTC)"].map(String::from).to_vec();
        assert_eq!(find_column(&names, &["ended at", "canceled at"], &[]), Some(2));
        assert_eq!(find_column(&names, &["customer_id"], &[]), Some(0));
        assert_eq!(find_column(&names, &["customer id"], &[0]), None);
    }

    #[test]
    fn names_written_as_code_are_read_too() {
        assert_eq!(split_camel("createdAt"), "created At");
        assert_eq!(split_camel("customerID"), "customer ID");
        assert_eq!(split_camel("IPAddress"), "IP Address");
        assert_eq!(other_keys("anonymousId"), ["anonymous id"]);
        assert_eq!(other_keys("customers.id"), ["customer id", "customers id", "id"]);
        assert_eq!(other_keys("properties.distinct_id"), ["property distinct id", "properties distinct id", "distinct id"]);
        let names: Vec<String> = ["subscriptions.id", "customers.id", "createdAt", "Customer ID"].map(String::from).to_vec();
        // A plain name wins over one that needs reading.
        assert_eq!(find_column(&names, &["customer id"], &[]), Some(3));
        assert_eq!(find_column(&names, &["customer id"], &[3]), Some(1));
        assert_eq!(find_column(&names, &["created at"], &[]), Some(2));
        assert!(matches_word("userId", &["user id"]));
    }

    #[test]
    fn accents_and_umlaut_spellings_compare_equal() {
        let names: Vec<String> = ["Kuendigungsdatum", "Date de creation", "N° Client", "Nº de pedido", "Kunden-ID"].map(String::from).to_vec();
        assert_eq!(find_column(&names, &["kündigungsdatum"], &[]), Some(0));
        assert_eq!(find_column(&names, &["date de création"], &[]), Some(1));
        assert_eq!(find_column(&names, &["n° client"], &[]), Some(2));
        assert_eq!(find_column(&names, &["n° de pedido"], &[]), Some(3));
        assert_eq!(find_column(&names, &["kunden id"], &[]), Some(4));
        assert!(matches_word("Größe", &["grosse"]));
        assert!(matches_word("Año", &["ano"]));
        assert_eq!(fold_accents("Résilié"), "Résilié".replace('é', "e"));
    }
}
