//! Text handling for search: tokenising prose and code, stop words, HTML to plain text.

use super::stem;

/// Tokens longer than this (in bytes) are cut: nobody types them, and it bounds the edit-distance tables.
pub(crate) const MAX_TOKEN_BYTES: usize = 64;

/// What a token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A plain word, or a code term with no parts (`queryset`, `csrf`).
    Word,
    /// A code term as a whole: `select_related`, `settings.py`, `n+1`, `modelserializer`, `__init__`.
    Compound,
    /// One piece of the compound just before it: `select` and `related` of `select_related`.
    Part,
}

/// A token of a text, lowercased, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The lowercase term as written (not stemmed).
    pub term: String,
    /// Byte offset of the first character in the source.
    pub start: usize,
    /// Byte offset just past the last character in the source.
    pub end: usize,
    /// Word, compound or part.
    pub kind: TokenKind,
}

/// A token borrowed from the tokeniser's buffer, so that callers can look it up without allocating.
pub(crate) struct RawToken<'b> {
    /// The lowercase term as written.
    pub term: &'b str,
    /// Byte span in the source.
    pub start: usize,
    pub end: usize,
    /// Word, compound or part.
    pub kind: TokenKind,
}

/// Splits a text into search tokens.
///
/// Code terms are kept whole and also split into parts: `select_related` gives `select_related`, `select` and
/// `related`; `ModelSerializer` gives `modelserializer`, `model` and `serializer`; `settings.py`, dotted paths,
/// `get_or_create`, `__init__` and `N+1` likewise. `N + 1` written with spaces also gives `n+1`. A leading `@` (a
/// decorator) and a trailing possessive `'s` are dropped; everything is lowercased.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_token(text, &mut String::new(), |t| {
        out.push(Token {
            term: t.term.to_string(),
            start: t.start,
            end: t.end,
            kind: t.kind,
        })
    });
    out
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        ascii_class(c as u8) == WORD
    } else {
        c.is_alphanumeric()
    }
}

const OTHER: u8 = 0;
const WORD: u8 = 1;
const JOINER: u8 = 2;

/// Classes of the ASCII bytes, looked up once per byte by the scanning loops.
const ASCII_CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() || c == b'_' {
            WORD
        } else if matches!(c, b'.' | b'-' | b'+' | b'\'') {
            JOINER
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

#[inline]
fn ascii_class(b: u8) -> u8 {
    ASCII_CLASS[usize::from(b & 0x7f)]
}

/// The character at byte `i` (which must be a boundary) and its length, with a fast path for ASCII.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (char::from(b), 1)
    } else {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c, c.len_utf8())
    }
}

/// Whether a word character starts at byte `i`.
#[inline]
fn word_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => false,
        Some(&b) if b < 0x80 => ascii_class(b) == WORD,
        Some(_) => char_at(text, i).0.is_alphanumeric(),
    }
}

