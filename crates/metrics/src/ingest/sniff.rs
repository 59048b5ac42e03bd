//! Looks at the start of a file to learn how to read the rest: encoding, delimiter, and how many
//! header rows there are (one; SurveyMonkey's two; Qualtrics' three, the third `{"ImportId":…}`).

use super::csv::{read_all, Record};
use super::decode::Decoder;
use crate::parse::NumberStyle;

/// Bytes of the file start that sniffing reads.
pub const SNIFF_BYTES: usize = 256 * 1024;
/// Data rows kept as a preview for mapping inference and the mapping panel.
pub const PREVIEW_ROWS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnHeader {
    /// What the user sees and maps by (unique within the file).
    pub name: String,
    /// Extra header text: the question wording of a Qualtrics second row, etc.
    pub label: String,
}

impl ColumnHeader {
    /// Lowercase name and label together, for synonym matching.
    pub fn search_text(&self) -> String {
        format!("{} {}", self.name, self.label).to_lowercase()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderShape {
    Single,
    SurveyMonkey,
    Qualtrics,
}

#[derive(Debug, Clone)]
pub struct Sniff {
    pub encoding: &'static str,
    pub delimiter: u8,
    pub header_rows: usize,
    pub shape: HeaderShape,
    pub columns: Vec<ColumnHeader>,
    pub preview: Vec<Record>,
    pub number_style: NumberStyle,
    /// Mean bytes per record in the sniffed prefix (for sizing buffers).
    pub bytes_per_record: usize,
}

impl Sniff {
    pub fn column_names(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.name.clone()).collect()
    }
    /// About how many data rows a file of `total` bytes holds (an estimate for reserving memory).
    pub fn estimate_rows(&self, total: usize) -> usize {
        (total / self.bytes_per_record.max(16)).min(50_000_000) + 16
    }

    /// A stable signature of the header, used to remember mappings per export layout.
    pub fn signature(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for c in &self.columns {
            for b in c.name.bytes().chain([0x1f]) {
                h ^= b as u64;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{h:016x}")
    }
    pub fn delimiter_label(&self) -> &'static str {
        match self.delimiter {
            b';' => "semicolon",
            b'\t' => "tab",
            b'|' => "pipe",
            _ => "comma",
        }
    }
}

/// Sniffs the first bytes of a file (`prefix` may be the whole file).
pub fn sniff(prefix: &[u8]) -> Sniff {
    let mut decoder = Decoder::new();
    let mut text = String::new();
    let cut = prefix.len().min(SNIFF_BYTES);
    decoder.decode(&prefix[..cut], &mut text);
    if cut == prefix.len() {
        decoder.finish(&mut text);
    }
    let delimiter = detect_delimiter(&text);
    let (records, _) = read_all(&text, delimiter);
    let bytes_per_record = cut / records.len().max(1);
    let (shape, header_rows) = header_shape(&records);
    let columns = combine_headers(&records[..header_rows.min(records.len())], shape);
    let mut preview: Vec<Record> = records.into_iter().skip(header_rows).take(PREVIEW_ROWS + 1).collect();
    if cut < prefix.len() && !preview.is_empty() {
        preview.pop(); // may be cut short by the sniff window
    }
    Sniff {
        encoding: decoder.label(),
        delimiter,
        header_rows,
        shape,
        columns,
        preview,
        number_style: NumberStyle { decimal_comma: delimiter == b';' },
        bytes_per_record,
    }
}

/// Picks the candidate that splits the first lines into the most consistent number (> 1) of fields.
fn detect_delimiter(text: &str) -> u8 {
    let sample: String = {
        let mut end = text.len().min(64 * 1024);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text[..end].to_string()
    };
    let mut best = (b',', 0usize, 0usize); // (delimiter, consistent rows, fields)
    for d in [b',', b';', b'\t', b'|'] {
        let (records, _) = read_all(&sample, d);
        let rows: Vec<usize> = records.iter().take(30).map(Record::len).collect();
        let Some(&header_fields) = rows.first() else { continue };
        if header_fields < 2 {
            continue;
        }
        let consistent = rows.iter().filter(|&&n| n == header_fields).count();
        if (consistent, header_fields) > (best.1, best.2) {
            best = (d, consistent, header_fields);
        }
    }
    best.0
}

fn header_shape(records: &[Record]) -> (HeaderShape, usize) {
    let is_import_id = |r: &Record| {
        let filled: Vec<&str> = r.fields().filter(|f| !f.trim().is_empty()).collect();
        !filled.is_empty() && filled.iter().filter(|f| f.trim_start().starts_with("{\"ImportId\"")).count() * 2 >= filled.len()
    };
    if records.len() >= 3 && is_import_id(&records[2]) {
        return (HeaderShape::Qualtrics, 3);
    }
    if records.len() >= 2 {
        let second = &records[1];
        let marks = second.fields().filter(|f| matches!(f.trim(), "Response" | "Open-Ended Response")).count();
        if marks > 0 {
            return (HeaderShape::SurveyMonkey, 2);
        }
    }
    (HeaderShape::Single, 1.min(records.len()))
}

fn combine_headers(rows: &[Record], shape: HeaderShape) -> Vec<ColumnHeader> {
    let Some(first) = rows.first() else { return Vec::new() };
    let width = rows.iter().map(Record::len).max().unwrap_or(0);
    let mut out = Vec::with_capacity(width);
    let mut carried = String::new();
    for i in 0..width {
        let top = first.cell(i).trim();
        let header = match shape {
            HeaderShape::Single => ColumnHeader { name: top.to_string(), label: String::new() },
            HeaderShape::Qualtrics => ColumnHeader { name: top.to_string(), label: rows[1].cell(i).trim().to_string() },
            HeaderShape::SurveyMonkey => {
                if !top.is_empty() {
                    carried = top.to_string();
                }
                let sub = rows[1].cell(i).trim();
                let name = if matches!(sub, "" | "Response" | "Open-Ended Response") { carried.clone() } else { format!("{carried} - {sub}") };
                ColumnHeader { name, label: sub.to_string() }
            }
        };
        out.push(header);
    }
    // Names must be unique and non-empty.
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for (i, h) in out.iter_mut().enumerate() {
        if h.name.is_empty() {
            h.name = format!("column {}", i + 1);
        }
        let n = seen.entry(h.name.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            h.name = format!("{} ({})", h.name, n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_delimiters() {
        assert_eq!(sniff(b"a;b;c\n1,5;2;3\n").delimiter, b';');
        assert_eq!(sniff(b"a\tb\n1\t2\n").delimiter, b'\t');
        assert_eq!(sniff(b"a|b\n1|2\n").delimiter, b'|');
        assert_eq!(sniff(b"a,b\n\"1;2\",3\n").delimiter, b',');
        assert!(sniff(b"a;b\n1;2\n").number_style.decimal_comma);
    }

    #[test]
    fn reads_survey_monkey_two_row_headers() {
        let csv = "Respondent ID,How likely is it that you would recommend us?,Which plan?,,Comments\n\
                   ,Response,Starter,Pro,Open-Ended Response\n\
                   1,9,Starter,,great\n";
        let s = sniff(csv.as_bytes());
        assert_eq!(s.shape, HeaderShape::SurveyMonkey);
        let names = s.column_names();
        assert_eq!(names, ["Respondent ID", "How likely is it that you would recommend us?", "Which plan? - Starter", "Which plan? - Pro", "Comments"]);
        assert_eq!(s.preview.len(), 1);
        assert_eq!(s.preview[0].line, 3);
    }

    #[test]
    fn reads_qualtrics_three_row_headers() {
        let csv = "StartDate,Q1,Q2\n\"Start Date\",\"How likely are you to recommend X to a friend?\",Why?\n\
                   \"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\",\"{\"\"ImportId\"\":\"\"QID2\"\"}\"\n\
                   2024-01-02,10,ok\n";
        let s = sniff(csv.as_bytes());
        assert_eq!(s.shape, HeaderShape::Qualtrics);
        assert_eq!(s.header_rows, 3);
        assert_eq!(s.columns[1].name, "Q1");
        assert!(s.columns[1].search_text().contains("recommend"));
        assert_eq!(s.preview[0].line, 4);
    }

    #[test]
    fn names_blank_and_duplicate_headers() {
        let s = sniff(b"a,,a\n1,2,3\n");
        assert_eq!(s.column_names(), ["a", "column 2", "a (2)"]);
    }
}
