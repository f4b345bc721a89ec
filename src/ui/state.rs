//! App-wide state handed to components through context: small `Copy` handles over plain values.

use std::collections::BTreeSet;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::core::backup;
use crate::core::fsrs::{Scheduler, SchedulerConfig};
use crate::core::progress::{Progress, Review, Settings, Theme};
use crate::core::ticked::Ticked;
use crate::storage::{self, review_key, ReviewKey, SaveError};

/// Milliseconds since the Unix epoch, from the browser clock. Only the UI reads the clock.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The start of the user's local day, in milliseconds since the epoch.
pub fn start_of_today_ms() -> i64 {
    let d = js_sys::Date::new_0();
    d.set_hours(0);
    d.set_minutes(0);
    d.set_seconds(0);
    d.set_milliseconds(0);
    d.get_time() as i64
}

/// The user's time zone now, in minutes east of UTC (the negation of JavaScript's `getTimezoneOffset()`).
pub fn timezone_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// Offers `text` as a file download named `file_name` (a Blob, an object URL and a clicked `<a download>`).
pub fn download(file_name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.set_hidden(true);
    let body = document()
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    // The browser reads the URL after the click returns; free it once the download has surely started.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// What a storage notice lets the user do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeOffer {
    /// Nothing beyond reading it.
    Nothing,
    /// Download the progress held in memory (saving failed).
    Backup,
    /// Download unreadable data kept aside under this storage key.
    Raw(String),
}

/// A message about storage the user must see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What happened and what it means, in full sentences.
    pub message: String,
    /// The download it offers.
    pub offer: NoticeOffer,
}

/// What the persistence effect and the `storage` listener share: a three-way merge needs to know what this
/// tab last saw in storage and which reviews it recorded itself.
#[derive(Clone, Copy)]
struct Sync {
    progress: RwSignal<Progress>,
    notice: RwSignal<Option<Notice>>,
    base: StoredValue<Progress>,
    own: StoredValue<BTreeSet<ReviewKey>>,
    read_only: StoredValue<bool>,
}

impl Sync {
    /// Writes the progress by read-merge-write, so that two tabs never drop each other's reviews.
    fn save(self) {
        if self.read_only.get_value() {
            return;
        }
        let ours = self.progress.get_untracked();
        // Reviews this tab has that it never saw in storage are its own.
        self.base.with_value(|base| {
            let seen: BTreeSet<ReviewKey> = base.reviews.iter().map(review_key).collect();
            self.own.update_value(|own| {
                own.extend(
                    ours.reviews
                        .iter()
                        .map(review_key)
                        .filter(|k| !seen.contains(k)),
                )
            });
        });
        let result = self.own.with_value(|own| {
            self.base
                .with_value(|base| storage::sync_progress(&ours, base, own))
        });
        match result {
            Ok(stored) => {
                self.base.set_value(stored.clone());
                if stored != ours {
                    self.progress.set(stored);
                }
            }
            Err(e) => {
                leptos::logging::warn!("saving progress failed: {e}");
                if let SaveError::Newer(_) = e {
                    self.read_only.set_value(true);
                }
                self.notice.set(Some(Notice {
                    message: format!(
                        "Your latest progress was not saved: {e}. You can keep studying in this tab; \
                         download a backup so that nothing is lost."
                    ),
                    offer: NoticeOffer::Backup,
                }));
            }
        }
    }

    /// Folds progress another tab stored into ours; writes back if it lacks something of ours.
    fn receive(self, incoming: Progress) {
        let ours = self.progress.get_untracked();
        let merged = self.own.with_value(|own| {
            self.base
                .with_value(|base| storage::reconcile(&ours, &incoming, base, own))
        });
        let lacking = merged != incoming;
        self.base.set_value(incoming);
        if merged != ours {
            // The persistence effect runs and writes back what `incoming` lacks.
            self.progress.set(merged);
        } else if lacking {
            self.save();
        }
    }
}

/// Progress and the storage notice, shared by every page.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The user's progress; every change is persisted by one effect.
    pub progress: RwSignal<Progress>,
    /// A message about storage the user must see, if any.
    pub notice: RwSignal<Option<Notice>>,
    /// The FSRS scheduler for the user's desired retention.
    pub scheduler: Memo<Scheduler>,
}

