//! A YAML error said where its cause is, in an editor's words. The parser reports where it
//! gave up (the closing fence for an unclosed quote, the next line for an unclosed `[`, the
//! first key for a duplicate one); the cause is usually earlier, and the parser's context
//! (`while scanning a quoted scalar at line 1 column 8`) or the entries say where.

use super::entries::Entry;

/// Where (offset in the YAML block) and how to report one YAML error.
pub(super) struct Placed {
    pub offset: usize,
    pub message: String,
    pub help: String,
}

/// The parser's message split: what went wrong, where, and what it was reading then.
struct Parts<'m> {
    problem: &'m str,
    context: Option<&'m str>,
    context_at: Option<(usize, usize)>,
}

fn parse_message(full: &str) -> Parts<'_> {
    let (head, context) = match full.split_once(", while ") {
        Some((h, c)) => (h, Some(c)),
        None => (full, None),
    };
    let problem = head.split(" at line ").next().unwrap_or(head);
    let (context, context_at) = match context {
        Some(c) => match c.split_once(" at line ") {
            Some((what, at)) => (Some(what), line_column(at)),
            None => (Some(c), None),
        },
        None => (None, None),
    };
    Parts {
        problem,
        context,
        context_at,
    }
}

/// `3 column 14` → (3, 14).
fn line_column(at: &str) -> Option<(usize, usize)> {
    let (line, column) = at.split_once(" column ")?;
    let column: String = column.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

/// The byte offset of 1-based `line` and character `column` in `yaml`, clamped to the text.
fn offset_of(yaml: &str, (line, column): (usize, usize)) -> usize {
    let start: usize = yaml
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &yaml[start.min(yaml.len())..];
    let line_text = rest.split('\n').next().unwrap_or("");
    start
        + line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i)
}

fn line_of(yaml: &str, offset: usize) -> usize {
    yaml[..offset.min(yaml.len())].matches('\n').count() + 1
}

/// Places `err` (the parser's error on `yaml`) and words it; `entries` are the block's lines.
///
/// `base` is the block's byte offset in the file and `lines_before` the file's lines above it,
/// so that the lines a message names are the file's.
pub(super) fn place(
    err: &serde_yaml::Error,
    yaml: &str,
    entries: &[Entry],
    (base, lines_before): (usize, usize),
) -> Placed {
    let full = err.to_string();
    let parts = parse_message(&full);
    let reported = err.location().map_or(0, |l| l.index()).min(yaml.len());
    let context_offset = parts.context_at.map(|at| offset_of(yaml, at));
    let context = parts.context.unwrap_or("");
    if let Some(key) = parts
        .problem
        .strip_prefix("duplicate entry with key \"")
        .and_then(|k| k.strip_suffix('"'))
    {
        let same: Vec<&Entry> = entries.iter().filter(|e| e.name == key).collect();
        if let [first, second, ..] = same[..] {
            return Placed {
                offset: second.key.start - base,
                message: format!(
                    "`{key}` is set twice (first on line {})",
                    lines_before + line_of(yaml, first.key.start - base)
                ),
                help: "keep one of the two lines".into(),
            };
        }
    }
    if let (Some(at), true) = (context_offset, context.contains("quoted scalar")) {
        return Placed {
            offset: at,
            message: "this quoted value is never closed".into(),
            help:
                "end the value with the same quote on the same line; inside '…' a quote is written \
                   '', inside \"…\" it is written \\\""
                    .into(),
        };
    }
    if let (Some(at), true) = (context_offset, context.contains("flow sequence")) {
        return unclosed(at, '[', ']');
    }
    if let (Some(at), true) = (context_offset, context.contains("flow mapping")) {
        return unclosed(at, '{', '}');
    }
    if parts.problem.contains("tab character") {
        return Placed {
            offset: reported,
            message: "a tab indents this line".into(),
            help: "YAML indents with spaces only; replace the tab".into(),
        };
    }
    if let Some(placed) = misread_line(&parts, yaml, reported, context_offset) {
        return placed;
    }
    if parts.problem.contains("mapping values are not allowed") {
        return Placed {
            offset: reported,
            message: "a second `: ` in one value".into(),
            help: "quote the value (`key: \"a: b\"`), or put the key on its own line".into(),
        };
    }
    let message = match (parts.context, parts.context_at) {
        (Some(c), Some((line, _))) => {
            format!(
                "{} (while {c} on line {})",
                parts.problem,
                line + lines_before
            )
        }
        (Some(c), None) => format!("{} (while {c})", parts.problem),
        _ => parts.problem.to_string(),
    };
    Placed {
        offset: reported,
        message,
        help: "write each metadata line as `key: value`; quote values with `: `, `#`, `[` or `{`"
            .into(),
    }
}

