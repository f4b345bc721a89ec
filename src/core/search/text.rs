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
    pub term: &'b str,
    pub start: usize,
    pub end: usize,
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
    c.is_alphanumeric() || c == '_'
}

fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '-' | '+' | '\'' | '\u{2019}')
}

/// Calls `f` for every token of `text`; `buf` is scratch space reused across calls.
pub(crate) fn for_each_token(text: &str, buf: &mut String, mut f: impl FnMut(RawToken<'_>)) {
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        if !is_word_char(c) {
            i += c.len_utf8();
            continue;
        }
        // A chunk runs over word characters and over joiners that sit between two of them.
        let start = i;
        let mut end = i;
        let mut chars = text[i..].char_indices().peekable();
        while let Some((off, c)) = chars.next() {
            if is_word_char(c) {
                end = i + off + c.len_utf8();
            } else if is_joiner(c) && chars.peek().is_some_and(|&(_, n)| is_word_char(n)) {
                continue;
            } else {
                break;
            }
        }
        emit_chunk(text, start, end, buf, &mut f);
        i = end;
    }
}

fn emit_chunk(
    text: &str,
    start: usize,
    mut end: usize,
    buf: &mut String,
    f: &mut impl FnMut(RawToken<'_>),
) {
    // Possessive: "Django's" is "Django".
    for suffix in ["'s", "'S", "\u{2019}s", "\u{2019}S"] {
        if text[start..end].ends_with(suffix) && end - suffix.len() > start {
            end -= suffix.len();
            break;
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
    for c in chunk.chars() {
        if c != '\'' && c != '\u{2019}' {
            buf.extend(c.to_lowercase());
        }
    }
    let whole_len = buf.len();

    // Parts, as byte spans of the chunk: split at joiners, underscores and camel-case humps. An apostrophe
    // ("don't") joins without splitting.
    let mut parts: [(usize, usize); 16] = [(0, 0); 16];
    let mut n_parts = 0;
    let mut part_start: Option<usize> = None;
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
            if let Some(s) = part_start.take() {
                if n_parts < parts.len() {
                    parts[n_parts] = (s, off);
                    n_parts += 1;
                }
            }
        }
        if !separator && part_start.is_none() {
            part_start = Some(off);
        }
        prev = Some(c);
    }
    if let Some(s) = part_start {
        if n_parts < parts.len() {
            parts[n_parts] = (s, chunk.len());
            n_parts += 1;
        }
    }

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
    } else if whole_len > 0 {
        f(RawToken {
            term: &buf[..whole_len],
            start,
            end,
            kind: TokenKind::Compound,
        });
        for &(s, e) in &parts[..n_parts] {
            buf.truncate(whole_len);
            for c in chunk[s..e].chars() {
                if c != '\'' && c != '\u{2019}' {
                    buf.extend(c.to_lowercase());
                }
            }
            f(RawToken {
                term: &buf[whole_len..],
                start: start + s,
                end: start + e,
                kind: TokenKind::Part,
            });
        }
    }

    // "N + 1" written with spaces is the same term as "N+1".
    if end - start <= 2 && chunk.chars().all(|c| c.is_alphanumeric()) {
        let rest = &text[end..];
        let after_plus = rest.trim_start_matches(' ');
        if let Some(after_plus) = after_plus.strip_prefix('+') {
            let digits_from = after_plus.trim_start_matches(' ');
            let n_digits = digits_from.bytes().take_while(u8::is_ascii_digit).count();
            let boundary = digits_from[n_digits..]
                .chars()
                .next()
                .is_none_or(|c| !is_word_char(c));
            if (1..=3).contains(&n_digits) && boundary {
                let digits_end = text.len() - digits_from.len() + n_digits;
                buf.clear();
                for c in chunk.chars() {
                    buf.extend(c.to_lowercase());
                }
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
    let mut rest = html;
    let mut space = true;
    let push = |out: &mut String, c: char, space: &mut bool| {
        if c.is_whitespace() {
            if !*space {
                out.push(' ');
                *space = true;
            }
        } else {
            out.push(c);
            *space = false;
        }
    };
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                let close = rest.find('>').unwrap_or(rest.len() - 1);
                let tag = rest[1..close].trim_start_matches('/');
                let name_len = tag
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(tag.len());
                if is_block_tag(&tag[..name_len]) {
                    push(&mut out, ' ', &mut space);
                }
                rest = &rest[close + 1..];
            }
            '&' => match decode_entity(rest) {
                Some((decoded, len)) => {
                    push(&mut out, decoded, &mut space);
                    rest = &rest[len..];
                }
                None => {
                    push(&mut out, '&', &mut space);
                    rest = &rest[1..];
                }
            },
            c => {
                push(&mut out, c, &mut space);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "p" | "br"
            | "li"
            | "ul"
            | "ol"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "thead"
            | "tbody"
            | "blockquote"
            | "div"
            | "hr"
            | "dd"
            | "dt"
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
