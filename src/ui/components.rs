//! Reusable components, one per file.

pub mod answer_body;
pub mod backup_panel;
pub mod backup_reminder;
pub mod bar_chart;
pub mod grade_bar;
pub mod heatmap;
pub mod install_button;
pub mod key_point_check;
pub mod level_badge;
pub mod question_notes;
pub mod question_row;
pub mod search_box;
pub mod selection_editor;
pub mod session_summary;
pub mod share_set;
pub mod shortcuts_dialog;
pub mod site_header;
pub mod status_badge;
pub mod storage_notice;
pub mod tick_box;
pub mod ticked_bar;
pub mod update_prompt;
