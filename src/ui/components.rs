//! Reusable components, one per file.

pub mod install_button;
pub mod level_badge;
pub mod question_row;
pub mod site_header;
pub mod status_badge;
pub mod storage_notice;
pub mod update_prompt;
