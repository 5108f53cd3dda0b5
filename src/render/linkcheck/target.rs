//! Which written file a URL on a page goes to: root-relative (`/x/`, under the base path),
//! page-relative (`../x/`, `x.png`) or absolute on the site's own host; pretty URLs
//! (`/x/`, and `/x` as hosts serve it) go to `x/index.html`.

use std::collections::HashSet;

use crate::config::Config;

/// Where a URL into the site goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Into {
    /// A path inside the output folder (`articles/x/`, `img/a.png`, empty for the home
    /// page), percent-decoded, and the fragment.
    Path {
        /// The path, without a leading `/`.
        path: String,
        /// The `#fragment`, when there is one (possibly empty, for `#` alone).
        fragment: Option<String>,
    },
    /// On the site's host but outside its base path, or climbing above it.
    Outside,
}

/// What tells the site's own URLs from others: its origin and base path.
pub(super) struct SiteUrls {
    /// `https://clinic.example`, lowercase.
    origin: String,
    /// `/` or `/clinic/`.
    root: String,
}

impl SiteUrls {
    /// The URLs of the site `c` belongs to (its `static_path` is the site's own base path).
    pub(super) fn new(c: &Config) -> SiteUrls {
        let base = c.base_url.to_ascii_lowercase();
        let origin_end = base
            .find("://")
            .and_then(|i| base[i + 3..].find('/').map(|j| i + 3 + j))
            .unwrap_or(base.len());
        SiteUrls {
            origin: base[..origin_end].to_string(),
            root: c.static_path.clone(),
        }
    }

    /// Where `url`, written on the page at output path `from`, goes; `None` when it is not
    /// a URL into this site (another host, `mailto:`, empty).
    pub(super) fn resolve(&self, from: &str, url: &str) -> Option<Into> {
        let url = url.trim();
        if url.is_empty() {
            return None;
        }
        let (before, fragment) = match url.split_once('#') {
            Some((b, f)) => (b, Some(f.to_string())),
            None => (url, None),
        };
        let before = before.split('?').next().unwrap_or("");
        let from_dir = &from[..from.rfind('/').map_or(0, |i| i + 1)];
        let joined = if before.is_empty() {
            return Some(Into::Path {
                path: from.to_string(),
                fragment,
            });
        } else if let Some(rest) = self.on_this_host(before)? {
            self.under_root(rest)
        } else if before.starts_with('/') {
            self.under_root(before)
        } else {
            Some(format!("{from_dir}{before}"))
        };
        let path = joined.and_then(|p| normalize(&p));
        Some(match path {
            Some(path) => Into::Path { path, fragment },
            None => Into::Outside,
        })
    }

    /// For an absolute or protocol-relative URL, its path when it is on this site's host
    /// (`Some(Some(path))`) or `None` when it is another site's; `Some(None)` for a URL
    /// with no scheme or host.
    fn on_this_host<'u>(&self, url: &'u str) -> Option<Option<&'u str>> {
        let scheme_end = url.find(':').filter(|&i| {
            !url[..i].contains('/')
                && url[..i]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        });
        let host_part = match scheme_end {
            Some(i) if url[i + 1..].starts_with("//") => &url[i + 3..],
            Some(_) => return None,
            None => match url.strip_prefix("//") {
                Some(rest) => rest,
                None => return Some(None),
            },
        };
        let host = self.origin.split_once("://").map_or("", |(_, h)| h);
        let rest = host_part.get(host.len()..)?;
        let same = host_part[..host.len()].eq_ignore_ascii_case(host)
            && (rest.is_empty() || rest.starts_with('/'));
        if !same {
            return None;
        }
        Some(Some(if rest.is_empty() { "/" } else { rest }))
    }

    /// A root-relative path inside the output folder; `None` when it is not under the base
    /// path.
    fn under_root(&self, path: &str) -> Option<String> {
        if self.root.strip_suffix('/') == Some(path) {
            return Some(String::new());
        }
        path.strip_prefix(self.root.as_str()).map(str::to_string)
    }
}

