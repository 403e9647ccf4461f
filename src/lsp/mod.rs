//! `cuaderno lsp`: a Language Server over stdio for the pages, `toc.yml` and site.toml.
//!
//! Messages are read by `transport` on a thread of their own and handled here one at a time.
//! Edits only mark the session dirty: the loop analyzes once no message is waiting, so a
//! burst of keystrokes costs one analysis, and a request that reads the site (hover,
//! completion…) is answered from an analysis of the latest text. A handler that fails
//! answers with an error; the server stays up until `shutdown` and `exit`, or until the
//! client's input ends.

mod actions;
mod complete;
mod navigate;
mod position;
mod publish;
mod rename;
mod session;
mod symbols;
mod transport;
mod watch;

pub use lsp_server::ErrorCode;
use lsp_server::{Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{notification as note, request as req};
use serde_json::Value;
use session::{Dirty, Session};
use std::collections::HashSet;
use std::sync::mpsc;
use transport::Incoming;

/// Runs the server until `exit` or the end of input. Returns the process exit code: 0 after
/// `shutdown` then `exit`, 1 otherwise (as the protocol asks).
pub fn run(config: std::path::PathBuf, overrides: cuaderno::Overrides) -> i32 {
    let (to_main, incoming) = mpsc::channel();
    let (outgoing, from_main) = mpsc::channel::<String>();
    let to_self = to_main.clone();
    std::thread::spawn(move || transport::read_loop(std::io::stdin(), to_main));
    let writer = std::thread::spawn(move || transport::write_loop(std::io::stdout(), from_main));
    let mut server = Server {
        out: outgoing,
        session: None,
        config,
        overrides,
        shutdown: false,
        watch_files: false,
        server_watches: false,
        to_self,
        shown: HashSet::new(),
    };
    let code = server.serve(&incoming);
    drop(server);
    let _ = writer.join();
    code
}

struct Server {
    out: mpsc::Sender<String>,
    /// Set by `initialize`.
    session: Option<Session>,
    config: std::path::PathBuf,
    overrides: cuaderno::Overrides,
    shutdown: bool,
    /// The client can watch files for us (dynamic registration of `didChangeWatchedFiles`).
    watch_files: bool,
    /// The client cannot, and the server's own watcher runs (`watch::spawn`).
    server_watches: bool,
    /// Where the server's watcher sends what it sees.
    to_self: mpsc::Sender<Incoming>,
    /// Files the client shows findings for (to clear them when they are gone).
    shown: HashSet<lsp_types::Url>,
}

impl Server {
    fn serve(&mut self, incoming: &mpsc::Receiver<Incoming>) -> i32 {
        loop {
            let dirty = self
                .session
                .as_ref()
                .is_some_and(|s| s.dirty != Dirty::Clean);
            let next = if dirty {
                match incoming.try_recv() {
                    Ok(m) => Some(m),
                    Err(mpsc::TryRecvError::Empty) => {
                        self.flush();
                        continue;
                    }
                    Err(mpsc::TryRecvError::Disconnected) => None,
                }
            } else {
                incoming.recv().ok()
            };
            let Some(next) = next else {
                return 1; // the client is gone without `exit`
            };
            match next {
                Incoming::Malformed { code, why } => {
                    self.send_text(transport::error_without_id(code, &why))
                }
                Incoming::Message(Message::Request(r)) => self.request(r),
                Incoming::Message(Message::Notification(n)) => {
                    if n.method == note::Exit::METHOD {
                        return if self.shutdown { 0 } else { 1 };
                    }
                    self.notification(n);
                }
                Incoming::Message(Message::Response(_)) => {} // to our one registration: nothing to do
                Incoming::Files(paths) => {
                    if let Some(session) = self.session.as_mut() {
                        watch::changed(session, paths);
                    }
                }
                Incoming::End => return 1, // the client is gone without `exit`
            }
        }
    }

    fn send(&self, message: Message) {
        self.send_text(transport::encode(&message));
    }

    fn send_text(&self, text: String) {
        let _ = self.out.send(text);
    }

    fn reply_err(&self, id: RequestId, code: ErrorCode, message: String) {
        self.send(Response::new_err(id, code as i32, message).into());
    }

    fn request(&mut self, r: Request) {
        let id = r.id.clone();
        if r.method == req::Initialize::METHOD {
            return self.initialize(r);
        }
        if self.session.is_none() {
            let why = format!("`{}` before `initialize`", r.method);
            return self.reply_err(id, ErrorCode::ServerNotInitialized, why);
        }
        if self.shutdown {
            let why = format!("`{}` after `shutdown`", r.method);
            return self.reply_err(id, ErrorCode::InvalidRequest, why);
        }
        if r.method == req::Shutdown::METHOD {
            self.shutdown = true;
            return self.send(Response::new_ok(id, Value::Null).into());
        }
        // A request reads the site as the editor has it now.
        self.flush();
        let Some(session) = &self.session else { return };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            dispatch(session, &r.method, r.params)
        }));
        match outcome {
            Ok(Ok(value)) => self.send(Response::new_ok(id, value).into()),
            Ok(Err(Failure(code, why))) => self.reply_err(id, code, why),
            Err(_) => self.reply_err(id, ErrorCode::InternalError, "the handler failed".into()),
        }
    }

    fn initialize(&mut self, r: Request) {
        if self.session.is_some() {
            let why = "`initialize` was already received".to_string();
            return self.reply_err(r.id, ErrorCode::InvalidRequest, why);
        }
        let params: lsp_types::InitializeParams =
            serde_json::from_value(r.params).unwrap_or_default();
        let config = find_config(&self.config, &params);
        self.session = Some(Session::new(config, self.overrides.clone()));
        self.watch_files = params
            .capabilities
            .workspace
            .and_then(|w| w.did_change_watched_files)
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        let result = lsp_types::InitializeResult {
            capabilities: capabilities(),
            server_info: Some(lsp_types::ServerInfo {
                name: "cuaderno".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        self.send(Response::new_ok(r.id, result).into());
    }

    fn notification(&mut self, n: Notification) {
        let Some(session) = self.session.as_mut() else {
            return; // before `initialize`, notifications are dropped
        };
        match n.method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                if let Ok(p) = from::<lsp_types::DidOpenTextDocumentParams>(n.params) {
                    let doc = p.text_document;
                    session.open(doc.uri, doc.text, doc.version);
                }
            }
            note::DidChangeTextDocument::METHOD => {
                if let Ok(p) = from::<lsp_types::DidChangeTextDocumentParams>(n.params) {
                    let url = p.text_document.uri;
                    let Some(doc) = session.docs.get_mut(&url) else {
                        return self.log(&format!("a change to `{url}`, which is not open"));
                    };
                    doc.version = p.text_document.version;
                    for change in p.content_changes {
                        position::apply_change(&mut doc.text, change);
                    }
                    session.edited(&url);
                }
            }
            note::DidSaveTextDocument::METHOD => {
                if let Ok(p) = from::<lsp_types::DidSaveTextDocumentParams>(n.params) {
                    if session.is_config(&p.text_document.uri) {
                        session.reload_config();
                    }
                    session.dirty = Dirty::Full;
                }
            }
            note::DidCloseTextDocument::METHOD => {
                if let Ok(p) = from::<lsp_types::DidCloseTextDocumentParams>(n.params) {
                    session.close(&p.text_document.uri);
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                let params = from::<lsp_types::DidChangeWatchedFilesParams>(n.params);
                let paths = params.iter().flat_map(|p| &p.changes);
                watch::changed(session, paths.filter_map(|c| c.uri.to_file_path().ok()));
            }
            note::Initialized::METHOD if self.watch_files => self.send(watch::registration()),
            // A second `initialized` (a confused client) does not start a second watcher.
            note::Initialized::METHOD if !self.server_watches => {
                let started =
                    watch::spawn(&session.config_path, &self.overrides, self.to_self.clone());
                match started {
                    Ok(()) => self.server_watches = true,
                    Err(e) => self.log(&format!(
                        "{e:#}: files changed outside the editor are seen at the next keystroke"
                    )),
                }
            }
            _ => {} // `$/cancelRequest`, settings: nothing to do
        }
    }

    /// Analyzes if anything changed and publishes what the change asks for.
    fn flush(&mut self) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let dirty = std::mem::replace(&mut session.dirty, Dirty::Clean);
        if dirty == Dirty::Clean {
            return;
        }
        // Between keystrokes no file changed on disk, when the client reports changes to files
        // (`watch::registration`) or the server watches them itself (`watch::spawn`): the
        // analysis then reuses the last walk and file stamps.
        let files_unchanged = dirty == Dirty::Open && (self.watch_files || self.server_watches);
        // A panic is a bug, but the editor keeps its server: the finding says what happened.
        let analyzed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            session.analyze(files_unchanged)
        }));
        if analyzed.is_err() {
            session
                .internal_error("the analysis failed (a bug in cuaderno; stderr has the details)");
        }
        let all = dirty == Dirty::Full;
        let params = publish::collect(session, all, &mut self.shown);
        for p in params {
            let n = Notification::new(note::PublishDiagnostics::METHOD.into(), p);
            self.send(n.into());
        }
    }

    fn log(&self, message: &str) {
        let params = lsp_types::LogMessageParams {
            typ: lsp_types::MessageType::WARNING,
            message: format!("cuaderno: {message}"),
        };
        let n = Notification::new(note::LogMessage::METHOD.into(), params);
        self.send(n.into());
    }
}

