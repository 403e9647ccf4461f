//! A page as search sees it: sections (the text before the first heading, then one per
//! heading, with the heading's id and text from the analysis, the ids the rendered page has),
//! and the weighted texts of each section (title, heading, step names, task names, body).
//!
//! Section text is read straight from the source between the analysis's heading spans, with
//! Markdown's marks taken out (link destinations, HTML tags, emphasis, table rules): no second
//! parse, which would cost a build of 10,000 pages most of a second.

use crate::site::Site;

/// The kinds of text `[search.weights]` weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Heading,
    Step,
    Task,
    Body,
}

#[derive(Debug, Default)]
pub struct Section<'s> {
    /// The heading's id; empty for the text before the first heading.
    pub anchor: String,
    pub heading: String,
    /// The section's Markdown source (read with [`pieces`] or [`excerpt`]).
    pub source: &'s str,
}

#[derive(Debug)]
pub struct Extract<'s> {
    pub sections: Vec<Section<'s>>,
    /// (section, field, text) for titles, step names and task names.
    pub extra: Vec<(usize, Field, String)>,
}

pub fn page(site: &Site, page: usize) -> Extract<'_> {
    let p = &site.pages[page];
    let source = p.file.text.as_str();
    let headings = &p.analysis.headings;
    let mut sections = Vec::with_capacity(headings.len() + 1);
    let mut start = p.body_start;
    for (i, h) in headings.iter().enumerate() {
        if i == 0 {
            sections.push(Section {
                source: source.get(start..h.span.start).unwrap_or(""),
                ..Section::default()
            });
        }
        start = h.span.end;
        let end = headings.get(i + 1).map_or(source.len(), |n| n.span.start);
        sections.push(Section {
            anchor: h.id.clone(),
            heading: h.text.clone(),
            source: source.get(start..end).unwrap_or(""),
        });
    }
    if sections.is_empty() {
        sections.push(Section {
            source: p.body(),
            ..Section::default()
        });
    }
    let mut extra = vec![(0, Field::Title, p.title.clone())];
    for step in &p.playbook.steps {
        let section = sections
            .iter()
            .position(|s| s.anchor == step.anchor)
            .unwrap_or(0);
        extra.push((section, Field::Step, step.title.clone()));
    }
    for task in &p.playbook.tasks {
        let section = headings
            .iter()
            .take_while(|h| h.span.start <= task.span.start)
            .count();
        extra.push((section, Field::Task, task.name.clone()));
    }
    Extract { sections, extra }
}

/// Markdown source as reading text, in pieces: runs of text, and `" "` between them. Link and
/// image destinations, HTML tags and comments, alert markers and table rules are left out;
/// emphasis, code and table marks separate like spaces.
pub fn pieces(source: &str, f: &mut impl FnMut(&str)) {
    for line in source.lines() {
        let trimmed = line.trim();
        if is_rule(trimmed) || is_definition(trimmed) {
            continue;
        }
        strip_line(line, f);
        f(" ");
    }
}

/// The reading text of `source`, white space collapsed.
pub fn plain(source: &str) -> String {
    let mut out = Text(String::with_capacity(source.len()));
    pieces(source, &mut |piece| out.push_str(piece));
    let mut text = out.0;
    if text.ends_with(' ') {
        text.pop();
    }
    text
}

/// At most `chars` characters of the reading text of `source` (cut at a space near the end,
/// with `…`).
pub fn excerpt(source: &str, chars: usize) -> String {
    let mut out = Excerpt::new(chars);
    pieces(source, &mut |piece| out.push(piece));
    out.finish()
}

/// An excerpt built from the pieces of a read the index makes anyway: it keeps pieces until
/// it holds more than `keep` characters, then ignores the rest.
pub struct Excerpt {
    text: Text,
    chars: usize,
    keep: usize,
}

impl Excerpt {
    pub fn new(keep: usize) -> Excerpt {
        Excerpt {
            text: Text(String::new()),
            chars: 0,
            keep,
        }
    }

    /// Whether more pieces change nothing.
    pub fn is_full(&self) -> bool {
        self.chars - usize::from(self.text.0.ends_with(' ')) > self.keep
    }

    pub fn push(&mut self, piece: &str) {
        if self.is_full() {
            return;
        }
        let before = self.text.0.len();
        self.text.push_str(piece);
        self.chars += self.text.0[before..].chars().count();
    }

