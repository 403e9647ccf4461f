//! Front-matter validation against the schema declared in `[metadata]` of site.toml: required
//! keys, unknown keys, allowed values, patterns, dates in declared formats, dates in the future.

use crate::content::frontmatter::{Field, FrontMatter};
use crate::diagnostics::{Code, Diagnostic};
use crate::paths::closest;
use crate::source::{SourceFile, Span};
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
    patterns: BTreeMap<String, Regex>,
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

/// A calendar date as (year, month, day).
pub type Date = (u32, u32, u32);

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

    fn declares_keys(&self) -> bool {
        !self.required.is_empty() || !self.optional.is_empty()
    }

    /// Every problem of one page's front matter. `today` decides what is in the future; `local`
    /// are the date formats of the page's language, read after a date field's own.
    pub fn check(
        &self,
        file: &SourceFile,
        front: &FrontMatter,
        today: Date,
        local: &[String],
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if front.broken {
            return out; // the YAML error is reported; what is missing is not known yet
        }
        let block = front.block.map_or(Span::new(0, 0), |b| {
            Span::new(b.start.saturating_sub(4), b.start.saturating_sub(4))
        });
        let missing: Vec<&str> = self
            .required
            .iter()
            .filter(|k| front.get(k).is_none_or(str::is_empty))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            out.push(
                Diagnostic::new(Code::MissingMetadata, &file.rel, format!("missing required metadata: {}", missing.join(", ")))
                    .at(block, file.position(block.start))
                    .help("add the keys to the front matter; site.toml's [metadata] lists what is required"),
            );
        }
        for (key, field) in &front.fields {
            out.extend(self.check_field(file, key, field, today, local));
        }
        out
    }

    fn check_field(
        &self,
        file: &SourceFile,
        key: &str,
        field: &Field,
        today: Date,
        local: &[String],
    ) -> Option<Diagnostic> {
        let at = |code: Code, span: Span, message: String| {
            Diagnostic::new(code, &file.rel, message).at(span, file.position(span.start))
        };
        let known = self.required.iter().chain(&self.optional);
        if self.declares_keys() && !self.required.iter().chain(&self.optional).any(|k| k == key) {
            let d = at(
                Code::UnknownMetadataKey,
                field.key_span,
                format!("unknown metadata key `{key}`"),
            );
            return Some(match closest(key, known.map(String::as_str)) {
                Some(s) => d.help(format!("did you mean `{s}`?")).suggest(s),
                None => {
                    d.help("site.toml's [metadata] `required` and `optional` list the known keys")
                }
            });
        }
        let rule = self.fields.get(key)?;
        let value = field.value.as_str();
        if value.is_empty() {
            return None;
        }
        let span = field.value_span;
        if !rule.values.is_empty() && !rule.values.iter().any(|v| v == value) {
            let d = at(
                Code::InvalidMetadataValue,
                span,
                format!("`{key}: {value}` is not an allowed value"),
            );
            return Some(
                match closest(value, rule.values.iter().map(String::as_str)) {
                    Some(s) => d.help(format!("did you mean `{s}`?")).suggest(s),
                    None => d.help(format!("allowed: {}", rule.values.join(", "))),
                },
            );
        }
        if let Some(re) = self.patterns.get(key) {
            if !re.is_match(value) {
                let pattern = rule.pattern.as_deref().unwrap_or_default();
                return Some(
                    at(
                        Code::InvalidMetadataValue,
                        span,
                        format!("`{key}: {value}` does not match `{pattern}`"),
                    )
                    .help(format!(
                        "site.toml's `[metadata.fields.\"{key}\"] pattern` says how the value is written"
                    )),
                );
            }
        }
        if rule.date_formats.is_empty() {
            return None;
        }
        let mut formats: Vec<&str> = rule.date_formats.iter().map(String::as_str).collect();
        for f in local {
            if !formats.contains(&f.as_str()) {
                formats.push(f);
            }
        }
        match formats.iter().find_map(|f| parse_date(f, value)) {
            None => Some(
                at(
                    Code::InvalidDate,
                    span,
                    format!(
                        "`{key}: {value}` is not a date in {}",
                        formats_phrase(&formats)
                    ),
                )
                .help("check the order of month and day, and that the day exists"),
            ),
            Some(date) if rule.not_in_future && date > today => Some(at(
                Code::FutureDate,
                span,
                format!("`{key}: {value}` is in the future"),
            )),
            Some(_) => None,
        }
    }
}