/// The line of `yaml` that holds `offset`, and where it starts.
fn line_at(yaml: &str, offset: usize) -> (&str, usize) {
    let offset = offset.min(yaml.len());
    let start = yaml[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = yaml[start..].find('\n').map_or(yaml.len(), |i| start + i);
    (&yaml[start..end], start)
}

/// The line above the one starting at `start`, if it has text.
fn line_above(yaml: &str, start: usize) -> Option<&str> {
    let above = yaml[..start.checked_sub(1)?].rsplit('\n').next()?;
    (!above.trim().is_empty()).then_some(above)
}

/// Faults the parser reports a line late or in its own words: a line without `: ` (seen only
/// at the next line), a line indented under the one above (read as more of its value), text
/// after a closing quote.
fn misread_line(
    parts: &Parts,
    yaml: &str,
    reported: usize,
    context_offset: Option<usize>,
) -> Option<Placed> {
    if parts.problem.contains("could not find expected ':'") {
        let at = context_offset?;
        let (line, start) = line_at(yaml, at);
        let folded = line_above(yaml, start).is_some_and(|l| {
            ["|", ">", "|-", ">-", "|+", ">+"]
                .iter()
                .any(|m| l.trim_end().ends_with(m))
        });
        let help = if folded {
            "the lines of a `>` or `|` value are indented below its key: indent this one"
                .to_string()
        } else {
            "write a colon and a space after the key (`author: Celia Kennedy`)".to_string()
        };
        return Some(Placed {
            offset: at,
            message: format!(
                "`{}` is not a `key: value` line: it has no `: `",
                line.trim()
            ),
            help,
        });
    }
    let (line, start) = line_at(yaml, reported);
    if parts.problem.contains("mapping values are not allowed")
        && line.starts_with(' ')
        && line_above(yaml, start).is_some_and(|l| !l.starts_with(' ') && l.contains(": "))
    {
        let key = line.trim_start().split(':').next().unwrap_or("");
        return Some(Placed {
            offset: start + (line.len() - line.trim_start().len()),
            message: "this line is indented, so YAML reads it as more of the value above".into(),
            help: format!("remove the spaces before `{key}:`"),
        });
    }
    if parts.problem.contains("did not find expected key") {
        let value = line
            .split_once(": ")
            .map(|(_, v)| v.trim_start())
            .unwrap_or("");
        let quote = value.chars().next().filter(|q| *q == '\'' || *q == '"')?;
        return Some(if quote == '\'' && value.trim_end().ends_with('\'') {
            Placed {
                offset: reported,
                message: "a `'` inside '…' ends the value early".into(),
                help: "write a quote inside '…' as `''` (`'E''s page'`), or put the value in \"…\""
                    .into(),
            }
        } else {
            Placed {
                offset: reported,
                message: format!("text after the closing `{quote}` of a quoted value"),
                help: "put the whole value inside the quotes, or leave the quotes out".into(),
            }
        });
    }
    None
}

fn unclosed(at: usize, open: char, close: char) -> Placed {
    Placed {
        offset: at,
        message: format!("this `{open}` is never closed"),
        help: format!(
            "close it with `{close}` on the same line, or quote the value if the `{open}` is text"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::entries::entries;
    use super::*;

    fn placed(yaml: &str) -> (usize, String) {
        let err = serde_yaml::from_str::<serde_yaml::Value>(yaml).expect_err("invalid YAML");
        let p = place(&err, yaml, &entries(yaml, 0), (0, 0));
        (line_of(yaml, p.offset), p.message)
    }

    #[test]
    fn errors_sit_on_their_cause() {
        assert_eq!(
            placed("title: \"x\nother: y\n"),
            (1, "this quoted value is never closed".into())
        );
        assert_eq!(
            placed("title: x\ndescription: [a\nms.date: 1\n"),
            (2, "this `[` is never closed".into())
        );
        assert_eq!(
            placed("title: x\ntitle: y\n"),
            (2, "`title` is set twice (first on line 1)".into())
        );
        assert_eq!(
            placed("a: x\n\tb: y\n"),
            (2, "a tab indents this line".into())
        );
        assert_eq!(placed("a: b: c\n").0, 1);
    }

    #[test]
    fn a_line_is_blamed_not_the_next_one() {
        assert_eq!(
            placed("title: A\nauthor Celia Kennedy\nms.date: 1/1/2020\n"),
            (
                2,
                "`author Celia Kennedy` is not a `key: value` line: it has no `: `".into()
            )
        );
        let yaml = "title: G\ndescription: >\nnot indented\n";
        let err = serde_yaml::from_str::<serde_yaml::Value>(yaml).expect_err("invalid");
        let p = place(&err, yaml, &entries(yaml, 0), (0, 0));
        assert_eq!(line_of(yaml, p.offset), 3, "{}", p.message);
        assert!(p.help.contains("indent this one"), "{}", p.help);
        assert_eq!(
            placed("title: A\n description: b\nauthor: c\n"),
            (
                2,
                "this line is indented, so YAML reads it as more of the value above".into()
            )
        );
        assert_eq!(
            placed("title: 'E's page'\nauthor: x\n"),
            (1, "a `'` inside '…' ends the value early".into())
        );
        assert_eq!(
            placed("title: \"B\" extra\nauthor: x\n"),
            (1, "text after the closing `\"` of a quoted value".into())
        );
    }

    #[test]
    fn the_context_column_counts_characters() {
        let yaml = "título: x\nséance: [é\nb: c\n";
        let err = serde_yaml::from_str::<serde_yaml::Value>(yaml).expect_err("invalid");
        let p = place(&err, yaml, &entries(yaml, 0), (0, 0));
        assert_eq!(&yaml[p.offset..p.offset + 1], "[", "{}", err);
    }
}
