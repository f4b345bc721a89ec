//! Bounded edit distance for typo tolerance: optimal string alignment (Levenshtein plus swapping two
//! neighbouring letters, so `csfr` is one edit from `csrf`).

use super::text::MAX_TOKEN_BYTES;

/// How many typos a query term of `chars` characters may contain: none below 4, one from 4, two from 8.
pub fn allowed_edits(chars: usize) -> usize {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The edit distance between `a` and `b` if it is at most `max`, else `None`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    distance(a, b, max, false)
}

/// The smallest edit distance between `a` and some prefix of `b`, if it is at most `max`: how far a word being
/// typed is from becoming `b`.
pub fn prefix_edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    distance(a, b, max, true)
}

/// A 32-bit set of the characters of a term; two terms within `k` edits differ in at most `2k` bits, which
/// rules out most of the vocabulary before any table is filled.
pub(crate) fn char_mask(term: &str) -> u32 {
    term.chars().fold(0, |m, c| m | char_bit(c))
}

fn char_bit(c: char) -> u32 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + (c as u32 - '0' as u32) % 5),
        _ => 1 << 31,
    }
}

const CAP: usize = MAX_TOKEN_BYTES + 1;

fn distance(a: &str, b: &str, max: usize, prefix: bool) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        return table(a.as_bytes(), b.as_bytes(), max, prefix);
    }
    let mut ab = ['\0'; CAP];
    let mut bb = ['\0'; CAP];
    let n = fill(a, &mut ab)?;
    let m = fill(b, &mut bb)?;
    table(&ab[..n], &bb[..m], max, prefix)
}

/// The dynamic-programming table, three rows at a time (enough for adjacent transpositions), stopping as soon
/// as a whole row exceeds `max`.
fn table<T: PartialEq>(a: &[T], b: &[T], max: usize, prefix: bool) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if n >= CAP || m >= CAP {
        return None;
    }
    if !prefix && n.abs_diff(m) > max {
        return None;
    }
    if prefix && m + max < n {
        return None;
    }
    // Cells never exceed CAP, so a byte each is enough.
    let mut two_up = [0u8; CAP];
    let mut up = [0u8; CAP];
    let mut row = [0u8; CAP];
    for (j, cell) in up.iter_mut().enumerate().take(m + 1) {
        *cell = j as u8;
    }
    let max8 = max.min(usize::from(u8::MAX)) as u8;
    for i in 1..=n {
        row[0] = i as u8;
        let mut row_min = row[0];
        for j in 1..=m {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut d = (up[j] + 1).min(row[j - 1] + 1).min(up[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_up[j - 2] + 1);
            }
            row[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max8 {
            return None;
        }
        two_up[..=m].copy_from_slice(&up[..=m]);
        up[..=m].copy_from_slice(&row[..=m]);
    }
    let d = if prefix {
        up[..=m].iter().copied().min().unwrap_or(u8::MAX)
    } else {
        up[m]
    };
    (d <= max8).then_some(usize::from(d))
}

fn fill(s: &str, buf: &mut [char; CAP]) -> Option<usize> {
    let mut n = 0;
    for c in s.chars() {
        if n == CAP {
            return None;
        }
        buf[n] = c;
        n += 1;
    }
    Some(n)
}
