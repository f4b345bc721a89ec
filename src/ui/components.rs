//! Reusable components, one per file.

pub mod grade_bar;
pub mod install_button;
pub mod key_point_check;
pub mod level_badge;
pub mod question_row;
pub mod selection_editor;
pub mod session_summary;
pub mod shortcuts_dialog;
pub mod site_header;
pub mod status_badge;
pub mod storage_notice;
pub mod update_prompt;
