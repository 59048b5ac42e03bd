//! Segment columns (plan, region, any categorical column), dictionary-encoded per row.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher for interning ids and values (FxHash's mixing). User
/// data cannot choose our memory layout in a way that matters here: it runs on the user's own file.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        // The multiply leaves the high bits best mixed; hash tables index by the low ones.
        self.0.rotate_left(26)
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x517c_c1b7_2722_0a95);
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

    /// With room for `rows` row ids.
    pub fn with_capacity(name: &str, rows: usize) -> SegmentColumn {
        SegmentColumn { name: name.to_string(), ids: Vec::with_capacity(rows), ..Default::default() }
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

/// Interns many distinct strings (customer ids, ticket ids) to dense ids. Each table slot holds
/// the first 24 bytes of its text inline, so a lookup of a short id touches one cache line, not a
/// separately allocated `String`; longer texts check their tail in the text buffer.
#[derive(Debug, Clone, Default)]
pub struct Interner {
    slots: Vec<Slot>,
    /// Text of id `i` is `text[ends[i - 1]..ends[i]]`.
    text: String,
    ends: Vec<usize>,
}

const INLINE: usize = 24;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Slot {
    /// The first bytes of the text, zero-padded.
    head: [u64; 3],
    /// `len << 32 | (id + 1)`; 0 is an empty slot.
    len_id: u64,
}

fn head_of(bytes: &[u8]) -> [u64; 3] {
    let mut head = [0u64; 3];
    for (word, chunk) in head.iter_mut().zip(bytes.chunks(8)) {
        *word = if chunk.len() == 8 {
            u64::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7]])
        } else {
            chunk.iter().rev().fold(0, |w, &b| w << 8 | b as u64)
        };
    }
    head
}

/// The slot hash of a text from its inline head (and, past 24 bytes, its tail).
fn slot_hash(head: &[u64; 3], bytes: &[u8]) -> u64 {
    let mut x = (head[0] ^ (bytes.len() as u64).rotate_left(56)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x = (x.rotate_left(23) ^ head[1]).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x = (x.rotate_left(23) ^ head[2]).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    if bytes.len() > INLINE {
        x ^= hash_of(&bytes[INLINE..]);
    }
    fmix(x)
}

impl Interner {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, id: u32) -> &str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// The id of `value`, adding it if new.
    pub fn intern(&mut self, value: &str) -> u32 {
        if self.ends.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let bytes = value.as_bytes();
        let (head, len) = (head_of(bytes), bytes.len() as u64);
        let mask = self.slots.len() - 1;
        let mut at = slot_hash(&head, bytes) as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot.len_id == 0 {
                let id = self.ends.len() as u32;
                self.text.push_str(value);
                self.ends.push(self.text.len());
                self.slots[at] = Slot { head, len_id: len << 32 | (id as u64 + 1) };
                return id;
            }
            if slot.len_id >> 32 == len && slot.head == head {
                let id = slot.len_id as u32 - 1;
                if bytes.len() <= INLINE || self.get(id).as_bytes()[INLINE..] == bytes[INLINE..] {
                    return id;
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// Every interned text, by id.
    pub fn into_strings(self) -> Vec<String> {
        (0..self.len() as u32).map(|i| self.get(i).to_string()).collect()
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        let mut slots = vec![Slot::default(); size];
        for id in 0..self.ends.len() as u32 {
            let bytes = self.get(id).as_bytes();
            let head = head_of(bytes);
            let mut at = slot_hash(&head, bytes) as usize & (size - 1);
            while slots[at].len_id != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = Slot { head, len_id: (bytes.len() as u64) << 32 | (id as u64 + 1) };
        }
        self.slots = slots;
    }
}

fn hash_of(bytes: &[u8]) -> u64 {
    let mut h = FastHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    fmix(h.finish())
}

/// Murmur3's finaliser: every output bit depends on every input bit, so both the low bits (the
/// slot) and the high bits are well spread.
fn fmix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

#[cfg(test)]
mod tests {
    use super::Interner;

    #[test]
    fn interner_gives_dense_ids_and_short_probes() {
        let mut interner = Interner::default();
        for i in 0..50_000 {
            assert_eq!(interner.intern(&format!("cust{i}")), i);
        }
        assert_eq!(interner.intern("cust17"), 17);
        assert_eq!(interner.intern(""), 50_000);
        let long = "a-customer-id-longer-than-twenty-four-bytes";
        assert_eq!(interner.intern(long), 50_001);
        assert_eq!(interner.intern("a-customer-id-longer-than-twenty-four-bytez"), 50_002);
        assert_eq!(interner.intern(long), 50_001);
        assert_eq!(interner.get(49_999), "cust49999");
        // Sequential ids must spread over the table: a weak hash gave 114 probes on average here.
        let mask = interner.slots.len() - 1;
        let mut probes = 0usize;
        for id in 0..interner.len() as u32 {
            let bytes = interner.get(id).as_bytes();
            let mut at = super::slot_hash(&super::head_of(bytes), bytes) as usize & mask;
            probes += 1;
            while interner.slots[at].len_id as u32 != id + 1 {
                at = (at + 1) & mask;
                probes += 1;
            }
        }
        assert!(probes < interner.len() * 2, "{probes} probes for {} keys", interner.len());
        let strings = interner.into_strings();
        assert_eq!((strings.len(), strings[3].as_str(), strings[50_000].as_str(), strings[50_001].as_str()), (50_003, "cust3", "", long));
    }
}
