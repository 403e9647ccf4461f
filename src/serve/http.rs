//! Answering one request: only GET and HEAD; files from the last good build (memory) or, for
//! images and static files, from the content and theme folders (never outside them); the
//! site's 404 page with status 404; ETag and no caching of HTML; the reload script injected
//! into HTML; and the two endpoints the script uses.

use super::state::{Shared, Snapshot};
use super::wire::{Reply, Request};
use crate::paths::percent_decode;
use serde_json::json;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub const SCRIPT: &str = include_str!("reload.js");
/// How long a reload poll waits for a new build before answering anyway.
pub const POLL: Duration = Duration::from_secs(25);

fn reply(status: u16, body: Vec<u8>, content_type: &str) -> Reply {
    Reply::new(status, body, content_type)
}

/// The reply to one request to the server listening on `addr`.
pub fn answer(request: &Request, addr: SocketAddr, shared: &Shared) -> Reply {
    if !host_allowed(request, addr) {
        return reply(
            421,
            b"this preview answers only to its own address (localhost or an IP)\n".to_vec(),
            "text/plain; charset=utf-8",
        );
    }
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        return reply(
            405,
            b"only GET and HEAD\n".to_vec(),
            "text/plain; charset=utf-8",
        )
        .with_header("Allow", "GET, HEAD");
    }
    let url = request.target.as_str();
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    match path {
        "/__cuaderno/reload.js" => {
            return reply(
                200,
                SCRIPT.as_bytes().to_vec(),
                "text/javascript; charset=utf-8",
            )
        }
        "/__cuaderno/poll" => {
            let token = param(query, "token").unwrap_or_default();
            let now = shared.wait_change(&token, POLL);
            return json_reply(json!({ "token": now }));
        }
        "/__cuaderno/diagnostics" => {
            return diagnostics(shared, &param(query, "page").unwrap_or_default())
        }
        _ => {}
    }
    let snapshot = shared.snapshot();
    let Some(rel) = safe_path(path) else {
        return not_found(shared, &snapshot, path);
    };
    // `/en` is the folder `/en/`: its page's relative links only work from there.
    let folder = !path.ends_with('/')
        && !rel.is_empty()
        && !snapshot.files.contains_key(&rel)
        && snapshot.files.contains_key(&format!("{rel}/index.html"));
    if folder {
        let to = format!("/{}/", path.trim_start_matches('/'));
        let to = if query.is_empty() {
            to
        } else {
            format!("{to}?{query}")
        };
        return reply(301, Vec::new(), "text/plain; charset=utf-8").with_header("Location", &to);
    }
    match find(&snapshot, &rel) {
        Some((file_rel, bytes)) => file(
            shared,
            &snapshot,
            &file_rel,
            bytes,
            request.header("If-None-Match"),
        ),
        None => not_found(shared, &snapshot, path),
    }
}

/// DNS rebinding: a page of `attacker.example` whose name later resolves to 127.0.0.1 sends
/// `Host: attacker.example`. The preview answers only hosts that cannot be rebound: `localhost`
/// (and `*.localhost`) and IP literals, on the port it listens on. A request without `Host` is
/// accepted only in HTTP/1.0, where the header is optional.
pub fn host_allowed(request: &Request, addr: SocketAddr) -> bool {
    let Some(host) = request.header("Host") else {
        return request.version == "HTTP/1.0";
    };
    let host = host.trim().to_ascii_lowercase();
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !port.contains(']') => (name, Some(port)),
        _ => (host.as_str(), None),
    };
    if port.is_some_and(|p| p.parse::<u16>().ok() != Some(addr.port())) {
        return false;
    }
    let bare = name.trim_start_matches('[').trim_end_matches(']');
    name == "localhost" || name.ends_with(".localhost") || bare.parse::<std::net::IpAddr>().is_ok()
}

fn param(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| percent_decode(v))
}

fn json_reply(value: serde_json::Value) -> Reply {
    reply(200, value.to_string().into_bytes(), "application/json")
        .with_header("Cache-Control", "no-store")
}

