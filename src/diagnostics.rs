//! Content problems as data: one `Diagnostic` type, collected over the whole run, sorted.

use crate::source::{Position, Span};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// Every diagnostic code, with its stable kebab-case name and default severity.
/// The names appear in output and are the public interface: never rename one.
macro_rules! codes {
    ($($variant:ident => $name:literal, $sev:ident, $about:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }

            /// One line on what the code means (for `--help` style listings and the README).
            pub fn about(self) -> &'static str {
                match self { $(Code::$variant => $about,)* }
            }

            pub fn from_name(name: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.name() == name)
            }
        }
    };
}

codes! {
    UnreadablePath => "unreadable-path", Error, "a file or folder of the content tree cannot be read";
    SymlinkOutsideContent => "symlink-outside-content", Error, "a symbolic link leads outside the content folder; it is not read";
    InvalidUtf8 => "invalid-utf8", Error, "the file is not valid UTF-8; invalid bytes were replaced";
    EmptyPage => "empty-page", Warning, "the page has no content";
    FrontMatterUnclosed => "front-matter-unclosed", Error, "a `---` front-matter fence is never closed";
    YamlSyntax => "yaml-syntax", Error, "the front matter is not valid YAML";
    FrontMatterShape => "front-matter-shape", Error, "the front matter is not a mapping of keys to values";
    MissingMetadata => "missing-metadata", Error, "required front-matter keys are missing or empty";
    UnknownMetadataKey => "unknown-metadata-key", Warning, "a front-matter key the schema does not declare";
    InvalidMetadataValue => "invalid-metadata-value", Error, "a front-matter value outside the allowed values or pattern";
    InvalidDate => "invalid-date", Error, "a date that does not parse in the declared format, or does not exist";
    FutureDate => "future-date", Warning, "a date after today";
    BrokenLink => "broken-link", Error, "a relative link points to no file in the content tree";
    BrokenAnchor => "broken-anchor", Warning, "a link's `#fragment` names no heading or task in the target page";
    LinkCase => "link-case-mismatch", Warning, "a link matches a file only when case is ignored (breaks on Linux)";
    WrongLanguageLink => "wrong-language-link", Warning, "a link goes to another language's page although this language has it";
    EmailWithoutMailto => "email-without-mailto", Warning, "a link to an e-mail address lacks `mailto:`";
    SafelinksUrl => "safelinks-url", Error, "a link wrapped by Outlook's Safe Links, which publishes a mail recipient's address; the portal links the URL it wraps";
    LinkWithoutScheme => "link-without-scheme", Warning, "a web address written without `https://` (`www.example.com`), which browsers read as a file";
    InvisibleCharacter => "invisible-character-in-url", Warning, "a URL contains zero-width or no-break spaces";
    MissingAsset => "missing-asset", Error, "an image or other asset does not exist";
    AssetFromDefaultLanguage => "asset-from-default-language", Note, "a language's copy of an image or file is missing; the default language's copy is shown";
    LinkOutsideContent => "link-outside-content", Warning, "a relative link leaves the content tree";
    OrphanPage => "orphan-page", Warning, "a page that no navigation entry and no other page reaches";
    TocBrokenLink => "toc-broken-link", Error, "a `toc.yml` entry points to no page";
    TocNotUsed => "toc-not-used", Warning, "a `toc.yml` whose entries mostly lead to no page of its language; the navigation is built without it";
    TocNameUntranslated => "toc-name-untranslated", Note, "a toc group name with no name in this language under `[languages.toc_names]`";
    TocSyntax => "toc-syntax", Error, "a `toc.yml` file is not valid";
    TableExtraCells => "table-extra-cells", Warning, "a table row has more cells than its header; the extra cells are not shown";
    TableMissingCells => "table-missing-cells", Warning, "a table row has fewer cells than its header";
    UnknownAlert => "unknown-alert", Warning, "a quote that starts like a DocFX alert (`> [!WORD]`) with a word that is no alert kind, so readers see the marker";
    MergeConflict => "merge-conflict", Error, "an unresolved merge conflict (`<<<<<<<` … `>>>>>>>`) in a page; the findings inside it are dropped";
    ExternalGone => "external-gone", Error, "`check --external`: a web link answers 404 or 410";
    ExternalUnreachable => "external-unreachable", Warning, "`check --external`: a web link that times out, fails to resolve or connect, or answers 5xx after retries";
    ExternalFragment => "external-fragment", Warning, "`check --external` with `check_fragments`: a web link's `#fragment` is no `id` or `name` of the HTML page";
    ExternalAuth => "external-auth", Note, "`check --external`: a web link that answers 401 or 403 (needs a login)";
    ExternalRedirect => "external-redirect", Warning, "`check --external`: a web link that moved permanently (301/308) or from `http` to the same `https` address; fixed by `--fix`";
    ExternalPrivate => "external-private", Note, "`check --external`: a web link to a loopback, private or link-local address, not requested";
    ExternalInvalid => "external-invalid", Warning, "`check --external`: a web link that cannot be requested or leads nowhere (redirect loop, redirect to `file:`)";
    ExternalOffline => "external-offline", Warning, "`check --external`: no external link could be reached at all";
    MalformedLink => "malformed-link", Error, "link or image syntax CommonMark does not read (`[text]((url)`, a title in `「…」`), shown as text";
    MalformedTable => "malformed-table", Error, "lines that look like a table but are not one in GFM (header and delimiter rows differ), shown as text";
    TaskTableHeader => "task-table-header", Warning, "a task table's header is not one of its language's variants";
    InvalidTaskId => "invalid-task-id", Error, "a task id that is empty or does not match the playbook's task id pattern";
    LinkedTaskId => "linked-task-id", Warning, "a task id wrapped in a link";
    InvalidMandatoryCode => "invalid-mandatory-code", Error, "an M/O value outside the language's mandatory and optional codes";
    UnknownRole => "unknown-role", Warning, "a task's role outside the language's declared roles";
    UnknownService => "unknown-service", Warning, "a task's service outside the language's declared services";
    DuplicateTaskId => "duplicate-task-id", Error, "the same task id twice on one page";
    InconsistentTask => "inconsistent-task", Warning, "the same task id with a different name, role or M/O on another page of the language";
    TextLanguageMismatch => "text-language-mismatch", Warning, "a page whose text is in another language than its name and folder claim (by script, and by stop words among Latin-script languages)";
    UnknownPhase => "unknown-phase", Warning, "the phase line names a phase the language's vocabulary does not know";
    UnknownLabel => "unknown-label", Warning, "a `Label: **value**` line whose label is a near miss of a phase, role, motions or applies-to label (read as that label)";
    TranslationTasksDiffer => "translation-tasks-differ", Warning, "a translation's FTOP task ids differ from its source page's";
    TranslationPhaseDiffers => "translation-phase-differs", Warning, "a translation's phase differs from its source page's";
    TranslationStepsDiffer => "translation-steps-differ", Warning, "a translation has another number of steps than its source page";
    StaleTranslation => "stale-translation", Warning, "the source page changed after its translation (refresh summary or `ms.date`)";
    RefreshDateInvalid => "refresh-date-invalid", Error, "a refresh-summary date that does not parse or does not exist";
    RefreshDateFuture => "refresh-date-future", Warning, "a refresh-summary date after today";
    RefreshOrder => "refresh-order", Warning, "a refresh-summary row out of the newest-first order (the row to move)";
    DateOlderThanRefresh => "date-older-than-refresh", Warning, "`ms.date` older than the newest refresh-summary row (fix: that row's date)";
    UntranslatedPage => "untranslated-page", Note, "a page in a language's folder is written in another language";
    MissingTranslation => "missing-translation", Note, "pages of the default language with no translation in a language";
    CodeNotHighlighted => "code-not-highlighted", Note, "a code block too large to highlight is shown without colours";
    RelativeBaseUrl => "relative-base-url", Warning, "`base_url` is not an absolute `http(s)://` URL, which the sitemap and canonical links need (build only)";
    UiWordsMissing => "ui-words-missing", Note, "a language with no interface words of its own (no theme file, no `[languages.ui]`)";
    DuplicateOutput => "duplicate-output", Error, "two source files would be written to the same output path";
}

