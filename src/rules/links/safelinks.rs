//! Outlook's Safe Links: a URL copied from a mail arrives wrapped as
//! `https://na01.safelinks.protection.outlook.com/?url=<the URL>&data=<…the recipient's
//! e-mail address…>&sdata=…`. Published, it sends readers through Microsoft's redirector and
//! shows the address of whoever received the mail. The real URL is in the `url` parameter.

/// How many times a URL may be wrapped (a wrapped link forwarded and wrapped again).
const DEPTH: usize = 4;

/// The host of an `http(s)` URL, lowercased.
fn host(url: &str) -> Option<String> {
    let lower = url.get(..8)?.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return None;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(rest[..end].to_ascii_lowercase())
}

fn is_wrapped(url: &str) -> bool {
    host(url).is_some_and(|h| {
        h == "safelinks.protection.outlook.com" || h.ends_with(".safelinks.protection.outlook.com")
    })
}

/// The `url` parameter of a Safe Links URL, decoded.
fn inner(url: &str) -> Option<String> {
    let query = &url[url.find('?')? + 1..];
    let query = query.split('#').next().unwrap_or(query);
    let value = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("url="))?;
    let decoded = crate::paths::percent_decode(value);
    let decoded = decoded.trim();
    host(decoded).filter(|h| !h.is_empty())?;
    Some(decoded.to_string())
}

/// `None` for a URL that is not wrapped; `Some(Some(url))` with the URL it wraps (unwrapped
/// as often as it was wrapped); `Some(None)` for a wrapped URL whose real one cannot be read.
pub fn unwrap(href: &str) -> Option<Option<String>> {
    if !is_wrapped(href) {
        return None;
    }
    let mut url = href.to_string();
    for _ in 0..DEPTH {
        match inner(&url) {
            Some(next) if is_wrapped(&next) => url = next,
            Some(next) => return Some(Some(next)),
            None => return Some(None),
        }
    }
    Some(None)
}

#[cfg(test)]
mod tests {
    use super::unwrap;

    #[test]
    fn the_real_url_is_taken_out_once_or_as_often_as_it_was_wrapped() {
        let corpus = "https://na01.safelinks.protection.outlook.com/?url=https://www.microsoft.com/en-us/download/details.aspx?id%3D54088&data=02%7c01%7cv-someone%40microsoft.com%7cbf4e&sdata=BhHg%3D&reserved=0";
        assert_eq!(
            unwrap(corpus),
            Some(Some(
                "https://www.microsoft.com/en-us/download/details.aspx?id=54088".into()
            ))
        );
        let twice = "https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fnam06.safelinks.protection.outlook.com%2F%3Furl%3Dhttps%253A%252F%252Fexample.org%252Fa%26data%3Dx&data=y";
        assert_eq!(unwrap(twice), Some(Some("https://example.org/a".into())));
        assert_eq!(
            unwrap("HTTPS://NA01.SAFELINKS.PROTECTION.OUTLOOK.COM/?data=x"),
            Some(None)
        );
        assert_eq!(
            unwrap("https://na01.safelinks.protection.outlook.com/?url=javascript:alert(1)"),
            Some(None)
        );
        assert_eq!(unwrap("https://example.org/?url=https://x.org"), None);
        assert_eq!(
            unwrap("https://safelinks.protection.outlook.com.evil.org/?url=https://x.org"),
            None
        );
        assert_eq!(unwrap("a.md"), None);
        assert_eq!(
            unwrap("https://é.safelinks.protection.outlook.com/?url=https://x.org"),
            Some(Some("https://x.org".into()))
        );
    }
}
