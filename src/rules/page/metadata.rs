//! Front-matter validation against the schema declared in `[metadata]` of site.toml: required
//! keys, unknown keys, allowed values, patterns, dates in declared formats, dates in the future.

use crate::config::dates::{formats_phrase, parse_date, Date};
use crate::config::schema::Schema;
use crate::content::frontmatter::{Field, FrontMatter};
use crate::diagnostics::{Code, Diagnostic};
use crate::paths::closest;
use crate::source::{SourceFile, Span};

impl Schema {
    /// Every problem of one page's front matter. `today` decides what is in the future; `local`
    /// are the date formats of the site and of the page's language, read after a date field's
    /// own.
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
        // On the opening `---` (whatever follows it on its line, `---  ` or `---\r`).
        let block = front.block.map_or(Span::new(0, 0), |b| {
            let line = file.position(b.start).line.saturating_sub(1).max(1);
            let start = file.lines.line_start(line).unwrap_or(0);
            Span::new(start, start)
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
        // DocFX's keys that cuaderno reads itself (xref targets, pivots): never unknown.
        let own = ["uid", "zone_pivot_groups"].contains(&key);
        let declared = own || self.required.iter().chain(&self.optional).any(|k| k == key);
        if self.declares_keys() && !declared {
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
        // The date field (`ms.date`) is read as a date by the freshness rules and the sitemap:
        // in the formats its rule declares, else in its language's.
        let is_date_field = key == self.date_field;
        let value = field.value.as_str();
        if value.is_empty() {
            return None;
        }
        let Some(rule) = self.fields.get(key) else {
            return is_date_field
                .then(|| date_problem(file, (key, field), &[], (local, today, false)))
                .flatten();
        };
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
                let (message, help) = match &rule.description {
                    Some(what) => (
                        format!("`{key}: {value}` is not {what}"),
                        format!("`{key}` is {what} (site.toml's `[metadata.fields.\"{key}\"]`)"),
                    ),
                    None => (
                        format!("`{key}: {value}` does not match `{pattern}`"),
                        format!("site.toml's `[metadata.fields.\"{key}\"] pattern` says how the value is written; a `description` there would say it in words"),
                    ),
                };
                return Some(at(Code::InvalidMetadataValue, span, message).help(help));
            }
        }
        if rule.date_formats.is_empty() && !is_date_field {
            return None;
        }
        let when = (local, today, rule.not_in_future);
        date_problem(file, (key, field), &rule.date_formats, when)
    }
}

/// A date field's value that is no date in its formats (its own, then its language's), or a
/// date in the future where that is not allowed.
fn date_problem(
    file: &SourceFile,
    (key, field): (&str, &Field),
    own: &[String],
    (local, today, not_in_future): (&[String], Date, bool),
) -> Option<Diagnostic> {
    let (value, span) = (field.value.as_str(), field.value_span);
    let at = |code: Code, message: String| {
        Diagnostic::new(code, &file.rel, message).at(span, file.position(span.start))
    };
    let mut formats: Vec<&str> = own.iter().map(String::as_str).collect();
    for f in local {
        if !formats.contains(&f.as_str()) {
            formats.push(f);
        }
    }
    match formats.iter().find_map(|f| parse_date(f, value)) {
        None => Some(
            at(
                Code::InvalidDate,
                format!(
                    "`{key}: {value}` is not a date in {}",
                    formats_phrase(&formats)
                ),
            )
            .help("check the order of month and day, and that the day exists"),
        ),
        Some(date) if not_in_future && date > today => Some(at(
            Code::FutureDate,
            format!("`{key}: {value}` is in the future"),
        )),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_described_pattern_is_told_in_words() {
        let mut s: Schema = toml::from_str(
            "[fields.author]\npattern = \"[A-Z][a-z]+ [A-Z][a-z]+\"\ndescription = \"a full name, such as Celia Kennedy\"\n",
        )
        .unwrap();
        s.compile().unwrap();
        let (file, front) = page("---\nauthor: v-cekenn\n---\n");
        let d = s.check(&file, &front, (2020, 1, 1), &[]);
        assert_eq!(
            d[0].message,
            "`author: v-cekenn` is not a full name, such as Celia Kennedy"
        );
        assert!(
            !d[0].help.as_deref().unwrap_or("").contains("[A-Z]"),
            "{:?}",
            d[0].help
        );
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
        let (file, front) = page("---  \nms.date: 1/1/2099\n---\n# T\n");
        let diags = schema().check(&file, &front, (2026, 11, 26), &[]);
        assert_eq!(diags[0].code, Code::MissingMetadata);
        let at = diags[0].position.map(|p| (p.line, p.column));
        assert_eq!(at, Some((1, 1)), "on the fence, trailing spaces and all");
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

    /// The date field is read as a date even when site.toml gives it no rule: in its
    /// language's formats.
    #[test]
    fn the_date_field_is_a_date_without_a_rule_too() {
        let mut schema: Schema =
            toml::from_str("required = [\"ms.date\"]\noptional = [\"other\"]").unwrap();
        schema.compile().unwrap();
        let iso = ["Y-M-D".to_string()];
        let (file, front) = page("---\nms.date: 2024-13-45\n---\n# T\n");
        let diags = schema.check(&file, &front, (2026, 11, 26), &iso);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, Code::InvalidDate);
        assert_eq!(diags[0].position.map(|p| (p.line, p.column)), Some((2, 10)));
        let (file, front) = page("---\nms.date: 2024-02-13\nother: 2024-13-45\n---\n# T\n");
        assert!(schema.check(&file, &front, (2026, 11, 26), &iso).is_empty());
    }
}
