//! Top-level `key: value` entries of a front-matter block as written: where each key and value
//! sits, and whether the value is a one-line plain scalar, which is kept as the author wrote it
//! (`ms.date: 5/02/2019`, `version: 1.10`), or must be decoded by the YAML parser.

use crate::source::Span;

/// How a value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// One line, no quotes, no comment: the text is the value.
    Plain,
    /// One line in `"…"` or `'…'`: the span is inside the quotes, the value needs decoding.
    Quoted,
    /// Several lines, a block (`|`, `>`) or flow (`[`, `{`) value, a tag, an anchor or a comment.
    Other,
}

#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub name: String,
    pub key: Span,
    pub value: Span,
    pub shape: Shape,
}

/// Lines of `text` with the byte offset where each starts.
pub(super) fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line))
    })
}

/// A line that continues the value above it: blank, indented, or a sequence item (YAML lets a
/// mapping's sequence start at the key's own indentation).
fn continues(line: &str) -> bool {
    line.trim().is_empty() || line.starts_with([' ', '\t']) || line.starts_with('-')
}

/// Every top-level entry in order, duplicates included; `base` is the block's offset in the file.
pub(super) fn entries(yaml: &str, base: usize) -> Vec<Entry> {
    let lines: Vec<(usize, &str)> = lines_with_offsets(yaml).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (offset, line) = lines[i];
        i += 1;
        if continues(line) || line.starts_with('#') {
            continue;
        }
        let content = line.trim_end();
        let Some(colon) = content
            .find(": ")
            .or_else(|| content.strip_suffix(':').map(str::len))
        else {
            continue;
        };
        let name = content[..colon].trim().trim_matches(['"', '\'']);
        if name.is_empty() {
            continue;
        }
        let after = &content[colon + 1..];
        let first = after.trim();
        let mut start = offset + colon + 1 + (after.len() - after.trim_start().len());
        let mut end = offset + content.len();
        let mut more = false;
        while i < lines.len() && continues(lines[i].1) {
            let (o, l) = lines[i];
            if !l.trim().is_empty() {
                if first.is_empty() && !more {
                    start = o + (l.len() - l.trim_start().len());
                }
                more = true;
                end = o + l.trim_end().len();
            }
            i += 1;
        }
        let (value, shape) = shape_of(first, Span::new(start, end), more);
        out.push(Entry {
            name: name.to_string(),
            key: Span::new(offset, offset + colon).shift(base),
            value: value.shift(base),
            shape,
        });
    }
    out
}

fn shape_of(first: &str, value: Span, more: bool) -> (Span, Shape) {
    if more {
        return (value, Shape::Other);
    }
    let quoted = first.len() >= 2
        && ((first.starts_with('"') && first.ends_with('"'))
            || (first.starts_with('\'') && first.ends_with('\'')));
    if quoted {
        return (Span::new(value.start + 1, value.end - 1), Shape::Quoted);
    }
    let special = ['|', '>', '[', '{', '&', '*', '!', '%', '@', '`', '"', '\''];
    if first.starts_with(special) || first.contains(" #") {
        return (value, Shape::Other);
    }
    (value, Shape::Plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(yaml: &str) -> (String, Shape) {
        let e = entries(yaml, 0);
        let e = e.last().expect("an entry");
        (yaml[e.value.start..e.value.end].to_string(), e.shape)
    }

    #[test]
    fn shapes_and_value_spans() {
        assert_eq!(
            one("ms.date: 5/02/2019\n"),
            ("5/02/2019".into(), Shape::Plain)
        );
        assert_eq!(
            one("t: \"a \\\"b\\\"\"\n"),
            ("a \\\"b\\\"".into(), Shape::Quoted)
        );
        assert_eq!(one("t: 'it''s'  \n"), ("it''s".into(), Shape::Quoted));
        assert_eq!(one("t: a # note\n"), ("a # note".into(), Shape::Other));
        assert_eq!(
            one("t: >\n  one\n  two\n\n"),
            (">\n  one\n  two".into(), Shape::Other)
        );
        assert_eq!(one("t:\n- a\n- b\n"), ("- a\n- b".into(), Shape::Other));
        assert_eq!(one("t: plain\n  more\nu: x\n").0, "x");
        assert_eq!(
            entries("t: plain\n  more\nu: x\n", 0)[0].shape,
            Shape::Other
        );
        assert_eq!(one("t: \"open\n"), ("\"open".into(), Shape::Other));
        assert_eq!(one("t:\n"), (String::new(), Shape::Plain));
    }

    #[test]
    fn keys_are_found_with_their_spans_and_duplicates_kept() {
        let e = entries("# c\ntitle: x\ntitle: y\n", 10);
        assert_eq!(e.len(), 2);
        assert_eq!((e[1].key.start, e[1].key.end), (10 + 13, 10 + 18));
    }
}