/// Why a request failed.
pub struct Failure(ErrorCode, String);

fn from<P: serde::de::DeserializeOwned>(params: Value) -> Result<P, Failure> {
    serde_json::from_value(params).map_err(|e| Failure(ErrorCode::InvalidParams, e.to_string()))
}

fn dispatch(session: &Session, method: &str, params: Value) -> Result<Value, Failure> {
    let json = |v: Result<Value, serde_json::Error>| v.unwrap_or(Value::Null);
    Ok(match method {
        req::Completion::METHOD => json(serde_json::to_value(complete::complete(
            session,
            from(params)?,
        ))),
        req::GotoDefinition::METHOD => json(serde_json::to_value(navigate::definition(
            session,
            from(params)?,
        ))),
        req::HoverRequest::METHOD => json(serde_json::to_value(navigate::hover(
            session,
            from(params)?,
        ))),
        req::References::METHOD => json(serde_json::to_value(navigate::references(
            session,
            from(params)?,
        ))),
        req::DocumentSymbolRequest::METHOD => json(serde_json::to_value(symbols::symbols(
            session,
            from(params)?,
        ))),
        req::CodeActionRequest::METHOD => json(serde_json::to_value(actions::actions(
            session,
            from(params)?,
        ))),
        req::PrepareRenameRequest::METHOD => json(serde_json::to_value(rename::prepare(
            session,
            from(params)?,
        )?)),
        req::Rename::METHOD => json(serde_json::to_value(rename::heading(
            session,
            from(params)?,
        )?)),
        req::WillRenameFiles::METHOD => {
            json(serde_json::to_value(rename::files(session, from(params)?)))
        }
        _ => {
            return Err(Failure(
                ErrorCode::MethodNotFound,
                format!("cuaderno does not answer `{method}`"),
            ))
        }
    })
}

