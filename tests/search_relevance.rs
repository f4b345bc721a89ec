//! Search: relevance over the real bank (query → the question that must come up), then the building blocks —
//! tokeniser, stemmer, HTML stripping, typo bounds, prefixes, snippets, notes, suggestions.

use std::collections::BTreeMap;

use django_drill::core::bank::{self, Answer, Level, Question, Status};
use django_drill::core::search::{
    self, allowed_edits, edit_distance, prefix_edit_distance, stem, strip_html, tokenize, Field,
    Hit, IndexBuilder, SearchIndex, TokenKind,
};

/// Query → the question that must be among the first three hits.
const CASES: &[(&str, &str)] = &[
    // Code terms.
    ("select_related", "select-related-vs-prefetch-related"),
    ("prefetch_related", "select-related-vs-prefetch-related"),
    ("N+1", "n-plus-one-problem"),
    ("n + 1 queries", "n-plus-one-problem"),
    ("csrf", "csrf-protection"),
    ("sync_to_async", "database-access-in-async-views"),
    ("@login_required", "login-required-decorator"),
    ("ModelSerializer", "serializer-vs-modelserializer"),
    ("HyperlinkedModelSerializer", "hyperlinked-model-serializer"),
    ("get_or_create", "get-or-create-update-or-create"),
    ("settings.py", "settings-py"),
    ("__init__.py", "module-package-library"),
    ("ALLOWED_HOSTS", "allowed-hosts"),
    ("django.contrib.auth", "authentication-basics"),
    ("post_save", "pre-save-post-save-signals"),
    ("m2m_changed", "m2m-changed-signal"),
    ("get_context_data", "get-context-data-example"),
    ("SECURE_HSTS_SECONDS", "hsts"),
    ("X-Frame-Options", "clickjacking-protection"),
    ("values_list", "values-vs-values-list"),
    ("DEFAULT_AUTO_FIELD", "default-auto-field"),
    ("TemplateResponse", "templateresponse-vs-httpresponse"),
    ("JsonResponse", "json-response"),
    ("@action decorator", "drf-custom-actions"),
    ("APIView", "drf-apiview"),
    ("assertContains", "assert-contains"),
    ("bulk_create", "bulk-create-and-update"),
    ("Q objects", "q-objects"),
    // Plain topics.
    ("jwt", "token-vs-jwt-authentication"),
    ("docker", "containerization-benefits"),
    ("custom user model", "custom-user-model"),
    ("list vs tuple", "list-vs-tuple"),
    ("gunicorn", "wsgi-servers"),
    ("debug toolbar", "django-debug-toolbar"),
    // Misspellings.
    ("midleware", "custom-middleware"),
    ("serialiser", "drf-serializers"),
    ("prefetch_relatd", "select-related-vs-prefetch-related"),
    ("signls", "django-signals"),
    ("csfr", "csrf-protection"),
    ("pagnation", "django-pagination"),
    ("throttleing", "drf-throttling"),
    ("websockts", "websockets-with-channels"),
    ("authentification", "authentication-basics"),
    ("decorater", "python-decorators"),
    ("genrators", "python-generators"),
    ("migratoins", "database-migrations"),
    // Typing: the last word is still being written.
    ("prefetch_rel", "select-related-vs-prefetch-related"),
    ("throttl", "drf-throttling"),
    ("palindr", "palindrome-check"),
    // Whole questions pasted from the seed files, markup and hints included.
    ("2. **How do you create a simple Django application?**", "create-project-and-app"),
    (
        "**What is the purpose of the `settings.py` file, and how does it facilitate configuration in a Django \
         project?** **done**",
        "settings-py",
    ),
    (
        "9. Compare the benefits of using `select_related()` versus `prefetch_related()` for query optimization.",
        "select-related-vs-prefetch-related",
    ),
    (
        "#### 2. What is the role of middleware in Django? How would you create custom middleware?",
        "custom-middleware",
    ),
    ("8. How can you optimize database queries to avoid the N+1 problem?", "n-plus-one-problem"),
    ("18. What is the significance of \"self\" in Python classes?", "python-self"),
    (
        "* **How do you implement Content Security Policy (CSP) in Django?** (Explain CSP headers and their role in \
         mitigating XSS attacks.)",
        "content-security-policy",
    ),
    (
        "**How would you handle custom user models in Django?** (Explain extending the User model and adding \
         custom fields.)",
        "custom-user-model",
    ),
    (
        "3. **Can you describe how WSGI servers such as Gunicorn, uWSGI, or mod_wsgi handle HTTP requests for a \
         Django project?**",
        "wsgi-servers",
    ),
    (
        "4. Compare WSGI and ASGI, and explain why ASGI is important for modern Django applications.",
        "wsgi-vs-asgi",
    ),
    ("1. **What is Django?**", "what-is-django"),
];

