//! JSON-RPC over stdio with `Content-Length` framing, tolerant of a client that misbehaves:
//! a header block without a usable length, a body that is not JSON or not a message, or one
//! larger than `MAX_BODY` is reported to the main loop (which answers with a JSON-RPC error)
//! and the next message is read. The end of input ends the reader, never the process.

use lsp_server::Message;
use std::io::{BufRead, Read, Write};
use std::sync::mpsc::{Receiver, Sender};

/// The largest message read (a 5 MB buffer sent whole is well inside it).
pub const MAX_BODY: usize = 64 << 20;

/// What the reader got from the client.
pub enum Incoming {
    Message(Message),
    /// Not a message; the text says why (the reply is a JSON-RPC error with `id: null`).
    Malformed {
        code: i32,
        why: String,
    },
    /// Files the server's own watcher saw change (for a client that does not watch files).
    Files(Vec<std::path::PathBuf>),
    /// The client's input ended (the channel stays open while the watcher holds a sender).
    End,
}

/// Reads messages until the input ends or the main loop is gone.
pub fn read_loop(input: impl Read, to_main: Sender<Incoming>) {
    let mut input = std::io::BufReader::new(input);
    loop {
        let incoming = match read_one(&mut input) {
            Ok(Some(incoming)) => incoming,
            Ok(None) | Err(_) => {
                let _ = to_main.send(Incoming::End);
                return;
            }
        };
        if to_main.send(incoming).is_err() {
            return;
        }
    }
}

/// One header block and its body. `None` at the end of input.
fn read_one(input: &mut impl BufRead) -> std::io::Result<Option<Incoming>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    let mut seen_header = false;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if seen_header {
                break;
            }
            continue; // blank lines between messages
        }
        seen_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(value.trim().parse::<usize>().map_err(|e| format!("{e}")));
            }
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(e)) => return Ok(Some(malformed(-32700, format!("bad Content-Length: {e}")))),
        None => {
            return Ok(Some(malformed(
                -32700,
                "a header without Content-Length".into(),
            )))
        }
    };
    if length > MAX_BODY {
        std::io::copy(&mut input.take(length as u64), &mut std::io::sink())?;
        let why = format!("a message of {length} bytes (at most {MAX_BODY} are read)");
        return Ok(Some(malformed(-32600, why)));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    let value: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return Ok(Some(malformed(-32700, format!("not JSON: {e}")))),
    };
    if !value.is_object() {
        return Ok(Some(malformed(-32600, "a message is a JSON object".into())));
    }
    Ok(Some(match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(e) => malformed(-32600, format!("not a JSON-RPC message: {e}")),
    }))
}

fn malformed(code: i32, why: String) -> Incoming {
    Incoming::Malformed { code, why }
}

/// Writes the texts it receives as framed messages until the channel or the output closes.
pub fn write_loop(output: impl Write, from_main: Receiver<String>) {
    let mut output = std::io::BufWriter::new(output);
    for text in from_main {
        let framed = write!(output, "Content-Length: {}\r\n\r\n{text}", text.len());
        if framed.and_then(|_| output.flush()).is_err() {
            return; // the client is gone
        }
    }
}

/// A message as the JSON text `write_loop` sends.
pub fn encode(message: &Message) -> String {
    #[derive(serde::Serialize)]
    struct JsonRpc<'a> {
        jsonrpc: &'static str,
        #[serde(flatten)]
        msg: &'a Message,
    }
    serde_json::to_string(&JsonRpc {
        jsonrpc: "2.0",
        msg: message,
    })
    .unwrap_or_default()
}

/// A JSON-RPC error for a message without a usable id.
pub fn error_without_id(code: i32, why: &str) -> String {
    serde_json::json!({"jsonrpc": "2.0", "id": null, "error": {"code": code, "message": why}})
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> Vec<Result<String, i32>> {
        let mut input = std::io::BufReader::new(bytes);
        let mut out = Vec::new();
        while let Ok(Some(incoming)) = read_one(&mut input) {
            out.push(match incoming {
                Incoming::Message(Message::Request(r)) => Ok(r.method),
                Incoming::Message(Message::Notification(n)) => Ok(n.method),
                Incoming::Message(Message::Response(_)) => Ok("response".into()),
                Incoming::Malformed { code, .. } => Err(code),
                Incoming::Files(_) => Ok("files".into()),
                Incoming::End => Ok("end".into()),
            });
        }
        out
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_messages_are_reported_and_reading_goes_on() {
        let ok = frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
        let input = [
            frame("{not json"),
            "X-Other: 1\r\n\r\n".to_string(),
            "Content-Length: many\r\n\r\n".to_string(),
            frame(r#"{"jsonrpc":"2.0","id":1}"#), // a response without result or error
            frame(r#"[1,2]"#),
            ok.clone(),
        ]
        .concat();
        let got = read_all(input.as_bytes());
        assert_eq!(got.last(), Some(&Ok("initialized".to_string())), "{got:?}");
        assert!(got[..got.len() - 1].iter().any(|r| r == &Err(-32700)));
        assert!(got.contains(&Err(-32600)), "{got:?}");
    }

    #[test]
    fn a_truncated_body_ends_the_input_quietly() {
        assert!(read_all(b"Content-Length: 100\r\n\r\n{}").is_empty());
    }
}