/// One problem in the content, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    #[serde(serialize_with = "ser_code")]
    pub code: Code,
    pub message: String,
    /// Content-relative path with `/` separators; empty for site-wide problems.
    pub file: String,
    /// Line and column of `span.start`, 1-based; `None` for whole-file problems.
    pub position: Option<Position>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// A replacement for the bytes of `span`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// The suggestion is the only candidate and safe to apply unseen (`check --fix` does).
    #[serde(
        rename = "machine_applicable",
        skip_serializing_if = "std::ops::Not::not"
    )]
    pub fixable: bool,
    /// Other places the finding is about (the first of two rows, the source page of a
    /// translation), each with what it is.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// A place a diagnostic refers to besides its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Content-relative path.
    pub file: String,
    pub position: Position,
    /// Byte range into that file's text (for editors; machine reports give the position).
    #[serde(skip)]
    pub span: Span,
    pub message: String,
}

fn ser_code<S: serde::Serializer>(code: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.name())
}

impl Diagnostic {
    pub fn new(code: Code, file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: code.default_severity(),
            code,
            message: message.into(),
            file: file.into(),
            position: None,
            span: None,
            help: None,
            suggestion: None,
            fixable: false,
            related: Vec::new(),
        }
    }

    pub fn at(mut self, span: Span, position: Position) -> Diagnostic {
        self.span = Some(span);
        self.position = Some(position);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn suggest(mut self, replacement: impl Into<String>) -> Diagnostic {
        self.suggestion = Some(replacement.into());
        self
    }

    /// Adds a place the finding refers to: `span` of `file`.
    pub fn related(
        mut self,
        file: &crate::source::SourceFile,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.related.push(Related {
            file: file.rel.clone(),
            position: file.position(span.start),
            span,
            message: message.into(),
        });
        self
    }

    /// Marks the suggestion as safe for `check --fix`.
    pub fn fixable(mut self, yes: bool) -> Diagnostic {
        self.fixable = yes && self.suggestion.is_some();
        self
    }

    fn sort_key(&self) -> (&str, usize, usize, Code, &str) {
        let (line, col) = self.position.map_or((0, 0), |p| (p.line, p.column));
        (&self.file, line, col, self.code, &self.message)
    }
}

