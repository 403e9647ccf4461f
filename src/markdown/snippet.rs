//! DocFX code snippets, `[!code-csharp[title](path#region)]`, a paragraph of their own: the
//! adapter turns each into one marker in the stream both passes read; the analysis records it
//! as a `SnippetRef`, the site reads the file (`site::snippets`), the renderer writes the code
//! highlighted at the marker. Which part of the file: `#name` a region (`#region name` …
//! `#endregion`, or `<name>` … `</name>` in comments), `#L3-L8` or `?range=3-8,12` lines,
//! `?name=` a region, `?start=3&end=8` lines; nothing: the whole file.

use pulldown_cmark::{Event, Tag, TagEnd};
use regex::Regex;
use std::collections::VecDeque;
use std::ops::Range;
use std::sync::LazyLock;

type Item<'a> = (Event<'a>, Range<usize>);

/// The marker of a snippet (an HTML comment if it were ever written as is).
pub const MARKER: &str = "<!-- code snippet -->\n";

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)^\[!code(?:-([\w#+.-]+))?\s*\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"\n]*")?\s*\)\s*\]$"#)
        .expect("the snippet pattern compiles")
});

/// A snippet directive of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetRef {
    /// The language after `code-` (empty: from the file's extension).
    pub lang: String,
    /// The path as written, query and fragment included.
    pub path: String,
    pub span: crate::source::Span,
}

/// What part of the file to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Whole,
    Region(String),
    /// 1-based inclusive line ranges.
    Lines(Vec<(usize, usize)>),
}

/// The language and path of a directive's text, if it is one.
pub fn read(text: &str) -> Option<(String, String)> {
    let text = text.trim();
    if text.starts_with(":::") {
        return triple_colon(text);
    }
    if !text.starts_with("[!") {
        return None;
    }
    let c = DIRECTIVE.captures(text)?;
    let lang = c.get(1).map_or("", |m| m.as_str()).to_string();
    Some((lang, c.get(2)?.as_str().to_string()))
}

/// Learn's `:::code language="csharp" source="a.cs" id="main" range="3-8":::`, as the path
/// the `[!code]` form would write (`a.cs#main`, `a.cs?range=3-8`).
fn triple_colon(text: &str) -> Option<(String, String)> {
    static CODE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^:::code\s+((?:[\w-]+\s*=\s*"[^"\n]*"\s*)+):::$"#)
            .expect("the code pattern compiles")
    });
    static ATTR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"([\w-]+)\s*=\s*"([^"\n]*)""#).expect("the pattern compiles")
    });
    let attrs = CODE.captures(text)?.get(1)?.as_str();
    let get = |name: &str| {
        let found = ATTR
            .captures_iter(attrs)
            .find(|c| c[1].eq_ignore_ascii_case(name));
        found.map(|c| c[2].to_string())
    };
    let source = get("source")?;
    let path = match (get("id"), get("range")) {
        (Some(id), _) => format!("{source}#{id}"),
        (None, Some(range)) => format!("{source}?range={range}"),
        (None, None) => source,
    };
    Some((get("language").unwrap_or_default(), path))
}

/// The file path of a snippet path and the part it asks for; `Err` says what is malformed.
pub fn part_of(path: &str) -> Result<(&str, Part), String> {
    let (rest, fragment) = path.split_once('#').unwrap_or((path, ""));
    let (file, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mut part = Part::Whole;
    let (mut start, mut end) = (None, None);
    for (key, value) in query.split('&').filter_map(|kv| kv.split_once('=')) {
        match key {
            "name" => part = Part::Region(value.to_string()),
            "range" => part = Part::Lines(ranges(value)?),
            "start" => start = Some(number(value)?),
            "end" => end = Some(number(value)?),
            _ => {} // highlight, dedent: how it is shown, not what
        }
    }
    if start.is_some() || end.is_some() {
        part = Part::Lines(vec![(start.unwrap_or(1), end.unwrap_or(usize::MAX))]);
    }
    if let Some(lines) = fragment
        .strip_prefix('L')
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
    {
        let (a, b) = lines.split_once("-L").unwrap_or((lines, lines));
        part = Part::Lines(vec![(number(a)?, number(b)?)]);
    } else if !fragment.is_empty() {
        part = Part::Region(fragment.to_string());
    }
    Ok((file, part))
}

fn number(s: &str) -> Result<usize, String> {
    s.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("`{s}` is no line number"))
}

fn ranges(value: &str) -> Result<Vec<(usize, usize)>, String> {
    value
        .split(',')
        .map(|r| match r.split_once('-') {
            Some((a, "")) => Ok((number(a)?, usize::MAX)),
            Some((a, b)) => Ok((number(a)?, number(b)?)),
            None => number(r).map(|n| (n, n)),
        })
        .collect()
}

