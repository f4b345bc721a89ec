//! The one module that touches localStorage (through gloo-storage). Everything it stores carries the
//! `djdrill.` prefix: a static host's origin is shared by every project served from it.
//!
//! Loading never loses data: anything that cannot be read is copied to a backup key before the app starts
//! fresh, and data from a newer app version is left untouched with saving switched off.
//!
//! Saving never loses another tab's work: [`sync_progress`] reads what is stored, reconciles it with this
//! tab's progress ([`reconcile`], a three-way merge against what this tab last saw) and writes the result.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

use crate::core::progress::{LoadError, Progress, Review};

/// Where progress is stored.
pub const PROGRESS_KEY: &str = "djdrill.progress";
/// Prefix of the keys unreadable progress is kept under, followed by the time it was set aside.
pub const BACKUP_PREFIX: &str = "djdrill.progress.unreadable.";

/// What loading found.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The progress to start from.
    pub progress: Progress,
    /// Something the user must be told, if anything went wrong.
    pub notice: Option<String>,
    /// Whether saving must stay off (the stored data is newer than this app, or storage is unusable).
    pub read_only: bool,
    /// The key unreadable progress was copied to, so the user can download it.
    pub unreadable_key: Option<String>,
}

/// Why progress could not be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// localStorage does not exist here (disabled, or a privacy mode).
    Unavailable,
    /// The browser refused the write, usually because the storage quota is full.
    Refused(String),
    /// Another tab running a newer version of the app saved progress this app cannot read.
    Newer(u64),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Unavailable => {
                f.write_str("this browser does not allow saving (storage is disabled)")
            }
            SaveError::Refused(why) => write!(
                f,
                "the browser refused to save ({why}); storage may be full"
            ),
            SaveError::Newer(v) => write!(
                f,
                "a newer version of Django Drill (schema {v}) saved progress in another tab; reload to update"
            ),
        }
    }
}

fn available() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some()
}

/// Loads the stored progress. `now_ms` names the backup key if the stored data must be set aside.
pub fn load_progress(now_ms: i64) -> Loaded {
    if !available() {
        return Loaded {
            notice: Some(format!(
                "Progress cannot be saved: {}. You can still study.",
                SaveError::Unavailable
            )),
            read_only: true,
            ..Loaded::default()
        };
    }
    let storage = LocalStorage::raw();
    let raw =
        match storage.get_item(PROGRESS_KEY) {
            Ok(Some(raw)) => raw,
            Ok(None) => return Loaded::default(),
            Err(_) => return Loaded {
                notice: Some(
                    "Saved progress could not be read from browser storage; nothing was changed."
                        .into(),
                ),
                read_only: true,
                ..Loaded::default()
            },
        };
    match Progress::decode(&raw) {
        Ok(progress) => Loaded { progress, ..Loaded::default() },
        Err(error @ LoadError::Newer(_)) => Loaded {
            notice: Some(format!(
                "{error}. It was left untouched and nothing will be saved: open the newest version of the app."
            )),
            read_only: true,
            ..Loaded::default()
        },
        Err(error) => {
            let key = format!("{BACKUP_PREFIX}{now_ms}");
            match storage.set_item(&key, &raw) {
                Ok(()) => Loaded {
                    notice: Some(format!(
                        "{error}. The original was kept under the browser-storage key \"{key}\" and a fresh start was made."
                    )),
                    unreadable_key: Some(key),
                    ..Loaded::default()
                },
                Err(_) => Loaded {
                    notice: Some(format!(
                        "{error}. It could not be copied aside, so it was left in place and nothing will be saved."
                    )),
                    read_only: true,
                    ..Loaded::default()
                },
            }
        }
    }
}

/// Saves progress under [`PROGRESS_KEY`], overwriting whatever is there.
pub fn save_progress(progress: &Progress) -> Result<(), SaveError> {
    if !available() {
        return Err(SaveError::Unavailable);
    }
    write(&progress.encode())
}

fn write(raw: &str) -> Result<(), SaveError> {
    LocalStorage::raw()
        .set_item(PROGRESS_KEY, raw)
        .map_err(|e| {
            let why = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| e.as_string())
                .unwrap_or_else(|| "unknown error".into());
            SaveError::Refused(why)
        })
}

/// Saves `ours` without dropping what another tab saved since this tab last saw storage (`base`): reads the
/// stored progress, [`reconcile`]s it with ours (`own`: the reviews this tab recorded), and writes the result
/// unless it is already stored. Returns the progress now stored, which is the caller's new `base` (and its
/// progress, if it differs from `ours`).
pub fn sync_progress(
    ours: &Progress,
    base: &Progress,
    own: &BTreeSet<ReviewKey>,
) -> Result<Progress, SaveError> {
    if !available() {
        return Err(SaveError::Unavailable);
    }
    let raw = LocalStorage::raw().get_item(PROGRESS_KEY).ok().flatten();
    let merged = match raw.as_deref().map(Progress::decode) {
        Some(Ok(stored)) => reconcile(ours, &stored, base, own),
        Some(Err(LoadError::Newer(v))) => return Err(SaveError::Newer(v)),
        // Unreadable data was copied aside when this tab loaded; anything else unreadable is not ours to keep.
        Some(Err(_)) | None => ours.clone(),
    };
    let encoded = merged.encode();
    if raw.as_deref() != Some(encoded.as_str()) {
        write(&encoded)?;
    }
    Ok(merged)
}

