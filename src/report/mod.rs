//! Diagnostics out: `human` (rustc-style), `short` (one line each), `json` (versioned),
//! `github` (workflow annotations) and `sarif` (code scanning). The same sorted list,
//! whatever the format; only the formats for people are capped per code.

pub mod human;
pub mod markdown;
pub mod sarif;

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
    /// A JSON document (schema version 1, see docs/diagnostics.md).
    Json,
    /// GitHub Actions workflow annotations (`::error file=...`).
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// A Markdown summary for a pull-request comment: counts by code, what a baseline or
    /// `--since` left out, the first findings linked to their lines (`markdown.rs`).
    Markdown,
}

/// How to print: format, colour, path prefix, and a cap per code for the line formats.
pub struct Options {
    pub format: Format,
    pub color: bool,
    /// Put before every content path, so that paths read from the current folder.
    pub prefix: String,
    /// At most this many diagnostics per code in `human`, `short` and `github`.
    pub max_per_code: Option<usize>,
    /// End `human` output with the count per code (not with `--quiet`: errors only).
    pub summary: bool,
}

/// GitHub shows at most this many annotations of each kind (error, warning, notice) per
/// step; `github` prints the rest as plain lines in the log.
pub const GITHUB_ANNOTATIONS: usize = 10;

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

/// Renders `diags` (already sorted). `source` finds a file's text by content path.
pub fn render<'s>(
    diags: &[Diagnostic],
    source: &dyn Fn(&str) -> Option<&'s SourceFile>,
    opts: &Options,
) -> String {
    let prefix = opts.prefix.as_str();
    match opts.format {
        Format::Json => return json(diags, source),
        Format::Sarif => return sarif::render(diags, source, prefix),
        Format::Markdown => {
            let ctx = markdown::Context {
                command: "check",
                pages: None,
                prefix,
                link_base: None,
                gate: None,
                became_stale: &[],
                up_to_date: &[],
            };
            return markdown::summary(diags, &ctx);
        }
        _ => {}
    }
    let (shown, hidden) = cap(diags, opts.max_per_code);
    let style = human::Style { color: opts.color };
    let mut annotated: BTreeMap<Severity, usize> = BTreeMap::new();
    let mut out: String = shown
        .iter()
        .map(|d| match opts.format {
            Format::Short => short(d, prefix) + "\n",
            Format::Github => {
                let n = annotated.entry(d.severity).or_default();
                *n += 1;
                match *n <= GITHUB_ANNOTATIONS {
                    true => github(d, prefix) + "\n",
                    false => short(d, prefix) + "\n",
                }
            }
            _ => human::render(d, source(&d.file), prefix, &style) + "\n",
        })
        .collect();
    for (severity, n) in annotated {
        if n > GITHUB_ANNOTATIONS {
            out.push_str(&format!(
                "cuaderno: {} more {severity}(s) are listed above as plain lines: GitHub shows {GITHUB_ANNOTATIONS} annotations of each kind per step\n",
                n - GITHUB_ANNOTATIONS
            ));
        }
    }
    for (code, n) in hidden {
        let line = format!(
            "... and {n} more `{code}` not shown (`check` or `--max-per-code N` shows more; `--format json` lists all)"
        );
        out.push_str(&format!("{line}\n"));
    }
    if opts.format == Format::Human && opts.summary && !diags.is_empty() {
        out.push_str(&summary_by_code(diags));
    }
    out
}

/// The diagnostics to show, and per code how many were left out.
fn cap(
    diags: &[Diagnostic],
    max: Option<usize>,
) -> (Vec<&Diagnostic>, BTreeMap<&'static str, usize>) {
    let Some(max) = max else {
        return (diags.iter().collect(), BTreeMap::new());
    };
    let mut seen: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut hidden = BTreeMap::new();
    let mut shown = Vec::new();
    for d in diags {
        let n = seen.entry(d.code.name()).or_default();
        *n += 1;
        if *n <= max {
            shown.push(d);
        } else {
            *hidden.entry(d.code.name()).or_default() += 1;
        }
    }
    (shown, hidden)
}

