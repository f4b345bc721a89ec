//! Build-time half of the question bank: reads `content/`, validates every file, renders answers to HTML with
//! highlighted code, and writes into `OUT_DIR` `bank_data.rs` for `core::bank` to include plus one answers file
//! per topic (`answers-<topic>-<hash>.txt`). The wasm carries the questions and key points; the browser fetches
//! the answers files after start-up (`.ci/post-build.mjs` copies them into the build), so the 2 MB of answers are
//! not on the first paint's critical path. Nothing here ships in the wasm: pulldown-cmark and syntect are
//! build-dependencies only.
//!
//! A malformed file fails the build with `path:line: what is wrong` (every problem is listed, not just the first).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{html, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use syntect::parsing::{ParseState, ScopeStack, SyntaxSet};
use syntect::util::LinesWithEndings;

// Shared with the app's question page, which shows sources in the same words as the prerendered pages.
#[path = "src/core/bank/source.rs"]
mod source;
use source::describe_source;

const CONTENT: &str = "content";
const LEVELS: [&str; 3] = ["junior", "mid", "senior"];
const SEEDS: [&str; 5] = ["000", "001", "002", "003", "004"];
/// Class prefix for highlighted tokens; `style/syntax.css` colours these classes.
const HL_PREFIX: &str = "hl-";
/// Ends a record of an answers file (keep in step with `src/core/bank.rs`).
const RECORD_END: char = '\u{1e}';
/// Ends the question id at the start of a record.
const ID_END: char = '\u{1f}';

fn main() {
    match load_content(Path::new(CONTENT)) {
        Ok((topics, questions)) => {
            let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo"));
            let files = answer_files(&topics, &questions);
            for f in &files {
                fs::write(out.join(&f.name), &f.text).expect("write an answers file");
            }
            // For the post-build hook: each question's page prerendered as HTML (.ci/prerender.mjs), and the bank's
            // counts in the static shell's copy of the home page's lead.
            fs::write(
                out.join("prerender.json"),
                prerender_data(&topics, &questions, &files),
            )
            .expect("write prerender.json");
            fs::write(
                out.join("bank_data.rs"),
                generate(&topics, &questions, &files, &out),
            )
            .expect("write bank_data.rs");
        }
        Err(errors) => {
            eprintln!("\nThe question bank has {} problem(s):", errors.len());
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!();
            std::process::exit(1);
        }
    }
}

/// Reads and validates every question under `root`; on failure, every problem as `path:line: message`.
/// Also used by `tests/content_errors.rs`, which includes this file as a module.
pub(crate) fn load_content(root: &Path) -> Result<(Vec<Topic>, Vec<Question>), Vec<String>> {
    println!("cargo::rerun-if-changed={}", root.display());
    let mut errors = Vec::new();
    let topics = read_topics(root.join("topics.txt").as_path(), &mut errors);
    let mut files = Vec::new();
    for topic in &topics {
        let dir = root.join(&topic.id);
        println!("cargo::rerun-if-changed={}", dir.display());
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "md") {
                println!("cargo::rerun-if-changed={}", path.display());
                files.push(path);
            }
        }
    }
    // A question file in a folder that is not a topic would be silently skipped: report it instead.
    if let Ok(entries) = fs::read_dir(root) {
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() && !topics.iter().any(|t| t.id == name) {
                errors.push(format!(
                    "{}:1: folder is not a topic listed in topics.txt",
                    path.display()
                ));
            }
        }
    }
    files.sort();

    let highlighter = Highlighter::new();
    let mut questions: Vec<Question> = Vec::new();
    for path in &files {
        match fs::read_to_string(path) {
            Ok(text) => {
                if let Some(q) = parse_question(path, &text, &topics, &highlighter, &mut errors) {
                    questions.push(q);
                }
            }
            Err(e) => errors.push(format!("{}:1: cannot read: {e}", path.display())),
        }
    }
    check_bank(&questions, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    // Topic order, then level, then id: the order the bank is browsed in.
    questions.sort_by(|a, b| {
        (a.topic_index, level_rank(&a.level), &a.id).cmp(&(
            b.topic_index,
            level_rank(&b.level),
            &b.id,
        ))
    });
    Ok((topics, questions))
}

pub(crate) struct Topic {
    id: String,
    title: String,
    description: String,
}

struct Variant {
    source: String,
    text: String,
    line: usize,
}

