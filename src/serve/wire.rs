//! HTTP/1.1 on the wire, as much as a local preview needs and no more: a request head read
//! with a size limit (so a 50 MB header is refused after 16 KiB, not buffered), and a reply
//! written in one buffer (so kept-alive responses are not held back by small writes).

use std::io::{self, BufRead, Write};

/// The most a request head (request line and headers) may take.
pub const MAX_HEAD: usize = 16 * 1024;
const MAX_HEADERS: usize = 100;

/// One request; only the head: the preview answers GET and HEAD, which have no body.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    pub target: String,
    /// `HTTP/1.0` or `HTTP/1.1`.
    pub version: String,
    pub headers: Vec<(String, String)>,
    /// Whether the request announces a body (which is never read: the connection closes).
    pub has_body: bool,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the client wants the connection kept open after the reply.
    pub fn keep_alive(&self) -> bool {
        let connection = self.header("Connection").unwrap_or("").to_ascii_lowercase();
        if self.version == "HTTP/1.0" {
            connection.contains("keep-alive")
        } else {
            !connection.contains("close")
        }
    }
}

/// Why a request could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The connection closed (or timed out) before a request began.
    Closed,
    /// The head is larger than [`MAX_HEAD`] or has too many headers: 431.
    TooLarge,
    /// Not HTTP: 400.
    Malformed,
    Io(io::Error),
}

/// Reads one request head from `reader`, never holding more than [`MAX_HEAD`] bytes of it.
pub fn read_request(reader: &mut impl BufRead) -> Result<Request, ReadError> {
    let mut head = Vec::with_capacity(1024);
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if head.is_empty() => return Err(closed_or(e)),
            Err(e) => return Err(ReadError::Io(e)),
        };
        if buf.is_empty() {
            return Err(if head.is_empty() {
                ReadError::Closed
            } else {
                ReadError::Malformed
            });
        }
        let take = buf.len().min(MAX_HEAD + 4 - head.len());
        let before = head.len();
        head.extend_from_slice(&buf[..take]);
        // Look for the blank line from just before the new bytes.
        let from = before.saturating_sub(3);
        if let Some(end) = find(&head[from..], b"\r\n\r\n").map(|i| from + i + 4) {
            reader.consume(end - before);
            head.truncate(end);
            return parse(&head);
        }
        reader.consume(take);
        if head.len() > MAX_HEAD {
            return Err(ReadError::TooLarge);
        }
    }
}

fn closed_or(e: io::Error) -> ReadError {
    match e.kind() {
        io::ErrorKind::WouldBlock
        | io::ErrorKind::TimedOut
        | io::ErrorKind::ConnectionReset
        | io::ErrorKind::UnexpectedEof => ReadError::Closed,
        _ => ReadError::Io(e),
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn parse(head: &[u8]) -> Result<Request, ReadError> {
    let text = std::str::from_utf8(head).map_err(|_| ReadError::Malformed)?;
    let mut lines = text.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (first.next(), first.next(), first.next(), first.next())
    else {
        return Err(ReadError::Malformed);
    };
    if !matches!(version, "HTTP/1.0" | "HTTP/1.1") || !target.starts_with('/') {
        return Err(ReadError::Malformed);
    }
    let mut headers = Vec::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').ok_or(ReadError::Malformed)?;
        if name.is_empty() || name.contains([' ', '\t']) {
            return Err(ReadError::Malformed);
        }
        headers.push((name.to_string(), value.trim().to_string()));
        if headers.len() > MAX_HEADERS {
            return Err(ReadError::TooLarge);
        }
    }
    let mut request = Request {
        method: method.to_string(),
        target: target.to_string(),
        version: version.to_string(),
        headers,
        has_body: false,
    };
    request.has_body = request.header("Transfer-Encoding").is_some()
        || request
            .header("Content-Length")
            .is_some_and(|n| n.trim() != "0");
    Ok(request)
}

/// A reply: status, headers and the whole body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, body: Vec<u8>, content_type: &str) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Writes `reply` in one `write_all` (head and body together). `head_only` for HEAD.
pub fn write_reply(
    out: &mut impl Write,
    reply: &Reply,
    head_only: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let mut bytes = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status)).into_bytes();
    for (name, value) in &reply.headers {
        // Header values come from the program, never raw from a request; still, no line breaks.
        if !value.contains(['\r', '\n']) {
            bytes.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
    }
    let connection = if keep_alive { "keep-alive" } else { "close" };
    bytes.extend_from_slice(
        format!(
            "Content-Length: {}\r\nConnection: {connection}\r\n\r\n",
            reply.body.len()
        )
        .as_bytes(),
    );
    if !head_only && reply.status != 304 {
        bytes.extend_from_slice(&reply.body);
    }
    out.write_all(&bytes)?;
    out.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufReader;

    fn read(raw: &[u8]) -> Result<Request, ReadError> {
        read_request(&mut BufReader::with_capacity(7, raw))
    }

    #[test]
    fn reads_heads_across_small_reads_and_leaves_the_next_request() {
        let raw = b"GET /a HTTP/1.1\r\nHost: localhost:1\r\n\r\nGET /b HTTP/1.1\r\n\r\n";
        let mut reader = BufReader::with_capacity(5, &raw[..]);
        let a = read_request(&mut reader).unwrap();
        assert_eq!((a.method.as_str(), a.target.as_str()), ("GET", "/a"));
        assert_eq!(a.header("host"), Some("localhost:1"));
        assert!(a.keep_alive());
        let b = read_request(&mut reader).unwrap();
        assert_eq!(b.target, "/b");
        assert!(matches!(read_request(&mut reader), Err(ReadError::Closed)));
    }

    #[test]
    fn refuses_large_and_malformed_heads() {
        let big = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert!(matches!(read(big.as_bytes()), Err(ReadError::TooLarge)));
        let many: String = (0..200).map(|i| format!("X{i}: 1\r\n")).collect();
        let many = format!("GET / HTTP/1.1\r\n{many}\r\n");
        assert!(matches!(read(many.as_bytes()), Err(ReadError::TooLarge)));
        for bad in [
            "GARBAGE\r\n\r\n",
            "GET / HTTP/9\r\n\r\n",
            "GET x HTTP/1.1\r\n\r\n",
        ] {
            assert!(
                matches!(read(bad.as_bytes()), Err(ReadError::Malformed)),
                "{bad}"
            );
        }
        assert!(matches!(
            read(b"GET / HTTP/1.1\r\n"),
            Err(ReadError::Malformed)
        ));
    }

    #[test]
    fn writes_head_and_body_once_and_no_body_for_head() {
        let reply = Reply::new(200, b"hi".to_vec(), "text/plain");
        let mut out = Vec::new();
        write_reply(&mut out, &reply, true, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"));
        assert!(text.contains("Content-Length: 2\r\nConnection: keep-alive\r\n\r\n"));
        assert!(text.ends_with("\r\n\r\n"));
    }
}
