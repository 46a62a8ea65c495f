//! Settings stored as JSON values: the office profile, composition rules and anything else an
//! office configures. Reading is lenient (`#[serde(default)]` on the types).

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Serialize, de::DeserializeOwned};

use crate::error::{Error, Result};
use crate::model::{CompositionRules, Office};

/// Reads a setting, or the type's default when it is absent or unreadable.
pub fn get<T: DeserializeOwned + Default>(conn: &Connection, key: &str) -> Result<T> {
    let raw: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    Ok(raw
        .and_then(|s| match serde_json::from_str(&s) {
            Ok(v) => Some(v),
            Err(e) => {
                tracing::warn!(key, error = %e, "unreadable setting; using the default");
                None
            }
        })
        .unwrap_or_default())
}

/// Writes a setting.
pub fn set<T: Serialize>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    let json = serde_json::to_string(value)
        .map_err(|e| Error::internal(format!("lưu cài đặt {key}: {e}")))?;
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) \
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, json])?;
    Ok(())
}

/// The office profile.
pub fn office(conn: &Connection) -> Result<Office> {
    get(conn, "office")
}

/// Saves the office profile.
pub fn set_office(conn: &Connection, office: &Office) -> Result<()> {
    set(conn, "office", office)
}

/// The composition rules.
pub fn composition_rules(conn: &Connection) -> Result<CompositionRules> {
    get(conn, "composition_rules")
}