pub(crate) struct Question {
    path: String,
    id: String,
    topic_index: usize,
    level: String,
    tags: Vec<String>,
    text: String,
    source: String,
    source_line: usize,
    variants: Vec<Variant>,
    key_points: Vec<String>,
    related: Vec<(String, usize)>,
    answered: bool,
    answer_html: String,
}

fn level_rank(level: &str) -> usize {
    LEVELS.iter().position(|l| *l == level).unwrap_or(0)
}

fn read_topics(path: &Path, errors: &mut Vec<String>) -> Vec<Topic> {
    println!("cargo::rerun-if-changed={}", path.display());
    let Ok(text) = fs::read_to_string(path) else {
        errors.push(format!("{}:1: missing topics file", path.display()));
        return Vec::new();
    };
    let mut topics: Vec<Topic> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        match parts.as_slice() {
            [id, title, description] if is_slug(id) && !title.is_empty() => {
                if topics.iter().any(|t| t.id == *id) {
                    errors.push(format!(
                        "{}:{}: duplicate topic `{id}`",
                        path.display(),
                        i + 1
                    ));
                }
                topics.push(Topic {
                    id: id.to_string(),
                    title: title.to_string(),
                    description: description.to_string(),
                });
            }
            _ => errors.push(format!(
                "{}:{}: expected `id | title | description`",
                path.display(),
                i + 1
            )),
        }
    }
    topics
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `SEED SECTION#N`, e.g. `001 2b#9` or `004 advanced-topics#2`.
fn valid_source_key(key: &str) -> bool {
    let Some((seed, rest)) = key.split_once(' ') else {
        return false;
    };
    let Some((section, number)) = rest.split_once('#') else {
        return false;
    };
    SEEDS.contains(&seed)
        && is_slug(section)
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && !number.starts_with('0')
}

