//! A problem in site.toml, typed: the file, where in it (when known) and what is wrong. It
//! travels inside `anyhow::Error` (the tool cannot run) and is read back with
//! `downcast_ref::<ConfigError>()` by callers that place it, as `lsp` does on site.toml.

use crate::source::{LineIndex, Position};
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based line and character column in site.toml.
    pub position: Option<Position>,
    pub message: String,
}

impl ConfigError {
    pub fn new(file: &Path, position: Option<Position>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: file.to_path_buf(),
            position,
            message: message.into(),
        }
    }

    /// At the first `needle` of `text` (the whole file when it is not there).
    pub fn near(file: &Path, text: &str, needle: &str, message: impl Into<String>) -> ConfigError {
        ConfigError::new(file, find(text, needle), message)
    }
}

/// The position of the first `needle` in `text`.
pub fn find(text: &str, needle: &str) -> Option<Position> {
    text.find(needle).map(|at| offset(text, at))
}

/// The position of byte `at` of `text`.
pub fn offset(text: &str, at: usize) -> Position {
    LineIndex::new(text).position(text, at)
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(p) => write!(f, "{}:{}:{}: ", self.file.display(), p.line, p.column)?,
            None => write!(f, "{}: ", self.file.display())?,
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}
