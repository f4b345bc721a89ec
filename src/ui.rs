//! The Leptos layer: thin views over `core`, one component per file.

pub mod address;
pub mod answers;
pub mod app;
pub mod bench;
pub mod components;
pub mod pages;
pub mod pwa;
pub mod search;
pub mod state;