impl AppState {
    /// Loads progress, provides the state as context and starts the persistence effect, the listener for other
    /// tabs' changes and the theme effect.
    pub fn provide() -> Self {
        let loaded = storage::load_progress(now_ms());
        let notice = loaded.notice.clone().map(|message| Notice {
            message,
            offer: loaded
                .unreadable_key
                .clone()
                .map_or(NoticeOffer::Nothing, NoticeOffer::Raw),
        });
        // What this tab last saw in storage: the base of the three-way merge with other tabs' writes.
        let base = StoredValue::new(loaded.progress.clone());
        let read_only = StoredValue::new(loaded.read_only);
        let progress = RwSignal::new(loaded.progress);
        let scheduler = Memo::new(move |_| {
            let desired_retention = progress.with(|p| p.settings.desired_retention);
            Scheduler::new(SchedulerConfig {
                desired_retention,
                ..SchedulerConfig::default()
            })
            .unwrap_or_default()
        });
        let state = AppState {
            progress,
            notice: RwSignal::new(notice),
            scheduler,
        };
        let sync = Sync {
            progress,
            notice: state.notice,
            base,
            own: StoredValue::new(BTreeSet::new()),
            read_only,
        };
        // The one place progress is written. The first run only subscribes: loading must not rewrite storage.
        Effect::new(move |first_done: Option<()>| {
            progress.track();
            if first_done.is_some() {
                sync.save();
            }
        });
        // Another tab saved: fold its progress into ours, and write back whatever of ours it lacks.
        let listener = window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() != Some(storage::PROGRESS_KEY) || read_only.get_value() {
                return;
            }
            if let Some(incoming) = event
                .new_value()
                .as_deref()
                .and_then(storage::decode_stored)
            {
                sync.receive(incoming);
            }
        });
        on_cleanup(move || listener.remove());
        // The theme and motion settings, as attributes on <html> that style/settings.css keys on.
        Effect::new(move |_| {
            let (theme, reduced) = progress.with(|p| (p.settings.theme, p.settings.reduced_motion));
            let Some(root) = document().document_element() else {
                return;
            };
            let _ = match theme {
                Theme::System => root.remove_attribute("data-theme"),
                Theme::Light => root.set_attribute("data-theme", "light"),
                Theme::Dark => root.set_attribute("data-theme", "dark"),
            };
            let _ = if reduced {
                root.set_attribute("data-reduced-motion", "")
            } else {
                root.remove_attribute("data-reduced-motion")
            };
        });
        provide_context(state);
        state
    }

    /// The state provided by [`AppState::provide`].
    pub fn expect() -> Self {
        expect_context::<AppState>()
    }

    /// Records a graded review. The first one is the first real use: the browser is then asked to keep the
    /// app's storage persistent (the answer shows in Settings).
    pub fn record(&self, review: Review) {
        let first = self.progress.with_untracked(|p| p.reviews.is_empty());
        self.progress.update(|p| p.record(review));
        if first {
            wasm_bindgen_futures::spawn_local(async {
                storage::request_persistence().await;
            });
        }
    }

    /// Removes a review (undo).
    pub fn unrecord(&self, review: &Review) {
        self.progress.update(|p| {
            p.unrecord(&review.question, review.at);
        });
    }

    /// The current settings.
    pub fn settings(&self) -> Settings {
        self.progress.with(|p| p.settings.clone())
    }

    /// Downloads the whole progress as a backup file and remembers when.
    pub fn download_backup(&self) {
        let now = now_ms();
        let text = self.progress.with_untracked(|p| backup::export(p, now));
        let name = backup::file_name(now, timezone_offset_minutes());
        match download(&name, &text) {
            Ok(()) => self.progress.update(|p| p.last_backup_at = Some(now)),
            Err(e) => leptos::logging::warn!("backup download failed: {e:?}"),
        }
    }

    /// Downloads unreadable data kept aside under `key`, as it was.
    pub fn download_raw(&self, key: &str) {
        if let Some(text) = storage::raw_item(key) {
            let name = format!("{}.json", key.replace('.', "-"));
            if let Err(e) = download(&name, &text) {
                leptos::logging::warn!("download failed: {e:?}");
            }
        }
    }
}

/// The questions ticked on browse and search rows for a shared set. It lives for the session, across pages, and
/// is not stored: a set is shared or studied right away, and the link keeps it.
#[derive(Debug, Clone, Copy)]
pub struct TickedSet {
    /// The ticked questions, in tick order.
    pub ticked: RwSignal<Ticked>,
}

impl TickedSet {
    /// Provides an empty ticked set as context, with the one listener that serves every "Add to set" box
    /// (`data-tick` names the question): a list of hundreds of rows attaches none of its own.
    pub fn provide() -> Self {
        let set = TickedSet {
            ticked: RwSignal::new(Ticked::default()),
        };
        provide_context(set);
        let handle = window_event_listener(leptos::ev::change, move |ev| {
            let Some(id) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.get_attribute("data-tick"))
            else {
                return;
            };
            if let Some(q) = crate::core::bank::question(&id) {
                set.ticked.update(|t| {
                    t.toggle(q.id);
                });
            }
        });
        on_cleanup(move || handle.remove());
        set
    }

    /// The set provided by [`TickedSet::provide`].
    pub fn expect() -> Self {
        expect_context::<TickedSet>()
    }
}
