//! DocFX's block quotes that are not alerts: `> [!div class="nextstepaction"]` (the quote's
//! content in a `<div>` of that class, the "next step" buttons of Learn) and
//! `> [!VIDEO https://…]` (an embedded player: an `<iframe>` for `https` URLs only, with a
//! title; any other URL is shown as a link, a `javascript:` one as text).

use super::highlight::escape;

/// What a quote opens as: the HTML written in its place, its closing HTML, and the marker as
/// written (removed from the text, as an alert's is).
#[derive(Debug, PartialEq, Eq)]
pub struct Block {
    pub open: String,
    pub close: &'static str,
    pub marker: String,
}

/// The DocFX block a quote's source starts with, if any. `video_title` names the player for
/// screen readers (the page language's word).
pub fn detect(source: &str, video_title: &str) -> Option<Block> {
    let first = source.lines().next()?.trim_start();
    let rest = first.strip_prefix('>')?.trim();
    let inner = rest.strip_prefix("[!")?.strip_suffix(']')?;
    let (word, arg) = inner.split_once(char::is_whitespace)?;
    let arg = arg.trim();
    let marker = rest.to_string();
    match word.to_ascii_lowercase().as_str() {
        "div" => Some(Block {
            open: format!("<div class=\"{}\">\n", class_of(arg)?),
            close: "</div>\n",
            marker,
        }),
        "video" => Some(Block {
            open: video(arg, video_title),
            close: "",
            marker,
        }),
        _ => None,
    }
}

/// The URL of a `> [!VIDEO url]` quote's source, if it is one.
pub fn video_url(source: &str) -> Option<&str> {
    let first = source.lines().next()?.trim_start();
    let inner = first
        .strip_prefix('>')?
        .trim()
        .strip_prefix("[!")?
        .strip_suffix(']')?;
    let (word, arg) = inner.split_once(char::is_whitespace)?;
    word.eq_ignore_ascii_case("video").then(|| arg.trim())
}

/// The classes of `class="a b"`, only letters, digits, `-` and `_` kept.
fn class_of(arg: &str) -> Option<String> {
    let value = arg
        .strip_prefix("class")?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    let value = value.trim_matches(|c| c == '"' || c == '\'');
    let classes: Vec<&str> = value
        .split_whitespace()
        .filter(|c| {
            c.chars()
                .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
        })
        .collect();
    (!classes.is_empty()).then(|| classes.join(" "))
}

fn video(url: &str, title: &str) -> String {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") {
        format!(
            "<div class=\"video\"><iframe src=\"{}\" title=\"{}\" loading=\"lazy\" allowfullscreen></iframe></div>\n",
            escape(url),
            escape(title)
        )
    } else if lower.starts_with("http://") {
        format!(
            "<p class=\"video\"><a href=\"{0}\">{0}</a></p>\n",
            escape(url)
        )
    } else {
        format!("<p class=\"video\">{}</p>\n", escape(url))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_step_actions_and_videos_are_read() {
        let b = detect("> [!div class=\"nextstepaction\"]\n> [Go](a.md)", "Video").unwrap();
        assert_eq!(b.open, "<div class=\"nextstepaction\">\n");
        assert_eq!(b.marker, "[!div class=\"nextstepaction\"]");
        let v = detect("> [!VIDEO https://example.org/embed?a=1&b=2]", "Vídeo").unwrap();
        assert!(v
            .open
            .contains("src=\"https://example.org/embed?a=1&amp;b=2\""));
        assert!(v.open.contains("title=\"Vídeo\""));
        assert_eq!(detect("> [!NOTE]\n> x", "Video"), None);
        assert_eq!(detect("> [!div class=\"<script>\"]", "Video"), None);
    }

    #[test]
    fn only_https_videos_are_embedded() {
        let js = detect("> [!VIDEO javascript:alert(1)]", "Video").unwrap();
        assert!(!js.open.contains("<iframe") && !js.open.contains("href"));
        let http = detect("> [!VIDEO http://example.org/v]", "Video").unwrap();
        assert!(!http.open.contains("<iframe") && http.open.contains("href"));
    }
}
