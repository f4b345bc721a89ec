//! Browser tests: the real app mounted in headless Chromium, driven like a person would.
//! Run with `cargo test --profile web-test --target wasm32-unknown-unknown --test web` (see .ci/test).
#![cfg(target_arch = "wasm32")]

use django_drill::core::progress::Progress;
use django_drill::App;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

const PROGRESS_KEY: &str = "djdrill.progress";

/// The app mounted at a path, unmounted (and the URL and storage restored) when dropped.
struct Mounted {
    root: HtmlElement,
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
    original_url: String,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
        let _ = window().history().unwrap().replace_state_with_url(
            &JsValue::NULL,
            "",
            Some(&self.original_url),
        );
        storage().clear().unwrap();
    }
}

fn storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

/// Opens the app at `path` (and query) in a fresh container. The test server has no answers files to fetch, so the
/// ones built with the test binary are installed first (Playwright covers fetching them from a real build).
async fn open(path: &str) -> Mounted {
    for chunk in 0..django_drill::core::bank::answer_chunks().len() {
        django_drill::core::bank::install_bundled_chunk(chunk);
    }
    let original_url = window().location().href().unwrap();
    window()
        .history()
        .unwrap()
        .push_state_with_url(&JsValue::NULL, "", Some(path))
        .unwrap();
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), || App().into_any());
    settle().await;
    Mounted {
        root,
        _handle: handle,
        original_url,
    }
}

/// Lets effects and the router run.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

impl Mounted {
    fn find(&self, selector: &str) -> Option<HtmlElement> {
        self.root
            .query_selector(selector)
            .unwrap()
            .map(|e| e.unchecked_into())
    }
    fn count(&self, selector: &str) -> u32 {
        self.root.query_selector_all(selector).unwrap().length()
    }
    fn text(&self, selector: &str) -> String {
        self.find(selector)
            .map(|e| e.text_content().unwrap_or_default())
            .unwrap_or_default()
    }
    async fn click(&self, selector: &str) {
        self.find(selector)
            .unwrap_or_else(|| panic!("no {selector}"))
            .click();
        settle().await;
    }
    async fn press(&self, key: &str) {
        let init = KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        document().body().unwrap().dispatch_event(&event).unwrap();
        settle().await;
    }
    fn stored(&self) -> Progress {
        let raw = storage()
            .get_item(PROGRESS_KEY)
            .unwrap()
            .expect("progress was saved");
        Progress::decode(&raw).expect("saved progress decodes")
    }
}

#[wasm_bindgen_test]
async fn home_shows_every_topic_and_a_way_to_study() {
    storage().clear().unwrap();
    let app = open("/").await;
    assert_eq!(app.count(".dd-topic"), 16);
    assert!(app.text(".dd-hero__actions").contains("Start studying"));
    assert!(app.text(".dd-stats").contains("Reviews today"));
}

#[wasm_bindgen_test]
async fn study_reveals_then_grades_and_the_review_is_saved() {
    storage().clear().unwrap();
    let app = open("/study?topics=fundamentals").await;
    let first = app.text(".dd-card__question");
    assert!(!first.is_empty(), "a card is shown");
    assert!(
        app.find(".dd-card__answer").is_none(),
        "the answer starts hidden"
    );
    app.click(".dd-reveal").await;
    assert!(
        app.find(".dd-card__answer").is_some(),
        "reveal shows the answer"
    );
    assert!(
        app.count(".dd-check__item") >= 3,
        "key points are shown to tick"
    );
    assert!(
        !app.text(".dd-grade__interval").is_empty(),
        "each grade shows its interval"
    );
    app.click(".dd-grade--good").await;
    assert_ne!(
        app.text(".dd-card__question"),
        first,
        "grading moves to the next card"
    );
    let saved = app.stored();
    assert_eq!(saved.reviews.len(), 1);
    assert_eq!(
        saved.reviews[0].grade,
        django_drill::core::progress::Grade::Good
    );
}

#[wasm_bindgen_test]
async fn the_keyboard_reveals_and_grades() {
    storage().clear().unwrap();
    let app = open("/study?topics=fundamentals").await;
    app.press("3").await;
    assert!(
        storage().get_item(PROGRESS_KEY).unwrap().is_none(),
        "no grade before the answer is revealed"
    );
    app.press(" ").await;
    assert!(app.find(".dd-card__answer").is_some(), "Space reveals");
    app.press("1").await;
    let saved = app.stored();
    assert_eq!(saved.reviews.len(), 1);
    assert_eq!(
        saved.reviews[0].grade,
        django_drill::core::progress::Grade::Again
    );
}

