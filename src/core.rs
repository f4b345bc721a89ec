//! The domain, in plain Rust: no Leptos, no browser APIs. Time and randomness are always arguments.

pub mod backup;
pub mod bank;
pub mod browse;
pub mod fsrs;
pub mod mock;
pub mod progress;
pub mod queue;
pub mod search;
pub mod share;
pub mod stats;
pub mod study;
pub mod ticked;
