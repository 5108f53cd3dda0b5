//! Answering requests from the in-memory site: pretty URLs, content types, the site's 404
//! page, the live-reload event stream, and refusal of any path that tries to leave the site.

use std::convert::Infallible;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use tokio::sync::broadcast;

use crate::dev::incremental::SiteFiles;
use crate::text::percent_decode;

/// The path of the live-reload event stream.
pub const EVENTS_PATH: &str = "/__pigment/events";

/// What the event stream tells open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// A rebuild changed the site: reload.
    Reload,
    /// A rebuild failed: show this text over the page.
    Error(String),
}

/// What the server shares with the rebuild thread.
pub struct Shared {
    /// The last good site.
    pub site: RwLock<Arc<SiteFiles>>,
    /// The error of the last build, while it is not fixed.
    pub error: RwLock<Option<String>>,
    /// Messages to every open page.
    pub events: broadcast::Sender<Message>,
}

impl Shared {
    /// Shared state serving `site`.
    pub fn new(site: Arc<SiteFiles>) -> Arc<Shared> {
        let (events, _) = broadcast::channel(64);
        Arc::new(Shared {
            site: RwLock::new(site),
            error: RwLock::new(None),
            events,
        })
    }

    /// Serves `site` from now on and tells open pages to reload.
    pub fn publish(&self, site: Arc<SiteFiles>) {
        *self.site.write().unwrap_or_else(PoisonError::into_inner) = site;
        *self.error.write().unwrap_or_else(PoisonError::into_inner) = None;
        let _ = self.events.send(Message::Reload);
    }

    /// Keeps the last good site and shows `text` over open pages.
    pub fn fail(&self, text: String) {
        *self.error.write().unwrap_or_else(PoisonError::into_inner) = Some(text.clone());
        let _ = self.events.send(Message::Error(text));
    }

    /// Clears a shown error without a new site (the fix changed no output).
    pub fn clear_error(&self) {
        let was = self
            .error
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if was.is_some() {
            let _ = self.events.send(Message::Reload);
        }
    }
}

/// The script added to every served HTML page: reload on `reload`, overlay on `error`.
const LIVE_RELOAD: &str = include_str!("live-reload.html");

/// Answers one request.
pub async fn handle(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET and HEAD are served\n",
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    if uri.path() == EVENTS_PATH {
        return events(&shared).into_response();
    }
    let Some(path) = site_path(uri.path()) else {
        return plain(StatusCode::BAD_REQUEST, "bad path\n");
    };
    let site = shared
        .site
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let wants_dir = path.is_empty() || uri.path().ends_with('/');
    let file = if wants_dir {
        format!("{path}{}index.html", if path.is_empty() { "" } else { "/" })
    } else {
        path.clone()
    };
    if let Some(bytes) = file_bytes(&site, &file).await {
        return file_response(StatusCode::OK, &file, bytes);
    }
    // `/articles/recovery` → `/articles/recovery/`, as static hosts do.
    if !wants_dir && site.contains(&format!("{path}/index.html")) {
        let mut to = format!("{}/", normalised(uri.path()));
        if let Some(q) = uri.query() {
            to = format!("{to}?{q}");
        }
        return Response::builder()
            .status(StatusCode::MOVED_PERMANENTLY)
            .header(header::LOCATION, to)
            .body(Body::empty())
            .unwrap_or_else(|_| plain(StatusCode::INTERNAL_SERVER_ERROR, "redirect failed\n"));
    }
    let page = file_bytes(&site, "404.html").await.unwrap_or_else(|| {
        Arc::from(&b"<!DOCTYPE html><title>Not found</title><p>Not found.</p>"[..])
    });
    file_response(StatusCode::NOT_FOUND, "404.html", page)
}

/// The bytes of a file of the site. Files are in memory; one made on first request (the
/// search index after a quick edit) is waited for on a blocking thread, never on the
/// threads that answer every other request.
async fn file_bytes(site: &Arc<SiteFiles>, path: &str) -> Option<Arc<[u8]>> {
    if site.is_ready(path) {
        return site.get(path);
    }
    let (site, path) = (site.clone(), path.to_string());
    tokio::task::spawn_blocking(move || site.get(&path))
        .await
        .ok()
        .flatten()
}

