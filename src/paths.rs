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

/// The language a content file's name gives, and the path of the page it translates:
/// `articles/recovery.ur.md` → (`articles/recovery.md`, `ur`). A name without a language
/// (`recovery.md`) gives `None`. A segment counts as a language when it is a two-letter
/// code, a code with a region (`ur-PK`), or one of `known` (the site's own codes).
pub(crate) fn split_language<'a>(
    content_path: &'a str,
    known: &[&str],
) -> Option<(String, &'a str)> {
    let stem = content_path.strip_suffix(".md")?;
    let dot = stem.rfind('.')?;
    let code = &stem[dot + 1..];
    let name_start = stem.rfind('/').map_or(0, |i| i + 1);
    if dot <= name_start || !looks_like_language(code, known) {
        return None;
    }
    Some((format!("{}.md", &stem[..dot]), code))
}

/// True for `ur`, `en-GB`, or a code the site names.
fn looks_like_language(code: &str, known: &[&str]) -> bool {
    if known.iter().any(|k| k.eq_ignore_ascii_case(code)) {
        return true;
    }
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or("");
    let letters = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic())
    };
    match (parts.next(), parts.next()) {
        (None, _) => letters(primary, 2..=2),
        (Some(region), None) => {
            letters(primary, 2..=3) && (letters(region, 2..=2) || letters(region, 4..=4))
        }
        _ => false,
    }
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

/// The site path of a picture named in front matter by the page at `content_path`: a site
/// path (`/img/a.jpg`) as written, a relative one (`a.jpg` next to `articles/x.md`) under
/// the page's folder (`/articles/a.jpg`). `None` for what is neither (an address on another
/// site, `..`, a query).
pub(crate) fn image_site_path(content_path: &str, src: &str) -> Option<String> {
    let refused = src.is_empty()
        || src.contains("://")
        || src.starts_with("//")
        || src.contains(['\\', '?', '#', '\0', ':'])
        || src.split('/').any(|s| s == "..");
    if refused {
        return None;
    }
    if src.starts_with('/') {
        return Some(src.to_string());
    }
    let dir = content_path.rfind('/').map_or("", |i| &content_path[..=i]);
    Some(format!("/{dir}{}", src.trim_start_matches("./")))
}

/// The file a picture named in front matter is read from, relative to the site root:
/// `/img/a.jpg` → `static/img/a.jpg`, `a.jpg` beside `articles/x.md` →
/// `content/articles/a.jpg`.
pub(crate) fn image_file(content_path: &str, src: &str) -> Option<std::path::PathBuf> {
    let site_path = image_site_path(content_path, src)?;
    let top = if src.starts_with('/') {
        "static"
    } else {
        "content"
    };
    Some(std::path::Path::new(top).join(site_path.trim_start_matches('/')))
}

/// Site path of the before/after results page.
pub(crate) const RESULTS_PAGE: &str = "/results/";

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
    fn languages_from_file_names() {
        let split = |p| split_language(p, &["en", "ur"]);
        assert_eq!(
            split("articles/recovery.ur.md"),
            Some(("articles/recovery.md".to_string(), "ur"))
        );
        assert_eq!(split("_index.ur.md"), Some(("_index.md".to_string(), "ur")));
        assert_eq!(split("faq/x.UR.md"), Some(("faq/x.md".to_string(), "UR")));
        assert_eq!(split("a.fr.md"), Some(("a.md".to_string(), "fr")));
        assert_eq!(split("a.ur-PK.md"), Some(("a.md".to_string(), "ur-PK")));
        assert_eq!(split("articles/recovery.md"), None);
        assert_eq!(split("notes.old.md"), None);
        assert_eq!(split("v1.2.md"), None);
        assert_eq!(split("dir.ur/page.md"), None);
        assert_eq!(split(".ur.md"), None);
    }

    #[test]
    fn image_paths() {
        let site = |src| image_site_path("articles/recovery.md", src);
        assert_eq!(site("/img/a.jpg").as_deref(), Some("/img/a.jpg"));
        assert_eq!(site("a.jpg").as_deref(), Some("/articles/a.jpg"));
        assert_eq!(site("./a.jpg").as_deref(), Some("/articles/a.jpg"));
        assert_eq!(site("https://x/a.jpg"), None);
        assert_eq!(site("../a.jpg"), None);
        assert_eq!(site(""), None);
        let file = |src| image_file("articles/recovery.md", src);
        assert_eq!(
            file("/img/a.jpg"),
            Some(std::path::PathBuf::from("static/img/a.jpg"))
        );
        assert_eq!(
            file("a.jpg"),
            Some(std::path::PathBuf::from("content/articles/a.jpg"))
        );
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