fn no_notes() -> BTreeMap<String, String> {
    BTreeMap::new()
}

fn ids(hits: &[Hit]) -> Vec<&'static str> {
    hits.iter().map(|h| h.id).collect()
}

/// A snippet with its highlighted pieces in brackets, for readable assertions and failure messages.
fn marked(hit: &Hit) -> String {
    hit.snippet
        .iter()
        .map(|s| match s.highlighted {
            true => format!("[{}]", s.text),
            false => s.text.clone(),
        })
        .collect()
}

fn highlighted(hit: &Hit) -> Vec<String> {
    hit.snippet
        .iter()
        .filter(|s| s.highlighted)
        .map(|s| s.text.to_lowercase())
        .collect()
}

#[test]
fn there_are_enough_cases_and_they_name_real_questions() {
    assert!(CASES.len() >= 40, "{} cases", CASES.len());
    for (query, id) in CASES {
        assert!(
            bank::question(id).is_some(),
            "{query:?} expects unknown id {id}"
        );
    }
}

#[test]
fn every_case_finds_its_question_in_the_top_three() {
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|&(query, id)| {
            let hits = search::search(query, &no_notes(), 3);
            (!hits.iter().any(|h| h.id == id))
                .then(|| format!("{query:?}: want {id}, got {:?}", ids(&hits)))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn every_wording_in_the_bank_finds_its_own_question_first() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for q in bank::questions() {
        for text in std::iter::once(q.text).chain(q.variants.iter().map(|v| v.text)) {
            checked += 1;
            let hits = search::search(text, &no_notes(), 3);
            if hits.first().map(|h| h.id) != Some(q.id) {
                failures.push(format!("{text:?}: want {}, got {:?}", q.id, ids(&hits)));
            }
        }
    }
    assert!(checked > bank::questions().len());
    assert!(
        failures.is_empty(),
        "{} of {checked} wordings:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_pasted_variant_reports_the_variant_as_the_best_field() {
    let hits = search::search(
        "What is Django and why is it used for web development?",
        &no_notes(),
        5,
    );
    assert_eq!(hits[0].id, "what-is-django");
    assert_eq!(hits[0].field, Field::Variant);
    assert_eq!(
        hits[0].snippet_text(),
        "What is Django and why is it used for web development?"
    );
}

#[test]
fn the_bank_index_is_built_once() {
    assert!(std::ptr::eq(search::bank_index(), search::bank_index()));
    let index = search::bank_index();
    assert_eq!(index.question_count(), bank::questions().len());
    assert!(
        index.term_count() > 1000 && index.stem_count() > 1000 && index.posting_count() > 10_000
    );
    assert!(index.heap_bytes() > 0);
}

#[test]
fn results_are_ordered_limited_and_unique() {
    let hits = search::search("middleware", &no_notes(), 7);
    assert_eq!(hits.len(), 7);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    let mut seen = ids(&hits);
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 7);
    assert!(search::search("middleware", &no_notes(), 0).is_empty());
}

#[test]
fn an_empty_or_blank_query_finds_nothing() {
    for query in ["", "   ", "?!.", "\n\t"] {
        assert!(
            search::search(query, &no_notes(), 10).is_empty(),
            "{query:?}"
        );
        assert!(search::suggest(query).is_empty(), "{query:?}");
    }
}

// The tokeniser.

fn terms(text: &str) -> Vec<(String, TokenKind)> {
    tokenize(text)
        .into_iter()
        .map(|t| (t.term, t.kind))
        .collect()
}

fn words(list: &[(&str, TokenKind)]) -> Vec<(String, TokenKind)> {
    list.iter().map(|&(t, k)| (t.to_string(), k)).collect()
}

use TokenKind::{Compound, Part, Word};

#[test]
fn code_terms_are_kept_whole_and_split_into_parts() {
    assert_eq!(
        terms("select_related()"),
        words(&[
            ("select_related", Compound),
            ("select", Part),
            ("related", Part)
        ])
    );
    assert_eq!(
        terms("@login_required"),
        words(&[
            ("login_required", Compound),
            ("login", Part),
            ("required", Part)
        ])
    );
    assert_eq!(
        terms("settings.py"),
        words(&[("settings.py", Compound), ("settings", Part), ("py", Part)])
    );
    assert_eq!(
        terms("get_or_create"),
        words(&[
            ("get_or_create", Compound),
            ("get", Part),
            ("or", Part),
            ("create", Part)
        ])
    );
    assert_eq!(
        terms("ModelSerializer"),
        words(&[
            ("modelserializer", Compound),
            ("model", Part),
            ("serializer", Part)
        ])
    );
    assert_eq!(
        terms("HTTPResponse"),
        words(&[
            ("httpresponse", Compound),
            ("http", Part),
            ("response", Part)
        ])
    );
    assert_eq!(
        terms("sync_to_async"),
        words(&[
            ("sync_to_async", Compound),
            ("sync", Part),
            ("to", Part),
            ("async", Part)
        ])
    );
    assert_eq!(
        terms("__init__"),
        words(&[("__init__", Compound), ("init", Part)])
    );
    assert_eq!(
        terms("django.db.models"),
        words(&[
            ("django.db.models", Compound),
            ("django", Part),
            ("db", Part),
            ("models", Part)
        ])
    );
}

#[test]
fn n_plus_one_is_one_term_with_or_without_spaces() {
    assert_eq!(
        terms("N+1"),
        words(&[("n+1", Compound), ("n", Part), ("1", Part)])
    );
    assert_eq!(terms("the N + 1 problem"), {
        words(&[
            ("the", Word),
            ("n", Word),
            ("n+1", Compound),
            ("1", Word),
            ("problem", Word),
        ])
    });
    let spaced = tokenize("an N + 1 query");
    let joined = spaced.iter().find(|t| t.term == "n+1").expect("n+1");
    assert_eq!(&"an N + 1 query"[joined.start..joined.end], "N + 1");
}

#[test]
fn words_are_lowercased_and_lose_possessives_and_punctuation() {
    assert_eq!(
        terms("Django's ORM, don't PANIC. QuerySets?"),
        words(&[
            ("django", Word),
            ("orm", Word),
            ("dont", Word),
            ("panic", Word),
            ("querysets", Compound),
            ("query", Part),
            ("sets", Part),
        ])
    );
    assert_eq!(
        terms("Größe café"),
        words(&[("größe", Word), ("café", Word)])
    );
}

#[test]
fn token_spans_point_into_the_source() {
    let text = "Use select_related() here";
    for t in tokenize(text) {
        assert_eq!(text[t.start..t.end].to_lowercase(), t.term, "{t:?}");
    }
}

#[test]
fn stop_words_are_recognised() {
    assert!(
        search::is_stop_word("the")
            && search::is_stop_word("what")
            && search::is_stop_word("explain")
    );
    assert!(!search::is_stop_word("django") && !search::is_stop_word("difference"));
}

// Stemming.

#[test]
fn the_stemmer_folds_plurals_and_inflections_but_not_derivations() {
    let same = [
        ("serializer", "serializers"),
        ("serializer", "serialization"),
        ("serialize", "serializing"),
        ("caching", "cache"),
        ("queries", "query"),
        ("permissions", "permission"),
        ("tested", "testing"),
        ("validators", "validation"),
    ];
    for (a, b) in same {
        assert_eq!(stem(a), stem(b), "{a} / {b}");
    }
    let different = [
        ("generic", "generator"),
        ("custom", "customer"),
        ("view", "viewer"),
    ];
    for (a, b) in different {
        assert_ne!(stem(a), stem(b), "{a} / {b}");
    }
    assert_eq!(stem("caresses"), "caress");
    assert_eq!(stem("ponies"), "poni");
    assert_eq!(stem("hopping"), "hop");
    assert_eq!(stem("relational"), "relat");
    assert_eq!(stem("db"), "db");
}

#[test]
fn british_spellings_search_like_american_ones() {
    let british = search::search("serialisation ", &no_notes(), 5);
    let american = search::search("serialization ", &no_notes(), 5);
    assert_eq!(ids(&british), ids(&american));
}

// HTML to text.

#[test]
fn html_is_stripped_and_entities_decoded() {
    assert_eq!(
        strip_html(
            "<p>Use <code>select_related()</code> &amp; <em>avoid</em> N+1&#39;s &#x27;x&#x27; &lt;b&gt; \
             &quot;q&quot;</p><ul><li>one</li><li>two</li></ul>"
        ),
        "Use select_related() & avoid N+1's 'x' <b> \"q\" one two"
    );
    assert_eq!(
        strip_html(
            "<pre class=\"code\"><code><span class=\"hl-k\">from</span> django.db \
             <span class=\"hl-k\">import</span> models\n\nx = <span class=\"hl-s\">&quot;a&quot;</span></code></pre>"
        ),
        "from django.db import models x = \"a\""
    );
    assert_eq!(strip_html("a &unknown; &#xZZ; b"), "a &unknown; &#xZZ; b");
}

// Typo tolerance.

#[test]
fn typo_budgets_grow_with_word_length() {
    assert_eq!(allowed_edits(3), 0);
    assert_eq!(allowed_edits(4), 1);
    assert_eq!(allowed_edits(7), 1);
    assert_eq!(allowed_edits(8), 2);
    assert_eq!(allowed_edits(20), 2);
}

#[test]
fn edit_distance_is_bounded_and_counts_a_swap_as_one() {
    assert_eq!(edit_distance("csfr", "csrf", 1), Some(1));
    assert_eq!(edit_distance("signls", "signals", 1), Some(1));
    assert_eq!(edit_distance("kitten", "sitting", 3), Some(3));
    assert_eq!(edit_distance("kitten", "sitting", 2), None);
    assert_eq!(edit_distance("same", "same", 0), Some(0));
    assert_eq!(edit_distance("café", "cafe", 1), Some(1));
    assert_eq!(prefix_edit_distance("midlew", "middleware", 1), Some(1));
    assert_eq!(prefix_edit_distance("mdlew", "middleware", 1), None);
}

/// An index over a few made-up questions: `(id, question, answer HTML)`.
fn fixture(items: &[(&'static str, &'static str, &'static str)]) -> SearchIndex {
    let questions: Vec<Question> = items
        .iter()
        .map(|&(id, text, answer_html)| Question {
            id,
            topic: "fundamentals",
            level: Level::Junior,
            tags: &[],
            text,
            text_html: text,
            source: "000 easy#1",
            variants: &[],
            key_points_html: &[],
            related: &[],
            status: Status::Answered,
            answer: Answer::Inline(answer_html),
        })
        .collect();
    SearchIndex::build(Box::leak(questions.into_boxed_slice()))
}

fn small_bank() -> SearchIndex {
    fixture(&[
        (
            "mw",
            "What is middleware?",
            "<p>Middleware wraps every request.</p>",
        ),
        (
            "csrf",
            "What is CSRF?",
            "<p>A forged cross-site request.</p>",
        ),
        ("jwt", "What is a JWT?", "<p>A signed token.</p>"),
        (
            "sig",
            "What are signals?",
            "<p>Hooks that fire on events.</p>",
        ),
        (
            "thr",
            "How does throttling work?",
            "<p>Rate limits per user.</p>",
        ),
    ])
}

fn top(index: &SearchIndex, query: &str) -> Vec<&'static str> {
    ids(&index.search(query, &no_notes(), 5))
}

#[test]
fn typos_match_within_the_budget_and_not_beyond() {
    let index = small_bank();
    // Trailing spaces: finished words, so only typo matching can find them.
    assert_eq!(top(&index, "csrf "), ["csrf"]);
    assert_eq!(top(&index, "csrx "), ["csrf"], "4 letters, 1 edit");
    assert_eq!(top(&index, "csfr "), ["csrf"], "a swap is 1 edit");
    assert!(top(&index, "cxrx ").is_empty(), "4 letters, 2 edits");
    assert!(
        top(&index, "jwx ").is_empty(),
        "3 letters: no typos allowed"
    );
    assert_eq!(top(&index, "signls "), ["sig"], "6 letters, 1 edit");
    assert!(top(&index, "sgnls ").is_empty(), "5 letters, 2 edits");
    assert_eq!(top(&index, "midleware "), ["mw"], "9 letters, 1 edit");
    assert_eq!(top(&index, "midlewar "), ["mw"], "8 letters, 2 edits");
    assert!(top(&index, "mdlewar ").is_empty(), "7 letters, 3 edits");
}

#[test]
fn the_last_word_is_completed_while_typing() {
    let index = small_bank();
    assert_eq!(top(&index, "thro"), ["thr"]);
    assert!(
        top(&index, "thro ").is_empty(),
        "a finished word is not a prefix"
    );
    assert!(top(&index, "thro signals").contains(&"sig"));
    assert!(
        !top(&index, "thro signals").contains(&"thr"),
        "only the last word is a prefix"
    );
    assert_eq!(
        top(&index, "midlew"),
        ["mw"],
        "a misspelt prefix still completes"
    );

    let hits = search::search("select_rel", &no_notes(), 3);
    assert_eq!(hits[0].id, "select-related-vs-prefetch-related");
    assert!(
        highlighted(&hits[0]).contains(&"select_related".to_string()),
        "{}",
        marked(&hits[0])
    );
}

// Snippets.

#[test]
fn snippets_highlight_matched_terms_in_the_best_field() {
    let hits = search::search("select_related", &no_notes(), 10);
    let first = &hits[0];
    assert_eq!(first.field, Field::Question);
    assert_eq!(
        first.snippet_text(),
        bank::question(first.id).map(|q| q.text).unwrap_or_default()
    );
    assert!(
        highlighted(first).contains(&"select_related".to_string()),
        "{}",
        marked(first)
    );
    for hit in &hits {
        assert!(!hit.snippet.is_empty(), "{}", hit.id);
        assert!(hit.snippet.iter().all(|s| !s.text.is_empty()));
        assert!(
            hit.snippet
                .windows(2)
                .all(|w| w[0].highlighted != w[1].highlighted),
            "{}",
            marked(hit)
        );
        assert!(
            hit.snippet.iter().any(|s| s.highlighted),
            "{}: {}",
            hit.id,
            marked(hit)
        );
    }
}

#[test]
fn answer_snippets_are_short_plain_text_around_the_match() {
    // A finished word: "orjson-based" would also complete "orjson".
    let hits = search::search("orjson ", &no_notes(), 5);
    let hit = hits
        .iter()
        .find(|h| h.field == Field::Answer)
        .expect("an answer hit");
    let text = hit.snippet_text();
    assert!(text.chars().count() <= 260, "{text}");
    assert!(
        text.starts_with('\u{2026}') || text.ends_with('\u{2026}'),
        "{text}"
    );
    for html in ["<span", "class=", "&quot;", "&lt;", "&amp;", "</"] {
        assert!(!text.contains(html), "{html} in {text}");
    }
    assert_eq!(
        highlighted(hit).first().map(String::as_str),
        Some("orjson"),
        "{}",
        marked(hit)
    );
}

// Notes.

#[test]
fn notes_are_searched_at_query_time() {
    let mut notes = BTreeMap::new();
    notes.insert(
        "what-is-django".to_string(),
        "Mnemonic: flibbertigibbet batteries".to_string(),
    );
    let hits = search::search("flibbertigibbet", &notes, 5);
    assert_eq!(ids(&hits), ["what-is-django"]);
    assert_eq!(hits[0].field, Field::Note);
    assert_eq!(highlighted(&hits[0]), ["flibbertigibbet"]);
    // A typo in a word only the note has.
    assert_eq!(
        ids(&search::search("flibertigibbet", &notes, 5)),
        ["what-is-django"]
    );
    // Without the note, or with it on an unknown id, nothing.
    assert!(search::search("flibbertigibbet", &no_notes(), 5).is_empty());
    let stray = BTreeMap::from([(
        "no-such-question".to_string(),
        "flibbertigibbet".to_string(),
    )]);
    assert!(search::search("flibbertigibbet", &stray, 5).is_empty());
}

#[test]
fn a_note_lifts_its_question() {
    let score = |notes: &BTreeMap<String, String>| {
        search::search("middleware ordering", notes, 50)
            .into_iter()
            .find(|h| h.id == "debugging-middleware")
            .map(|h| h.score)
            .unwrap_or(0.0)
    };
    let notes = BTreeMap::from([(
        "debugging-middleware".to_string(),
        "Ordering of middleware bit me: session before auth".to_string(),
    )]);
    assert!(score(&notes) > score(&no_notes()));
}

// Suggestions.

#[test]
fn suggestions_offer_close_known_terms_for_unknown_words() {
    assert_eq!(
        search::suggest("pagnaton").first().map(String::as_str),
        Some("pagination")
    );
    assert_eq!(
        search::suggest("select_relatd").first().map(String::as_str),
        Some("select_related")
    );
    let s = search::suggest("how does midlewear work");
    assert_eq!(
        s.first().map(String::as_str),
        Some("how does middleware work"),
        "{s:?}"
    );
    assert!(s.len() <= 5);
    assert!(
        search::suggest("middleware").is_empty(),
        "known words need no suggestion"
    );
    assert!(search::suggest("qqqqqqqq").is_empty(), "nothing close");
}

#[test]
fn an_index_built_a_few_questions_at_a_time_answers_like_one_built_at_once() {
    let mut builder = IndexBuilder::new(bank::questions());
    let mut steps = 1;
    while !builder.step(7) {
        steps += 1;
        assert!(builder.done() <= builder.total());
    }
    assert!(builder.is_done());
    // The questions seven at a time, then the five sorting steps.
    assert_eq!(steps, bank::questions().len().div_ceil(7) + 5);
    assert!(builder.step(7), "nothing is left after the last step");
    let stepped = builder.finish();
    let whole = SearchIndex::build(bank::questions());
    assert_eq!(format!("{stepped:?}"), format!("{whole:?}"));
    let notes = BTreeMap::new();
    for query in [
        "select_related",
        "midleware",
        "N+1",
        "csrf token",
        "How do signals work?",
    ] {
        let a: Vec<_> = stepped
            .search(query, &notes, 10)
            .iter()
            .map(|h| h.id)
            .collect();
        let b: Vec<_> = whole
            .search(query, &notes, 10)
            .iter()
            .map(|h| h.id)
            .collect();
        assert!(!a.is_empty(), "{query}");
        assert_eq!(a, b, "{query}");
    }
}