/// The lines of `text` that `part` asks for, dedented; `Err` says why there are none.
pub fn extract(text: &str, part: &Part) -> Result<String, String> {
    let lines: Vec<&str> = text.lines().collect();
    let picked: Vec<&str> = match part {
        Part::Whole => lines,
        Part::Lines(ranges) => {
            let mut out = Vec::new();
            for &(a, b) in ranges {
                if a > lines.len() || a > b {
                    return Err(format!(
                        "lines {a}-{b} are not in the file ({} lines)",
                        lines.len()
                    ));
                }
                out.extend(&lines[a - 1..b.min(lines.len())]);
            }
            out
        }
        Part::Region(name) => region(&lines, name)?,
    };
    Ok(dedent(&picked))
}

/// The lines inside region `name`: `#region name` … `#endregion` (nested regions counted),
/// or a line holding `<name>` … one holding `</name>`. Marker lines of other regions are left out.
fn region<'t>(lines: &[&'t str], name: &str) -> Result<Vec<&'t str>, String> {
    let open_tag = format!("<{name}>");
    let close_tag = format!("</{name}>");
    let is_region = |l: &str| {
        let t = l.trim_start();
        t.strip_prefix("#region").is_some_and(|r| r.trim() == name)
    };
    let start = lines
        .iter()
        .position(|l| l.contains(&open_tag) || is_region(l))
        .ok_or_else(|| format!("no region `{name}` in the file"))?;
    let by_tag = lines[start].contains(&open_tag);
    let mut depth = 0usize;
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        let t = line.trim_start();
        if by_tag && line.contains(&close_tag) {
            return Ok(keep(&lines[start + 1..i]));
        }
        if !by_tag {
            if t.starts_with("#region") {
                depth += 1;
            } else if t.starts_with("#endregion") {
                if depth == 0 {
                    return Ok(keep(&lines[start + 1..i]));
                }
                depth -= 1;
            }
        }
    }
    Err(format!("the region `{name}` is never closed"))
}

/// The lines without other regions' marker lines (DocFX leaves them out).
fn keep<'t>(lines: &[&'t str]) -> Vec<&'t str> {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?://|#|'|<!--|/\*|--|;)?\s*</?[\w.-]+>\s*(?:-->|\*/)?\s*$")
            .expect("the tag pattern compiles")
    });
    lines
        .iter()
        .filter(|l| {
            let t = l.trim_start();
            !(TAG.is_match(l) || t.starts_with("#region") || t.starts_with("#endregion"))
        })
        .copied()
        .collect()
}

/// The lines with their common leading whitespace removed.
fn dedent(lines: &[&str]) -> String {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = String::new();
    for l in lines {
        out.push_str(l.get(indent..).unwrap_or(l.trim_start()));
        out.push('\n');
    }
    out
}

/// The events of `inner` with every snippet paragraph turned into one marker.
pub struct Snippets<'a, I> {
    inner: I,
    body: &'a str,
    ready: VecDeque<Item<'a>>,
}

impl<'a, I: Iterator<Item = Item<'a>>> Snippets<'a, I> {
    pub fn new(inner: I, body: &'a str) -> Self {
        Snippets {
            inner,
            body,
            ready: VecDeque::new(),
        }
    }
}