/// The request path as an output-relative path, or `None` when it tries to leave the site.
pub fn safe_path(path: &str) -> Option<String> {
    let decoded = percent_decode(path);
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p if p.contains(['\\', '\0']) || p.contains(':') => return None,
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The file for `rel`: itself, or `rel/index.html` for folders and the root.
fn find(snapshot: &Snapshot, rel: &str) -> Option<(String, Arc<[u8]>)> {
    let candidates = [
        rel.to_string(),
        format!("{rel}/index.html")
            .trim_start_matches('/')
            .to_string(),
    ];
    for candidate in candidates {
        if let Some(bytes) = snapshot.files.get(&candidate) {
            return Some((candidate, bytes.clone()));
        }
        if let Some(path) = snapshot.assets.get(&candidate) {
            return read_inside(&snapshot.roots, path).map(|b| (candidate, Arc::from(b)));
        }
    }
    None
}

/// Reads `path` only if, symlinks resolved, it is inside one of `roots`.
fn read_inside(roots: &[PathBuf], path: &std::path::Path) -> Option<Vec<u8>> {
    let real = path.canonicalize().ok()?;
    roots
        .iter()
        .any(|r| real.starts_with(r))
        .then(|| std::fs::read(&real).ok())
        .flatten()
}

fn etag(bytes: &[u8]) -> String {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    format!("\"{:x}\"", h.finish())
}

fn file(
    shared: &Shared,
    snapshot: &Snapshot,
    rel: &str,
    bytes: Arc<[u8]>,
    if_none_match: Option<&str>,
) -> Reply {
    let content_type = content_type(rel);
    let body = if content_type.starts_with("text/html") {
        inject(shared, snapshot, rel, &bytes)
    } else {
        bytes.to_vec()
    };
    let tag = etag(&body);
    if if_none_match == Some(tag.as_str()) {
        return reply(304, Vec::new(), content_type).with_header("ETag", &tag);
    }
    let cache = if content_type.starts_with("text/html") {
        "no-cache"
    } else {
        "no-cache, max-age=0"
    };
    reply(200, body, content_type)
        .with_header("ETag", &tag)
        .with_header("Cache-Control", cache)
}

/// The 404 page of the language the path is in (`/es/...` → `es/404.html`), else the root's.
fn not_found(shared: &Shared, snapshot: &Snapshot, path: &str) -> Reply {
    let lang = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let own = format!("{lang}/404.html");
    let rel = if !lang.is_empty() && snapshot.files.contains_key(&own) {
        own.as_str()
    } else {
        "404.html"
    };
    match snapshot.files.get(rel) {
        Some(page) => reply(
            404,
            inject(shared, snapshot, rel, page),
            "text/html; charset=utf-8",
        )
        .with_header("Cache-Control", "no-cache"),
        None => reply(404, b"not found\n".to_vec(), "text/plain; charset=utf-8"),
    }
}

/// The page with the reload script before `</body>` (served pages only, never built files).
pub fn inject(shared: &Shared, snapshot: &Snapshot, rel: &str, html: &[u8]) -> Vec<u8> {
    let config = json!({ "token": shared.token(snapshot), "page": rel });
    let tag = format!("<script>window.__cuaderno={config};</script><script src=\"/__cuaderno/reload.js\"></script>\n");
    let text = String::from_utf8_lossy(html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + tag.len());
    out.push_str(&text[..at]);
    out.push_str(&tag);
    out.push_str(&text[at..]);
    out.into_bytes()
}

/// The overlay's data: the diagnostics of the viewed page (errors first), the site's counts,
/// and the build error if the last rebuild failed.
fn diagnostics(shared: &Shared, page: &str) -> Reply {
    let snapshot = shared.snapshot();
    let source = snapshot.sources.get(page).cloned().unwrap_or_default();
    let mut mine: Vec<_> = snapshot
        .diagnostics
        .iter()
        .filter(|d| !source.is_empty() && d.file == source)
        .collect();
    mine.sort_by_key(|d| d.severity);
    let (errors, warnings, notes) = crate::diagnostics::counts(&snapshot.diagnostics);
    json_reply(json!({
        "token": shared.token(&snapshot),
        "source": source,
        "error": snapshot.error,
        "diagnostics": mine,
        "site": { "errors": errors, "warnings": warnings, "notes": notes },
    }))
}

pub fn content_type(rel: &str) -> &'static str {
    let ext = rel
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_site() {
        assert_eq!(safe_path("/es/a.html").as_deref(), Some("es/a.html"));
        assert_eq!(safe_path("/").as_deref(), Some(""));
        assert_eq!(
            safe_path("/es/my%20notes.html").as_deref(),
            Some("es/my notes.html")
        );
        assert_eq!(safe_path("/../etc/passwd"), None);
        assert_eq!(safe_path("/es/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(safe_path("/a\\..\\b"), None);
        assert_eq!(safe_path("/C:/windows"), None);
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("es/a.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("media/A.PNG"), "image/png");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
