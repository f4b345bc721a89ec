//! The domain, in plain Rust: no Leptos, no browser APIs. Time and randomness are always arguments.

pub mod bank;
pub mod browse;
pub mod fsrs;
pub mod progress;
pub mod search;
pub mod study;