/// "the format M/D/Y", or "any of the formats M/D/Y, D/M/Y or Y-M-D".
pub fn formats_phrase<S: AsRef<str>>(formats: &[S]) -> String {
    match formats {
        [] => "no format".into(),
        [one] => format!("the format {}", one.as_ref()),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!(
                "any of the formats {} or {}",
                init.join(", "),
                last.as_ref()
            )
        }
    }
}

/// A piece of a date format: a field (`YYYY`, `YY`, `Y`, `MM`, `M`, `DD`, `D`) or a literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'f> {
    Field(&'f str),
    Literal(char),
}

/// The pieces of a date format, in order.
pub fn parts(format: &str) -> impl Iterator<Item = Part<'_>> {
    let mut rest = format;
    std::iter::from_fn(move || {
        let c = rest.chars().next()?;
        let field = ["YYYY", "YY", "Y", "MM", "M", "DD", "D"]
            .into_iter()
            .find(|t| rest.starts_with(t));
        let (part, len) = match field {
            Some(t) => (Part::Field(&rest[..t.len()]), t.len()),
            None => (Part::Literal(c), c.len_utf8()),
        };
        rest = &rest[len..];
        Some(part)
    })
}

/// The length of `rest`'s match for a format's literal `c`: the character with any whitespace
/// around it (`2019 年 10 月` is `Y年M月`), or any whitespace for a space.
fn literal(rest: &str, c: char) -> Option<usize> {
    let lead = rest.len() - rest.trim_start().len();
    if c.is_whitespace() {
        return Some(lead);
    }
    let after = rest[lead..].strip_prefix(c)?;
    Some(rest.len() - after.trim_start().len())
}

/// Parses `value` in `format`; `None` unless the text matches and the date exists.
pub fn parse_date(format: &str, value: &str) -> Option<Date> {
    let (mut y, mut m, mut d) = (None, None, None);
    let mut rest = value.trim();
    for part in parts(format) {
        let token = match part {
            Part::Literal(c) => {
                rest = &rest[literal(rest, c)?..];
                continue;
            }
            Part::Field(token) => token,
        };
        let (min, max) = match token {
            "YYYY" => (4, 4),
            "YY" => (2, 2),
            "Y" => (2, 4),
            _ => (1, 2),
        };
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits < min || digits > max || (token == "Y" && digits == 3) {
            return None;
        }
        let n: u32 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        match token.chars().next()? {
            'Y' => y = Some(if digits == 2 { 2000 + n } else { n }),
            'M' => m = Some(n),
            _ => d = Some(n),
        }
    }
    let (y, m, d) = (y?, m?, d?);
    (rest.is_empty() && valid(y, m, d)).then_some((y, m, d))
}

/// `date` written in `format` the way `like` (a value in that format) writes it: a number
/// zero-padded where `like`'s was, a two-digit year where `like` has one. `None` when `like` is
/// not in `format`.
pub fn write_date(format: &str, like: &str, (y, m, d): Date) -> Option<String> {
    parse_date(format, like)?;
    let mut out = String::new();
    let mut rest = like.trim();
    for part in parts(format) {
        let token = match part {
            Part::Literal(c) => {
                let n = literal(rest, c)?;
                out.push_str(&rest[..n]);
                rest = &rest[n..];
                continue;
            }
            Part::Field(token) => token,
        };
        let width = rest.chars().take_while(char::is_ascii_digit).count();
        rest = &rest[width..];
        let text = match token.chars().next()? {
            'Y' if width == 2 => format!("{:02}", y % 100),
            'Y' => y.to_string(),
            'M' if width == 2 => format!("{m:02}"),
            'M' => m.to_string(),
            _ if width == 2 => format!("{d:02}"),
            _ => d.to_string(),
        };
        out.push_str(&text);
    }
    Some(out)
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (1..=12).contains(&m) && d >= 1 && d <= days[(m - 1) as usize]
}

