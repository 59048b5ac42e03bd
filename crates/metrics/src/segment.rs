//! Segment columns (plan, region, any categorical column), dictionary-encoded per row.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher for interning ids and values (FxHash's mixing). User
/// data cannot choose our memory layout in a way that matters here: it runs on the user's own file.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7cc1_b727_220a_95);
        }
    }
}

/// A HashMap with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// `ids[row]` indexes `values`. A blank cell is the value "(blank)".
#[derive(Debug, Clone, Default)]
pub struct SegmentColumn {
    pub name: String,
    pub values: Vec<String>,
    pub ids: Vec<u32>,
    index: FastMap<String, u32>,
}

impl SegmentColumn {
    pub fn new(name: &str) -> SegmentColumn {
        SegmentColumn { name: name.to_string(), ..Default::default() }
    }

    /// Appends the value of the next row.
    pub fn push(&mut self, value: &str) {
        let v = value.trim();
        let v = if v.is_empty() { "(blank)" } else { v };
        // Few distinct values is the common case: a scan beats hashing.
        let id = match self.values.iter().take(8).position(|x| short_eq(x.as_bytes(), v.as_bytes())) {
            Some(id) => id as u32,
            None => self.intern(v),
        };
        self.ids.push(id);
    }

    /// The id of a value, adding it to the dictionary if new.
    pub fn intern(&mut self, value: &str) -> u32 {
        if let Some(&id) = self.index.get(value) {
            return id;
        }
        let id = self.values.len() as u32;
        self.values.push(value.to_string());
        self.index.insert(value.to_string(), id);
        id
    }

    /// The value of row `row`.
    pub fn value(&self, row: usize) -> &str {
        self.ids.get(row).map_or("", |&id| self.values[id as usize].as_str())
    }
}

/// Byte equality without a `memcmp` call for the short values segment columns hold.
fn short_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && (a.len() > 32 && a == b || a.iter().zip(b).all(|(x, y)| x == y))
}
