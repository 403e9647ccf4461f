//! Front matter: split the `---` fences, parse the YAML, keep every value as the string the
//! author wrote (`ms.date: 5/02/2019` stays `5/02/2019`), and remember where each key is.

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{SourceFile, Span};
use std::collections::BTreeMap;

/// One front-matter key with its value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub value: String,
    /// The key's own span in the file (for "this key is wrong" diagnostics).
    pub key_span: Span,
    /// The value's span (the key's, for values written over several lines).
    pub value_span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub fields: BTreeMap<String, Field>,
    /// The YAML text between the fences, if the page has front matter.
    pub block: Option<Span>,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields.get(key).map(|f| f.value.as_str())
    }
}

/// The result of splitting a page: its front matter and where its Markdown body starts.
pub struct Split {
    pub front: FrontMatter,
    pub body_start: usize,
}

/// Lines of `text` with the byte offset where each starts.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line))
    })
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits and parses the front matter of `file`, pushing problems to `diags`. The page is
/// always usable: on any problem the body still starts at the right place.
pub fn split(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Split {
    let text = &file.text;
    let mut lines = lines_with_offsets(text);
    match lines.next() {
        Some((_, first)) if is_fence(first) => {}
        _ => {
            return Split {
                front: FrontMatter::default(),
                body_start: 0,
            }
        }
    }
    let yaml_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let Some((close, close_line)) = lines.find(|(_, l)| is_fence(l) || l.trim_end() == "...")
    else {
        let span = Span::new(0, 3);
        diags.push(
            Diagnostic::new(Code::FrontMatterUnclosed, &file.rel, "front matter opened here is never closed")
                .at(span, file.position(0))
                .help("add a line `---` after the last metadata line; the whole file is shown as the page body"),
        );
        return Split {
            front: FrontMatter::default(),
            body_start: 0,
        };
    };
    let block = Span::new(yaml_start, close);
    let front = parse_block(file, block, diags);
    Split {
        front,
        body_start: close + close_line.len(),
    }
}

fn parse_block(file: &SourceFile, block: Span, diags: &mut Vec<Diagnostic>) -> FrontMatter {
    let yaml = &file.text[block.start..block.end];
    let mut front = FrontMatter {
        fields: BTreeMap::new(),
        block: Some(block),
    };
    let value: serde_yaml::Value = match serde_yaml::from_str(yaml) {
        Ok(v) => v,
        Err(e) => {
            let offset = block.start + e.location().map_or(0, |l| l.index());
            let message = yaml_message(&e);
            diags.push(
                Diagnostic::new(
                    Code::YamlSyntax,
                    &file.rel,
                    format!("front matter is not valid YAML: {message}"),
                )
                .at(Span::new(offset, offset), file.position(offset))
                .help("the page is built from its body without metadata"),
            );
            return front;
        }
    };
    let mapping = match value {
        serde_yaml::Value::Mapping(m) => m,
        serde_yaml::Value::Null => return front,
        _ => {
            diags.push(
                Diagnostic::new(
                    Code::FrontMatterShape,
                    &file.rel,
                    "front matter must be `key: value` lines",
                )
                .at(
                    Span::new(block.start, block.start),
                    file.position(block.start),
                ),
            );
            return front;
        }
    };
    let raw = raw_scalars(yaml, block.start);
    for (key, value) in mapping {
        let Some(key) = scalar_string(&key) else {
            continue;
        };
        let (key_span, value_span, raw_value) = match raw.get(&key) {
            Some(raw) => (raw.key, raw.value_span, Some(raw.value.clone())),
            None => (
                Span::new(block.start, block.start),
                Span::new(block.start, block.start),
                None,
            ),
        };
        // YAML's null (`~`, `null`, an empty value) is no value, however it was written.
        let value = match value {
            serde_yaml::Value::Null => String::new(),
            value => raw_value.unwrap_or_else(|| scalar_string(&value).unwrap_or_default()),
        };
        front.fields.insert(
            key,
            Field {
                value,
                key_span,
                value_span,
            },
        );
    }
    front
}

/// serde_yaml's message without its trailing " at line X column Y" (we print our own).
fn yaml_message(e: &serde_yaml::Error) -> String {
    let msg = e.to_string();
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    }
}