#[wasm_bindgen_test]
async fn ticking_key_points_suggests_a_grade_and_undo_restores_the_card() {
    storage().clear().unwrap();
    let app = open("/study?topics=fundamentals").await;
    let first = app.text(".dd-card__question");
    app.press(" ").await;
    assert_eq!(app.count(".dd-grade--suggested"), 1);
    assert!(
        app.find(".dd-grade--again.dd-grade--suggested").is_some(),
        "nothing ticked suggests Again"
    );
    let points = app.count(".dd-check__item");
    for letter in ["a", "b", "c", "d", "e", "f"]
        .into_iter()
        .take(points as usize)
    {
        app.press(letter).await;
    }
    assert!(
        app.find(".dd-grade--good.dd-grade--suggested").is_some(),
        "all ticked suggests Good"
    );
    app.press("Enter").await;
    assert_eq!(
        app.stored().reviews[0].grade,
        django_drill::core::progress::Grade::Good,
        "Enter takes the suggestion"
    );
    assert_ne!(app.text(".dd-card__question"), first);
    app.click(".dd-undo").await;
    assert_eq!(
        app.text(".dd-card__question"),
        first,
        "undo brings the card back"
    );
    assert!(
        app.find(".dd-card__answer").is_some(),
        "revealed, as it was"
    );
    assert_eq!(
        app.count(".dd-check__item input:checked"),
        points,
        "with the same key points ticked"
    );
    assert!(
        app.stored().reviews.is_empty(),
        "and the review is gone from the log"
    );
}

#[wasm_bindgen_test]
async fn corrupt_progress_is_kept_aside_and_reported() {
    storage().clear().unwrap();
    storage()
        .set_item(PROGRESS_KEY, "{this is not json")
        .unwrap();
    let app = open("/").await;
    let notice = app.text(".dd-notice");
    assert!(
        notice.contains("could not be read"),
        "the user is told: {notice}"
    );
    let keys: Vec<String> = (0..storage().length().unwrap())
        .filter_map(|i| storage().key(i).unwrap())
        .collect();
    let backup = keys
        .iter()
        .find(|k| k.starts_with("djdrill.progress.unreadable."))
        .expect("a backup key");
    assert_eq!(
        storage().get_item(backup).unwrap().as_deref(),
        Some("{this is not json")
    );
    assert!(
        notice.contains(backup.as_str()),
        "the notice names the backup key"
    );
}

#[wasm_bindgen_test]
async fn newer_progress_is_never_overwritten() {
    storage().clear().unwrap();
    let newer = r#"{"app":"djdrill","version":99,"data":{"future":true}}"#;
    storage().set_item(PROGRESS_KEY, newer).unwrap();
    let app = open("/study?topics=fundamentals").await;
    assert!(app.text(".dd-notice").contains("newer version"));
    app.click(".dd-reveal").await;
    app.click(".dd-grade--easy").await;
    assert_eq!(
        storage().get_item(PROGRESS_KEY).unwrap().as_deref(),
        Some(newer)
    );
}

#[wasm_bindgen_test]
async fn a_question_page_can_be_marked_known() {
    storage().clear().unwrap();
    let app = open("/q/what-is-django").await;
    assert!(app.text("h1").contains("What is Django?"));
    assert!(app.count(".dd-variants li") >= 1, "variants are listed");
    assert!(
        app.find(".dd-prose pre.code").is_some(),
        "the answer has highlighted code"
    );
    app.click(".dd-controls button").await;
    assert!(app.text(".dd-question__meta").contains("Known"));
    assert!(app.stored().known.contains("what-is-django"));
}

#[wasm_bindgen_test]
async fn unknown_routes_and_ids_show_not_found() {
    let app = open("/q/no-such-question").await;
    assert!(app.text("h1").contains("Page not found"));
    drop(app);
    let app = open("/nowhere/at/all").await;
    assert!(app.text("h1").contains("Page not found"));
}

#[wasm_bindgen_test]
async fn browse_filters_by_level_through_the_url() {
    let all = open("/browse?topic=fundamentals")
        .await
        .count(".dd-qrow:not([hidden])");
    let app = open("/browse?topic=fundamentals&level=junior").await;
    let junior = app.count(".dd-qrow:not([hidden])");
    assert!(
        junior > 0 && junior < all,
        "the level filter narrows the list ({junior} of {all})"
    );
    assert_eq!(
        app.count(".dd-qrow:not([hidden]) .dd-badge--mid")
            + app.count(".dd-qrow:not([hidden]) .dd-badge--senior"),
        0
    );
}