fn capabilities() -> lsp_types::ServerCapabilities {
    use lsp_types::*;
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![
                "(".into(),
                "/".into(),
                "#".into(),
                "|".into(),
                "*".into(),
                ":".into(),
            ]),
            ..Default::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
            ]),
            ..Default::default()
        })),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: None,
            file_operations: Some(WorkspaceFileOperationsServerCapabilities {
                will_rename: Some(FileOperationRegistrationOptions {
                    filters: vec![FileOperationFilter {
                        scheme: Some("file".into()),
                        pattern: FileOperationPattern {
                            glob: "**/*.md".into(),
                            matches: Some(FileOperationPatternKind::File),
                            options: None,
                        },
                    }],
                }),
                ..Default::default()
            }),
        }),
        ..Default::default()
    }
}

/// site.toml: the one `--config` names if it exists, else the workspace root's.
fn find_config(
    given: &std::path::Path,
    params: &lsp_types::InitializeParams,
) -> std::path::PathBuf {
    let given = std::path::absolute(given).unwrap_or_else(|_| given.to_path_buf());
    if given.is_file() {
        return given;
    }
    #[allow(deprecated)] // root_uri: older clients send only it
    let roots = params
        .workspace_folders
        .iter()
        .flatten()
        .map(|f| f.uri.clone())
        .chain(params.root_uri.clone());
    for root in roots {
        if let Ok(dir) = root.to_file_path() {
            let candidate = dir.join("site.toml");
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    given
}
