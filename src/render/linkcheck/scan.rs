//! A light scanner for the attributes of an HTML page that name URLs (`href`, `src`,
//! `srcset`, `action`) and the `id`s others may link to. It reads tags only: no tree, no
//! text, nothing inside `<script>`, `<style>` or comments.

/// What one HTML file links to and what it can be linked to by.
#[derive(Debug, Default, Clone)]
pub(super) struct Scanned {
    /// Every URL of every linking attribute, entities decoded, sorted, each once.
    pub(super) urls: Vec<String>,
    /// Every `id` (and `<a name>`), entities decoded.
    pub(super) ids: std::collections::HashSet<String>,
}

/// Scans one HTML file.
pub(super) fn scan(html: &str) -> Scanned {
    let mut out = Scanned::default();
    scan_tags(html, &mut out);
    // A URL written twice on a page is checked once.
    out.urls.sort_unstable();
    out.urls.dedup();
    out.urls.shrink_to_fit();
    out
}

/// Reads every tag of `rest` into `out`.
fn scan_tags(html: &str, out: &mut Scanned) {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if name_len == 0 {
            continue;
        }
        let name = &rest[..name_len];
        rest = tag_attributes(&rest[name_len..], name, out);
        for raw in ["script", "style"] {
            if name.eq_ignore_ascii_case(raw) {
                let close = if raw == "script" {
                    "</script"
                } else {
                    "</style"
                };
                rest = find_ignore_case(rest, close).map_or("", |e| &rest[e..]);
            }
        }
    }
}

/// Reads the attributes of tag `tag` from `rest` (just after its name) into `out`; returns
/// what follows the tag.
fn tag_attributes<'a>(mut rest: &'a str, tag: &str, out: &mut Scanned) -> &'a str {
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return rest;
        }
        if let Some(after) = rest.strip_prefix('>') {
            return after;
        }
        let name_len = rest
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(rest.len())
            .max(1);
        let name = &rest[..name_len];
        rest = rest[name_len..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            continue;
        };
        let (value, after) = attribute_value(after.trim_start());
        rest = after;
        note(tag, name, value, out);
    }
}

/// The value at the start of `s` (quoted or not) and what follows it.
fn attribute_value(s: &str) -> (&str, &str) {
    match s.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let body = &s[1..];
            match body.find(q) {
                Some(e) => (&body[..e], &body[e + 1..]),
                None => (body, ""),
            }
        }
        _ => {
            let e = s
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(s.len());
            (&s[..e], &s[e..])
        }
    }
}

/// Keeps attribute `name` of tag `tag` when it names a URL or an id (`value` as written,
/// entities decoded here).
fn note(tag: &str, name: &str, value: &str, out: &mut Scanned) {
    let is = |n: &str| name.eq_ignore_ascii_case(n);
    let decoded = || crate::text::decode_entities(value).into_owned();
    if is("id") || (is("name") && tag.eq_ignore_ascii_case("a")) {
        out.ids.insert(decoded());
    } else if (is("href") && !tag.eq_ignore_ascii_case("base")) || is("src") || is("action") {
        out.urls.push(decoded());
    } else if is("srcset") {
        let value = crate::text::decode_entities(value);
        out.urls.extend(srcset_urls(&value).map(str::to_string));
    }
}

/// The URLs of a `srcset` (`a.jpg 480w, b.jpg 800w`).
pub(super) fn srcset_urls(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(',')
        .filter_map(|candidate| candidate.split_ascii_whitespace().next())
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    (0..h.len().saturating_sub(n.len()) + 1)
        .find(|&i| h.len() >= i + n.len() && h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_that_name_urls_and_ids_are_read() {
        let html = r#"<!DOCTYPE html><html><head><link rel="stylesheet" href="/style.css?v=1">
<script type="application/ld+json">{"url": "<a href='/no/'>"}</script><!-- <a href="/not/"> -->
</head><body id=top><a href='/a/?x=1&amp;y=2#part' class=x>a</a>
<img src="p.png" srcset="p-480.png 480w, p-800.png 800w" alt="">
<form action="/search/"><input name="q"></form><h2 id="part">P</h2><a name="old"></a></body>"#;
        let s = scan(html);
        assert_eq!(
            s.urls,
            [
                "/a/?x=1&y=2#part",
                "/search/",
                "/style.css?v=1",
                "p-480.png",
                "p-800.png",
                "p.png",
            ]
        );
        let mut ids: Vec<&str> = s.ids.iter().map(String::as_str).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["old", "part", "top"]);
    }

    #[test]
    fn broken_html_does_not_panic() {
        for html in [
            "<",
            "<a href=",
            "<a href=\"x",
            "<script>",
            "<!--",
            "<a &#xffffffff;>",
            "&#99999999;",
        ] {
            let _ = scan(html);
        }
    }
}