/// `a/./b/../c/` → `a/c/`, percent-decoded; `None` when it climbs above the root.
fn normalize(path: &str) -> Option<String> {
    // Most URLs of a site are plain: nothing to decode and no `.`, `..` or empty segment.
    let plain = !path.contains('%')
        && !path.starts_with('/')
        && !path.starts_with('.')
        && !path.contains("//")
        && !path.contains("/.");
    if plain {
        return Some(path.to_string());
    }
    let decoded = crate::text::percent_decode(path).unwrap_or_else(|| path.to_string());
    let mut parts: Vec<&str> = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    let dir = decoded.ends_with('/') || decoded.ends_with("/.") || decoded.ends_with("/..");
    if dir && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// The written file `path` is served from, when there is one: `x/` and `x` (when no file
/// `x` exists) from `x/index.html`, the home page from `index.html`.
pub(super) fn written_file(path: &str, written: &HashSet<String>) -> Option<String> {
    if path.is_empty() || path.ends_with('/') {
        let index = format!("{path}index.html");
        return written.contains(&index).then_some(index);
    }
    if written.contains(path) {
        return Some(path.to_string());
    }
    let index = format!("{path}/index.html");
    written.contains(&index).then_some(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(root: &str) -> SiteUrls {
        SiteUrls {
            origin: "https://clinic.example".to_string(),
            root: root.to_string(),
        }
    }

    fn path(p: &str, f: Option<&str>) -> Option<Into> {
        Some(Into::Path {
            path: p.to_string(),
            fragment: f.map(str::to_string),
        })
    }

    #[test]
    fn every_form_of_internal_url_resolves() {
        let u = urls("/");
        let from = "articles/x/index.html";
        assert_eq!(u.resolve(from, "/about/team/"), path("about/team/", None));
        assert_eq!(
            u.resolve(from, "../y/#top"),
            path("articles/y/", Some("top"))
        );
        assert_eq!(
            u.resolve(from, "a%20b.png?v=2"),
            path("articles/x/a b.png", None)
        );
        assert_eq!(u.resolve(from, "#"), path(from, Some("")));
        assert_eq!(
            u.resolve(from, "HTTPS://Clinic.Example/book"),
            path("book", None)
        );
        assert_eq!(u.resolve(from, "https://clinic.example"), path("", None));
        assert_eq!(u.resolve(from, "//clinic.example/a/"), path("a/", None));
        assert_eq!(u.resolve(from, "../../../x"), Some(Into::Outside));
        assert_eq!(u.resolve(from, "https://clinic.example.org/"), None);
        assert_eq!(u.resolve(from, "mailto:a@b.c"), None);
        assert_eq!(
            u.resolve(from, "index.html"),
            path("articles/x/index.html", None)
        );
        let sub = urls("/clinic/");
        assert_eq!(sub.resolve("index.html", "/clinic/a/"), path("a/", None));
        assert_eq!(sub.resolve("index.html", "/clinic"), path("", None));
        assert_eq!(sub.resolve("index.html", "/a/"), Some(Into::Outside));
        assert_eq!(
            sub.resolve("index.html", "https://clinic.example/other/"),
            Some(Into::Outside)
        );
    }

    #[test]
    fn pretty_urls_find_their_index_file() {
        let written: HashSet<String> = ["index.html", "a/index.html", "b.png"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(written_file("", &written).as_deref(), Some("index.html"));
        assert_eq!(
            written_file("a/", &written).as_deref(),
            Some("a/index.html")
        );
        assert_eq!(written_file("a", &written).as_deref(), Some("a/index.html"));
        assert_eq!(written_file("b.png", &written).as_deref(), Some("b.png"));
        assert_eq!(written_file("c/", &written), None);
    }
}
