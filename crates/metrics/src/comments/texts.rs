//! Free texts of a file (survey comments, ticket subjects) in one arena: no allocation per text.

/// Non-blank texts, each with a key (the kept row or ticket it belongs to) and its file line.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    text: String,
    /// (key, file line, end offset in `text`) of each text.
    ends: Vec<(u32, u64, u32)>,
}

impl Texts {
    pub fn push(&mut self, key: u32, line: u64, text: &str) {
        self.text.push_str(text);
        self.ends.push((key, line, self.text.len() as u32));
    }
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    /// (key, file line, text) in file order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u64, &str)> {
        self.ends.iter().enumerate().map(move |(i, &(key, line, end))| {
            let start = if i == 0 { 0 } else { self.ends[i - 1].2 as usize };
            (key, line, &self.text[start..end as usize])
        })
    }
    /// Keeps the texts whose key `new_key` maps to a new key, under that key.
    pub fn rekey(&mut self, new_key: impl Fn(u32) -> Option<u32>) {
        let mut kept = Texts::default();
        for (key, line, text) in self.iter() {
            if let Some(k) = new_key(key) {
                kept.push(k, line, text);
            }
        }
        *self = kept;
    }
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * std::mem::size_of::<(u32, u64, u32)>()
    }
    pub fn shrink(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}