fn parse_question(
    path: &Path,
    text: &str,
    topics: &[Topic],
    hl: &Highlighter,
    errors: &mut Vec<String>,
) -> Option<Question> {
    let p = path.display().to_string();
    let before = errors.len();
    let mut err = |line: usize, msg: String| errors.push(format!("{p}:{line}: {msg}"));
    let lines: Vec<&str> = text.lines().collect();
    // The answers files separate records with these two control characters.
    for (i, line) in lines.iter().enumerate() {
        if let Some(c) = line.chars().find(|&c| c == RECORD_END || c == ID_END) {
            err(
                i + 1,
                format!("control character U+{:04X} is not allowed", c as u32),
            );
        }
    }
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        err(1, "the file must start with a `---` header line".into());
        return None;
    }
    let Some(end) = lines
        .iter()
        .skip(1)
        .position(|l| l.trim_end() == "---")
        .map(|i| i + 1)
    else {
        err(1, "the header is not closed by a `---` line".into());
        return None;
    };

    let mut single: BTreeMap<&str, (String, usize)> = BTreeMap::new();
    let mut variants = Vec::new();
    let mut key_points = Vec::new();
    for (i, raw) in lines[1..end].iter().enumerate() {
        let n = i + 2;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((field, value)) = line.split_once(':') else {
            err(n, format!("expected `field: value`, found `{line}`"));
            continue;
        };
        let value = value.trim().to_string();
        match field.trim() {
            "also" => match value.split_once('|') {
                Some((key, wording)) if !wording.trim().is_empty() => variants.push(Variant {
                    source: key.trim().to_string(),
                    text: wording.trim().to_string(),
                    line: n,
                }),
                _ => err(n, "`also` needs `SOURCE-KEY | wording`".into()),
            },
            "key" if value.is_empty() => err(n, "empty key point".into()),
            "key" => key_points.push(value),
            f @ ("id" | "topic" | "level" | "tags" | "question" | "source" | "related"
            | "status") => {
                if single.insert(f, (value, n)).is_some() {
                    err(n, format!("`{f}` is given twice"));
                }
            }
            other => err(n, format!("unknown field `{other}`")),
        }
    }

    let mut required = |name: &str| -> (String, usize) {
        match single.get(name) {
            Some((v, n)) if !v.is_empty() => (v.clone(), *n),
            Some((_, n)) => {
                err(*n, format!("`{name}` is empty"));
                (String::new(), *n)
            }
            None => {
                err(1, format!("missing field `{name}`"));
                (String::new(), 1)
            }
        }
    };
    let (id, id_line) = required("id");
    let (topic, topic_line) = required("topic");
    let (level, level_line) = required("level");
    let (question_text, _) = required("question");
    let (source, source_line) = required("source");
    let (status, status_line) = required("status");

    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let folder = path
        .parent()
        .and_then(|d| d.file_name())
        .map(|s| s.to_string_lossy().into_owned());
    if !id.is_empty() && !is_slug(&id) {
        err(
            id_line,
            format!("id `{id}` must be kebab-case (a-z, 0-9, -)"),
        );
    } else if !id.is_empty() && id != stem {
        err(
            id_line,
            format!("id `{id}` differs from the file name `{stem}.md`"),
        );
    }
    let topic_index = topics.iter().position(|t| t.id == topic);
    if !topic.is_empty() {
        match topic_index {
            None => err(
                topic_line,
                format!("unknown topic `{topic}` (see content/topics.txt)"),
            ),
            Some(_) if folder.as_deref() != Some(topic.as_str()) => err(
                topic_line,
                format!("topic `{topic}` differs from the folder the file is in"),
            ),
            Some(_) => {}
        }
    }
    if !level.is_empty() && !LEVELS.contains(&level.as_str()) {
        err(
            level_line,
            format!("unknown level `{level}` (expected junior, mid or senior)"),
        );
    }
    if !source.is_empty() && !valid_source_key(&source) {
        err(
            source_line,
            format!("source `{source}` is not a source key like `001 2b#9`"),
        );
    }
    for v in &variants {
        if !valid_source_key(&v.source) {
            err(
                v.line,
                format!("source `{}` is not a source key like `001 2b#9`", v.source),
            );
        }
    }
    let answered = match status.as_str() {
        "answered" => true,
        "draft" | "" => false,
        other => {
            err(
                status_line,
                format!("unknown status `{other}` (expected answered or draft)"),
            );
            false
        }
    };
    let tags: Vec<String> = split_list(single.get("tags").map(|(v, _)| v.as_str()).unwrap_or(""));
    let related_line = single.get("related").map(|(_, n)| *n).unwrap_or(1);
    let related: Vec<(String, usize)> =
        split_list(single.get("related").map(|(v, _)| v.as_str()).unwrap_or(""))
            .into_iter()
            .map(|r| (r, related_line))
            .collect();
    if related.iter().any(|(r, _)| *r == id) {
        err(
            related_line,
            "a question cannot be related to itself".into(),
        );
    }
    if key_points.len() > 6 {
        err(
            end + 1,
            format!("{} key points: at most 6", key_points.len()),
        );
    }

    // The body: everything after the closing `---`.
    let body_start = end + 1;
    let body: String = lines[body_start..].join("\n");
    if let Some(open) = unterminated_fence(&lines[body_start..]) {
        err(body_start + open + 1, "code fence is never closed".into());
    }
    let answer_html = if answered {
        if body.trim().is_empty() {
            err(
                status_line,
                "status is answered but the answer is empty".into(),
            );
        }
        if !(3..=6).contains(&key_points.len()) {
            err(
                status_line,
                format!(
                    "an answered question needs 3–6 key points, found {}",
                    key_points.len()
                ),
            );
        }
        render_markdown(&body, hl)
    } else {
        if !body.trim().is_empty() {
            let first = lines[body_start..]
                .iter()
                .position(|l| !l.trim().is_empty())
                .unwrap_or(0);
            err(
                body_start + first + 1,
                "a draft has no answer yet: set `status: answered` or empty the body".into(),
            );
        }
        String::new()
    };

    if errors.len() > before {
        return None;
    }
    Some(Question {
        path: p,
        id,
        topic_index: topic_index.unwrap_or(0),
        level,
        tags,
        text: question_text,
        source,
        source_line,
        variants,
        key_points,
        related,
        answered,
        answer_html,
    })
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',')
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// The line (0-based, within `body`) of a code fence that is opened and never closed.
fn unterminated_fence(body: &[&str]) -> Option<usize> {
    let mut open: Option<(usize, char, usize)> = None;
    for (i, line) in body.iter().enumerate() {
        let t = line.trim_start();
        let ch = match t.chars().next() {
            Some(c @ ('`' | '~')) => c,
            _ => continue,
        };
        let run = t.chars().take_while(|c| *c == ch).count();
        if run < 3 {
            continue;
        }
        match open {
            None => open = Some((i, ch, run)),
            Some((_, c, n))
                if c == ch && run >= n && t[run * ch.len_utf8()..].trim().is_empty() =>
            {
                open = None
            }
            Some(_) => {}
        }
    }
    open.map(|(i, _, _)| i)
}

