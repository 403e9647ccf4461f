//! A Markdown summary of a run, for `$GITHUB_STEP_SUMMARY` (and a pull-request comment):
//! counts by code, what is new against a baseline, the first findings with links to their
//! lines. Bounded: at most [`FIRST`] findings, whatever the run found.

use crate::diagnostics::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Findings listed one by one; the rest are counted.
pub const FIRST: usize = 50;

/// What the summary says besides the findings.
pub struct Context<'a> {
    /// `check`, `build`.
    pub command: &'a str,
    /// Pages checked, when known.
    pub pages: Option<usize>,
    /// Put before every content path so that it reads from the repository's top.
    pub prefix: &'a str,
    /// `{base}{path}#L{line}` links to a line when set (e.g. a blob URL of the commit).
    pub link_base: Option<String>,
    /// What a baseline or `--since` left out: a sentence, shown under the counts.
    pub gate: Option<String>,
    /// Against the baseline or revision: translations that became stale, and those up to
    /// date again (content paths).
    pub became_stale: &'a [String],
    pub up_to_date: &'a [String],
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

pub fn summary(diags: &[Diagnostic], ctx: &Context) -> String {
    let (e, w, n) = crate::diagnostics::counts(diags);
    let pages = ctx
        .pages
        .map_or_else(String::new, |p| format!(" in {p} page(s)"));
    let mut out = format!(
        "## cuaderno {}\n\n**{e} error(s), {w} warning(s), {n} note(s)**{pages}\n\n",
        ctx.command
    );
    if let Some(gate) = &ctx.gate {
        let _ = write!(out, "{}\n\n", escape(gate));
    }
    translations(&mut out, ctx);
    if diags.is_empty() {
        out.push_str("Nothing to report.\n");
        return out;
    }
    let mut by_code: BTreeMap<(Severity, &str), usize> = BTreeMap::new();
    for d in diags {
        *by_code.entry((d.severity, d.code.name())).or_default() += 1;
    }
    out.push_str("| code | severity | count |\n| --- | --- | ---: |\n");
    for ((severity, code), count) in &by_code {
        let _ = writeln!(out, "| `{code}` | {severity} | {count} |");
    }
    let _ = write!(out, "\n### First findings\n\n");
    for d in diags.iter().take(FIRST) {
        let path = format!("{}{}", ctx.prefix, d.file);
        let place = match d.position {
            Some(p) => format!("{path}:{}:{}", p.line, p.column),
            None => path.clone(),
        };
        let place = match (&ctx.link_base, d.file.is_empty()) {
            (Some(base), false) => {
                let line = d
                    .position
                    .map(|p| format!("#L{}", p.line))
                    .unwrap_or_default();
                format!(
                    "[{}]({base}{}{line})",
                    escape(&place),
                    path.replace(' ', "%20")
                )
            }
            _ => escape(&place),
        };
        let _ = writeln!(
            out,
            "- **{}** `{}` {place}: {}",
            d.severity,
            d.code.name(),
            escape(&d.message)
        );
    }
    if diags.len() > FIRST {
        let _ = writeln!(
            out,
            "\n… and {} more (`cuaderno {} --format json` lists all).",
            diags.len() - FIRST,
            ctx.command
        );
    }
    out
}

/// The translations the change made stale or brought up to date, a few named, each linked
/// like a finding.
fn translations(out: &mut String, ctx: &Context) {
    if ctx.became_stale.is_empty() && ctx.up_to_date.is_empty() {
        return;
    }
    out.push_str("### Translations\n\n");
    for (files, what) in [
        (
            ctx.became_stale,
            "became stale (their source changed after them)",
        ),
        (ctx.up_to_date, "up to date again"),
    ] {
        if files.is_empty() {
            continue;
        }
        let named: Vec<String> = files
            .iter()
            .take(TRANSLATIONS_NAMED)
            .map(|f| file_link(ctx, f))
            .collect();
        let more = files.len().saturating_sub(TRANSLATIONS_NAMED);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "- {} page(s) {what}: {}{more}",
            files.len(),
            named.join(", ")
        );
    }
    out.push('\n');
}

/// Pages named per list in the translations section.
const TRANSLATIONS_NAMED: usize = 10;

fn file_link(ctx: &Context, file: &str) -> String {
    let path = format!("{}{file}", ctx.prefix);
    match &ctx.link_base {
        Some(base) => format!("[{}]({base}{})", escape(&path), path.replace(' ', "%20")),
        None => format!("`{}`", path.replace('`', "'")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;
    use crate::source::{Position, Span};

    #[test]
    fn links_lines_escapes_and_bounds() {
        let d = Diagnostic::new(Code::BrokenLink, "en/a b.md", "no page `<x>|y`")
            .at(Span::new(0, 1), Position { line: 3, column: 4 });
        let many = vec![d; FIRST + 2];
        let ctx = Context {
            command: "check",
            pages: Some(2),
            prefix: "content/",
            link_base: Some("https://h/o/r/blob/abc/".into()),
            gate: Some("2 new".into()),
            became_stale: &[],
            up_to_date: &[],
        };
        let text = summary(&many, &ctx);
        assert!(
            text.contains("[content/en/a b.md:3:4](https://h/o/r/blob/abc/content/en/a%20b.md#L3)"),
            "{text}"
        );
        assert!(text.contains("&lt;x&gt;\\|y"), "{text}");
        assert!(text.contains("| `broken-link` | error | 52 |"), "{text}");
        assert!(text.contains("… and 2 more"), "{text}");
        assert_eq!(text.matches("\n- **error**").count(), FIRST);
    }
}
