//! `[external]` in site.toml: what `check --external` requests and how politely.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExternalConfig {
    /// Requests in flight at once, over all hosts.
    pub concurrency: usize,
    /// Requests in flight at once to one host.
    pub per_host: usize,
    /// Seconds to connect (TCP and TLS), and for a whole request.
    pub connect_timeout: f64,
    pub timeout: f64,
    /// Retries after a timeout, a 5xx or a 429, with exponential backoff.
    pub retries: u32,
    /// The longest wait honoured from a `Retry-After` or a backoff, in seconds.
    pub max_retry_wait: f64,
    /// Redirects followed before a link is reported as looping.
    pub max_redirects: u32,
    /// Regular expressions: when set, only matching URLs are checked; matching `exclude` never.
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Status codes that count as fine (`[999]` for a host that answers bots that way).
    pub accept: Vec<u16>,
    /// Loopback, private, link-local and other non-public addresses are refused unless set
    /// (a link must not make CI probe internal services such as a cloud metadata address).
    pub allow_private: bool,
    /// Check `#fragments` against the `id`s and `name`s of HTML targets: the page is
    /// downloaded (up to 4 MiB). Off by default: pages that make their anchors with
    /// JavaScript would be reported.
    pub check_fragments: bool,
    /// Where results are cached between runs, relative to site.toml.
    pub cache: PathBuf,
    /// How long each kind of result stays fresh in the cache, in hours.
    pub cache_ttl: CacheTtl,
    /// Per-host settings, by host name.
    pub hosts: BTreeMap<String, HostConfig>,
}

impl Default for ExternalConfig {
    fn default() -> Self {
        ExternalConfig {
            concurrency: 32,
            per_host: 4,
            connect_timeout: 10.0,
            timeout: 30.0,
            retries: 2,
            max_retry_wait: 30.0,
            max_redirects: 10,
            include: Vec::new(),
            exclude: Vec::new(),
            accept: Vec::new(),
            allow_private: false,
            check_fragments: false,
            cache: PathBuf::from(".cuaderno-cache/external.json"),
            cache_ttl: CacheTtl::default(),
            hosts: BTreeMap::new(),
        }
    }
}

/// Hours a result stays fresh, by class (`gone` also covers loops and other invalid targets).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CacheTtl {
    pub ok: f64,
    pub redirect: f64,
    pub gone: f64,
    pub auth: f64,
    pub unreachable: f64,
}

impl Default for CacheTtl {
    fn default() -> Self {
        // A working link is re-checked weekly; a failing one sooner, an unreachable one on
        // every run, since the host may be back.
        CacheTtl {
            ok: 24.0 * 7.0,
            redirect: 24.0 * 7.0,
            gone: 24.0,
            auth: 24.0 * 7.0,
            unreachable: 0.0,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HostConfig {
    /// Overrides `per_host` for this host.
    pub concurrency: Option<usize>,
    /// Extra request headers (`accept-language = "es"`).
    pub headers: BTreeMap<String, String>,
}

impl ExternalConfig {
    /// Problems TOML cannot see, as messages naming the key.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.concurrency == 0 || self.per_host == 0 {
            out.push("`[external] concurrency` and `per_host` must be at least 1".into());
        }
        if !(self.timeout > 0.0 && self.connect_timeout > 0.0) {
            out.push("`[external] timeout` and `connect_timeout` must be positive seconds".into());
        }
        for pattern in self.include.iter().chain(&self.exclude) {
            if let Err(e) = regex::Regex::new(pattern) {
                out.push(format!(
                    "`[external]` pattern `{pattern}` is not a regular expression: {e}"
                ));
            }
        }
        out
    }
}
