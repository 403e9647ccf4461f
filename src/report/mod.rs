//! Diagnostics out: `human` (rustc-style), `short` (one line each), `json` (versioned) and
//! `github` (workflow annotations). The same sorted list, whatever the format.

pub mod human;

use crate::diagnostics::{counts, Diagnostic, Severity};
use crate::source::SourceFile;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style, with the source line and a caret under the problem.
    Human,
    /// `path:line:col: severity[code]: message`, one per line.
    Short,
    /// A JSON document (schema version 1, see the README).
    Json,
    /// GitHub Actions workflow annotations (`::error file=...`).
    Github,
}

/// The JSON report's schema version; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: &'static str,
    diagnostics: &'a [Diagnostic],
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    notes: usize,
    by_code: BTreeMap<&'static str, usize>,
}

/// Renders `diags` (already sorted). `source` finds a file's text by content path; `prefix`
/// is put before every path so that it reads from the current folder.
pub fn render<'s>(
    diags: &[Diagnostic],
    format: Format,
    source: &dyn Fn(&str) -> Option<&'s SourceFile>,
    prefix: &str,
    color: bool,
) -> String {
    match format {
        Format::Human => {
            let style = human::Style { color };
            diags
                .iter()
                .map(|d| human::render(d, source(&d.file), prefix, &style) + "\n")
                .collect()
        }
        Format::Short => diags.iter().map(|d| short(d, prefix) + "\n").collect(),
        Format::Json => json(diags),
        Format::Github => diags.iter().map(|d| github(d, prefix) + "\n").collect(),
    }
}

fn short(d: &Diagnostic, prefix: &str) -> String {
    let place = match d.position {
        Some(p) => format!("{prefix}{}:{}:{}", d.file, p.line, p.column),
        None if d.file.is_empty() => "site".to_string(),
        None => format!("{prefix}{}", d.file),
    };
    let help = d
        .help
        .as_ref()
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    format!(
        "{place}: {}[{}]: {}{help}",
        d.severity,
        d.code.name(),
        d.message
    )
}

pub fn json(diags: &[Diagnostic]) -> String {
    let (errors, warnings, notes) = counts(diags);
    let mut by_code = BTreeMap::new();
    for d in diags {
        *by_code.entry(d.code.name()).or_insert(0) += 1;
    }
    let report = JsonReport {
        version: JSON_VERSION,
        tool: "cuaderno",
        diagnostics: diags,
        summary: Summary {
            errors,
            warnings,
            notes,
            by_code,
        },
    };
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

/// `::error file=F,line=L,col=C,title=T::message` with GitHub's escaping.
fn github(d: &Diagnostic, prefix: &str) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let esc_data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let esc_prop = |s: &str| esc_data(s).replace(':', "%3A").replace(',', "%2C");
    let mut props = Vec::new();
    if !d.file.is_empty() {
        props.push(format!("file={}", esc_prop(&format!("{prefix}{}", d.file))));
    }
    if let Some(p) = d.position {
        props.push(format!("line={},col={}", p.line, p.column));
    }
    props.push(format!("title={}", esc_prop(d.code.name())));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    format!("::{kind} {}::{}", props.join(","), esc_data(&message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;
    use crate::source::Span;

    fn sample() -> (Diagnostic, SourceFile) {
        let text = "---\nt: x\n---\nVer [Inicio](kick-of-es.md) ahora.\n";
        let file = SourceFile::new("es/a-es.md".into(), "a".into(), text.into());
        let start = text.find("kick-of").unwrap();
        let span = Span::new(start, start + "kick-of-es.md".len());
        let d = Diagnostic::new(Code::BrokenLink, "es/a-es.md", "no page `kick-of-es.md`")
            .at(span, file.position(start))
            .help("did you mean `kick-off-es.md`?");
        (d, file)
    }

    #[test]
    fn human_output_points_at_the_span() {
        let (d, file) = sample();
        let out = render(
            std::slice::from_ref(&d),
            Format::Human,
            &|_| Some(&file),
            "content/",
            false,
        );
        let expected = "error[broken-link]: no page `kick-of-es.md`\n --> content/es/a-es.md:4:14\n  |\n4 | Ver [Inicio](kick-of-es.md) ahora.\n  |              ^^^^^^^^^^^^^\n  = help: did you mean `kick-off-es.md`?\n\n";
        assert_eq!(out, expected);
    }

    #[test]
    fn short_json_and_github() {
        let (d, _) = sample();
        let none = |_: &str| None;
        let short = render(std::slice::from_ref(&d), Format::Short, &none, "", false);
        assert_eq!(short, "es/a-es.md:4:14: error[broken-link]: no page `kick-of-es.md` (did you mean `kick-off-es.md`?)\n");
        let gh = render(std::slice::from_ref(&d), Format::Github, &none, "", false);
        assert!(
            gh.starts_with("::error file=es/a-es.md,line=4,col=14,title=broken-link::no page"),
            "{gh}"
        );
        let v: serde_json::Value =
            serde_json::from_str(&render(&[d], Format::Json, &none, "", false)).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["diagnostics"][0]["code"], "broken-link");
        assert_eq!(v["diagnostics"][0]["position"]["line"], 4);
        assert_eq!(v["summary"]["by_code"]["broken-link"], 1);
    }
}
