//! One URL, requested the way a careful link checker does: `HEAD` first and `GET` when a
//! server refuses `HEAD`, redirects followed by hand (to tell permanent ones and loops apart),
//! retries with backoff on timeouts, 5xx and 429 (`Retry-After` honoured, capped), bodies never
//! read, and non-public addresses refused when the name is resolved, not before.

use super::url::{join, Prepared};
use super::Outcome;
use crate::config::external::ExternalConfig;
use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

/// The message our resolver fails with, to tell a refused address from other I/O errors.
const PRIVATE: &str = "cuaderno: non-public address refused";

/// The resolver: the system's, then every address checked unless private ones are allowed.
#[derive(Debug)]
struct Guarded {
    inner: DefaultResolver,
    allow_private: bool,
}

impl Resolver for Guarded {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let addrs = self.inner.resolve(uri, config, timeout)?;
        if !self.allow_private && addrs.iter().any(|a| !is_public(a)) {
            return Err(ureq::Error::Io(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                PRIVATE,
            )));
        }
        Ok(addrs)
    }
}

/// An address anyone on the internet can reach: not loopback, private, link-local (the cloud
/// metadata address 169.254.169.254), shared, unspecified, broadcast or multicast.
pub fn is_public(addr: &SocketAddr) -> bool {
    match addr.ip() {
        IpAddr::V4(v4) => public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => public_v4(v4),
            None => {
                let first = v6.segments()[0];
                !(v6.is_loopback()
                    || v6.is_unspecified()
                    || v6.is_multicast()
                    || first & 0xfe00 == 0xfc00 // unique local
                    || first & 0xffc0 == 0xfe80) // link-local
            }
        },
    }
}

fn public_v4(v4: std::net::Ipv4Addr) -> bool {
    let [a, b, ..] = v4.octets();
    !(v4.is_loopback()
        || v4.is_private()
        || v4.is_link_local()
        || v4.is_unspecified()
        || v4.is_broadcast()
        || v4.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b))) // shared address space
}

pub struct Client {
    agent: ureq::Agent,
    config: ExternalConfig,
}

/// One answer: status and `Location`, or why there is none.
enum Answer {
    Status(u16, Option<String>, Option<Duration>),
    Failed(Outcome),
}