impl<'a, I: Iterator<Item = Item<'a>>> Iterator for Snippets<'a, I> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        if let Some(item) = self.ready.pop_front() {
            return Some(item);
        }
        let (event, range) = self.inner.next()?;
        if !matches!(event, Event::Start(Tag::Paragraph)) {
            return Some((event, range));
        }
        let text = self.body.get(range.clone()).unwrap_or("");
        if read(text).is_some() {
            for (e, _) in self.inner.by_ref() {
                if matches!(e, Event::End(TagEnd::Paragraph)) {
                    break;
                }
            }
            return Some((Event::Html(MARKER.into()), range));
        }
        // A `:::code` line right under a paragraph's text (in a list item, often) ends it.
        let trimmed = text.trim_end();
        let last = range.start
            + trimmed
                .rfind('\n')
                .map_or(usize::MAX - range.start, |i| i + 1);
        match trimmed.rsplit('\n').next() {
            Some(line)
                if last < range.end
                    && line.trim_start().starts_with(":::code")
                    && read(line).is_some() =>
            {
                let end = range.start + trimmed.len();
                self.ready.push_back((event, range.clone()));
                for item in self.inner.by_ref() {
                    if matches!(item.0, Event::End(TagEnd::Paragraph)) {
                        self.ready.push_back((item.0, range.clone()));
                        break;
                    }
                    if item.1.end <= last
                        && !(matches!(item.0, Event::SoftBreak) && item.1.end == last)
                    {
                        self.ready.push_back(item);
                    }
                }
                let at =
                    last + (self.body[last..end].len() - self.body[last..end].trim_start().len());
                self.ready.push_back((Event::Html(MARKER.into()), at..end));
                self.ready.pop_front()
            }
            _ => Some((event, range)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_and_parts_are_read_as_docfx_writes_them() {
        assert_eq!(
            read("[!code-csharp[Main](../src/Program.cs#snippet_Main)]"),
            Some(("csharp".into(), "../src/Program.cs#snippet_Main".into()))
        );
        assert_eq!(
            read("[!code[](a.py)]"),
            Some((String::new(), "a.py".into()))
        );
        assert_eq!(read("[!code-csharp[](a.cs)] and more"), None);
        assert_eq!(part_of("a.cs").unwrap(), ("a.cs", Part::Whole));
        assert_eq!(part_of("a.cs#L2-L4").unwrap().1, Part::Lines(vec![(2, 4)]));
        assert_eq!(part_of("a.cs#L7").unwrap().1, Part::Lines(vec![(7, 7)]));
        assert_eq!(
            part_of("a.cs?range=1-2,5").unwrap().1,
            Part::Lines(vec![(1, 2), (5, 5)])
        );
        assert_eq!(
            part_of("a.cs?start=3&end=4&highlight=1").unwrap().1,
            Part::Lines(vec![(3, 4)])
        );
        assert_eq!(
            part_of("a.cs?name=main").unwrap().1,
            Part::Region("main".into())
        );
        assert_eq!(part_of("a.cs#Main").unwrap().1, Part::Region("Main".into()));
        assert!(part_of("a.cs?range=x").is_err());
    }

    #[test]
    fn the_triple_colon_form_reads_as_the_same_path() {
        assert_eq!(
            read(r#":::code language="csharp" source="~/a/Program.cs" id="main":::"#),
            Some(("csharp".into(), "~/a/Program.cs#main".into()))
        );
        assert_eq!(
            read(r#":::code language="python" source="a.py" range="2-4" highlight="3":::"#),
            Some(("python".into(), "a.py?range=2-4".into()))
        );
        assert_eq!(
            read(r#":::code source="a.tf":::"#),
            Some((String::new(), "a.tf".into()))
        );
        assert_eq!(read(r#":::code language="x":::"#), None);
    }

    #[test]
    fn a_code_line_under_text_ends_the_paragraph() {
        // As Learn writes it: list items a blank line apart (so with paragraphs).
        let md = "1. Create `main.tf` with:\n    :::code language=\"terraform\" source=\"main.tf\":::\n\n1. Run it.\n";
        let parser = pulldown_cmark::Parser::new(md).into_offset_iter();
        let events: Vec<(String, &str)> = Snippets::new(parser, md)
            .map(|(e, r)| (format!("{e:?}"), &md[r]))
            .collect();
        let html: Vec<&str> = events
            .iter()
            .filter(|(e, _)| e.contains("code snippet"))
            .map(|(_, s)| *s)
            .collect();
        assert_eq!(
            html,
            [r#":::code language="terraform" source="main.tf":::"#]
        );
        assert!(
            !events.iter().any(|(e, _)| e.contains(":::code")),
            "{events:#?}"
        );
    }

    #[test]
    fn regions_lines_and_dedent() {
        let cs = "using System;\nclass A {\n    #region Main\n    static void Main() {\n        // <inner>\n        Run();\n        // </inner>\n    }\n    #endregion\n}\n";
        assert_eq!(
            extract(cs, &Part::Region("Main".into())).unwrap(),
            "static void Main() {\n    Run();\n}\n"
        );
        assert_eq!(
            extract(cs, &Part::Region("inner".into())).unwrap(),
            "Run();\n"
        );
        assert_eq!(
            extract(cs, &Part::Lines(vec![(1, 1)])).unwrap(),
            "using System;\n"
        );
        assert!(extract(cs, &Part::Lines(vec![(40, 41)]))
            .unwrap_err()
            .contains("10 lines"));
        assert!(extract(cs, &Part::Region("nope".into()))
            .unwrap_err()
            .contains("no region"));
        let py = "# <setup>\nimport os\n# </setup>\n";
        assert_eq!(
            extract(py, &Part::Region("setup".into())).unwrap(),
            "import os\n"
        );
    }
}
