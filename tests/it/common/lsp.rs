//! A language-server client for the tests: runs `cuaderno lsp` with piped stdio, frames
//! JSON-RPC with `Content-Length`, and waits for the messages a test expects.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

pub struct Client {
    pub child: Child,
    stdin: Option<ChildStdin>,
    inbox: Receiver<Value>,
    next_id: i64,
    /// Messages received while waiting for others, in order.
    pub seen: Vec<Value>,
}

impl Client {
    /// Starts the server with `--config config` (when given) in folder `cwd`.
    pub fn start(config: Option<&Path>, cwd: &Path) -> Client {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cuaderno"));
        if let Some(config) = config {
            cmd.arg("--config").arg(config);
        }
        let mut child = cmd
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start cuaderno lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, inbox) = mpsc::channel();
        std::thread::spawn(move || {
            let mut out = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if out.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                if out.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("the server sends JSON");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            inbox,
            next_id: 0,
            seen: Vec::new(),
        }
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to the server");
        stdin.flush().expect("flush");
    }

    pub fn send(&mut self, message: Value) {
        let mut message = message;
        message["jsonrpc"] = json!("2.0");
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"method": method, "params": params}));
    }

    /// Sends a request and returns its response (the whole message: `result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    pub fn wait(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        self.try_wait(matches, Duration::from_secs(60))
            .expect("the expected message within 60 s")
    }

    pub fn try_wait(&mut self, matches: impl Fn(&Value) -> bool, limit: Duration) -> Option<Value> {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.inbox.recv_timeout(left) {
                Ok(m) if matches(&m) => return Some(m),
                Ok(m) => self.seen.push(m),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// The next diagnostics published for `uri` (of document version `version`, when given).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == json!(v))
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn initialize(&mut self, root: &Path) -> Value {
        let root = url(root);
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": {}}),
        );
        self.notify("initialized", json!({}));
        r
    }

    /// `initialize` as a client that watches files for the server (as VS Code does): it
    /// accepts the server's request to register its watchers. Gives that request.
    pub fn initialize_watching(&mut self, root: &Path) -> Value {
        let caps = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": url(root), "capabilities": caps}),
        );
        assert!(r.get("result").is_some(), "{r}");
        self.notify("initialized", json!({}));
        let reg = self.wait(|m| m["method"] == "client/registerCapability");
        self.send(json!({"id": reg["id"], "result": null}));
        reg
    }

    pub fn open(&mut self, path: &Path, text: &str) -> String {
        let uri = url(path);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        uri
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// Closes the server's input (a client that disappears).
    pub fn hang_up(&mut self) {
        self.stdin.take();
    }

    /// `shutdown` then `exit`; the exit status.
    pub fn stop(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    pub fn wait_exit(&mut self) -> i32 {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn url(path: &Path) -> String {
    let path = std::path::absolute(path).expect("absolute");
    let path = path.canonicalize().unwrap_or(path);
    format!("file://{}", path.to_string_lossy().replace(' ', "%20"))
}

/// A position as the protocol counts: 0-based line, UTF-16 units before `byte` on its line.
pub fn position(text: &str, byte: usize) -> Value {
    let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..byte].matches('\n').count();
    let character = text[line_start..byte].encode_utf16().count();
    json!({"line": line, "character": character})
}
