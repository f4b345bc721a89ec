//! Reusable components, one per file.

pub mod level_badge;
pub mod question_row;
pub mod site_header;
pub mod status_badge;
pub mod storage_notice;