fn check_bank(questions: &[Question], errors: &mut Vec<String>) {
    let mut ids: BTreeMap<&str, &str> = BTreeMap::new();
    for q in questions {
        if let Some(first) = ids.insert(&q.id, &q.path) {
            errors.push(format!(
                "{}:2: duplicate id `{}` (also in {first})",
                q.path, q.id
            ));
        }
    }
    let mut sources: BTreeMap<&str, &str> = BTreeMap::new();
    for q in questions {
        let keys = std::iter::once((q.source.as_str(), q.source_line))
            .chain(q.variants.iter().map(|v| (v.source.as_str(), v.line)));
        for (key, line) in keys {
            if let Some(first) = sources.insert(key, &q.path) {
                errors.push(format!(
                    "{}:{line}: seed question `{key}` is already used in {first}",
                    q.path
                ));
            }
        }
        for (r, line) in &q.related {
            if !ids.contains_key(r.as_str()) {
                errors.push(format!(
                    "{}:{line}: related question `{r}` does not exist",
                    q.path
                ));
            }
        }
    }
}

/// Highlights fenced code at build time into flat `<span class="hl-X">` runs: one short class per token kind
/// (see `token_class`), adjacent runs merged. Much smaller than one span per syntect scope.
struct Highlighter {
    syntaxes: SyntaxSet,
}

impl Highlighter {
    fn new() -> Self {
        Self {
            syntaxes: SyntaxSet::load_defaults_newlines(),
        }
    }

    fn highlight(&self, lang: &str, code: &str) -> String {
        // Django templates highlight as HTML; the other names are the syntaxes' own tokens.
        let token = match lang {
            "django" | "html+django" | "jinja" => "html",
            "shell" | "sh" | "console" => "bash",
            "dockerfile" | "ini" | "toml" | "env" | "nginx" => "",
            other => other,
        };
        let syntax = (!token.is_empty())
            .then(|| self.syntaxes.find_syntax_by_token(token))
            .flatten();
        let Some(syntax) = syntax else {
            return escape(code);
        };
        let mut state = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        let mut runs: Vec<(Option<&'static str>, String)> = Vec::new();
        let mut push = |class: Option<&'static str>, text: &str| {
            if text.is_empty() {
                return;
            }
            match runs.last_mut() {
                Some((c, t)) if *c == class => t.push_str(text),
                _ => runs.push((class, text.to_string())),
            }
        };
        for line in LinesWithEndings::from(code) {
            let Ok(ops) = state.parse_line(line, &self.syntaxes) else {
                return escape(code);
            };
            let mut at = 0;
            for (index, op) in ops {
                push(token_class(&stack), &line[at..index]);
                at = index;
                if stack.apply(&op).is_err() {
                    return escape(code);
                }
            }
            push(token_class(&stack), &line[at..]);
        }
        let mut out = String::with_capacity(code.len() * 2);
        for (class, text) in runs {
            match class {
                Some(c) => {
                    let _ = write!(
                        out,
                        "<span class=\"{HL_PREFIX}{c}\">{}</span>",
                        escape(&text)
                    );
                }
                None => out.push_str(&escape(&text)),
            }
        }
        out
    }
}

/// The token kind of the innermost scope that has one: `c` comment, `s` string, `n` constant or number,
/// `k` keyword or storage, `f` defined name, `b` built-in (support), `t` tag, `a` attribute. `style/syntax.css`
/// colours these.
fn token_class(stack: &ScopeStack) -> Option<&'static str> {
    const KINDS: [(&str, &str); 10] = [
        ("keyword.operator", ""),
        ("comment", "c"),
        ("string", "s"),
        ("constant", "n"),
        ("keyword", "k"),
        ("storage", "k"),
        ("entity.name.tag", "t"),
        ("entity.other.attribute-name", "a"),
        ("entity.name", "f"),
        ("support", "b"),
    ];
    for scope in stack.as_slice().iter().rev() {
        let name = scope.build_string();
        if let Some((_, class)) = KINDS.iter().find(|(prefix, _)| name.starts_with(prefix)) {
            return (!class.is_empty()).then_some(*class);
        }
    }
    None
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn render_markdown(md: &str, hl: &Highlighter) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut events = Vec::new();
    let mut code: Option<(String, String)> = None;
    for event in Parser::new_ext(md, options) {
        match (&mut code, event) {
            (None, Event::Start(Tag::CodeBlock(kind))) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_lowercase()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            (Some((_, buf)), Event::Text(t)) => buf.push_str(&t),
            (Some((lang, buf)), Event::End(TagEnd::CodeBlock)) => {
                let label = if lang.is_empty() {
                    String::new()
                } else {
                    format!(" data-lang=\"{}\"", escape(lang))
                };
                let body = hl.highlight(lang, buf);
                events.push(Event::Html(
                    format!(
                        "<pre class=\"code\" tabindex=\"0\"{label}><code>{body}</code></pre>\n"
                    )
                    .into(),
                ));
                code = None;
            }
            (_, e) => events.push(e),
        }
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    // Tables scroll on their own on narrow screens instead of widening the page.
    out.replace("<table>", "<div class=\"table-wrap\"><table>")
        .replace("</table>", "</table></div>")
}

