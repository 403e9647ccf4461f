//! Reading one page: bytes to text (BOM removed, invalid UTF-8 reported), front matter,
//! Markdown analysis and playbook structure. Pure per page, so pages load in parallel.

use crate::config::dates::Date;
use crate::config::Config;
use crate::content::discover::Locale;
use crate::content::frontmatter::{self, FrontMatter};
use crate::content::text_language::{self, Detected, StopWords};
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
    /// When the page last changed, read by the page rules from its refresh summary and
    /// `ms.date` (`rules::page::refresh`), for the site rules and the renderer.
    pub dates: PageDates,
    /// A hash of what a link from another page can see of this one: its path, languages,
    /// translation key, heading and task anchors (`rules::links::memo` folds them).
    pub link_shape: u64,
    /// What the text reads as when that is clearly not `locale.content`
    /// (`content::text_language`); `written_in` is the language the rules read it in.
    pub text_language: Option<Detected>,
}

/// A page's dates as its refresh summary and `ms.date` tell them.
#[derive(Debug, Clone, Default)]
pub struct PageDates {
    /// The newest of its refresh rows and `ms.date`, none in the future.
    pub newest: Option<Date>,
    /// Its newest change a translation must follow, with the refresh row's description.
    pub changed: Option<(Date, Option<String>)>,
}

impl Page {
    /// The language the text is written in: the detected one when the text clearly is not in
    /// the language of its name and folder, else `locale.content`. Its vocabulary, date
    /// formats and `lang` are the page's; translations still pair by `locale`.
    pub fn written_in(&self) -> usize {
        match self.text_language {
            Some(Ok(i)) => i,
            _ => self.locale.content,
        }
    }

    /// The languages the page is read in: the one its text is in, then the one its name and
    /// folder claim when that differs (a Japanese page may keep English tables).
    pub fn languages(&self) -> Vec<usize> {
        let written = self.written_in();
        let mut out = vec![written];
        if self.locale.content != written {
            out.push(self.locale.content);
        }
        out
    }

    /// Published in a language site its text is not written in: an untranslated copy (an
    /// English page in the Spanish folder), or a page whose text reads as another language.
    pub fn is_copy(&self) -> bool {
        self.written_in() != self.locale.site
    }

    pub fn body(&self) -> &str {
        &self.file.text[self.body_start..]
    }

    /// The DocFX `uid:` of the front matter, if it has a non-empty one.
    pub fn uid(&self) -> Option<&str> {
        let uid = self.front.get("uid")?.trim();
        (!uid.is_empty()).then_some(uid)
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

/// Label and phase words: the detected language's first, then the claimed one's, then the
/// site's.
fn words<'c>(config: &'c Config, locale: &Locale, detected: Option<Detected>) -> Words<'c> {
    let mut vocab = Vec::new();
    if let Some(Ok(written)) = detected {
        vocab.push(&config.languages[written].vocabulary);
    }
    vocab.push(&config.languages[locale.content].vocabulary);
    if locale.site != locale.content {
        vocab.push(&config.languages[locale.site].vocabulary);
    }
    Words { vocab, config }
}

/// The page with its body text replaced by `text` (same front matter, so the same
/// `body_start`), analyzed again; what was decided about the page as a whole (title, dates,
/// language, link shape, its conflicts) is kept. For rendering only: no rule sees it.
pub fn with_text(config: &Config, page: &Page, text: String) -> Page {
    let file = SourceFile {
        bom: page.file.bom,
        ..SourceFile::new(page.file.rel.clone(), page.file.path.clone(), text)
    };
    let analysis = analyze(&file.text, page.body_start);
    let words = words(config, &page.locale, page.text_language);
    let playbook = playbook::extract(&file.text, &analysis, page.body_start, &words);
    Page {
        file,
        locale: page.locale.clone(),
        front: page.front.clone(),
        body_start: page.body_start,
        analysis,
        playbook,
        title: page.title.clone(),
        conflicts: page.conflicts.clone(),
        dates: page.dates.clone(),
        link_shape: page.link_shape,
        text_language: page.text_language,
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

/// Builds a page from its decoded file: front matter, Markdown analysis, playbook structure,
/// merge conflicts, title. What the page rules find is theirs (`rules::page`), run by the
/// loader on the page this returns (which still holds its tables for them).
pub fn load(
    (config, stops): (&Config, &StopWords),
    file: SourceFile,
    locale: Locale,
    diags: &mut Vec<Diagnostic>,
) -> Page {
    let split = frontmatter::split(&file, diags);
    let analysis = analyze(&file.text, split.body_start);
    let text = (file.text.as_str(), split.body_start);
    let text_language = text_language::detect(config, stops, text, &analysis, locale.content);
    let words = words(config, &locale, text_language);
    let playbook = playbook::extract(&file.text, &analysis, split.body_start, &words);
    let conflicts = crate::conflicts::find(&file.text, split.body_start, &analysis.code_blocks);
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
    let uid = split.front.get("uid").unwrap_or_default();
    let written = match text_language {
        Some(Ok(i)) => i,
        _ => locale.content,
    };
    let link_shape = link_shape(&file.rel, (&locale, written), &analysis, &playbook, uid);
    Page {
        link_shape,
        file,
        locale,
        front: split.front,
        body_start: split.body_start,
        analysis,
        playbook,
        title,
        conflicts,
        dates: PageDates::default(),
        text_language,
    }
}

fn link_shape(
    rel: &str,
    (locale, written): (&Locale, usize),
    analysis: &Analysis,
    playbook: &Playbook,
    uid: &str,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    rel.hash(&mut h);
    uid.hash(&mut h);
    (locale.site, locale.content, written).hash(&mut h);
    locale.key.hash(&mut h);
    for heading in &analysis.headings {
        heading.id.hash(&mut h);
    }
    0xfeu8.hash(&mut h);
    for task in &playbook.tasks {
        task.anchor.hash(&mut h);
    }
    h.finish()
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
