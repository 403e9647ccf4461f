//! Reading one page: bytes to text (BOM removed, invalid UTF-8 reported), front matter,
//! Markdown analysis and playbook structure. Pure per page, so pages load in parallel.

use crate::config::Config;
use crate::content::discover::Locale;
use crate::content::frontmatter::{self, FrontMatter};
use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::analyze::{analyze, Analysis};
use crate::playbook::{self, Playbook, Words};
use crate::source::{SourceFile, Span};
use std::path::PathBuf;

#[derive(Debug)]
pub struct Page {
    pub file: SourceFile,
    pub locale: Locale,
    pub front: FrontMatter,
    pub body_start: usize,
    pub analysis: Analysis,
    pub playbook: Playbook,
    /// The first H1 (front-matter titles are English in every locale), else `title`, else the key.
    pub title: String,
    /// Unresolved merge conflicts (`conflicts::find`), from `<<<<<<<` to `>>>>>>>`.
    pub conflicts: Vec<Span>,
}

impl Page {
    pub fn body(&self) -> &str {
        &self.file.text[self.body_start..]
    }

    /// Where a finding about the whole page sits: the phase line, else the first heading (the
    /// blank line after the front matter shows nothing), else the body's start.
    pub fn top_span(&self) -> Span {
        self.playbook
            .phase
            .as_ref()
            .map(|p| p.span)
            .or_else(|| self.analysis.headings.first().map(|h| h.span))
            .unwrap_or(Span::new(self.body_start, self.body_start))
    }

    /// Every id a `#fragment` may name on this page: headings and task anchors.
    pub fn has_anchor(&self, id: &str) -> bool {
        self.analysis.headings.iter().any(|h| h.id == id)
            || self.playbook.tasks.iter().any(|t| t.anchor == id)
    }

    pub fn anchors(&self) -> impl Iterator<Item = String> + '_ {
        let headings = self.analysis.headings.iter().map(|h| h.id.clone());
        headings.chain(self.playbook.tasks.iter().map(|t| t.anchor.clone()))
    }
}

/// Decodes a file's bytes: BOM dropped, invalid UTF-8 replaced and reported at its line.
pub fn decode(rel: &str, path: PathBuf, bytes: Vec<u8>, diags: &mut Vec<Diagnostic>) -> SourceFile {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let file = SourceFile::new(rel.into(), path.clone(), text);
            let offset = String::from_utf8_lossy(&bytes[..valid]).len();
            diags.push(
                Diagnostic::new(Code::InvalidUtf8, rel, "the file is not valid UTF-8")
                    .at(Span::new(offset, offset + 1), file.position(offset))
                    .help("save the file as UTF-8; invalid bytes are shown as \u{FFFD}"),
            );
            file.text
        }
    };
    let (text, bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest.to_string(), '\u{feff}'.len_utf8()),
        None => (text, 0),
    };
    let mut file = SourceFile::new(rel.into(), path, text);
    file.bom = bom;
    file
}

