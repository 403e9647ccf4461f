//! Small pure helpers on `/`-separated relative paths and URLs.

/// True for `https:`, `mailto:`, `//host` and other links that leave the site.
pub fn is_external(href: &str) -> bool {
    if href.starts_with("//") {
        return true;
    }
    let Some(colon) = href.find(':') else {
        return false;
    };
    let scheme = &href[..colon];
    !scheme.is_empty()
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Splits `path?query#fragment` into the path and the fragment (the query is dropped).
pub fn split_fragment(href: &str) -> (&str, Option<&str>) {
    let (rest, fragment) = match href.find('#') {
        Some(i) => (&href[..i], Some(&href[i + 1..])),
        None => (href, None),
    };
    let path = rest.split('?').next().unwrap_or(rest);
    (path, fragment)
}

/// The `?query` of a relative link (`page.md?tabs=windows#x` → `?tabs=windows`), if any.
pub fn query_of(href: &str) -> Option<&str> {
    let rest = href.split('#').next().unwrap_or(href);
    rest.find('?').map(|i| &rest[i..]).filter(|q| q.len() > 1)
}

/// Decodes `%XX` escapes; invalid escapes are kept as written.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The folder part of a relative path, with its trailing `/` (empty at the root).
pub fn dir_of(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..=i])
}

/// Joins `path` onto folder `dir` and normalizes `.` and `..`. `None` if it climbs above the root.
/// A path starting with `~/` (DocFX's content root) joins from the root, as one with `/` does.
pub fn join(dir: &str, path: &str) -> Option<String> {
    let (rooted, path) = match path.strip_prefix("~/") {
        Some(rest) => (true, rest),
        None => (path.starts_with('/'), path),
    };
    let base = if rooted { "" } else { dir };
    let mut parts: Vec<&str> = Vec::new();
    for part in base.split('/').chain(path.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The relative URL from the file at `from` to the file at `to` (both root-relative).
pub fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = dir_of(from).split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_dir.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    if out.is_empty() {
        out.push_str(to_parts.last().copied().unwrap_or(""));
    }
    out
}

/// Percent-encodes what may not stand in an `href` as written (spaces, quotes, controls).
pub fn encode_href(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    edit_distance_within(a, b, usize::MAX).unwrap_or(usize::MAX)
}

/// The distance if it is at most `limit`; stops as soon as every alignment exceeds it.
pub fn edit_distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        let mut best = row[0];
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            best = best.min(row[j + 1]);
            prev = cur;
        }
        if best > limit {
            return None;
        }
    }
    Some(row[b.len()]).filter(|d| *d <= limit)
}

/// The closest candidate within a distance that still reads as a typo (ties: the first).
pub fn closest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let len = word.chars().count();
    let mut limit = (len / 3).max(2);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c.len().abs_diff(word.len()) > limit * 4 || c.chars().count().abs_diff(len) > limit {
            continue;
        }
        if let Some(d) = edit_distance_within(word, c, limit) {
            if best.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
                best = Some((d, c));
                limit = d;
            }
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_links() {
        assert!(is_external("https://aka.ms/x"));
        assert!(is_external("mailto:a@b.c"));
        assert!(is_external("//cdn/x"));
        assert!(!is_external("foo-es.md"));
        assert!(!is_external("media/a.png"));
        assert!(!is_external("1:x"));
    }

    #[test]
    fn query_before_the_fragment_only() {
        assert_eq!(query_of("a.md?tabs=win#x"), Some("?tabs=win"));
        assert_eq!(query_of("a.md#x?y"), None);
        assert_eq!(query_of("a.md?"), None);
        assert_eq!(query_of("a.md"), None);
    }

    #[test]
    fn joins_and_climbs() {
        assert_eq!(
            join("es/", "media/a.png").as_deref(),
            Some("es/media/a.png")
        );
        assert_eq!(
            join("es/", "../media/a.png").as_deref(),
            Some("media/a.png")
        );
        assert_eq!(join("es/", "/root/abs.md").as_deref(), Some("root/abs.md"));
        assert_eq!(join("es/", "../../x.md"), None);
        assert_eq!(
            join("es/a/", "~/media/p.png").as_deref(),
            Some("media/p.png")
        );
        assert_eq!(join("es/", "~/../x.md"), None);
        assert_eq!(join("es/", "x~/y.md").as_deref(), Some("es/x~/y.md"));
    }

    #[test]
    fn relative_urls() {
        assert_eq!(relative("es/a.html", "es/b.html"), "b.html");
        assert_eq!(relative("es/a.html", "media/x.png"), "../media/x.png");
        assert_eq!(relative("index.html", "es/index.html"), "es/index.html");
        assert_eq!(relative("es/sub/a.html", "es/b.html"), "../b.html");
        assert_eq!(relative("es/a.html", "es/a.html"), "a.html");
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("my%20page.md"), "my page.md");
        assert_eq!(percent_decode("caf%C3%A9"), "café");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(split_fragment("a.md?x=1#frag"), ("a.md", Some("frag")));
    }

    #[test]
    fn bounded_distances_stop_early_and_agree() {
        assert_eq!(edit_distance_within("kitten", "sitting", 3), Some(3));
        assert_eq!(edit_distance_within("kitten", "sitting", 2), None);
        assert_eq!(edit_distance_within("abc", "xyz", 1), None);
        assert_eq!(closest("b.md", ["a.md", "c.md"].into_iter()), Some("a.md"));
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(
            closest("kick-of.md", ["kick-off.md", "other.md"].into_iter()),
            Some("kick-off.md")
        );
        assert_eq!(closest("zzz.md", ["kick-off.md"].into_iter()), None);
    }
}