    /// The text, or its first `keep` characters cut at a space in their second half,
    /// followed by `…`.
    pub fn finish(self) -> String {
        let mut text = self.text.0;
        if text.ends_with(' ') {
            text.pop();
        }
        let Some((at, _)) = text.char_indices().nth(self.keep) else {
            return text;
        };
        let head = &text[..at];
        let cut = head.rfind(' ').filter(|&i| i > at / 2).unwrap_or(at);
        format!("{}…", &head[..cut])
    }
}

/// A string that never starts with a space nor has two in a row.
struct Text(String);

impl Text {
    /// Appends `piece`, which is either a single space or text without spaces or tabs.
    fn push_str(&mut self, piece: &str) {
        if piece != " " {
            self.0.push_str(piece);
        } else if !self.0.is_empty() && !self.0.ends_with(' ') {
            self.0.push(' ');
        }
    }
}

/// `|---|:--:|`, `---`, `===`: no words.
fn is_rule(line: &str) -> bool {
    !line.is_empty()
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | '=' | ' ' | '+'))
}

/// `[id]: https://...`
fn is_definition(line: &str) -> bool {
    line.starts_with('[') && line.contains("]:") && !line.contains("](")
}

fn strip_line(line: &str, out: &mut impl FnMut(&str)) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A run of ordinary text is copied whole.
        let run = bytes[i..]
            .iter()
            .position(|&b| is_special(b))
            .map_or(bytes.len(), |n| i + n);
        if run > i {
            out(&line[i..run]);
            i = run;
            continue;
        }
        let rest = &line[i..];
        i += match bytes[i] {
            // `](destination)`: the text was before it.
            b']' if rest.starts_with("](") => skip_past(rest, b')'),
            // `[!NOTE]`: an alert marker, not words of the page.
            b'[' if rest.starts_with("[!") => skip_past(rest, b']'),
            b'<' if rest[1..]
                .starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!') =>
            {
                skip_past(rest, b'>')
            }
            b'_' if between_letters(line, i) => {
                out("_");
                1
            }
            b'!' if !rest.starts_with("![") => {
                out("!");
                1
            }
            _ => {
                out(" ");
                1
            }
        };
    }
}

/// Bytes that end a run of ordinary text: marks, and white space (collapsed).
fn is_special(b: u8) -> bool {
    matches!(
        b,
        b'*' | b'`'
            | b'#'
            | b'>'
            | b'|'
            | b'~'
            | b'['
            | b']'
            | b'\\'
            | b'!'
            | b'_'
            | b'<'
            | b' '
            | b'\t'
    )
}

/// The length of `rest` up to and including the first `end` (all of it when there is none).
fn skip_past(rest: &str, end: u8) -> usize {
    rest.bytes()
        .position(|b| b == end)
        .map_or(rest.len(), |n| n + 1)
}

fn between_letters(line: &str, at: usize) -> bool {
    let before = line[..at].chars().next_back();
    let after = line[at + 1..].chars().next();
    before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn marks_and_destinations_go_and_words_stay() {
        assert_eq!(
            plain("See **[the guide](guide-es.md#paso-1)** and ![a map](media/m.png \"t\").\n"),
            "See the guide and a map."
        );
        assert_eq!(
            plain("| Task ID | Name |\n|---|:--|\n| 1370 | Post_migration |"),
            "Task ID Name 1370 Post_migration"
        );
        assert_eq!(
            plain("> [!NOTE]\n> Read <b>this</b> <!-- hidden -->first."),
            "Read this first."
        );
        assert_eq!(
            plain("[ref]: https://example.org\n`code_here` *em* _em_"),
            "code_here em em"
        );
        assert_eq!(plain(""), "");
    }

    #[test]
    fn excerpts_are_cut_at_a_space() {
        use super::excerpt;
        assert_eq!(excerpt("one **two** three", 100), "one two three");
        assert_eq!(excerpt("one two three four", 12), "one two…");
        assert_eq!(excerpt(&"word ".repeat(1000), 20).chars().count(), 20);
        // Marks do not count, however many there are before the words.
        let marked = format!("{}one two", "<b></b>".repeat(100));
        assert_eq!(excerpt(&marked, 7), "one two");
        // A text one space longer than the excerpt is still cut.
        assert_eq!(excerpt("one two three", 8), "one two…");
    }
}