/// Runs a line of JavaScript in the page (to stand in for another tab or a failing browser).
fn run_js(code: &str) {
    js_sys::Function::new_no_args(code)
        .call0(&JsValue::NULL)
        .expect("the script runs");
}

#[wasm_bindgen_test]
async fn another_tabs_review_is_merged_in_and_never_dropped() {
    storage().clear().unwrap();
    let app = open("/study?topics=fundamentals").await;
    app.click(".dd-reveal").await;
    app.click(".dd-grade--good").await;
    let mine = app.stored().reviews;
    assert_eq!(mine.len(), 1);
    // Another tab saved a review of its own, having seen ours, and the browser tells this tab.
    let mut theirs = app.stored();
    theirs.reviews.push(django_drill::core::progress::Review {
        question: "what-is-django".into(),
        grade: django_drill::core::progress::Grade::Hard,
        at: mine[0].at + 1,
    });
    storage().set_item(PROGRESS_KEY, &theirs.encode()).unwrap();
    run_js(
        "window.dispatchEvent(new StorageEvent('storage', \
         { key: 'djdrill.progress', newValue: localStorage.getItem('djdrill.progress') }))",
    );
    settle().await;
    // This tab grades again: the write keeps the other tab's review.
    app.click(".dd-reveal").await;
    app.click(".dd-grade--easy").await;
    let grades: Vec<_> = app.stored().reviews.iter().map(|r| r.grade).collect();
    use django_drill::core::progress::Grade;
    assert_eq!(grades.len(), 3, "{grades:?}");
    assert!(
        grades.contains(&Grade::Good)
            && grades.contains(&Grade::Hard)
            && grades.contains(&Grade::Easy)
    );
}

#[wasm_bindgen_test]
async fn a_refused_write_warns_offers_a_backup_and_keeps_what_was_saved() {
    storage().clear().unwrap();
    let app = open("/study?topics=fundamentals").await;
    app.click(".dd-reveal").await;
    app.click(".dd-grade--good").await;
    let saved = storage().get_item(PROGRESS_KEY).unwrap();
    run_js(
        "window.__ddSetItem = Storage.prototype.setItem; Storage.prototype.setItem = function () { \
         throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };",
    );
    app.click(".dd-reveal").await;
    app.click(".dd-grade--good").await;
    run_js("Storage.prototype.setItem = window.__ddSetItem;");
    let notice = app.text(".dd-notice");
    assert!(notice.contains("was not saved"), "{notice}");
    assert!(notice.contains("quota"), "{notice}");
    assert!(app.find(".dd-notice__download").is_some());
    assert_eq!(storage().get_item(PROGRESS_KEY).unwrap(), saved);
    // The session goes on: the next card is there.
    assert!(app.find(".dd-reveal").is_some());
}

#[wasm_bindgen_test]
async fn the_stats_page_draws_a_seeded_log_with_tables() {
    storage().clear().unwrap();
    let now = js_sys::Date::now() as i64;
    let progress = Progress {
        reviews: (0..3)
            .map(|back| django_drill::core::progress::Review {
                question: "what-is-django".into(),
                grade: django_drill::core::progress::Grade::Good,
                at: now - back * 86_400_000 - 1000,
            })
            .collect(),
        ..Progress::default()
    };
    storage()
        .set_item(PROGRESS_KEY, &progress.encode())
        .unwrap();
    let app = open("/stats").await;
    assert_eq!(app.text("h1"), "Statistics");
    assert_eq!(app.text(".dd-stats__current"), "3 days");
    let cells = app.count(".dd-heatmap__svg .dd-heatmap__cell");
    assert!(cells == 365 || cells == 366, "{cells} days");
    assert_eq!(app.count(".dd-bar-chart__bar"), 14);
    assert!(app.count(".dd-stats__mastery tbody tr") > 0);
}

#[wasm_bindgen_test]
async fn the_settings_page_sets_the_theme_on_the_document() {
    storage().clear().unwrap();
    let app = open("/settings").await;
    let select = app.find(".dd-settings__theme").unwrap();
    js_sys::Reflect::set(&select, &"value".into(), &"dark".into()).unwrap();
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    let root = document().document_element().unwrap();
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("dark"));
    assert_eq!(
        app.stored().settings.theme,
        django_drill::core::progress::Theme::Dark
    );
    js_sys::Reflect::set(&select, &"value".into(), &"system".into()).unwrap();
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(root.get_attribute("data-theme"), None);
    assert!(app.text(".dd-backup").contains("No backup downloaded yet"));
}
