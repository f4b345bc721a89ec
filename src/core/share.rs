//! Shareable question sets: a compact, stable encoding of question ids for URLs (`?set=…`).
//!
//! Each id becomes 5 base-36 characters of its FNV-1a hash; ids are stable forever, so links stay valid across
//! versions. A code this version does not know is reported back, not fatal.

use super::bank::{self, Question};

/// Characters per question in a set code.
pub const CODE_LEN: usize = 5;

/// The code of one question id.
pub fn code(id: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in id.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut n = hash % 36u64.pow(CODE_LEN as u32);
    let mut out = [b'0'; CODE_LEN];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[(n % 36) as usize];
        n /= 36;
    }
    String::from_utf8(out.to_vec()).expect("ascii")
}

/// A set of questions as a URL value.
pub fn encode<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    ids.into_iter().map(code).collect()
}

/// The questions of a set code, in order, and the codes this version does not know.
pub fn decode(value: &str) -> (Vec<&'static Question>, Vec<String>) {
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    let chars: Vec<char> = value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    for chunk in chars.chunks(CODE_LEN) {
        let c: String = chunk.iter().collect::<String>().to_ascii_lowercase();
        match bank::questions().iter().find(|q| code(q.id) == c) {
            Some(q) if !found.iter().any(|f: &&Question| f.id == q.id) => found.push(q),
            Some(_) => {}
            None => unknown.push(c),
        }
    }
    (found, unknown)
}