/// Decodes progress another tab stored (a `storage` event's new value); `None` if it is not readable.
pub fn decode_stored(raw: &str) -> Option<Progress> {
    Progress::decode(raw).ok()
}

/// The text stored under `key` (e.g. unreadable progress kept aside), if any.
pub fn raw_item(key: &str) -> Option<String> {
    if !available() {
        return None;
    }
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Whether the browser has granted persistent storage (not evicted under storage pressure); `None` if it
/// cannot say.
pub async fn is_persistent() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let promise = storage.persisted().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_bool()
}

/// Asks the browser to keep this site's storage; returns whether it agreed.
pub async fn request_persistence() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let promise = storage.persist().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_bool()
}

/// Identifies a review: its time, question and grade.
pub type ReviewKey = (i64, String, &'static str);

/// The [`ReviewKey`] of a review.
pub fn review_key(review: &Review) -> ReviewKey {
    (review.at, review.question.clone(), review.grade.label())
}

/// A three-way merge of this tab's progress (`ours`) with the stored one (`stored`), both descended from what
/// this tab last saw in storage (`base`). Anything either side added is kept and anything either side removed
/// (an undone review, a reset, a replace) stays removed:
/// - reviews, known marks and mock interviews: kept if both sides have them, or if the side that has them
///   added them (the base does not). A review this tab recorded (`own`) is kept while ours has it even if
///   `stored` lacks it: localStorage is not atomic across tabs, so another tab may have written without ever
///   seeing it, and its absence there is no deletion;
/// - bookmarks and notes: per question, the side that changed it, the newer edit if both did;
/// - settings and unknown fields: ours if we changed them, else the stored ones;
/// - last backup time: the later one.
pub fn reconcile(
    ours: &Progress,
    stored: &Progress,
    base: &Progress,
    own: &BTreeSet<ReviewKey>,
) -> Progress {
    let reviews = three_way(
        &ours.reviews,
        &stored.reviews,
        &base.reviews,
        review_key,
        |k| own.contains(k),
    );
    let mut reviews: Vec<Review> = reviews.into_iter().cloned().collect();
    // Stable: reviews at the same moment keep ours-then-stored order.
    reviews.sort_by_key(|r| r.at);
    let known: BTreeSet<String> = {
        let o: Vec<&String> = ours.known.iter().collect();
        let s: Vec<&String> = stored.known.iter().collect();
        let b: Vec<&String> = base.known.iter().collect();
        three_way(&o, &s, &b, |k| (*k).clone(), |_| false)
            .into_iter()
            .map(|k| (*k).clone())
            .collect()
    };
    let mut mocks: Vec<_> = three_way(
        &ours.mocks,
        &stored.mocks,
        &base.mocks,
        |m| m.started_at,
        |_| false,
    )
    .into_iter()
    .cloned()
    .collect();
    mocks.sort_by_key(|m| m.started_at);
    Progress {
        reviews,
        known,
        bookmarks: three_way_map(&ours.bookmarks, &stored.bookmarks, &base.bookmarks, |b| {
            b.at
        }),
        notes: three_way_map(&ours.notes, &stored.notes, &base.notes, |n| n.at),
        settings: if ours.settings != base.settings {
            ours.settings.clone()
        } else {
            stored.settings.clone()
        },
        mocks,
        last_backup_at: ours.last_backup_at.max(stored.last_backup_at),
        extra: if ours.extra != base.extra {
            ours.extra.clone()
        } else {
            stored.extra.clone()
        },
    }
}

// Items of `ours` and `stored` (identified by `key`) that survive a three-way merge against `base`, without
// duplicates: ours first, then those only `stored` has. Ours that are `kept` survive whatever `stored` says.
fn three_way<'a, T, K: Ord>(
    ours: &'a [T],
    stored: &'a [T],
    base: &[T],
    key: impl Fn(&T) -> K,
    kept: impl Fn(&K) -> bool,
) -> Vec<&'a T> {
    let in_base: BTreeSet<K> = base.iter().map(&key).collect();
    let in_stored: BTreeSet<K> = stored.iter().map(&key).collect();
    let in_ours: BTreeSet<K> = ours.iter().map(&key).collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for item in ours {
        let k = key(item);
        if (in_stored.contains(&k) || !in_base.contains(&k) || kept(&k)) && !seen.contains(&k) {
            out.push(item);
            seen.insert(k);
        }
    }
    for item in stored {
        let k = key(item);
        if !in_ours.contains(&k) && !in_base.contains(&k) && !seen.contains(&k) {
            out.push(item);
            seen.insert(k);
        }
    }
    out
}

