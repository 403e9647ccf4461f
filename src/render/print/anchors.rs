//! A rendered page body moved into the print document: its ids prefixed with the page's
//! (`p3-` for the fourth page), so that the sections of all pages stay unique; its links to
//! pages of the document turned into in-document anchors, its other relative links and images
//! rebased onto `print.html`'s folder; its table regions named with the page's title too (each
//! page numbers its tables from 1), and its heading levels made to step down one at a time
//! (a page's `####` under a `##` reads as a level 3 in the one document).

use crate::paths;
use std::collections::HashMap;

/// What a body's links may lead to in the document.
pub struct Anchors<'a> {
    /// Output path of each page in the document, to its place.
    pub places: &'a HashMap<&'a str, usize>,
    /// Output path of the print document.
    pub print_rel: &'a str,
}

impl Anchors<'_> {
    /// The body of the page at `place` (written at `out_rel`), ready for the document.
    pub fn rewrite(&self, html: &str, place: usize, out_rel: &str, title: &str) -> String {
        let from_dir = paths::dir_of(out_rel);
        let html = rewrite_attrs(html, |tag, name, value| match name {
            "aria-label" if tag.contains("role=\"region\"") => Some(format!(
                "{value} · {}",
                crate::markdown::highlight::escape(title)
            )),
            "id" => Some(format!("p{place}-{value}")),
            "aria-controls" | "aria-labelledby" | "aria-describedby" | "for" => Some(
                value
                    .split_ascii_whitespace()
                    .map(|id| format!("p{place}-{id}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            "href" => self.link(place, from_dir, value),
            "src" => self.rebase(from_dir, value),
            _ => None,
        });
        match step_headings(&html) {
            std::borrow::Cow::Borrowed(_) => html,
            std::borrow::Cow::Owned(stepped) => stepped,
        }
    }

    fn link(&self, place: usize, from_dir: &str, value: &str) -> Option<String> {
        if let Some(fragment) = value.strip_prefix('#') {
            return Some(anchor(place, fragment));
        }
        if leaves(value) {
            return None;
        }
        let (path, fragment) = paths::split_fragment(value);
        let target = paths::join(from_dir, path)?;
        match self.places.get(paths::percent_decode(&target).as_str()) {
            Some(&to) => Some(anchor(to, fragment.unwrap_or(""))),
            None => self.rebase(from_dir, value),
        }
    }

    /// A relative URL written from `from_dir`, as written from the print document's folder.
    fn rebase(&self, from_dir: &str, value: &str) -> Option<String> {
        if leaves(value) || value.starts_with('#') {
            return None;
        }
        if from_dir == paths::dir_of(self.print_rel) {
            return None;
        }
        let split = value.find(['?', '#']).unwrap_or(value.len());
        let target = paths::join(from_dir, &value[..split])?;
        Some(format!(
            "{}{}",
            paths::relative(self.print_rel, &target),
            &value[split..]
        ))
    }
}

/// A URL kept as written: another site's, or a path from the host's root (`/azure/…`, outside
/// the portal: the renderer writes the portal's own links relative).
fn leaves(value: &str) -> bool {
    value.is_empty() || value.starts_with('/') || paths::is_external(value)
}

/// The id of a page of the document (`p3`), or of a section of it (`p3-overview`).
pub fn anchor(place: usize, fragment: &str) -> String {
    match fragment {
        "" => format!("#p{place}"),
        f => format!("#p{place}-{f}"),
    }
}

/// `html` with the quoted attribute values of its start tags replaced where `f` gives a
/// new value (already escaped as the old one was). Text, comments and the content of
/// `<script>` and `<style>` are copied as they are: only markup is read.
/// `f` sees the tag's text up to the value, the attribute's name and its value.
fn rewrite_attrs(html: &str, mut f: impl FnMut(&str, &str, &str) -> Option<String>) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let (mut i, mut copied) = (0, 0);
    while i < b.len() {
        // Byte by byte; `html[i..]` is only taken at an ASCII byte, a character boundary.
        if b[i..].starts_with(b"<!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        if b[i] != b'<' || !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let tag_start = i + 1;
        i += 1;
        while i < b.len() && b[i] != b'>' {
            if b[i] != b'"' && b[i] != b'\'' {
                i += 1;
                continue;
            }
            let start = i + 1;
            let end = html[start..]
                .find(b[i] as char)
                .map_or(b.len(), |e| start + e);
            let before = &html[tag_start..i];
            if let Some(new) = f(before, &attr_name(before), &html[start..end]) {
                out.push_str(&html[copied..start]);
                out.push_str(&new);
                copied = end;
            }
            i = end + 1;
        }
        let name: String = html[tag_start..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i = html[i.min(b.len())..]
                .find(&close)
                .map_or(b.len(), |e| i + e);
        }
    }
    out.push_str(&html[copied.min(html.len())..]);
    out
}

/// Heading levels that step down at most one at a time from the page's `h1`: a level that
/// skips is raised (its closing tag with it). Headings do not nest, so each closing tag is
/// the last opened heading's.
fn step_headings(html: &str) -> std::borrow::Cow<'_, str> {
    static TAG: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let tag = TAG.get_or_init(|| regex::Regex::new(r"<(/?)h([1-6])([\s>])").expect("pattern"));
    let (mut last, mut open) = (1u8, 1u8);
    tag.replace_all(html, |c: &regex::Captures| {
        let level = c[2].parse::<u8>().unwrap_or(1);
        let closing = !c[1].is_empty();
        if !closing {
            open = level.min(last + 1);
            last = open;
        }
        format!("<{}h{}{}", &c[1], open, &c[3])
    })
}

/// The name of the attribute whose `=` ends `before` (the tag's text up to the value's quote).
fn attr_name(before: &str) -> String {
    let before = before.trim_end().strip_suffix('=').unwrap_or("").trim_end();
    let start = before
        .rfind(|c: char| c.is_whitespace())
        .map_or(0, |i| i + 1);
    before[start..].to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_links_are_made_unique_and_internal() {
        let places: HashMap<&str, usize> = [("es/a.html", 0), ("es/sub/b.html", 1)].into();
        let anchors = Anchors {
            places: &places,
            print_rel: "es/print.html",
        };
        let html = r##"<h2 id="x">X <a class="anchor" href="#x">#</a></h2><p><a href="../a.html#y">a</a> <a href="c.html?q=1">c</a> <a href="https://e.org/#x">e</a> <a href="/azure/x">h</a> <img src="../media/i.png" alt=""></p><pre>href="#x" &lt;a id="z"&gt;</pre><!-- <a href="#q"> --><script>var a = '<a href="#s">';</script>"##;
        let out = anchors.rewrite(html, 1, "es/sub/b.html", "B");
        assert_eq!(
            out,
            r##"<h2 id="p1-x">X <a class="anchor" href="#p1-x">#</a></h2><p><a href="#p0-y">a</a> <a href="sub/c.html?q=1">c</a> <a href="https://e.org/#x">e</a> <a href="/azure/x">h</a> <img src="media/i.png" alt=""></p><pre>href="#x" &lt;a id="z"&gt;</pre><!-- <a href="#q"> --><script>var a = '<a href="#s">';</script>"##
        );
        // A page at the document's own folder keeps its relative links; a page link without
        // a fragment leads to the page's start.
        let out = anchors.rewrite(
            r#"<a href="sub/b.html">b</a><img src="m.png">"#,
            0,
            "es/a.html",
            "A",
        );
        assert_eq!(out, r##"<a href="#p1">b</a><img src="m.png">"##);
        // Unclosed markup is copied as it is, without a panic.
        for broken in [
            "<a href=\"x",
            "<",
            "<a",
            "<!-- x",
            "<script>x",
            "a < b",
            "<p id='q'>é",
        ] {
            let _ = anchors.rewrite(broken, 0, "es/a.html", "A");
        }
        assert_eq!(
            anchors.rewrite("<p id='q'>é", 0, "es/a.html", "A"),
            "<p id='p0-q'>é"
        );
        let regions = r#"<div class="table-wrap" role="region" tabindex="0" aria-label="Table 1"><table></table></div><a aria-label="Link">#</a>"#;
        assert_eq!(
            anchors.rewrite(regions, 0, "es/a.html", "A & B"),
            r#"<div class="table-wrap" role="region" tabindex="0" aria-label="Table 1 · A &amp; B"><table></table></div><a aria-label="Link">#</a>"#
        );
    }

    #[test]
    fn heading_levels_step_down_one_at_a_time() {
        let html = "<h1 id=\"t\">T</h1><h2>A</h2><h4 id=\"x\">X</h4><h5>Y</h5><h2>B</h2><h3>C</h3><hr><header>h</header>";
        assert_eq!(
            step_headings(html),
            "<h1 id=\"t\">T</h1><h2>A</h2><h3 id=\"x\">X</h3><h4>Y</h4><h2>B</h2><h3>C</h3><hr><header>h</header>"
        );
    }
}
