//! site.toml mistakes that TOML itself accepts: language codes that collide (with each other
//! when case is ignored, or with the output's own files), phases listed twice, date formats
//! that can never match, language folders outside the content or missing from it. Each is an
//! error (exit 2) at the place in site.toml that says it, with what to do.

use super::Config;
use super::ConfigError;
use crate::source::Position;
use std::path::Path;

/// Names the output root already uses: a language folder cannot have them.
const OUTPUT_NAMES: [&str; 5] = ["static", "media", "sitemap.xml", "404.html", "index.html"];

/// Where the first `needle` is in `text`.
fn locate(text: &str, needle: &str) -> Option<Position> {
    super::error::find(text, needle)
}

/// Where a language's `folder = "..."` value is written.
fn locate_folder(text: &str, folder: &str) -> Option<Position> {
    let line = format!("folder = \"{folder}\"");
    match text.find(&line) {
        Some(at) => Some(super::error::offset(text, at + "folder = ".len())),
        None => locate(text, &format!("\"{folder}\"")),
    }
}

pub(super) fn check(config: &Config, text: &str, path: &Path) -> Result<(), ConfigError> {
    if let Some(problem) = config.external.problems().first() {
        return Err(ConfigError::new(
            path,
            locate(text, "[external"),
            problem.to_string(),
        ));
    }
    let codes = &config.languages;
    for (i, lang) in codes.iter().enumerate() {
        let at = || locate(text, &format!("\"{}\"", lang.code));
        if let Some(other) = codes[..i]
            .iter()
            .find(|o| o.code.eq_ignore_ascii_case(&lang.code) && o.code != lang.code)
        {
            return Err(ConfigError::new(path, at(), format!("language code `{}` differs from `{}` only in case; their folders would be one on case-insensitive file systems (use one spelling)", lang.code, other.code)));
        }
        if OUTPUT_NAMES
            .iter()
            .any(|n| n.eq_ignore_ascii_case(&lang.code))
        {
            return Err(ConfigError::new(path, at(), format!("language code `{}` is a name the output already uses ({}); pick the language's BCP 47 code", lang.code, OUTPUT_NAMES.join(", "))));
        }
        if let Some(folder) = &lang.folder {
            let outside = Path::new(folder).is_absolute()
                || Path::new(folder)
                    .components()
                    .any(|c| matches!(c, std::path::Component::ParentDir));
            if outside {
                return Err(ConfigError::new(path, locate_folder(text, folder), format!("folder `{folder}` of language `{}` is outside the content folder; give a folder inside it (content_dir sets the content folder)", lang.code)));
            }
        }
    }
    for (key, value, needs) in [
        ("edit_url", &config.edit_url, Some("{path}")),
        ("issue_url", &config.issue_url, None),
    ] {
        let Some(url) = value else { continue };
        if let Some(problem) = link_problem(url, needs) {
            return Err(ConfigError::new(
                path,
                locate(text, key),
                format!("`{key}` {problem}"),
            ));
        }
    }
    for (i, phase) in config.phases.iter().enumerate() {
        if config.phases[..i].contains(phase) {
            return Err(ConfigError::new(path, locate(text, "phases"), format!("phase `{phase}` is listed twice in `phases`; list each phase once, in lifecycle order")));
        }
    }
    if config.playbook.date_formats.is_empty() {
        return Err(ConfigError::new(path, locate(text, "date_formats"), "`[playbook] date_formats` is empty, so no refresh date could be read; give at least one, e.g. [\"M/D/Y\"]"));
    }
    let formats = config
        .playbook
        .date_formats
        .iter()
        .chain(
            codes
                .iter()
                .flat_map(|l| l.vocabulary.date_formats.iter().flatten()),
        )
        .chain(
            config
                .metadata
                .fields
                .values()
                .flat_map(|f| &f.date_formats),
        );
    for format in formats {
        if let Some(problem) = format_problem(format) {
            return Err(ConfigError::new(path, locate(text, &format!("\"{format}\"")), format!("date format `{format}` {problem}; a format has one year (Y, YY or YYYY), one month (M or MM) and one day (D or DD), e.g. \"M/D/Y\" or \"D.M.YYYY\"")));
        }
    }
    Ok(())
}

/// What is wrong with a page-link pattern (`edit_url`, `issue_url`), if anything: readers
/// follow it, so it is `http(s)://` only (never `javascript:`), with its placeholder.
fn link_problem(url: &str, needs: Option<&str>) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Some(format!("`{url}` is not an http(s) address; readers follow it from every page, so give one such as `https://github.com/org/playbook/edit/main/{{path}}`"));
    }
    if let Some(placeholder) = needs.filter(|p| !url.contains(p)) {
        return Some(format!("`{url}` has no `{placeholder}`, so every page would link the same address; put `{placeholder}` where the page's path goes"));
    }
    None
}

/// What is wrong with a date format, if anything.
fn format_problem(format: &str) -> Option<&'static str> {
    let (mut y, mut m, mut d) = (0, 0, 0);
    for part in super::dates::parts(format) {
        if let super::dates::Part::Field(field) = part {
            match field.as_bytes()[0] {
                b'Y' => y += 1,
                b'M' => m += 1,
                _ => d += 1,
            }
        }
    }
    match (y, m, d) {
        (1, 1, 1) => None,
        (0, _, _) => Some("has no year"),
        (_, 0, _) => Some("has no month"),
        (_, _, 0) => Some("has no day"),
        _ => Some("has a part twice"),
    }
}

/// Once the content folder is final (after `--content`): every language folder exists in it.
pub fn folders(config: &Config) -> Result<(), ConfigError> {
    let path = config.file.as_path();
    let text = config.text.as_str();
    let content = config.content_path();
    if !content.is_dir() {
        return Ok(()); // Reported when the site loads, with the content folder's path.
    }
    for lang in &config.languages {
        let Some(folder) = &lang.folder else { continue };
        if content.join(folder).is_dir() {
            continue;
        }
        let names: Vec<String> = std::fs::read_dir(&content)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter(|e| e.path().is_dir())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        // Folders of other languages are not what was meant.
        let taken = |n: &&str| {
            config.languages.iter().any(|l| {
                l.folder
                    .as_deref()
                    .is_some_and(|f| f.trim_matches('/') == *n)
            })
        };
        let free = names.iter().map(String::as_str).filter(|n| !taken(n));
        let hint = match crate::paths::closest(folder, free) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "create it, or correct `folder`".to_string(),
        };
        return Err(ConfigError::new(
            path,
            locate_folder(text, folder),
            format!(
                "folder `{folder}` of language `{}` does not exist in `{}`; {hint}",
                lang.code,
                content.display()
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::format_problem;

    #[test]
    fn formats_need_a_year_a_month_and_a_day() {
        assert_eq!(format_problem("M/D/Y"), None);
        assert_eq!(format_problem("D.M.YYYY"), None);
        assert_eq!(format_problem("YYYY年M月D日"), None);
        assert_eq!(format_problem("MM/DD"), Some("has no year"));
        assert_eq!(format_problem("D/D/Y"), Some("has no month"));
        assert_eq!(format_problem("M/D/Y/Y"), Some("has a part twice"));
    }
}
