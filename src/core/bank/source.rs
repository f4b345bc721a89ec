//! How a source key reads to people. Shared with `build.rs` (included there by path), which writes the same words
//! into the prerendered question pages, so this file uses nothing from the crate.

/// Human description of a source key: `001 2b#9` → `List 001, 2B #9`, `004 advanced-topics#2` →
/// `List 004, advanced topics #2`; a key of another shape as it is.
pub fn describe_source(key: &str) -> String {
    match key
        .split_once(' ')
        .and_then(|(seed, rest)| rest.split_once('#').map(|(s, n)| (seed, s, n)))
    {
        Some((seed, section, n)) => {
            let section = if section.len() <= 3 {
                section.to_uppercase()
            } else {
                section.replace('-', " ")
            };
            format!("List {seed}, {section} #{n}")
        }
        None => key.to_string(),
    }
}