/// Builds a page from its decoded file.
pub fn load(
    config: &Config,
    file: SourceFile,
    locale: Locale,
    diags: &mut Vec<Diagnostic>,
) -> Page {
    if file.text.trim().is_empty() {
        diags.push(Diagnostic::new(
            Code::EmptyPage,
            &file.rel,
            "the page is empty",
        ));
    }
    let split = frontmatter::split(&file, diags);
    let local = config.local_date_formats(locale.content);
    diags.extend(
        config
            .metadata
            .check(&file, &split.front, config.today, &local),
    );
    let mut analysis = analyze(&file.text, split.body_start);
    let mut vocab = vec![&config.languages[locale.content].vocabulary];
    if locale.site != locale.content {
        vocab.push(&config.languages[locale.site].vocabulary);
    }
    let words = Words { vocab, config };
    let playbook = playbook::extract(&file.text, &analysis, split.body_start, &words);
    diags.extend(crate::tables::check(&file, &analysis, split.body_start));
    diags.extend(crate::links::malformed::check(&file, &analysis));
    let alerts = &config.languages[locale.site].vocabulary.alerts;
    for &quote in &analysis.quotes {
        let Some(source) = file.text.get(quote.start..quote.end) else {
            continue;
        };
        if let Some(word) = crate::markdown::alerts::unknown(source, alerts) {
            let start = quote.start + source.find("[!").unwrap_or(0);
            let span = Span::new(start, start + word.len() + 3);
            diags.push(
                Diagnostic::new(
                    Code::UnknownAlert,
                    &file.rel,
                    format!("`[!{word}]` is not an alert keyword: readers see it as text in a quote"),
                )
                .at(span, file.position(start))
                .help(format!(
                    "write `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]`, or map the word in site.toml: `alerts = {{ \"{word}\" = \"note\" }}` under the language's `[languages.vocabulary]`"
                )),
            );
        }
    }
    let conflicts = crate::conflicts::find(&file.text, split.body_start, &analysis.code_blocks);
    diags.extend(
        conflicts
            .iter()
            .map(|&c| crate::conflicts::diagnostic(&file, c)),
    );
    analysis.tables = Vec::new();
    if config.highlight.enabled {
        for &span in &analysis.unhighlighted {
            diags.push(
                Diagnostic::new(
                    Code::CodeNotHighlighted,
                    &file.rel,
                    "this code block is too large to highlight; it is shown without colours",
                )
                .at(span, file.position(span.start))
                .help(format!(
                    "blocks over {} KiB, or with a line over {} KiB, are not highlighted",
                    crate::markdown::highlight::MAX_BLOCK / 1024,
                    crate::markdown::highlight::MAX_LINE / 1024
                )),
            );
        }
    }
    analysis.headings.shrink_to_fit();
    analysis.links.shrink_to_fit();
    for typo in &playbook.label_typos {
        let written = &file.text[typo.span.start..typo.span.end];
        diags.push(
            Diagnostic::new(
                Code::UnknownLabel,
                &file.rel,
                format!("unknown label `{written}`; did you mean `{}`?", typo.meant),
            )
            .at(typo.span, file.position(typo.span.start))
            .help(format!(
                "the line is read as `{}`; if `{written}` is right, add it to the {} vocabulary in site.toml",
                typo.meant, config.languages[locale.content].name
            ))
            .suggest(typo.meant.clone())
            .fixable(true),
        );
    }
    if let (Some(phase), None) = (&playbook.phase, &playbook.phase_id) {
        diags.push(
            Diagnostic::new(
                Code::UnknownPhase,
                &file.rel,
                format!("unknown phase `{}`", phase.value),
            )
            .at(phase.span, file.position(phase.span.start))
            .help(format!(
                "the {} vocabulary's `phases` in site.toml lists the known names",
                config.languages[locale.content].name
            )),
        );
    }
    let title = analysis
        .headings
        .iter()
        .find(|h| h.level == 1 && !h.text.is_empty())
        .map(|h| h.text.clone())
        .or_else(|| {
            split
                .front
                .get("title")
                .filter(|t| !t.is_empty())
                .map(String::from)
        })
        .unwrap_or_else(|| {
            locale
                .key
                .rsplit('/')
                .next()
                .unwrap_or(&locale.key)
                .to_string()
        });
    Page {
        file,
        locale,
        front: split.front,
        body_start: split.body_start,
        analysis,
        playbook,
        title,
        conflicts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped_and_bad_bytes_reported_at_their_line() {
        let mut diags = Vec::new();
        let f = decode(
            "a.md",
            "a.md".into(),
            b"\xEF\xBB\xBFok".to_vec(),
            &mut diags,
        );
        assert_eq!(f.text, "ok");
        assert!(diags.is_empty());
        let f = decode(
            "b.md",
            "b.md".into(),
            b"line\nbad \xFF here".to_vec(),
            &mut diags,
        );
        assert!(f.text.contains('\u{FFFD}'));
        assert_eq!(diags[0].code, Code::InvalidUtf8);
        assert_eq!(diags[0].position.unwrap().line, 2);
        assert_eq!(diags[0].position.unwrap().column, 5);
    }
}
