//! A light scanner for the attributes of an HTML page that name URLs (`href`, `src`,
//! `srcset`, `action`) and the `id`s others may link to. It reads tags only, byte by byte
//! from one `<` to the next: no tree, no text, nothing inside `<script>`, `<style>` or
//! comments, and it copies nothing it does not have to (a URL is borrowed from the page
//! unless it holds an entity).

use std::borrow::Cow;

use memchr::{memchr, memmem};

/// What one HTML file links to and what it can be linked to by.
#[derive(Debug, Default, Clone)]
pub(super) struct Scanned<'h> {
    /// Every URL of every linking attribute, entities decoded, in page order (a URL the
    /// page writes twice is here twice).
    pub(super) urls: Vec<Cow<'h, str>>,
    /// Every `id` (and `<a name>`), entities decoded.
    pub(super) ids: Ids,
}

/// The ids of a page, in one string: each followed by a NUL, which no id of a valid page
/// holds (ids hold no white space, and a decoded `&#0;` is U+FFFD).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Ids(String);

impl Ids {
    fn push(&mut self, id: &str) {
        self.0.push_str(id);
        self.0.push('\0');
    }

    /// True when the page has id `id`.
    pub(super) fn contains(&self, id: &str) -> bool {
        let b = self.0.as_bytes();
        memmem::find_iter(b, id.as_bytes())
            .any(|i| (i == 0 || b[i - 1] == 0) && b.get(i + id.len()) == Some(&0))
    }

    /// Every id, in page order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.split_terminator('\0')
    }

    /// The same ids, with no spare capacity.
    pub(super) fn shrunk(mut self) -> Ids {
        self.0.shrink_to_fit();
        self
    }
}

/// Scans one HTML file.
pub(super) fn scan(html: &[u8]) -> Scanned<'_> {
    let b = html;
    let mut out = Scanned::default();
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &b[i..]) {
        i += lt + 1;
        if b[i..].starts_with(b"!--") {
            i = memmem::find(&b[i + 3..], b"-->").map_or(b.len(), |e| i + 3 + e + 3);
            continue;
        }
        let name_len = b[i..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .unwrap_or(b.len() - i);
        if name_len == 0 {
            continue;
        }
        let name = &b[i..i + name_len];
        i = tag_attributes(html, i + name_len, name, &mut out);
        for (raw, close) in [(&b"script"[..], &b"</script"[..]), (b"style", b"</style")] {
            if name.eq_ignore_ascii_case(raw) {
                i = find_ignore_case(b, i, close).unwrap_or(b.len());
            }
        }
    }
    out
}

/// Reads the attributes of tag `tag` from byte `i` of `html` (just after its name) into
/// `out`; returns where the tag ends.
fn tag_attributes<'h>(html: &'h [u8], mut i: usize, tag: &[u8], out: &mut Scanned<'h>) -> usize {
    let b = html;
    let skip = |mut i: usize, what: fn(u8) -> bool| {
        while i < b.len() && what(b[i]) {
            i += 1;
        }
        i
    };
    loop {
        i = skip(i, |c| c.is_ascii_whitespace() || c == b'/');
        match b.get(i) {
            None => return i,
            Some(b'>') => return i + 1,
            Some(_) => {}
        }
        let start = i;
        i = skip(i, |c| {
            !(c.is_ascii_whitespace() || matches!(c, b'=' | b'>' | b'/'))
        });
        // A stray `=`, as an attribute of its own.
        i = i.max(start + 1);
        let name = &b[start..i];
        i = skip(i, |c| c.is_ascii_whitespace());
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i = skip(i + 1, |c| c.is_ascii_whitespace());
        let (value, next) = attribute_value(html, i);
        i = next;
        note(tag, name, value, out);
    }
}

/// The value at byte `i` of `html` (quoted or not) and where what follows it starts.
fn attribute_value(html: &[u8], i: usize) -> (&[u8], usize) {
    let b = html;
    match b.get(i) {
        Some(&q @ (b'"' | b'\'')) => match memchr(q, &b[i + 1..]) {
            Some(e) => (&html[i + 1..i + 1 + e], i + 2 + e),
            None => (&html[i + 1..], b.len()),
        },
        _ => {
            let e = b[i..]
                .iter()
                .position(|c| c.is_ascii_whitespace() || *c == b'>')
                .map_or(b.len(), |e| i + e);
            (&html[i..e], e)
        }
    }
}

/// Keeps attribute `name` of tag `tag` when it names a URL or an id (`value` as written,
/// entities decoded here). Only the values kept are read as UTF-8: the page as a whole is
/// never validated again (the render stage wrote it from text).
fn note<'h>(tag: &[u8], name: &[u8], value: &'h [u8], out: &mut Scanned<'h>) {
    let is = |n: &[u8]| name.eq_ignore_ascii_case(n);
    let decoded = || match String::from_utf8_lossy(value) {
        Cow::Borrowed(v) => crate::text::decode_entities(v),
        Cow::Owned(v) => Cow::Owned(crate::text::decode_entities(&v).into_owned()),
    };
    if is(b"id") || (is(b"name") && tag.eq_ignore_ascii_case(b"a")) {
        out.ids.push(&decoded());
    } else if (is(b"href") && !tag.eq_ignore_ascii_case(b"base")) || is(b"src") || is(b"action") {
        out.urls.push(decoded());
    } else if is(b"srcset") {
        match decoded() {
            Cow::Borrowed(v) => out.urls.extend(srcset_urls(v).map(Cow::Borrowed)),
            Cow::Owned(v) => out
                .urls
                .extend(srcset_urls(&v).map(|u| Cow::Owned(u.to_string()))),
        }
    }
}

/// The URLs of a `srcset` (`a.jpg 480w, b.jpg 800w`).
pub(super) fn srcset_urls(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(',')
        .filter_map(|candidate| candidate.split_ascii_whitespace().next())
}

/// Where `needle` (ASCII, starting with `<`) first appears in `haystack` from byte `from`,
/// in any case.
fn find_ignore_case(haystack: &[u8], mut from: usize, needle: &[u8]) -> Option<usize> {
    while let Some(lt) = memchr(needle[0], &haystack[from..]) {
        let at = from + lt;
        if haystack[at..]
            .get(..needle.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(needle))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
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
        let s = scan(html.as_bytes());
        let mut urls: Vec<&str> = s.urls.iter().map(|u| &**u).collect();
        urls.sort_unstable();
        urls.dedup();
        assert_eq!(
            urls,
            [
                "/a/?x=1&y=2#part",
                "/search/",
                "/style.css?v=1",
                "p-480.png",
                "p-800.png",
                "p.png",
            ]
        );
        let ids: Vec<&str> = s.ids.iter().collect();
        assert_eq!(ids, ["top", "part", "old"]);
        assert!(s.ids.contains("part") && !s.ids.contains("par"));
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
            let _ = scan(html.as_bytes());
        }
    }
}
