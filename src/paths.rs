//! Where things go: the rules that turn a content path into a site URL and an output file.
//! Every stage asks here; no other module decides a URL.

/// The site path of a content file: `articles/recovery.md` → `/articles/recovery/`,
/// `articles/_index.md` → `/articles/`, `_index.md` → `/`.
pub(crate) fn site_path(content_path: &str, slug: Option<&str>) -> String {
    let (dir, file) = match content_path.rfind('/') {
        Some(i) => (&content_path[..i], &content_path[i + 1..]),
        None => ("", content_path),
    };
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let mut path = String::from("/");
    if !dir.is_empty() {
        path.push_str(dir);
        path.push('/');
    }
    if stem != "_index" {
        path.push_str(slug.unwrap_or(stem));
        path.push('/');
    }
    path
}

/// Checks an alias and returns the file it is written to (`old/page/index.html`), or
/// `None` when it is not a plain site path.
pub(crate) fn alias_output_path(alias: &str) -> Option<String> {
    if !alias.starts_with('/') || alias.contains("://") || alias.contains('\\') {
        return None;
    }
    let segments: Vec<&str> = alias.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty()
        || segments
            .iter()
            .any(|s| *s == "." || *s == ".." || s.contains(['?', '#', '%', '\0']))
    {
        return None;
    }
    let joined = segments.join("/");
    if alias.ends_with('/') || !joined.rsplit('/').next().is_some_and(|l| l.contains('.')) {
        Some(format!("{joined}/index.html"))
    } else {
        Some(joined)
    }
}

/// Site path of the search page.
pub(crate) const SEARCH_PAGE: &str = "/search/";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths() {
        assert_eq!(
            site_path("articles/recovery.md", None),
            "/articles/recovery/"
        );
        assert_eq!(
            site_path("articles/recovery.md", Some("after")),
            "/articles/after/"
        );
        assert_eq!(site_path("articles/_index.md", None), "/articles/");
        assert_eq!(site_path("_index.md", None), "/");
        assert_eq!(site_path("about.md", None), "/about/");
    }

    #[test]
    fn alias_output_paths() {
        assert_eq!(
            alias_output_path("/old/page/").as_deref(),
            Some("old/page/index.html")
        );
        assert_eq!(alias_output_path("/old.html").as_deref(), Some("old.html"));
        assert_eq!(alias_output_path("/../etc/"), None);
        assert_eq!(alias_output_path("old/"), None);
        assert_eq!(alias_output_path("https://x/"), None);
        assert_eq!(alias_output_path("/"), None);
    }
}