/// Today's date (UTC) from the system clock.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as u32;
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_the_author_writes_them() {
        assert_eq!(
            write_date("M/D/Y", "5/02/2019", (2020, 3, 7)).as_deref(),
            Some("3/07/2020")
        );
        assert_eq!(
            write_date("M/D/Y", "05/2/19", (2020, 11, 7)).as_deref(),
            Some("11/7/20")
        );
        assert_eq!(
            write_date("D.M.YYYY", "24.10.2019", (2020, 1, 2)).as_deref(),
            Some("02.01.2020")
        );
        assert_eq!(
            write_date("D.M.YYYY", "4.9.2019", (2020, 1, 2)).as_deref(),
            Some("2.1.2020")
        );
        assert_eq!(write_date("M/D/Y", "not a date", (2020, 1, 2)), None);
    }

    #[test]
    fn dates_in_declared_formats() {
        assert_eq!(parse_date("M/D/Y", "5/02/2019"), Some((2019, 5, 2)));
        assert_eq!(parse_date("M/D/Y", "09/27/2019"), Some((2019, 9, 27)));
        assert_eq!(parse_date("M/D/Y", "5/2/19"), Some((2019, 5, 2)));
        assert_eq!(parse_date("M/D/Y", "27/09/2019"), None);
        assert_eq!(parse_date("M/D/Y", "2/30/2019"), None);
        assert_eq!(parse_date("M/D/Y", "2/29/2020"), Some((2020, 2, 29)));
        assert_eq!(parse_date("YYYY-MM-DD", "2019-05-02"), Some((2019, 5, 2)));
        assert_eq!(parse_date("YYYY-MM-DD", "2019-05-02x"), None);
        assert_eq!(parse_date("M/D/Y", "5/2/201"), None);
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    fn page(text: &str) -> (SourceFile, FrontMatter) {
        let file = SourceFile::new("p.md".into(), "p.md".into(), text.into());
        let front = crate::content::frontmatter::split(&file, &mut Vec::new()).front;
        (file, front)
    }

    fn schema() -> Schema {
        let mut s: Schema = toml::from_str(
            r#"
required = ["title", "ms.date", "ms.topic"]
optional = ["author"]
[fields."ms.topic"]
values = ["playbook", "partner-playbook"]
[fields."ms.date"]
date_formats = ["M/D/Y"]
[fields."author"]
pattern = "[A-Z][a-z]+ [A-Z][a-z]+"
"#,
        )
        .unwrap();
        s.compile().unwrap();
        s
    }

    #[test]
    fn each_rule_reports_at_the_right_place() {
        let (file, front) = page("---\ntitle: T\nms.date: 13/01/2019\nms.topic: playbok\nautor: x\nauthor: ab\n---\n# T\n");
        let diags = schema().check(&file, &front, (2026, 11, 26), &[]);
        let got: Vec<_> = diags
            .iter()
            .map(|d| {
                (
                    d.code.name(),
                    d.position.unwrap().line,
                    d.position.unwrap().column,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("invalid-metadata-value", 6, 9),
                ("unknown-metadata-key", 5, 1),
                ("invalid-date", 3, 10),
                ("invalid-metadata-value", 4, 11)
            ]
        );
        assert_eq!(diags[1].suggestion.as_deref(), Some("author"));
        assert_eq!(diags[3].suggestion.as_deref(), Some("playbook"));
    }

    #[test]
    fn missing_keys_are_one_diagnostic_and_future_dates_are_reported() {
        let (file, front) = page("---\nms.date: 1/1/2099\n---\n# T\n");
        let diags = schema().check(&file, &front, (2026, 11, 26), &[]);
        assert_eq!(diags[0].code, Code::MissingMetadata);
        assert!(
            diags[0].message.ends_with("title, ms.topic"),
            "{}",
            diags[0].message
        );
        assert_eq!(diags[0].position.unwrap().line, 1);
        assert_eq!(diags[1].code, Code::FutureDate);
    }

    #[test]
    fn a_date_field_also_reads_the_languages_formats() {
        let (file, front) =
            page("---\ntitle: T\nms.topic: playbook\nms.date: 24.10.2019\n---\n# T\n");
        let german = ["D.M.Y".to_string()];
        assert!(schema()
            .check(&file, &front, (2026, 11, 26), &german)
            .is_empty());
        let diags = schema().check(&file, &front, (2026, 11, 26), &[]);
        assert_eq!(diags[0].code, Code::InvalidDate);
    }

    #[test]
    fn dates_allow_spaces_around_separators_and_fixes_keep_them() {
        assert_eq!(
            parse_date("Y年M月D日", "2019 年 10 月 1 日"),
            Some((2019, 10, 1))
        );
        assert_eq!(parse_date("D.M.Y", "1. 10. 2019"), Some((2019, 10, 1)));
        assert_eq!(
            write_date("Y年M月D日", "2019 年 9 月 1 日", (2020, 3, 4)).as_deref(),
            Some("2020 年 3 月 4 日")
        );
        assert_eq!(parse_date("M/D/Y", "1/2/20 19"), None);
    }

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