/// Sorts by file, line, column, code and message: the same input always reports the same way.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Counts per severity: (errors, warnings, notes).
pub fn counts(diags: &[Diagnostic]) -> (usize, usize, usize) {
    diags
        .iter()
        .fold((0, 0, 0), |(e, w, n), d| match d.severity {
            Severity::Error => (e + 1, w, n),
            Severity::Warning => (e, w + 1, n),
            Severity::Note => (e, w, n + 1),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_names_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let name = code.name();
            assert!(seen.insert(name), "duplicate {name}");
            assert!(name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()));
            assert_eq!(Code::from_name(name), Some(*code));
        }
    }

    #[test]
    fn sorting_is_by_file_then_position() {
        let p = |line| Position { line, column: 1 };
        let mut diags = vec![
            Diagnostic::new(Code::BrokenLink, "b.md", "x").at(Span::default(), p(1)),
            Diagnostic::new(Code::BrokenLink, "a.md", "x").at(Span::default(), p(9)),
            Diagnostic::new(Code::BrokenLink, "a.md", "x").at(Span::default(), p(2)),
        ];
        sort(&mut diags);
        let order: Vec<_> = diags
            .iter()
            .map(|d| (d.file.as_str(), d.position.unwrap().line))
            .collect();
        assert_eq!(order, [("a.md", 2), ("a.md", 9), ("b.md", 1)]);
    }
}