fn three_way_map<V: Clone + PartialEq>(
    ours: &BTreeMap<String, V>,
    stored: &BTreeMap<String, V>,
    base: &BTreeMap<String, V>,
    at: impl Fn(&V) -> i64,
) -> BTreeMap<String, V> {
    let ids: BTreeSet<&String> = ours
        .keys()
        .chain(stored.keys())
        .chain(base.keys())
        .collect();
    let mut out = BTreeMap::new();
    for id in ids {
        let (o, s, b) = (ours.get(id), stored.get(id), base.get(id));
        let chosen = match (o != b, s != b) {
            (true, true) => match (o, s) {
                (Some(o), Some(s)) => Some(if at(s) > at(o) { s } else { o }),
                (o, s) => o.or(s),
            },
            (true, false) => o,
            (false, _) => s,
        };
        if let Some(v) = chosen {
            out.insert(id.clone(), v.clone());
        }
    }
    out
}

/// Where index.html finds the app's root for deep links it cannot place by route (see index.html).
pub const ROOT_KEY: &str = "djdrill.root";

/// Remembers the path the app is served under. Best effort: failing to store it only loses a convenience.
pub fn remember_root(root: &str) {
    if available() {
        let _ = LocalStorage::raw().set_item(ROOT_KEY, root);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::progress::{Grade, Stamped};

    fn review(question: &str, at: i64) -> Review {
        Review {
            question: question.into(),
            grade: Grade::Good,
            at,
        }
    }

    fn with_reviews(reviews: Vec<Review>) -> Progress {
        Progress {
            reviews,
            ..Progress::default()
        }
    }

    fn own(reviews: &[&Review]) -> BTreeSet<ReviewKey> {
        reviews.iter().map(|r| review_key(r)).collect()
    }

    #[test]
    fn reviews_added_in_both_tabs_are_all_kept_in_time_order() {
        let (a, b, c) = (review("a", 1), review("b", 2), review("c", 3));
        let base = with_reviews(vec![a.clone()]);
        let ours = with_reviews(vec![a.clone(), c.clone()]);
        let stored = with_reviews(vec![a.clone(), b.clone()]);
        let merged = reconcile(&ours, &stored, &base, &own(&[&c]));
        assert_eq!(merged.reviews, vec![a, b, c]);
    }

    #[test]
    fn an_undo_on_either_side_stays_undone() {
        let (a, b) = (review("a", 1), review("b", 2));
        let base = with_reviews(vec![a.clone(), b.clone()]);
        // We undid b; the other tab still has it.
        let merged = reconcile(
            &with_reviews(vec![a.clone()]),
            &base,
            &base,
            &BTreeSet::new(),
        );
        assert_eq!(merged.reviews, vec![a.clone()]);
        // The other tab undid b, which it had recorded.
        let merged = reconcile(
            &base,
            &with_reviews(vec![a.clone()]),
            &base,
            &BTreeSet::new(),
        );
        assert_eq!(merged.reviews, vec![a]);
    }

    #[test]
    fn our_own_review_survives_a_racing_write_that_never_saw_it() {
        let (a, b) = (review("a", 1), review("b", 2));
        // We saved a (so the base has it); the other tab wrote b over it without having seen a.
        let base = with_reviews(vec![a.clone()]);
        let merged = reconcile(&base, &with_reviews(vec![b.clone()]), &base, &own(&[&a]));
        assert_eq!(merged.reviews, vec![a, b]);
    }

    #[test]
    fn a_reset_here_is_not_undone_by_what_is_stored() {
        let base = with_reviews(vec![review("a", 1)]);
        let merged = reconcile(&Progress::default(), &base, &base, &BTreeSet::new());
        assert!(merged.reviews.is_empty());
    }

    #[test]
    fn settings_and_notes_take_the_side_that_changed_them() {
        let base = Progress::default();
        let mut ours = base.clone();
        ours.settings.daily_new_limit = 5;
        let mut stored = base.clone();
        stored.notes.insert(
            "q".into(),
            Stamped {
                value: "theirs".into(),
                at: 10,
            },
        );
        let merged = reconcile(&ours, &stored, &base, &BTreeSet::new());
        assert_eq!(merged.settings.daily_new_limit, 5);
        assert_eq!(merged.notes["q"].value, "theirs");
        // Both edited the note: the newer edit wins.
        ours.notes.insert(
            "q".into(),
            Stamped {
                value: "ours".into(),
                at: 20,
            },
        );
        let merged = reconcile(&ours, &stored, &base, &BTreeSet::new());
        assert_eq!(merged.notes["q"].value, "ours");
        // Unchanged here: the stored settings (another tab's edit) win.
        let mut theirs = base.clone();
        theirs.settings.daily_new_limit = 7;
        let merged = reconcile(&base, &theirs, &base, &BTreeSet::new());
        assert_eq!(merged.settings.daily_new_limit, 7);
    }
}