/// Calls `f` for every token of `text`; `buf` is scratch space reused across calls.
pub(crate) fn for_each_token(text: &str, buf: &mut String, f: impl FnMut(RawToken<'_>)) {
    for_each_token_where(text, buf, None, f);
}

/// Like [`for_each_token`], but when `first` is given, plain words whose lowercase first byte is not in that
/// bitmap are skipped without being copied: scanning a long text for a few terms then costs little.
pub(crate) fn for_each_token_where(
    text: &str,
    buf: &mut String,
    first: Option<&[u64; 4]>,
    mut f: impl FnMut(RawToken<'_>),
) {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut i = 0;
    while i < len {
        let b = bytes[i];
        if b < 0x80 {
            if ascii_class(b) != WORD {
                i += 1;
                continue;
            }
        } else {
            let (c, n) = char_at(text, i);
            if !c.is_alphanumeric() {
                i += n;
                continue;
            }
        }
        // A chunk runs over word characters and over joiners that sit between two of them.
        let start = i;
        let mut end = i;
        let mut j = i;
        while j < len {
            let b = bytes[j];
            if b < 0x80 {
                match ascii_class(b) {
                    WORD => {
                        j += 1;
                        end = j;
                    }
                    JOINER if word_at(text, j + 1) => j += 1,
                    _ => break,
                }
            } else {
                let (c, n) = char_at(text, j);
                if c.is_alphanumeric() {
                    j += n;
                    end = j;
                } else if c == '\u{2019}' && word_at(text, j + n) {
                    j += n;
                } else {
                    break;
                }
            }
        }
        emit_chunk(text, start, end, buf, first, &mut f);
        i = end;
    }
}

/// Whether a chunk holds an apostrophe (ASCII or typographic).
#[inline]
fn has_apostrophe(s: &str) -> bool {
    s.bytes().any(|b| b == b'\'' || b == 0xE2) && s.contains(['\'', '\u{2019}'])
}

/// Whether an ASCII chunk is a plain word: letters and digits only, with no camel-case hump.
fn is_plain_ascii_word(chunk: &[u8]) -> bool {
    let mut lower_seen = false;
    let mut upper_after_first = false;
    for (i, &b) in chunk.iter().enumerate() {
        if !b.is_ascii_alphanumeric() {
            return false;
        }
        if b.is_ascii_lowercase() {
            lower_seen = true;
        } else if b.is_ascii_uppercase() && i > 0 {
            upper_after_first = true;
        }
    }
    // "Django", "csrf", "CSRF" are plain; "ModelSerializer", "iOS", "HTTPResponse" are not.
    !(upper_after_first && lower_seen)
}

fn push_lower(buf: &mut String, s: &str) {
    if s.is_ascii() {
        let from = buf.len();
        buf.push_str(s);
        buf[from..].make_ascii_lowercase();
    } else {
        for c in s.chars() {
            buf.extend(c.to_lowercase());
        }
    }
}

fn emit_chunk(
    text: &str,
    start: usize,
    mut end: usize,
    buf: &mut String,
    first: Option<&[u64; 4]>,
    f: &mut impl FnMut(RawToken<'_>),
) {
    // Possessive: "Django's" is "Django".
    if matches!(text.as_bytes()[end - 1], b's' | b'S') {
        for suffix in ["'s", "'S", "\u{2019}s", "\u{2019}S"] {
            if text[start..end].ends_with(suffix) && end - suffix.len() > start {
                end -= suffix.len();
                break;
            }
        }
    }
    while end - start > MAX_TOKEN_BYTES {
        end -= 1;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
    }
    let chunk = &text[start..end];
    buf.clear();

    if is_plain_ascii_word(chunk.as_bytes()) {
        if let Some(bits) = first {
            let b = usize::from(chunk.as_bytes()[0].to_ascii_lowercase());
            if bits[b / 64] & (1 << (b % 64)) == 0 {
                return;
            }
        }
        push_lower(buf, chunk);
        f(RawToken {
            term: buf,
            start,
            end,
            kind: TokenKind::Word,
        });
        spaced_plus(text, start, end, buf, f);
        return;
    }

    // Parts, as byte spans of the chunk: split at joiners, underscores and camel-case humps. An apostrophe
    // ("don't") joins without splitting.
    let mut parts: [(usize, usize); 16] = [(0, 0); 16];
    let mut n_parts = 0;
    let mut part_start: Option<usize> = None;
    let mut close_part = |part_start: &mut Option<usize>, at: usize| {
        if let Some(s) = part_start.take() {
            if n_parts < parts.len() {
                parts[n_parts] = (s, at);
                n_parts += 1;
            }
        }
    };
    if chunk.is_ascii() {
        let b = chunk.as_bytes();
        for (off, &c) in b.iter().enumerate() {
            let separator = matches!(c, b'_' | b'.' | b'-' | b'+');
            let hump = off > 0 && c.is_ascii_uppercase() && {
                let p = b[off - 1];
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase()
                        && b.get(off + 1).is_some_and(u8::is_ascii_lowercase))
            };
            if separator || hump {
                close_part(&mut part_start, off);
            }
            if !separator && part_start.is_none() {
                part_start = Some(off);
            }
        }
    } else {
        let mut prev: Option<char> = None;
        let mut it = chunk.char_indices().peekable();
        while let Some((off, c)) = it.next() {
            let separator = matches!(c, '_' | '.' | '-' | '+');
            let hump = match prev {
                Some(p) if c.is_uppercase() => {
                    p.is_lowercase()
                        || p.is_ascii_digit()
                        || (p.is_uppercase() && it.peek().is_some_and(|&(_, n)| n.is_lowercase()))
                }
                _ => false,
            };
            if separator || hump {
                close_part(&mut part_start, off);
            }
            if !separator && part_start.is_none() {
                part_start = Some(off);
            }
            prev = Some(c);
        }
    }
    close_part(&mut part_start, chunk.len());
    if let Some(bits) = first {
        // Skip the chunk unless the whole or one of its parts starts with a wanted byte.
        let wanted = |at: usize| {
            let b = usize::from(chunk.as_bytes()[at].to_ascii_lowercase());
            bits[b / 64] & (1 << (b % 64)) != 0
        };
        if !wanted(0) && !parts[..n_parts].iter().any(|&(s, _)| wanted(s)) {
            return;
        }
    }

    if has_apostrophe(chunk) {
        for piece in chunk.split(['\'', '\u{2019}']) {
            push_lower(buf, piece);
        }
    } else {
        push_lower(buf, chunk);
    }
    let whole_len = buf.len();
    if n_parts == 0 {
        return;
    }
    if n_parts == 1 && parts[0] == (0, chunk.len()) {
        f(RawToken {
            term: &buf[..whole_len],
            start,
            end,
            kind: TokenKind::Word,
        });
    } else {
        f(RawToken {
            term: &buf[..whole_len],
            start,
            end,
            kind: TokenKind::Compound,
        });
        for &(s, e) in &parts[..n_parts] {
            buf.truncate(whole_len);
            let part = &chunk[s..e];
            if has_apostrophe(part) {
                for piece in part.split(['\'', '\u{2019}']) {
                    push_lower(buf, piece);
                }
            } else {
                push_lower(buf, part);
            }
            f(RawToken {
                term: &buf[whole_len..],
                start: start + s,
                end: start + e,
                kind: TokenKind::Part,
            });
        }
    }
    spaced_plus(text, start, end, buf, f);
}

/// "N + 1" written with spaces is the same term as "N+1": after a word of one or two characters, emits the
/// joined term when a `+` and a number follow.
fn spaced_plus(
    text: &str,
    start: usize,
    end: usize,
    buf: &mut String,
    f: &mut impl FnMut(RawToken<'_>),
) {
    let chunk = &text[start..end];
    if end - start > 2 || !chunk.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return;
    }
    let rest = &text[end..];
    let Some(after_plus) = rest.trim_start_matches(' ').strip_prefix('+') else {
        return;
    };
    let digits_from = after_plus.trim_start_matches(' ');
    let n_digits = digits_from.bytes().take_while(u8::is_ascii_digit).count();
    let boundary = digits_from[n_digits..]
        .chars()
        .next()
        .is_none_or(|c| !is_word_char(c));
    if (1..=3).contains(&n_digits) && boundary {
        let digits_end = text.len() - digits_from.len() + n_digits;
        buf.clear();
        push_lower(buf, chunk);
        buf.push('+');
        buf.push_str(&digits_from[..n_digits]);
        f(RawToken {
            term: buf,
            start,
            end: digits_end,
            kind: TokenKind::Compound,
        });
    }
}

/// The key a term is indexed under: its Porter stem when it is a plain ASCII word (British `-ise` spellings
/// folded into `-ize` first, so `serialiser` meets `serializer`), else the term itself.
pub(crate) fn index_key<'a>(term: &'a str, scratch: &'a mut Vec<u8>) -> &'a str {
    if term.len() > 2 && term.bytes().all(|b| b.is_ascii_lowercase()) {
        match american(term) {
            Some(folded) => {
                // Rare enough that the extra allocation does not matter.
                let stemmed = stem::porter(&folded, scratch).to_string();
                scratch.clear();
                scratch.extend_from_slice(stemmed.as_bytes());
                std::str::from_utf8(scratch).unwrap_or(term)
            }
            None => stem::porter(term, scratch),
        }
    } else {
        term
    }
}

/// `serialise`, `serialiser`, `optimisation` … spelled with `z`, or `None` when the word has no such ending.
fn american(term: &str) -> Option<String> {
    const ENDINGS: [&str; 10] = [
        "ise", "ises", "ised", "ising", "iser", "isers", "isation", "isations", "isable", "iseable",
    ];
    ENDINGS.iter().find_map(|ending| {
        let stem = term.strip_suffix(ending)?;
        (stem.len() >= 4).then(|| format!("{stem}iz{}", &ending[2..]))
    })
}

/// Words that carry no meaning on their own; a query scores them lightly instead of dropping them.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being", "both", "but", "by", "can", "could", "define", "describe", "did", "discuss",
    "do", "does", "doing", "during", "each", "explain", "for", "from", "give", "had", "has",
    "have", "how", "i", "if", "in", "into", "is", "it", "its", "me", "might", "more", "most", "my",
    "of", "on", "or", "other", "our", "should", "so", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "up",
    "use", "used", "using", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "why", "will", "with", "would", "you", "your",
];

/// Whether a lowercase term is a stop word.
pub fn is_stop_word(term: &str) -> bool {
    STOP_WORDS.binary_search(&term).is_ok()
}

/// The plain text of an HTML fragment: tags removed (block tags become spaces), entities decoded, runs of
/// whitespace collapsed to one space.
pub fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    strip_html_into(html, &mut out);
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Appends the plain text of an HTML fragment to `out`, so that a long fragment can be read piece by piece
/// (cut before a `<`).
pub(crate) fn strip_html_into(html: &str, out: &mut String) {
    // Whether the output ends in a space (or is empty), so that runs collapse and nothing leads.
    let mut space = out.is_empty() || out.ends_with(' ');
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut run = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !HTML_SPECIAL[usize::from(b)] {
            i += 1;
            continue;
        }
        if run < i {
            out.push_str(&html[run..i]);
            space = false;
        }
        let mut text_space = false;
        match b {
            b'<' => {
                let close = bytes[i..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(bytes.len(), |c| i + c + 1);
                let name_from = i + 1 + usize::from(bytes.get(i + 1) == Some(&b'/'));
                let name_len = bytes[name_from.min(close)..close]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(close - name_from.min(close));
                text_space =
                    is_block_tag(&bytes[name_from.min(close)..name_from.min(close) + name_len]);
                i = close;
            }
            b'&' => match decode_entity(&html[i..]) {
                Some((c, len)) => {
                    if c.is_whitespace() {
                        text_space = true;
                    } else {
                        out.push(c);
                        space = false;
                    }
                    i += len;
                }
                None => {
                    out.push('&');
                    space = false;
                    i += 1;
                }
            },
            _ => {
                text_space = true;
                i += 1;
            }
        }
        if text_space && !space {
            out.push(' ');
            space = true;
        }
        run = i;
    }
    if run < bytes.len() {
        out.push_str(&html[run..]);
    }
}

/// Bytes that end a run of plain text in HTML: a tag, an entity, or whitespace to collapse.
const HTML_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b'<' as usize] = true;
    t[b'&' as usize] = true;
    t[b' ' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\t' as usize] = true;
    t[b'\r' as usize] = true;
    t
};

fn is_block_tag(name: &[u8]) -> bool {
    let mut lower = [0u8; 10];
    if name.len() > lower.len() {
        return false;
    }
    lower[..name.len()].copy_from_slice(name);
    lower.make_ascii_lowercase();
    matches!(
        &lower[..name.len()],
        b"p" | b"br"
            | b"li"
            | b"ul"
            | b"ol"
            | b"pre"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"tr"
            | b"td"
            | b"th"
            | b"table"
            | b"thead"
            | b"tbody"
            | b"blockquote"
            | b"div"
            | b"hr"
            | b"dd"
            | b"dt"
    )
}

/// Decodes the entity at the start of `s` (which starts with `&`): its character and its length in bytes.
fn decode_entity(s: &str) -> Option<(char, usize)> {
    let semi = s[..s.len().min(12)].find(';')?;
    let body = &s[1..semi];
    let c = match body {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let num = body.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, semi + 1))
}
