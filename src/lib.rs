//! Django Drill: an offline-first study app for Django, DRF and Python backend interviews.
//!
//! `core` is the plain-Rust domain (bank, progress, study sessions, browse filters), tested natively;
//! `storage` is the one adapter that touches localStorage; `ui` is the thin Leptos layer.

pub mod core;
pub mod storage;
pub mod ui;

pub use ui::app::App;
