//! Routed views, one per file.

pub mod browse_page;
pub mod home_page;
pub mod mock_page;
pub mod not_found_page;
pub mod question_page;
pub mod search_page;
pub mod settings_page;
pub mod stats_page;
pub mod study_page;
