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

            /// One line on what the code means (SARIF rule descriptions and docs/diagnostics.md, generated from it).
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
    UnreadablePath => "unreadable-path", Error, "a file or folder of the content tree cannot be read (permissions, symlink loop)";
    SymlinkOutsideContent => "symlink-outside-content", Error, "a symbolic link leads outside the content folder; it is not followed or read";
    InvalidUtf8 => "invalid-utf8", Error, "the file is not valid UTF-8; invalid bytes were replaced";
    EmptyPage => "empty-page", Warning, "the page has no content";
    FrontMatterUnclosed => "front-matter-unclosed", Error, "a `---` front-matter fence is never closed";
    YamlSyntax => "yaml-syntax", Error, "the front matter is not valid YAML";
    FrontMatterShape => "front-matter-shape", Error, "the front matter is not a mapping of keys to values";
    MissingMetadata => "missing-metadata", Error, "required front-matter keys are missing or empty (one diagnostic per page)";
    UnknownMetadataKey => "unknown-metadata-key", Warning, "a front-matter key that `[metadata]` does not declare (with a did-you-mean)";
    InvalidMetadataValue => "invalid-metadata-value", Error, "a value outside the field's `values`, or not matching its `pattern`";
    InvalidDate => "invalid-date", Error, "a date that does not parse in the field's `date_formats` or its language's, or does not exist (2/30)";
    FutureDate => "future-date", Warning, "a date after today";
    BrokenLink => "broken-link", Error, "a relative link points to no page (did you mean: same page in this language, or nearest name)";
    BrokenXref => "broken-xref", Error, "a DocFX cross reference (`xref:uid`, `<xref:uid>`) to a uid no page's front matter declares (did you mean: the nearest uid)";
    DuplicateUid => "duplicate-uid", Error, "a page declares a `uid:` that another page of its language (not its translation) declared first; cross references lead to the first";
    BrokenRedirect => "broken-redirect", Error, "a redirect (site.toml `[redirects]`, `.openpublishing.redirection.json`) that leads to no page, loops, starts at a path that is still a page or outside the content, or a redirect file that cannot be read: that redirect is not written";
    RedirectChain => "redirect-chain", Warning, "a redirect that leads to another redirect: readers are sent to the end of the chain; point it there";
    BrokenAnchor => "broken-anchor", Warning, "a link's `#fragment` names no heading or task in the target page";
    LinkCase => "link-case-mismatch", Warning, "a link matches a file only when case is ignored (breaks on Linux servers)";
    WrongLanguageLink => "wrong-language-link", Warning, "a page links another language's page although its own language has it";
    EmailWithoutMailto => "email-without-mailto", Warning, "a link to an e-mail address lacks `mailto:` (the portal links it with `mailto:`)";
    SafelinksUrl => "safelinks-url", Error, "a link wrapped by Outlook's Safe Links (`…safelinks.protection.outlook.com/?url=…&data=…`), which publishes a mail recipient's address; the portal links the URL it wraps, `--fix` writes it";
    LinkWithoutScheme => "link-without-scheme", Warning, "a web address written without `https://` (`www.example.com`), which browsers read as a file; fixed by `--fix`";
    BareUrl => "bare-url", Note, "a web address written as text (`https://aka.ms/x`): the portal links it as DocFX does, but CommonMark viewers show text; `--fix` writes it as `<https://aka.ms/x>`";
    IndentedCodeInList => "indented-code-in-list", Warning, "a list item indented four or more spaces past its place, which readers see as a code block with the list marker in it";
    InvisibleCharacter => "invisible-character-in-url", Warning, "a URL contains zero-width or no-break spaces (the portal links it without them)";
    MissingAsset => "missing-asset", Error, "an image or other file does not exist";
    AssetFromDefaultLanguage => "asset-from-default-language", Note, "a language's copy of an image or file is missing; the default language's copy of the same path is shown";
    LinkOutsideContent => "link-outside-content", Warning, "a relative link leaves the content folder";
    OrphanPage => "orphan-page", Warning, "a page that no toc entry and no other page links to (`index` pages excepted; the navigation still places it by phase)";
    TocBrokenLink => "toc-broken-link", Error, "a `toc.yml` entry points to no page";
    TocNotUsed => "toc-not-used", Warning, "a `toc.yml` whose entries mostly lead to no page of its language; the navigation is built without it";
    TocNameUntranslated => "toc-name-untranslated", Note, "a toc group name with no name in this language under `[languages.toc_names]`";
    TocSyntax => "toc-syntax", Error, "a `toc.yml` file is not valid YAML";
    TableExtraCells => "table-extra-cells", Warning, "a table row has more cells than its header (often two rows glued on one line); GFM drops them";
    TableMissingCells => "table-missing-cells", Warning, "a table row has fewer cells than its header (often a missing `|`); GFM shows them empty";
    UnknownAlert => "unknown-alert", Warning, "a quote that starts like a DocFX alert (`> [!WORD]`) with a word that is no alert kind (`[!NOTE]` … `[!CAUTION]`, their built-in translations such as `[!OBSERVAÇÃO]`, `[!注意]`, `[!HINWEIS]`, or the vocabulary's `alerts`), so readers see the marker";
    MergeConflict => "merge-conflict", Error, "an unresolved merge conflict (`<<<<<<<` … `>>>>>>>`) in a page: one error per conflict, and the findings inside it (doubled rows, marker \"task ids\") are dropped; readers get the first side (HEAD) without the markers";
    ExternalGone => "external-gone", Error, "`check --external`: a web link answers 404 or 410";
    ExternalUnreachable => "external-unreachable", Warning, "`check --external`: a web link times out, does not resolve or connect, has a TLS problem, or answers 5xx (after retries) or another 4xx";
    ExternalFragment => "external-fragment", Warning, "`check --external` with `[external] check_fragments = true`: a web link's `#fragment` is no `id` or `name` of its HTML page";
    ExternalAuth => "external-auth", Note, "`check --external`: a web link answers 401 or 403";
    ExternalRedirect => "external-redirect", Warning, "`check --external`: a web link moved permanently (every hop 301/308), or `http` lands on the same `https` address; `--fix` writes the final URL (fragment kept)";
    ExternalPrivate => "external-private", Note, "`check --external`: a web link to a loopback, private, link-local or shared address (the cloud metadata address 169.254.169.254 among them), not requested unless `[external] allow_private = true`";
    ExternalInvalid => "external-invalid", Warning, "`check --external`: a web link that cannot be requested (bad host or port, a user name) or leads nowhere a browser goes (a redirect loop, more than `max_redirects`, a redirect to `file:` or `javascript:`)";
    ExternalOffline => "external-offline", Warning, "`check --external`: not one link answered and names or connections failed: one finding instead of one per link";
    BrokenInclude => "broken-include", Error, "a DocFX `[!INCLUDE [title](path)]` names no readable Markdown file inside the content folder (missing, outside, binary, over 4 MiB); nothing is inserted";
    IncludeCycle => "include-cycle", Error, "an include that leads back to a file that includes it, or nests deeper than 10 levels; that directive is left out";
    TabGroupUnclosed => "tab-group-unclosed", Warning, "a DocFX tab group with no closing `---` whose last tab holds a heading none of its other tabs has the like of: the sections after the group are shown inside that tab";
    TabConditionUnknown => "tab-condition-unknown", Warning, "a dependent DocFX tab (`#tab/id/condition`) whose condition is no tab of another group on the page, so it is never shown";
    ZoneUnbalanced => "zone-unbalanced", Warning, "a DocFX `::: zone` or `::: moniker` with no end line (what follows is inside it, to the end of its container), or an end line that closes nothing";
    UnknownPivot => "unknown-pivot", Warning, "a `::: zone pivot` (or a page's `zone_pivot_groups`) that `zone_pivot_groups.yml` does not define (did you mean: the nearest pivot)";
    BrokenSnippet => "broken-snippet", Error, "a DocFX `[!code-LANG[](path#region)]` whose code cannot be shown: no such file, outside the content, binary, over 4 MiB, no such region, lines past the end";
    VideoNotEmbedded => "video-not-embedded", Warning, "a DocFX `> [!VIDEO url]` whose URL is not `https`: only `https` is embedded (an `http:` URL is shown as a link, any other scheme, `javascript:` among them, as text)";
    MalformedLink => "malformed-link", Error, "link or image syntax CommonMark does not read, shown to readers as text: `[text]((url)`, `[text]](url)`, an image title in `「…」` or curly quotes; fixed when one rewrite makes exactly one link";
    MalformedTable => "malformed-table", Error, "lines that look like a table whose header and delimiter rows have different cell counts: GFM shows a paragraph of pipes";
    TaskTableHeader => "task-table-header", Warning, "a task table's first header is another language's variant, not one of the page language's `task_id_headers`";
    InvalidTaskId => "invalid-task-id", Error, "an empty task id, or one not matching `[playbook] task_id_pattern` (default `[0-9]+`)";
    LinkedTaskId => "linked-task-id", Warning, "a task id wrapped in a link";
    InvalidMandatoryCode => "invalid-mandatory-code", Error, "an M/O cell outside the language's `mandatory_codes` and `optional_codes`";
    UnknownRole => "unknown-role", Warning, "a task's role outside the language's `roles` (when declared)";
    UnknownService => "unknown-service", Warning, "a task's service outside the language's `services` (when declared; split on `/` and `,`)";
    DuplicateTaskId => "duplicate-task-id", Error, "the same task id twice on one page";
    InconsistentTask => "inconsistent-task", Warning, "the same task id with another name, role or M/O on another page of the same language";
    TextLanguageMismatch => "text-language-mismatch", Warning, "a page whose text is in another language than its name and folder claim: by script (kana: Japanese; Han without kana: Chinese; Hangul; Latin), and among Latin-script languages by the share of each language's stop words (3× the claimed one's and at least 12%); pages under 200 letters or 60 words are not judged. Corpus: none";
    UnknownPhase => "unknown-phase", Warning, "the phase line names a phase the language's vocabulary does not know";
    UnknownLabel => "unknown-label", Warning, "a `Label: **value**` line whose label is one edit per five letters off a phase, role, motions or applies-to label (`Aplica a`): read as that label, with a fix; short labels and Chinese or Japanese ones are not guessed at";
    TranslationTasksDiffer => "translation-tasks-differ", Warning, "a translation's task ids differ from its source page's (which are missing, which are extra)";
    TranslationPhaseDiffers => "translation-phase-differs", Warning, "a translation's phase differs from its source page's";
    TranslationStepsDiffer => "translation-steps-differ", Warning, "a translation has another number of steps than its source page";
    StaleTranslation => "stale-translation", Warning, "the source page's newest refresh row or `ms.date` is newer than the translation's";
    RefreshDateInvalid => "refresh-date-invalid", Error, "a refresh-summary date that does not parse in `[playbook] date_formats` or its language's, or does not exist";
    RefreshDateFuture => "refresh-date-future", Warning, "a refresh-summary date after today";
    RefreshOrder => "refresh-order", Warning, "a refresh-summary row out of the newest-first order (the row to move)";
    DateOlderThanRefresh => "date-older-than-refresh", Warning, "`ms.date` older than the newest refresh-summary row (fix: that row's date)";
    UntranslatedPage => "untranslated-page", Note, "pages published in a language but written in another (one summary per language)";
    MissingTranslation => "missing-translation", Note, "pages of the default language with no translation (one summary per language)";
    CodeNotHighlighted => "code-not-highlighted", Note, "a code block too large to highlight (over 256 KiB, or a line over 16 KiB) is shown without colours";
    RelativeBaseUrl => "relative-base-url", Warning, "`base_url` is not an absolute `http(s)://` URL, which the sitemap and canonical links need (`build` only)";
    UiWordsMissing => "ui-words-missing", Note, "a language with no interface words of its own (no theme `i18n/<code>.toml`, no `[languages.ui]`)";
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
