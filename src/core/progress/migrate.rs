//! The chain of schema migrations: pure functions from one version's `data` to the next one's.
//!
//! Each step works on `serde_json::Value`, so it needs no Rust type of the old shape and never fails on
//! content it does not touch; what the result must look like is [`super::check`]'s business.

use std::fmt;

use serde_json::{Map, Value};

use super::{Settings, SCHEMA_VERSION};

/// Why data could not be brought up to the current schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrationError {
    /// There is no migration from this version (0, or newer than this build).
    Unsupported {
        /// The version the data claims.
        version: u32,
    },
    /// The data of this version is not a JSON object, so there is nothing to migrate.
    NotAnObject {
        /// The version being migrated from.
        version: u32,
    },
}

impl fmt::Display for MigrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MigrationError::Unsupported { version } => write!(
                f,
                "schema version {version} cannot be read by this app (it reads versions 1 to {SCHEMA_VERSION})"
            ),
            MigrationError::NotAnObject { version } => write!(
                f,
                "the version {version} data is not a JSON object, so it cannot be upgraded"
            ),
        }
    }
}

impl std::error::Error for MigrationError {}

/// Brings `data` written at schema `version` up to [`SCHEMA_VERSION`] by applying every step in turn.
/// Data already at the current version is returned unchanged.
pub fn migrate(version: u32, data: Value) -> Result<Value, MigrationError> {
    if version == 0 || version > SCHEMA_VERSION {
        return Err(MigrationError::Unsupported { version });
    }
    let steps: [fn(Value) -> Result<Value, MigrationError>; 1] = [migrate_v1_to_v2];
    steps[version as usize - 1..]
        .iter()
        .try_fold(data, |data, step| step(data))
}

/// Version 1 → 2: version 1 held only `reviews` and `known`, both unchanged in version 2; this adds the new
/// fields with their empty or default values (no bookmarks, no notes, default settings, no mock history,
/// never backed up). A field of a new name that somehow exists already is left for the check to judge.
pub fn migrate_v1_to_v2(data: Value) -> Result<Value, MigrationError> {
    let Value::Object(mut object) = data else {
        return Err(MigrationError::NotAnObject { version: 1 });
    };
    let settings = serde_json::to_value(Settings::default()).expect("settings always serialise");
    let added = [
        ("bookmarks", Value::Object(Map::new())),
        ("notes", Value::Object(Map::new())),
        ("settings", settings),
        ("mocks", Value::Array(Vec::new())),
        ("last_backup_at", Value::Null),
    ];
    for (key, value) in added {
        object.entry(key).or_insert(value);
    }
    Ok(Value::Object(object))
}