/// `summary:` then one line per code, most frequent first.
fn summary_by_code(diags: &[Diagnostic]) -> String {
    let mut by_code: BTreeMap<(&'static str, Severity), usize> = BTreeMap::new();
    for d in diags {
        *by_code.entry((d.code.name(), d.severity)).or_default() += 1;
    }
    let mut rows: Vec<_> = by_code.into_iter().collect();
    rows.sort_by(|a, b| {
        (a.0 .1, std::cmp::Reverse(a.1), a.0 .0).cmp(&(b.0 .1, std::cmp::Reverse(b.1), b.0 .0))
    });
    let mut out = String::from("summary by code:\n");
    for ((code, severity), n) in rows {
        out.push_str(&format!("{n:>6}  {severity}[{code}]\n"));
    }
    out
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

/// The JSON report. Spans are byte offsets into each file as stored: a file's byte-order
/// mark, which the text cuaderno works on lacks, is counted in (a tool that applies a
/// suggestion at its span gets exactly what `--fix` writes).
pub fn json<'s>(diags: &[Diagnostic], source: &dyn Fn(&str) -> Option<&'s SourceFile>) -> String {
    let stored: Vec<Diagnostic> = diags
        .iter()
        .map(|d| {
            let mut d = d.clone();
            let bom = source(&d.file).map_or(0, |f| f.bom);
            d.span = d.span.map(|s| s.shift(bom));
            d
        })
        .collect();
    let diags = &stored[..];
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

    fn opts(format: Format, prefix: &str) -> Options {
        Options {
            format,
            color: false,
            prefix: prefix.into(),
            max_per_code: None,
            summary: true,
        }
    }

    #[test]
    fn max_per_code_caps_line_formats_but_not_json() {
        let (d, _) = sample();
        let many = vec![d.clone(), d.clone(), d];
        let none = |_: &str| None;
        let capped = Options {
            max_per_code: Some(1),
            summary: true,
            ..opts(Format::Short, "")
        };
        let out = render(&many, &none, &capped);
        assert_eq!(out.lines().count(), 2, "{out}");
        assert!(out.ends_with(
            "... and 2 more `broken-link` not shown (`check` or `--max-per-code N` shows more; `--format json` lists all)\n"
        ));
        let json: serde_json::Value = serde_json::from_str(&render(
            &many,
            &none,
            &Options {
                max_per_code: Some(1),
                summary: true,
                ..opts(Format::Json, "")
            },
        ))
        .unwrap();
        assert_eq!(json["diagnostics"].as_array().unwrap().len(), 3);
    }

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
            &|_| Some(&file),
            &opts(Format::Human, "content/"),
        );
        let expected = "error[broken-link]: no page `kick-of-es.md`\n --> content/es/a-es.md:4:14\n  |\n4 | Ver [Inicio](kick-of-es.md) ahora.\n  |              ^^^^^^^^^^^^^\n  = help: did you mean `kick-off-es.md`?\n\nsummary by code:\n     1  error[broken-link]\n";
        assert_eq!(out, expected);
    }

    #[test]
    fn short_json_and_github() {
        let (d, _) = sample();
        let none = |_: &str| None;
        let short = render(std::slice::from_ref(&d), &none, &opts(Format::Short, ""));
        assert_eq!(short, "es/a-es.md:4:14: error[broken-link]: no page `kick-of-es.md` (did you mean `kick-off-es.md`?)\n");
        let gh = render(std::slice::from_ref(&d), &none, &opts(Format::Github, ""));
        assert!(
            gh.starts_with("::error file=es/a-es.md,line=4,col=14,title=broken-link::no page"),
            "{gh}"
        );
        let v: serde_json::Value =
            serde_json::from_str(&render(&[d], &none, &opts(Format::Json, ""))).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["diagnostics"][0]["code"], "broken-link");
        assert_eq!(v["diagnostics"][0]["position"]["line"], 4);
        assert_eq!(v["summary"]["by_code"]["broken-link"], 1);
    }
}