/// Inline Markdown (code spans, emphasis) without the paragraph wrapper.
fn render_inline(md: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new(md));
    let t = out.trim();
    t.strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .unwrap_or(t)
        .to_string()
}

/// The plain words of inline Markdown: for titles, search and screen-reader labels.
fn plain_inline(md: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(md) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// One topic's model answers, as the browser fetches them.
pub(crate) struct AnswerFile {
    /// Index of the topic in `topics.txt` order.
    pub(crate) topic_index: usize,
    /// `answers-<topic>-<16 hex of the content hash>.txt`: a new name whenever an answer changes.
    pub(crate) name: String,
    /// Question ids in file order.
    pub(crate) ids: Vec<String>,
    /// Header line, then per question `id U+001F html U+001E`.
    pub(crate) text: String,
}

/// The answers files, one per topic that has questions, in topic order (questions come sorted by topic).
pub(crate) fn answer_files(topics: &[Topic], questions: &[Question]) -> Vec<AnswerFile> {
    let mut files: Vec<AnswerFile> = Vec::new();
    for (t, topic) in topics.iter().enumerate() {
        let in_topic: Vec<&Question> = questions.iter().filter(|q| q.topic_index == t).collect();
        if in_topic.is_empty() {
            continue;
        }
        let mut text = format!("djdrill-answers 1 {} {}\n", topic.id, in_topic.len());
        for q in &in_topic {
            text.push_str(&q.id);
            text.push(ID_END);
            text.push_str(&q.answer_html);
            text.push(RECORD_END);
        }
        // FNV-1a, 64 bits: stable across builds and machines (std's hasher is not).
        let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        files.push(AnswerFile {
            topic_index: t,
            name: format!("answers-{}-{hash:016x}.txt", topic.id),
            ids: in_topic.iter().map(|q| q.id.clone()).collect(),
            text,
        });
    }
    files
}

/// Where a question's model answer is: (index of its answers file, position in it); `None` for drafts.
fn answer_place(files: &[AnswerFile], q: &Question) -> Option<(usize, usize)> {
    if !q.answered {
        return None;
    }
    files
        .iter()
        .enumerate()
        .find_map(|(c, f)| f.ids.iter().position(|id| *id == q.id).map(|pos| (c, pos)))
}

/// A JSON string literal.
fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What `.ci/prerender.mjs` needs to write each question's page as static HTML, in bank order: the same fields
/// the question page shows, rendered the same way (sources described), and the name of the answers file that
/// holds the answer. The post-build hook also takes the bank's counts for the home page's lead from it.
fn prerender_data(topics: &[Topic], questions: &[Question], files: &[AnswerFile]) -> String {
    let list = |items: Vec<String>| format!("[{}]", items.join(", "));
    let strings = |items: &[String]| list(items.iter().map(|i| json_str(i)).collect());
    let mut rows = Vec::new();
    for q in questions {
        let topic = &topics[q.topic_index];
        let answer_file =
            answer_place(files, q).map_or("null".to_string(), |(c, _)| json_str(&files[c].name));
        let variants = q
            .variants
            .iter()
            .map(|v| {
                format!(
                    "{{\"html\": {}, \"source\": {}}}",
                    json_str(&render_inline(&v.text)),
                    json_str(&describe_source(&v.source))
                )
            })
            .collect();
        let related = q
            .related
            .iter()
            .filter_map(|(r, _)| questions.iter().find(|o| o.id == *r))
            .map(|r| {
                format!(
                    "{{\"id\": {}, \"html\": {}}}",
                    json_str(&r.id),
                    json_str(&render_inline(&r.text))
                )
            })
            .collect();
        let key_points: Vec<String> = q.key_points.iter().map(|k| render_inline(k)).collect();
        rows.push(format!(
            "{{\"id\": {}, \"topic\": {}, \"topicTitle\": {}, \"level\": {}, \"tags\": {}, \"text\": {}, \"html\": {}, \"source\": {}, \"variants\": {}, \"keyPoints\": {}, \"answerFile\": {}, \"answer\": {}, \"related\": {}}}",
            json_str(&q.id),
            json_str(&topic.id),
            json_str(&topic.title),
            json_str(&q.level),
            strings(&q.tags),
            json_str(&plain_inline(&q.text)),
            json_str(&render_inline(&q.text)),
            json_str(&describe_source(&q.source)),
            list(variants),
            strings(&key_points),
            answer_file,
            json_str(&q.answer_html),
            list(related),
        ));
    }
    format!("[\n{}\n]\n", rows.join(",\n"))
}

/// `bank_data.rs`: topics, questions (answers by reference into `files`), and the answers files' table, whose
/// text native builds embed from `out_dir` (the wasm does not: nothing there calls `bundled_chunk`).
pub(crate) fn generate(
    topics: &[Topic],
    questions: &[Question],
    files: &[AnswerFile],
    out_dir: &Path,
) -> String {
    let mut s = String::from("// Generated by build.rs from content/. Do not edit.\n\n");
    s.push_str("pub(super) static TOPICS: &[Topic] = &[\n");
    for t in topics {
        let _ = writeln!(
            s,
            "    Topic {{ id: {:?}, title: {:?}, description: {:?} }},",
            t.id, t.title, t.description
        );
    }
    s.push_str("];\n\npub(super) static QUESTIONS: &[Question] = &[\n");
    for q in questions {
        let level = match q.level.as_str() {
            "junior" => "Junior",
            "mid" => "Mid",
            _ => "Senior",
        };
        let _ = writeln!(s, "    Question {{");
        let _ = writeln!(s, "        id: {:?},", q.id);
        let _ = writeln!(s, "        topic: {:?},", topics[q.topic_index].id);
        let _ = writeln!(s, "        level: Level::{level},");
        let _ = writeln!(s, "        tags: &{:?},", q.tags);
        let _ = writeln!(s, "        text: {:?},", plain_inline(&q.text));
        let _ = writeln!(s, "        text_html: {:?},", render_inline(&q.text));
        let _ = writeln!(s, "        source: {:?},", q.source);
        s.push_str("        variants: &[");
        for v in &q.variants {
            let _ = write!(
                s,
                "Variant {{ source: {:?}, text: {:?}, text_html: {:?} }}, ",
                v.source,
                plain_inline(&v.text),
                render_inline(&v.text)
            );
        }
        s.push_str("],\n");
        let keys: Vec<String> = q.key_points.iter().map(|k| render_inline(k)).collect();
        let _ = writeln!(s, "        key_points_html: &{keys:?},");
        let related: Vec<&str> = q.related.iter().map(|(r, _)| r.as_str()).collect();
        let _ = writeln!(s, "        related: &{related:?},");
        let _ = writeln!(
            s,
            "        status: Status::{},",
            if q.answered { "Answered" } else { "Draft" }
        );
        match answer_place(files, q) {
            Some((chunk, pos)) => {
                let _ = writeln!(
                    s,
                    "        answer: Answer::Chunk {{ chunk: {chunk}, pos: {pos} }},"
                );
            }
            None => s.push_str("        answer: Answer::Inline(\"\"),\n"),
        }
        s.push_str("    },\n");
    }
    s.push_str("];\n\npub(super) static ANSWER_CHUNKS: &[AnswerChunk] = &[\n");
    for f in files {
        let _ = writeln!(
            s,
            "    AnswerChunk {{ topic: {:?}, file: {:?}, ids: &{:?} }},",
            topics[f.topic_index].id, f.name, f.ids
        );
    }
    s.push_str("];\n\n");
    let _ = writeln!(
        s,
        "static ANSWER_SLOTS: [OnceLock<Vec<&'static str>>; {}] = [const {{ OnceLock::new() }}; {}];\n",
        files.len(),
        files.len()
    );
    s.push_str("/// The text of answers file `chunk` as built (native builds and tests; the browser fetches it).\n");
    s.push_str("pub fn bundled_chunk(chunk: usize) -> &'static str {\n    match chunk {\n");
    for (c, f) in files.iter().enumerate() {
        let _ = writeln!(
            s,
            "        {c} => include_str!({:?}),",
            out_dir.join(&f.name).display().to_string()
        );
    }
    s.push_str("        _ => \"\",\n    }\n}\n");
    s
}