fn scalar_string(value: &serde_yaml::Value) -> Option<String> {
    match value {
        serde_yaml::Value::String(s) => Some(s.trim().to_string()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        serde_yaml::Value::Null => Some(String::new()),
        serde_yaml::Value::Sequence(items) => Some(
            items
                .iter()
                .filter_map(scalar_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    }
}

/// A top-level `key: value` line as written.
struct Raw {
    key: Span,
    value_span: Span,
    value: String,
}

/// Top-level `key: value` lines as written: spans and the plain value text (quotes removed).
/// Values that span several lines are left to the YAML parser.
fn raw_scalars(yaml: &str, base: usize) -> BTreeMap<String, Raw> {
    let mut out = BTreeMap::new();
    for (offset, line) in lines_with_offsets(yaml) {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some(colon) = line
            .find(": ")
            .or_else(|| line.trim_end().strip_suffix(':').map(str::len))
        else {
            continue;
        };
        let key = line[..colon].trim();
        if key.is_empty() {
            continue;
        }
        let after = &line[colon + 1..];
        let value = after.trim();
        let value_start = base + offset + colon + 1 + (after.len() - after.trim_start().len());
        let plain = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')));
        let (value, quote) = match plain {
            Some(v) => (v.to_string(), 1),
            None if value.starts_with(['|', '>', '[', '{', '&', '*']) || value.contains(" #") => {
                continue
            }
            None => (value.to_string(), 0),
        };
        let start = base + offset;
        let value_span = Span::new(value_start + quote, value_start + quote + value.len());
        let key_span = Span::new(start, start + key.len());
        out.insert(
            key.to_string(),
            Raw {
                key: key_span,
                value_span,
                value,
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_nulls_are_empty_and_quoted_ones_are_text() {
        let file = SourceFile::new(
            "p.md".into(),
            std::path::PathBuf::new(),
            "---\ndescription: ~\nms.author: null\ntitle: \"null\"\n---\n# T\n".into(),
        );
        let front = split(&file, &mut Vec::new()).front;
        assert_eq!(front.get("description"), Some(""));
        assert_eq!(front.get("ms.author"), Some(""));
        assert_eq!(front.get("title"), Some("null"), "a quoted null is text");
    }

    fn run(text: &str) -> (Split, Vec<Diagnostic>, SourceFile) {
        let file = SourceFile::new("p.md".into(), "p.md".into(), text.into());
        let mut diags = Vec::new();
        let split = split(&file, &mut diags);
        (split, diags, file)
    }

    #[test]
    fn keeps_values_as_written_and_tolerates_trailing_spaces() {
        let (s, d, file) = run("---  \n# comment  \nms.date: 5/02/2019\nft.owner: pagrim  \nversion: 1.10\n---  \n# Title\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.front.get("ms.date"), Some("5/02/2019"));
        assert_eq!(s.front.get("ft.owner"), Some("pagrim"));
        assert_eq!(s.front.get("version"), Some("1.10"));
        assert_eq!(&file.text[s.body_start..], "# Title\n");
        let key = s.front.fields["ft.owner"].key_span;
        assert_eq!(file.position(key.start).line, 4);
    }

    #[test]
    fn no_blank_line_after_the_fence() {
        let (s, _, file) = run("---\ntitle: x\n---\nFase: **Éxito**\n");
        assert_eq!(&file.text[s.body_start..], "Fase: **Éxito**\n");
    }

    #[test]
    fn yaml_error_is_reported_at_its_real_line() {
        let (s, d, _) = run("---\ntitle: x\nbad: [unclosed\nother: y\n---\nbody\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::YamlSyntax);
        assert!(d[0].position.unwrap().line >= 3, "{:?}", d[0].position);
        assert!(s.front.fields.is_empty());
        assert_eq!(
            s.body_start,
            "---\ntitle: x\nbad: [unclosed\nother: y\n---\n".len()
        );
    }

    #[test]
    fn unclosed_front_matter_keeps_the_whole_file_as_body() {
        let (s, d, _) = run("---\ntitle: x\n# Heading\n");
        assert_eq!(d[0].code, Code::FrontMatterUnclosed);
        assert_eq!(s.body_start, 0);
    }

    #[test]
    fn no_front_matter() {
        let (s, d, _) = run("# Just a page\n");
        assert!(d.is_empty());
        assert!(s.front.block.is_none());
        assert_eq!(s.body_start, 0);
    }

    #[test]
    fn a_scalar_document_is_a_shape_error() {
        let (_, d, _) = run("---\njust text\n---\n");
        assert_eq!(d[0].code, Code::FrontMatterShape);
    }
}
