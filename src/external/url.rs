//! A link as written, made into a URL a request can be sent to: the fragment set aside,
//! spaces and non-ASCII percent-encoded, an internationalized host name in punycode.

/// The request form of one link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// What is requested: scheme, ASCII host, encoded path and query; no fragment.
    pub request: String,
    /// The host (lowercase, ASCII), for per-host limits and the summary.
    pub host: String,
}

/// `raw` (an `http:` or `https:` link as written) as a request, or why it cannot be one.
pub fn prepare(raw: &str) -> Result<Prepared, String> {
    let raw = raw.trim();
    let without_fragment = raw.split('#').next().unwrap_or(raw);
    let (scheme, rest) = without_fragment
        .split_once("://")
        .ok_or_else(|| "no `//` after the scheme".to_string())?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!("`{scheme}:` is not a web address"));
    }
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    if authority.contains('@') {
        return Err("a user name in a link is not requested".into());
    }
    let (host, port) = split_port(authority)?;
    if host.is_empty() {
        return Err("no host".into());
    }
    let host = if host.starts_with('[') {
        host.to_string()
    } else {
        idna::domain_to_ascii(host).map_err(|_| format!("`{host}` is not a valid host name"))?
    };
    let mut request = format!("{scheme}://{host}{port}");
    for c in path.chars() {
        if c.is_ascii_graphic() {
            request.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                request.push_str(&format!("%{b:02X}"));
            }
        }
    }
    Ok(Prepared { request, host })
}

/// `host` and `:port` (kept as written), refusing a port that is not a number from 1 to 65535.
fn split_port(authority: &str) -> Result<(&str, &str), String> {
    let colon = if authority.starts_with('[') {
        authority.find("]:").map(|i| i + 1)
    } else {
        authority.rfind(':')
    };
    let Some(colon) = colon else {
        return Ok((authority, ""));
    };
    let port = &authority[colon + 1..];
    match port.parse::<u16>() {
        Ok(p) if p > 0 => Ok((&authority[..colon], &authority[colon..])),
        _ => Err(format!("`{port}` is not a port a request can be made to")),
    }
}

/// Every `id="…"` and `name="…"` value of an HTML text.
pub fn anchors(html: &str) -> std::collections::HashSet<String> {
    static ATTR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"(?i)\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))"#)
            .expect("static regex")
    });
    ATTR.captures_iter(html)
        .filter_map(|c| c.get(1).or(c.get(2)).or(c.get(3)))
        .map(|m| m.as_str().to_string())
        .collect()
}

/// `scheme:` at the start (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`).
fn has_scheme(text: &str) -> bool {
    match text.split_once(':') {
        Some((scheme, _)) => {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// A `Location` against the URL it came from.
pub fn join(base: &str, location: &str) -> String {
    let location = location.trim();
    if has_scheme(location) {
        return location.to_string();
    }
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    if let Some(rest) = location.strip_prefix("//") {
        return format!("{}{rest}", &base[..scheme_end]);
    }
    let origin_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    if location.starts_with('/') {
        return format!("{}{location}", &base[..origin_end]);
    }
    let path = &base[origin_end..];
    let path = path.split('?').next().unwrap_or(path);
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{}{dir}{location}", &base[..origin_end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_requests() {
        let p = prepare("https://Example.ORG/a b/ñ?q=1#frag").expect("a URL");
        assert_eq!(p.request, "https://example.org/a%20b/%C3%B1?q=1");
        assert_eq!(p.host, "example.org");
        assert_eq!(
            prepare("http://bücher.example/x").expect("idn").host,
            "xn--bcher-kva.example"
        );
        assert!(prepare("http://[::1]:0/").is_err(), "port 0");
        assert!(prepare("http://[::1]:8080/").is_ok());
        assert!(prepare("https:///nohost").is_err());
        assert!(prepare("https://user:pw@example.org/").is_err());
    }

    #[test]
    fn anchors_are_read_from_html() {
        let ids = anchors("<h2 id=\"here\">x</h2><a name='old'></a><div ID=bare class=x>");
        assert!(ids.contains("here") && ids.contains("old") && ids.contains("bare"));
        assert!(!ids.contains("x"));
    }

    #[test]
    fn locations_are_joined() {
        assert_eq!(join("http://a.org/x/y?q", "/z"), "http://a.org/z");
        assert_eq!(join("http://a.org/x/y", "z"), "http://a.org/x/z");
        assert_eq!(join("http://a.org", "z"), "http://a.org/z");
        assert_eq!(join("http://a.org/x", "https://b.org/"), "https://b.org/");
        assert_eq!(join("https://a.org/x", "//b.org/y"), "https://b.org/y");
        assert_eq!(
            join("https://a.org/x", "file:///etc/passwd"),
            "file:///etc/passwd"
        );
        assert_eq!(
            join("https://a.org/x", "javascript:alert(1)"),
            "javascript:alert(1)"
        );
    }
}
