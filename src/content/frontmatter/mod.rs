//! Front matter: split the `---` fences, parse the YAML, and remember where each key is.
//! Values are decoded YAML (escapes, quotes, block and folded scalars, null as no value), except
//! one-line plain values, which stay the text the author wrote (`5/02/2019`, `1.10`).

mod entries;
mod yaml_error;

use entries::{lines_with_offsets, Entry, Shape};

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{SourceFile, Span};
use std::collections::BTreeMap;

/// One front-matter key with its value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub value: String,
    /// The key's own span in the file (for "this key is wrong" diagnostics).
    pub key_span: Span,
    /// The value's span: inside the quotes of a quoted value, all its lines for a multi-line one.
    pub value_span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub fields: BTreeMap<String, Field>,
    /// The YAML text between the fences, if the page has front matter.
    pub block: Option<Span>,
    /// The block is not valid YAML (reported): `fields` are the lines that parse alone, and the
    /// metadata rules leave the page alone until it is fixed.
    pub broken: bool,
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
    let entries = entries::entries(yaml, block.start);
    let mut front = FrontMatter {
        fields: BTreeMap::new(),
        block: Some(block),
        broken: false,
    };
    let value: serde_yaml::Value = match serde_yaml::from_str(yaml) {
        Ok(v) => v,
        Err(e) => {
            let lines_before = file.position(block.start).line - 1;
            let placed = yaml_error::place(&e, yaml, &entries, (block.start, lines_before));
            let offset = block.start + placed.offset;
            diags.push(
                Diagnostic::new(
                    Code::YamlSyntax,
                    &file.rel,
                    format!("front matter is not valid YAML: {}", placed.message),
                )
                .at(Span::new(offset, offset), file.position(offset))
                .help(format!(
                    "{}; until it parses, the page uses the lines that read alone and its metadata is not checked",
                    placed.help
                )),
            );
            front.broken = true;
            front.fields = recover(&file.text, &entries);
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
    for (key, value) in mapping {
        let Some(key) = scalar_string(&key) else {
            continue;
        };
        let entry = entries.iter().rev().find(|e| e.name == key);
        let (key_span, value_span) = entry.map_or_else(
            || {
                (
                    Span::new(block.start, block.start),
                    Span::new(block.start, block.start),
                )
            },
            |e| (e.key, e.value),
        );
        let value = match (value, entry) {
            // YAML's null (`~`, `null`, an empty value) is no value, however it was written.
            (serde_yaml::Value::Null, _) => String::new(),
            // A one-line plain value is the text the author wrote: `1.10` is not `1.1`.
            (_, Some(e)) if e.shape == Shape::Plain => {
                file.text[e.value.start..e.value.end].to_string()
            }
            (value, _) => scalar_string(&value).unwrap_or_default(),
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

/// The fields of a block that does not parse: every one-line entry that parses alone.
fn recover(text: &str, entries: &[Entry]) -> BTreeMap<String, Field> {
    let mut fields = BTreeMap::new();
    for e in entries {
        let raw = &text[e.value.start..e.value.end];
        let value = match e.shape {
            Shape::Plain => raw.to_string(),
            Shape::Quoted => {
                let quoted = &text[e.value.start - 1..e.value.end + 1];
                match serde_yaml::from_str::<serde_yaml::Value>(quoted) {
                    Ok(v) => scalar_string(&v).unwrap_or_default(),
                    Err(_) => continue,
                }
            }
            Shape::Other => continue,
        };
        fields.entry(e.name.clone()).or_insert(Field {
            value,
            key_span: e.key,
            value_span: e.value,
        });
    }
    fields
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
        serde_yaml::Value::Tagged(t) => scalar_string(&t.value),
        serde_yaml::Value::Mapping(_) => None,
    }
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
    fn values_are_decoded_yaml_but_plain_ones_stay_as_written() {
        let (s, d, _) = run(concat!(
            "---\n",
            "title: \"say \\\"hi\\\" caf\\u00e9\"\n",
            "description: 'it''s'\n",
            "ms.custom: >\n  folded\n  text\n",
            "ms.topic: |\n  lit\n  two\n",
            "author: plain\n  continued\n",
            "manager: \"two\n  lines\"\n",
            "ms.date: 1.10\n",
            "---\n# E\n"
        ));
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.front.get("title"), Some("say \"hi\" café"));
        assert_eq!(s.front.get("description"), Some("it's"));
        assert_eq!(s.front.get("ms.custom"), Some("folded text"));
        assert_eq!(s.front.get("ms.topic"), Some("lit\ntwo"));
        assert_eq!(s.front.get("author"), Some("plain continued"));
        assert_eq!(s.front.get("manager"), Some("two lines"));
        assert_eq!(s.front.get("ms.date"), Some("1.10"));
    }

    #[test]
    fn a_broken_block_keeps_the_lines_that_read_alone() {
        let (s, d, file) =
            run("---\ntitle: 'A page'\ndescription: [oops\nms.date: 1/2/2020\n---\n# T\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].position.map(|p| p.line), Some(3), "{d:?}");
        assert!(s.front.broken);
        assert_eq!(s.front.get("title"), Some("A page"));
        assert_eq!(s.front.get("ms.date"), Some("1/2/2020"));
        assert_eq!(s.front.get("description"), None);
        let key = s.front.fields["ms.date"].key_span;
        assert_eq!(&file.text[key.start..key.end], "ms.date");
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
        assert_eq!(d[0].position.map(|p| p.line), Some(3), "{d:?}");
        assert_eq!(s.front.fields.len(), 2, "title and other read alone");
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
