//! Settings in localStorage under one versioned key. Missing storage gives defaults silently;
//! corrupt or blocked storage gives defaults and a visible notice, never a blank page.

use crate::state::Workbench;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use northstar_view::Settings;

pub const SETTINGS_KEY: &str = "northstar.settings.v2";
/// The first key: read (and migrated) when there is nothing under [`SETTINGS_KEY`] yet.
pub const SETTINGS_KEY_V1: &str = "northstar.settings.v1";

/// Why settings cannot be kept or read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StorageError {
    #[error("no window")]
    NoWindow,
    #[error("this browser has no localStorage")]
    NoStorage,
    /// It throws in some sandboxed or privacy modes.
    #[error("localStorage is blocked ({0})")]
    Blocked(String),
    /// Writing failed (the storage is full, or the browser refused).
    #[error("{0}")]
    NotSaved(String),
}

impl StorageError {
    /// What the page says about it.
    pub fn notice(&self) -> String {
        match self {
            StorageError::NotSaved(why) => format!("Settings could not be saved: {why}."),
            other => format!("Settings will not be kept after this visit: {other}."),
        }
    }
}

/// localStorage exists and can be used (it throws in some sandboxed or privacy modes).
fn storage_available() -> Result<(), StorageError> {
    let window = web_sys::window().ok_or(StorageError::NoWindow)?;
    match window.local_storage() {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err(StorageError::NoStorage),
        Err(e) => Err(StorageError::Blocked(e.as_string().unwrap_or_else(|| "access denied".into()))),
    }
}

/// Loads settings: (settings, notice to show). A document under the first key is migrated.
pub fn load_settings() -> (Settings, Option<String>) {
    if let Err(why) = storage_available() {
        return (Settings::default(), Some(why.notice()));
    }
    let raw = LocalStorage::raw();
    let read = |key: &str| raw.get_item(key).ok().flatten();
    let (text, version) = match (read(SETTINGS_KEY), read(SETTINGS_KEY_V1)) {
        (Some(t), _) => (t, 2),
        (None, Some(t)) => (t, 1),
        (None, None) => return (Settings::default(), None),
    };
    match Settings::from_json(&text, version) {
        Ok(s) => (s, None),
        Err(e) => (Settings::default(), Some(format!("Saved settings could not be read ({e}); defaults are in use and will replace them."))),
    }
}

/// Settings of this browser's own are saved (under either key).
pub fn has_saved_settings() -> bool {
    storage_available().is_ok() && [SETTINGS_KEY, SETTINGS_KEY_V1].iter().any(|k| LocalStorage::raw().get_item(k).ok().flatten().is_some())
}

pub fn save_settings(settings: &Settings) -> Result<(), StorageError> {
    storage_available()?;
    LocalStorage::set(SETTINGS_KEY, settings).map_err(|e| StorageError::NotSaved(e.to_string()))
}

/// Writes settings whenever they change (an effect: localStorage is the outside world).
pub fn persist_settings(wb: Workbench) {
    Effect::new(move |previous: Option<()>| {
        let result = wb.settings.with(save_settings);
        // The first run only stores what was just loaded; report failures once they matter.
        if let (Err(e), Some(())) = (result, previous) {
            wb.storage_notice.set(Some(e.notice()));
        }
    });
}
