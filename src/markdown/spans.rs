//! Highlighted code as HTML: syntect's scopes become `<span>`s with `hl-<atom>` classes, as
//! syntect's own `ClassedHTMLGenerator` writes them, but only with the atoms the theme's
//! stylesheets name (`.hl-string`, `.hl-keyword`): a scope with none of them gets no span.
//! A span directly inside one with the same classes is left out too (a string's quotes in
//! the string). Code looks the same where the theme colours it (colour and font are
//! inherited; a box property such as a border would now wrap the whole string), and a page
//! weighs far less, since most scopes (`meta`, `punctuation`, `source`) are styled by no rule.

use std::collections::{BTreeSet, HashMap};
use syntect::parsing::{
    BasicScopeStackOp, ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet,
};
use syntect::util::LinesWithEndings;

/// The atoms a highlighted block's spans may carry; `All` keeps every atom of every scope.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Classes {
    #[default]
    All,
    Only(BTreeSet<String>),
}

impl Classes {
    /// The atoms named as `.hl-<atom>` in `texts` (a theme's stylesheets and templates).
    pub fn named_in<'t>(texts: impl IntoIterator<Item = &'t str>) -> Classes {
        let mut atoms = BTreeSet::new();
        for text in texts {
            for (at, _) in text.match_indices(".hl-") {
                let rest = &text[at + 4..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                    .unwrap_or(rest.len());
                if end > 0 {
                    atoms.insert(rest[..end].to_string());
                }
            }
        }
        Classes::Only(atoms)
    }

    fn keeps(&self, atom: &str) -> bool {
        match self {
            Classes::All => true,
            Classes::Only(atoms) => atoms.contains(atom),
        }
    }
}

/// `code` highlighted as `syntax`; `None` when syntect fails on it (the caller shows it plain).
pub fn highlight(
    code: &str,
    syntax: &SyntaxReference,
    set: &SyntaxSet,
    classes: &Classes,
) -> Option<String> {
    let mut writer = Writer {
        out: String::with_capacity(code.len() * 2),
        classes,
        ids: HashMap::new(),
        names: vec![String::new()],
        open: Vec::new(),
        spans: Vec::new(),
        empty_from: None,
    };
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    for line in LinesWithEndings::from(code) {
        let ops = state.parse_line(line, set).ok()?;
        let mut at = 0;
        for (i, op) in &ops {
            let i = (*i).min(line.len());
            if i > at {
                writer.text(line.get(at..i)?);
                at = i;
            }
            stack
                .apply_with_hook(op, |op, _| match op {
                    BasicScopeStackOp::Push(scope) => writer.push(scope),
                    BasicScopeStackOp::Pop => writer.pop(),
                })
                .ok()?;
        }
        writer.text(line.get(at..)?);
    }
    let Writer { mut out, spans, .. } = writer;
    for _ in spans {
        out.push_str("</span>");
    }
    Some(out)
}

struct Writer<'c> {
    out: String,
    classes: &'c Classes,
    /// Each scope's class attribute as an index into `names`, made once per block.
    ids: HashMap<Scope, usize>,
    /// Class attributes; the first, empty, means no span.
    names: Vec<String>,
    /// Per scope pushed: the class attribute of the span it opened, 0 for none.
    open: Vec<usize>,
    /// The spans open, innermost last.
    spans: Vec<usize>,
    /// Where the last span opened, while no text followed it (an empty span is taken out).
    empty_from: Option<usize>,
}

impl Writer<'_> {
    fn push(&mut self, scope: Scope) {
        let id = match self.ids.get(&scope) {
            Some(&id) => id,
            None => {
                let id = self.name(scope);
                self.ids.insert(scope, id);
                id
            }
        };
        let span = match id {
            0 => 0,
            id if self.spans.last() == Some(&id) => 0,
            id => id,
        };
        if span != 0 {
            self.empty_from = Some(self.out.len());
            self.out.push_str("<span class=\"");
            self.out.push_str(&self.names[span]);
            self.out.push_str("\">");
            self.spans.push(span);
        }
        self.open.push(span);
    }

    /// The class attribute of `scope`'s kept atoms, as an index into `names`.
    fn name(&mut self, scope: Scope) -> usize {
        let text = scope.build_string();
        let kept: Vec<String> = (text.split('.'))
            .filter(|atom| self.classes.keeps(atom))
            .map(|atom| format!("hl-{atom}"))
            .collect();
        let name = kept.join(" ");
        if name.is_empty() {
            return 0;
        }
        match self.names.iter().position(|n| *n == name) {
            Some(id) => id,
            None => {
                self.names.push(name);
                self.names.len() - 1
            }
        }
    }

    fn pop(&mut self) {
        if self.open.pop().unwrap_or(0) == 0 {
            return;
        }
        self.spans.pop();
        match self.empty_from.take() {
            Some(from) => self.out.truncate(from),
            None => self.out.push_str("</span>"),
        }
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.empty_from = None;
        super::highlight::escape_into(&mut self.out, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(lang: &str, code: &str, classes: &Classes) -> String {
        let set = two_face::syntax::extra_newlines();
        let syntax = set.find_syntax_by_token(lang).expect("syntax");
        highlight(code, syntax, &set, classes).expect("highlighted")
    }

    #[test]
    fn every_atom_is_what_syntect_writes() {
        let set = two_face::syntax::extra_newlines();
        let code = "{\"wave\": 1, \"a<b\": 'x'}\n// done\n";
        for lang in ["json", "js", "ps1", "cs"] {
            let syntax = set.find_syntax_by_token(lang).expect("syntax");
            let mut gen = syntect::html::ClassedHTMLGenerator::new_with_class_style(
                syntax,
                &set,
                syntect::html::ClassStyle::SpacedPrefixed { prefix: "hl-" },
            );
            for line in LinesWithEndings::from(code) {
                gen.parse_html_for_line_which_includes_newline(line)
                    .expect("line");
            }
            let ours = highlight(code, syntax, &set, &Classes::All).expect("ours");
            assert_eq!(ours, gen.finalize(), "{lang}");
        }
    }

    #[test]
    fn only_the_named_atoms_make_spans_and_a_span_in_its_twin_is_left_out() {
        let classes = Classes::named_in([".hl-string { color: red }\n.hl-constant,.x{}"]);
        assert_eq!(
            html("json", "{\"wave\": 1}\n", &classes),
            "{<span class=\"hl-string\">&quot;wave&quot;</span>: \
             <span class=\"hl-constant\">1</span>}\n"
        );
    }

    #[test]
    fn a_theme_that_names_no_atom_gets_plain_escaped_text() {
        let none = Classes::named_in(["pre { margin: 0 }"]);
        assert_eq!(
            html("json", "{\"a\": \"<b>\"}\n", &none),
            "{&quot;a&quot;: &quot;&lt;b&gt;&quot;}\n"
        );
    }

    #[test]
    fn class_names_stop_at_the_selector() {
        let classes = Classes::named_in([".hl-keyword:hover, .hl-entity.hl-name>a, .hl-"]);
        let Classes::Only(atoms) = classes else {
            panic!("named")
        };
        let atoms: Vec<&str> = atoms.iter().map(String::as_str).collect();
        assert_eq!(atoms, ["entity", "keyword", "name"]);
    }
}
