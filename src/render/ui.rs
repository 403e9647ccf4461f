//! The theme's words as templates and pages show them: a language's words for templates, one
//! word, a date in the language's format. The words themselves were laid into each
//! language's `ui` when the settings were resolved (`settings/words.rs`).

use crate::config::Language;
use std::collections::BTreeMap;

/// The language's words, for templates.
pub fn strings(language: &Language) -> BTreeMap<&str, &str> {
    language
        .ui
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// One word: the language's, else the key itself (a theme without that word).
pub fn get<'a>(language: &'a Language, key: &'a str) -> &'a str {
    language.word(key)
}

/// A date in the language's `date_format` (`{d}`, `{dd}`, `{m}`, `{mm}`, `{yyyy}`, `{month}`
/// from `months`); ISO 8601 when the language has no format.
pub fn format_date(language: &Language, (y, m, d): crate::config::dates::Date) -> String {
    let Some(format) = language.ui.get("date_format") else {
        return format!("{y:04}-{m:02}-{d:02}");
    };
    let month = language
        .ui
        .get("months")
        .and_then(|names| names.split(',').nth(m.saturating_sub(1) as usize))
        .map_or_else(|| m.to_string(), |n| n.trim().to_string());
    format
        .replace("{dd}", &format!("{d:02}"))
        .replace("{d}", &d.to_string())
        .replace("{mm}", &format!("{m:02}"))
        .replace("{month}", &month)
        .replace("{m}", &m.to_string())
        .replace("{yyyy}", &format!("{y:04}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn language(format: &str) -> Language {
        let mut l: Language = toml::from_str("code = \"x\"\nname = \"X\"").unwrap();
        l.ui.insert("date_format".into(), format.into());
        l.ui.insert("months".into(), "January,February,March".into());
        l
    }

    #[test]
    fn dates_follow_the_language_format() {
        let date = (2020, 3, 6);
        assert_eq!(format_date(&language("{d}/{m}/{yyyy}"), date), "6/3/2020");
        assert_eq!(
            format_date(&language("{dd}.{mm}.{yyyy}"), date),
            "06.03.2020"
        );
        assert_eq!(
            format_date(&language("{yyyy}年{m}月{d}日"), date),
            "2020年3月6日"
        );
        assert_eq!(
            format_date(&language("{month} {d}, {yyyy}"), date),
            "March 6, 2020"
        );
    }
}
