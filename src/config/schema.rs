//! `[metadata]` in site.toml: the front-matter schema (required and optional keys, allowed
//! values, patterns, date fields and their formats). The rule that checks pages against it is
//! `rules::page::metadata`.

use anyhow::{anyhow, Result};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// The key that dates a page (when it was last reviewed): compared with the refresh
    /// summary, shown as "updated", written to the sitemap. `ms.date` by default.
    #[serde(default = "default_date_field")]
    pub date_field: String,
    /// Keys every page must have, with a non-empty value.
    #[serde(default)]
    pub required: Vec<String>,
    /// Keys a page may have. With `required`, any other key is reported as unknown; leave
    /// both empty to accept any key.
    #[serde(default)]
    pub optional: Vec<String>,
    /// Per key: allowed values, a pattern, date formats.
    #[serde(default)]
    pub fields: BTreeMap<String, FieldRule>,
    #[serde(skip)]
    pub(crate) patterns: BTreeMap<String, Regex>,
}

fn default_date_field() -> String {
    "ms.date".into()
}

impl Default for Schema {
    fn default() -> Self {
        Schema {
            date_field: default_date_field(),
            required: Vec::new(),
            optional: Vec::new(),
            fields: BTreeMap::new(),
            patterns: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldRule {
    /// The value must be one of these (compared exactly).
    #[serde(default)]
    pub values: Vec<String>,
    /// The whole value must match this regular expression.
    #[serde(default)]
    pub pattern: Option<String>,
    /// What a value is, in words (`"the author's full name: Celia Kennedy"`): said to the
    /// editor in place of the pattern when a value does not match it.
    #[serde(default)]
    pub description: Option<String>,
    /// The value is a date in one of these formats: `M/D/Y` (US, 1-2 digit month and day,
    /// 2- or 4-digit year), `YYYY-MM-DD`, `D.M.YYYY`, ... Tokens: `YYYY`, `YY`, `Y`, `M`, `MM`, `D`, `DD`.
    #[serde(default)]
    pub date_formats: Vec<String>,
    /// A date after today is reported.
    #[serde(default = "yes")]
    pub not_in_future: bool,
}

fn yes() -> bool {
    true
}

impl Schema {
    /// Compiles the patterns; an invalid one is an error naming its key.
    pub fn compile(&mut self) -> Result<()> {
        for (key, rule) in &self.fields {
            if let Some(p) = &rule.pattern {
                let re = Regex::new(&format!("^(?:{p})$")).map_err(|e| anyhow!("[metadata.fields.\"{key}\"] pattern is not a valid regular expression: {e}"))?;
                self.patterns.insert(key.clone(), re);
            }
        }
        Ok(())
    }

    pub(crate) fn declares_keys(&self) -> bool {
        !self.required.is_empty() || !self.optional.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_pattern_is_an_error_naming_its_key() {
        let mut s: Schema = toml::from_str("[fields.owner]\npattern = \"(unclosed\"\n").unwrap();
        let err = s.compile().unwrap_err().to_string();
        assert!(
            err.contains("owner") && err.contains("regular expression"),
            "{err}"
        );
    }
}