/// The request path with repeated slashes collapsed (`//a//b` → `/a/b`), so that a
/// redirect never starts with `//`, which a browser reads as another host.
fn normalised(raw: &str) -> String {
    let parts: Vec<&str> = raw.split('/').filter(|s| !s.is_empty()).collect();
    format!("/{}", parts.join("/"))
}

/// The request path as a path inside the site (`articles/recovery`), or `None` when it
/// could point outside it: `.` or `..` segments (also percent-encoded), encoded slashes,
/// backslashes, NUL, or a drive letter.
pub fn site_path(raw: &str) -> Option<String> {
    let mut parts = Vec::new();
    for seg in raw.split('/') {
        if seg.is_empty() {
            continue;
        }
        let decoded = percent_decode(seg)?;
        if decoded == "."
            || decoded == ".."
            || decoded.contains(['/', '\\', '\0', ':'])
            || decoded.chars().any(char::is_control)
        {
            return None;
        }
        parts.push(decoded);
    }
    Some(parts.join("/"))
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

fn file_response(status: StatusCode, path: &str, bytes: Arc<[u8]>) -> Response {
    let ctype = content_type(path);
    let body = if ctype.starts_with("text/html") {
        Body::from(inject(&bytes))
    } else {
        // Shares the site's bytes: no copy per request.
        Body::from(Bytes::from_owner(bytes))
    };
    let mut r = Response::new(body);
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// The page with the live-reload script before `</body>` (or at the end).
pub fn inject(html: &[u8]) -> Vec<u8> {
    let at = find_last_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + LIVE_RELOAD.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(LIVE_RELOAD.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=hay.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The content type of an output file, by extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => {
            if path.ends_with("atom.xml") {
                "application/atom+xml"
            } else {
                "application/xml"
            }
        }
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// The event stream: the current error (if any) at once, then every message.
fn events(shared: &Shared) -> impl IntoResponse {
    let rx = shared.events.subscribe();
    let first = shared
        .error
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
        .map(Message::Error);
    let stream = futures_util::stream::unfold((first, rx), |(first, mut rx)| async move {
        let msg = match first {
            Some(m) => m,
            None => match rx.recv().await {
                Ok(m) => m,
                // A slow page missed messages; a reload catches it up.
                Err(broadcast::error::RecvError::Lagged(_)) => Message::Reload,
                Err(broadcast::error::RecvError::Closed) => return None,
            },
        };
        let event = match msg {
            Message::Reload => Event::default().event("reload").data("1"),
            Message::Error(text) => Event::default()
                .event("build-error")
                .data(serde_json::to_string(&text).unwrap_or_else(|_| "\"build failed\"".into())),
        };
        Some((Ok::<_, Infallible>(event), (None, rx)))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/b",
            "/%2E%2E/x",
            "/a/..%2f..%2fetc",
            "/a%5c..%5cb",
            "/c:/windows",
            "/a/%00",
            "/%zz",
            "/./a",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
        assert_eq!(site_path("/").as_deref(), Some(""));
        assert_eq!(
            site_path("/articles/recovery/").as_deref(),
            Some("articles/recovery")
        );
        assert_eq!(site_path("//etc/passwd").as_deref(), Some("etc/passwd"));
        assert_eq!(site_path("/caf%C3%A9/").as_deref(), Some("café"));
    }

    #[test]
    fn redirect_paths_never_start_with_two_slashes() {
        assert_eq!(normalised("//articles/recovery"), "/articles/recovery");
        assert_eq!(normalised("/a//b///c"), "/a/b/c");
        assert_eq!(normalised("/caf%C3%A9"), "/caf%C3%A9");
    }

    #[test]
    fn snippet_goes_before_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></BODY></html>")).unwrap();
        assert!(out.contains("<p>x</p><script"), "{out}");
        assert!(out.ends_with("</BODY></html>"));
        assert!(String::from_utf8(inject(b"<p>x</p>"))
            .unwrap()
            .ends_with("</script>\n"));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("atom.xml"), "application/atom+xml");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("style.1234.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
