//! One external URL fetched: HEAD (GET when HEAD is refused), redirects followed by hand so
//! a permanent one can be told apart, one retry for 429 and 503.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Redirects followed before giving up.
const MAX_HOPS: usize = 10;
/// The longest `Retry-After` honoured before the one retry.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(10);
/// The wait before the retry when the server does not say.
const DEFAULT_BACKOFF: Duration = Duration::from_secs(1);

/// What fetching a URL found; kept in the cache.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub(super) enum Outcome {
    /// It answered with a success, perhaps after temporary redirects.
    Ok,
    /// It answered after a permanent redirect (301, 308) to `to`.
    Moved {
        /// Where the redirects ended.
        to: String,
    },
    /// It did not answer, or answered with an error.
    Broken {
        /// The status (`HTTP 404`) or the failure (`timed out`).
        reason: String,
    },
}

/// An HTTP client for link checks: no automatic redirects, statuses as values.
pub(super) fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(timeout))
        .user_agent(concat!(
            "Pigment/",
            env!("CARGO_PKG_VERSION"),
            " (link check)"
        ))
        .build()
        .into()
}

/// Fetches `url`, following redirects.
pub(super) fn fetch(agent: &ureq::Agent, url: &str) -> Outcome {
    let mut current = url.to_string();
    let mut permanent = false;
    for _ in 0..MAX_HOPS {
        let (status, location) = match request(agent, &current) {
            Ok(answer) => answer,
            Err(reason) => return Outcome::Broken { reason },
        };
        match (status, location) {
            (301 | 302 | 303 | 307 | 308, Some(location)) => {
                permanent |= matches!(status, 301 | 308);
                current = join(&current, &location);
            }
            (200..=299, _) if permanent => return Outcome::Moved { to: current },
            (200..=299, _) => return Outcome::Ok,
            (status, _) => {
                return Outcome::Broken {
                    reason: format!("HTTP {status}"),
                }
            }
        }
    }
    Outcome::Broken {
        reason: format!("more than {MAX_HOPS} redirects"),
    }
}

/// One request with its retry: the status and the `Location` header.
fn request(agent: &ureq::Agent, url: &str) -> Result<(u16, Option<String>), String> {
    let first = head_or_get(agent, url)?;
    if !matches!(first.0, 429 | 503) {
        return Ok((first.0, first.1));
    }
    std::thread::sleep(first.2.unwrap_or(DEFAULT_BACKOFF).min(MAX_RETRY_AFTER));
    head_or_get(agent, url).map(|(s, l, _)| (s, l))
}

/// HEAD, or GET when the server refuses HEAD (405, 501): status, `Location`, `Retry-After`.
fn head_or_get(
    agent: &ureq::Agent,
    url: &str,
) -> Result<(u16, Option<String>, Option<Duration>), String> {
    let answer = send(agent.head(url).call())?;
    if matches!(answer.0, 405 | 501) {
        return send(agent.get(url).call());
    }
    Ok(answer)
}

fn send(
    result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<(u16, Option<String>, Option<Duration>), String> {
    let response = result.map_err(|e| failure(&e))?;
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let retry_after = header("retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_secs);
    Ok((response.status().as_u16(), header("location"), retry_after))
}

/// A failure in the words a writer knows.
fn failure(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out".to_string(),
        ureq::Error::HostNotFound => "host not found (DNS)".to_string(),
        ureq::Error::ConnectionFailed => "connection failed".to_string(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".to_string()
        }
        ureq::Error::Io(io) if io.to_string().contains("lookup address") => {
            "host not found (DNS)".to_string()
        }
        ureq::Error::Io(io) => format!("connection failed ({io})"),
        ureq::Error::Tls(t) => format!("TLS failed ({t})"),
        other => other.to_string(),
    }
}

/// `location` read against `base`: absolute, scheme-relative (`//host/x`), site-absolute
/// (`/x`) or relative (`x`).
fn join(base: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_string();
    }
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    if let Some(rest) = location.strip_prefix("//") {
        return format!("{}{rest}", &base[..scheme_end]);
    }
    let origin_end = base[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(base.len(), |i| scheme_end + i);
    if location.starts_with('/') {
        return format!("{}{location}", &base[..origin_end]);
    }
    let path = base[origin_end..].split(['?', '#']).next().unwrap_or("");
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{}{dir}{location}", &base[..origin_end])
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn locations_join_their_base() {
        let base = "https://a.org/x/y?q=1";
        assert_eq!(join(base, "https://b.org/"), "https://b.org/");
        assert_eq!(join(base, "//c.org/z"), "https://c.org/z");
        assert_eq!(join(base, "/z"), "https://a.org/z");
        assert_eq!(join(base, "z"), "https://a.org/x/z");
        assert_eq!(join("http://a.org", "z"), "http://a.org/z");
    }
}