impl Client {
    pub fn new(config: &ExternalConfig) -> Client {
        let agent_config = ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs_f64(config.connect_timeout)))
            .timeout_global(Some(Duration::from_secs_f64(config.timeout)))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(format!(
                "cuaderno/{} (link checker; +https://github.com/cuaderno)",
                env!("CARGO_PKG_VERSION")
            ))
            .build();
        let resolver = Guarded {
            inner: DefaultResolver::default(),
            allow_private: config.allow_private,
        };
        Client {
            agent: ureq::Agent::with_parts(agent_config, DefaultConnector::default(), resolver),
            config: config.clone(),
        }
    }

    /// Follows `url` to its end and says what it found; `requests` counts what was sent.
    pub fn check(&self, url: &Prepared, requests: &mut usize) -> Outcome {
        let mut current = url.request.clone();
        let mut seen = HashSet::new();
        let mut permanent = true;
        let mut hops = 0;
        loop {
            if !seen.insert(current.clone()) {
                return Outcome::Invalid(format!("redirect loop back to `{current}`"));
            }
            let (status, location) = match self.request(&current, &url.host, requests) {
                Answer::Status(status, location, _) => (status, location),
                Answer::Failed(outcome) => return outcome,
            };
            let Some(location) = location.filter(|_| (300..400).contains(&status)) else {
                return self.classify(status, url, &current, hops > 0 && permanent);
            };
            hops += 1;
            if hops > self.config.max_redirects {
                return Outcome::Invalid(format!(
                    "more than {} redirects",
                    self.config.max_redirects
                ));
            }
            permanent &= status == 301 || status == 308;
            let next = join(&current, &location);
            if !(next.starts_with("http://") || next.starts_with("https://")) {
                let scheme = next.split(':').next().unwrap_or("");
                return Outcome::Invalid(format!("redirects to a `{scheme}:` address"));
            }
            current = next;
        }
    }

    /// The `id` and `name` values of the HTML page at `url` (read up to 4 MiB); `None` when it
    /// is not HTML or cannot be read.
    pub fn anchors(&self, url: &str, requests: &mut usize) -> Option<HashSet<String>> {
        *requests += 1;
        let mut response = self.agent.get(url).call().ok()?;
        let html = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.contains("html"));
        if !html || !(200..300).contains(&response.status().as_u16()) {
            return None;
        }
        let text = response
            .body_mut()
            .with_config()
            .limit(4 << 20)
            .read_to_string()
            .ok()?;
        Some(super::url::anchors(&text))
    }

    fn classify(&self, status: u16, url: &Prepared, last: &str, permanent: bool) -> Outcome {
        if (200..300).contains(&status) || self.config.accept.contains(&status) {
            // `http://x` that lands on `https://x`: the same page, only upgraded.
            let upgraded = url
                .request
                .strip_prefix("http://")
                .is_some_and(|rest| last.strip_prefix("https://") == Some(rest));
            return if last != url.request && (permanent || upgraded) {
                Outcome::Moved {
                    to: last.to_string(),
                }
            } else {
                Outcome::Ok
            };
        }
        match status {
            404 | 410 => Outcome::Gone(status),
            401 | 403 => Outcome::Auth(status),
            _ => Outcome::Unreachable {
                reason: format!("HTTP {status}"),
                network: false,
            },
        }
    }

    /// One URL without redirects: `HEAD`, then `GET` if refused, retried when it may help.
    fn request(&self, url: &str, host: &str, requests: &mut usize) -> Answer {
        let mut attempt = 0;
        loop {
            let mut answer = self.send(url, host, false, requests);
            if let Answer::Status(400 | 403 | 405 | 501, ..) = answer {
                answer = self.send(url, host, true, requests);
            }
            let retry_after = match &answer {
                Answer::Status(429, _, after) => Some(*after),
                Answer::Status(s, ..) if *s >= 500 => Some(None),
                Answer::Failed(Outcome::Unreachable { reason, .. })
                    if reason.contains("timed out") =>
                {
                    Some(None)
                }
                _ => None,
            };
            let Some(after) = retry_after.filter(|_| attempt < self.config.retries) else {
                return match answer {
                    Answer::Status(429, ..) => Answer::Failed(Outcome::Unreachable {
                        reason: "HTTP 429 (too many requests) after every retry".into(),
                        network: false,
                    }),
                    other => other,
                };
            };
            let backoff = Duration::from_millis(500 << attempt.min(6));
            let wait = after.unwrap_or(backoff);
            std::thread::sleep(wait.min(Duration::from_secs_f64(self.config.max_retry_wait)));
            attempt += 1;
        }
    }

    fn send(&self, url: &str, host: &str, get: bool, requests: &mut usize) -> Answer {
        *requests += 1;
        let headers = self.config.hosts.get(host).map(|h| &h.headers);
        let result = if get {
            let mut req = self.agent.get(url);
            for (k, v) in headers.into_iter().flatten() {
                req = req.header(k, v);
            }
            req.call()
        } else {
            let mut req = self.agent.head(url);
            for (k, v) in headers.into_iter().flatten() {
                req = req.header(k, v);
            }
            req.call()
        };
        match result {
            Ok(response) => {
                let header = |name: &str| {
                    response
                        .headers()
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string)
                };
                let after = header("retry-after")
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs);
                // The body is never read: dropping the response closes the connection.
                Answer::Status(response.status().as_u16(), header("location"), after)
            }
            Err(e) => Answer::Failed(failure(&e)),
        }
    }
}

/// A request that got no answer, in words an editor can act on.
fn failure(e: &ureq::Error) -> Outcome {
    let unreachable = |reason: &str, network: bool| Outcome::Unreachable {
        reason: reason.to_string(),
        network,
    };
    match e {
        ureq::Error::Io(io) if io.to_string().contains(PRIVATE) => Outcome::Private,
        ureq::Error::Io(io) if io.get_ref().is_some_and(|e| e.is::<rustls::Error>()) => {
            let inner = io.get_ref().map(ToString::to_string).unwrap_or_default();
            unreachable(&format!("TLS: {inner}"), false)
        }
        ureq::Error::Timeout(_) => unreachable("timed out", false),
        ureq::Error::HostNotFound => unreachable("host not found (DNS)", true),
        ureq::Error::ConnectionFailed => unreachable("connection failed", true),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            unreachable("connection refused", true)
        }
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            unreachable("timed out", false)
        }
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => unreachable(&format!("TLS: {e}"), false),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => {
            Outcome::Invalid(format!("not a URL a request can be made to: {e}"))
        }
        other => unreachable(&other.to_string(), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_public_addresses_are_told_apart() {
        let public = |s: &str| is_public(&s.parse().expect("address"));
        assert!(!public("127.0.0.1:80"));
        assert!(!public("169.254.169.254:80"), "cloud metadata");
        assert!(!public("10.1.2.3:443") && !public("192.168.0.1:80") && !public("172.16.0.1:80"));
        assert!(!public("100.64.0.1:80") && !public("0.0.0.0:80"));
        assert!(!public("[::1]:80") && !public("[fe80::1]:80") && !public("[fd00::1]:80"));
        assert!(!public("[::ffff:127.0.0.1]:80"));
        assert!(public("93.184.216.34:443") && public("[2606:4700::1111]:443"));
    }
}
