//! Page-relative URLs, for a site opened from disk (`build --relative`): every root path of
//! the site (`/faq/`, `/style.css`) in an HTML file's attributes (`href`, `src`, each URL of
//! a `srcset`, `action`, `data-*`, inline CSS) and in a stylesheet's `url(…)` becomes a path
//! from the file itself (`../faq/index.html`). A folder URL names its `index.html`, since
//! `file://` does not open it. Absolute URLs (canonical, `og:url`, hreflang, feed links),
//! the text of scripts and URLs outside the site stay as they are, and a canonical or
//! alternate link written as a root path (an alias redirect's) becomes absolute.

use super::OutputFile;
use crate::config::Config;

/// Where the site's files are: its own path and its origin.
#[derive(Debug, Clone)]
pub(crate) struct SitePlace {
    /// The site's own path (`/` or `/clinic/`), which the output folder holds.
    pub(crate) path: String,
    /// `https://user.github.io` for a `base_url` of `https://user.github.io/clinic`.
    pub(crate) origin: String,
}

impl SitePlace {
    /// The place of the site `c` is a language of.
    pub(crate) fn of(c: &Config) -> SitePlace {
        let root = c.permalink("");
        let origin = root.strip_suffix(c.base_path.as_str()).unwrap_or(&root);
        SitePlace {
            path: c.static_path.clone(),
            origin: origin.to_string(),
        }
    }
}

/// Makes the root paths in `f` relative to where `f` is, when it is an HTML or CSS file.
pub(crate) fn relative_file(site: &SitePlace, f: &mut OutputFile) {
    let css = f.path.ends_with(".css");
    if !css && !f.path.ends_with(".html") {
        return;
    }
    let Ok(text) = std::str::from_utf8(&f.bytes) else {
        return;
    };
    let from = Relative {
        site,
        file: &f.path,
    };
    let out = if css { from.css(text) } else { from.html(text) };
    f.bytes = out.into_bytes();
}

/// Where URLs are made relative from: a file of the output folder.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Relative<'a> {
    /// Where the site is.
    pub(crate) site: &'a SitePlace,
    /// The file's path in the output folder (`ur/faq/index.html`).
    pub(crate) file: &'a str,
}

impl Relative<'_> {
    /// `url` as a path from the file, when it is a root path inside the site:
    /// `/faq/#pain` from `articles/a/index.html` is `../../faq/index.html#pain`.
    pub(crate) fn url(&self, url: &str) -> Option<String> {
        if !url.starts_with('/') || url.starts_with("//") {
            return None;
        }
        let (path, suffix) = url.split_at(url.find(['?', '#']).unwrap_or(url.len()));
        let site_path = self.site.path.as_str();
        let inside = if path == site_path.trim_end_matches('/') {
            ""
        } else {
            path.strip_prefix(site_path)?
        };
        let mut to: Vec<&str> = inside.split('/').collect();
        if to.last().is_some_and(|name| name.is_empty()) {
            to.pop();
            to.push("index.html");
        }
        let mut from: Vec<&str> = self.file.split('/').collect();
        from.pop();
        let same = from
            .iter()
            .zip(&to[..to.len() - 1])
            .take_while(|(a, b)| a == b)
            .count();
        let mut out = "../".repeat(from.len() - same);
        out.push_str(&to[same..].join("/"));
        out.push_str(suffix);
        Some(out)
    }

    /// `value` with each URL of a `srcset` (`/a.png 1x, /b.png 2x`) made relative.
    fn srcset(&self, value: &str) -> String {
        value
            .split(',')
            .map(|candidate| {
                let start = candidate.len() - candidate.trim_start().len();
                let url_end = candidate[start..]
                    .find(|c: char| c.is_ascii_whitespace())
                    .map_or(candidate.len(), |i| start + i);
                match self.url(&candidate[start..url_end]) {
                    Some(u) => format!("{}{u}{}", &candidate[..start], &candidate[url_end..]),
                    None => candidate.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    /// `css` with the root paths of its `url(…)`s made relative.
    pub(crate) fn css(&self, css: &str) -> String {
        let mut out = String::with_capacity(css.len() + 64);
        let mut rest = css;
        while let Some(i) = rest.find("url(") {
            let (before, after) = rest.split_at(i + 4);
            out.push_str(before);
            let start = after.len() - after.trim_start().len();
            let quote = after[start..]
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\''));
            let from = start + quote.map_or(0, char::len_utf8);
            let end = match quote {
                Some(q) => after[from..].find(q),
                None => after[from..].find(|c: char| c == ')' || c.is_ascii_whitespace()),
            }
            .map_or(after.len(), |e| from + e);
            out.push_str(&after[..from]);
            let url = &after[from..end];
            out.push_str(self.url(url).as_deref().unwrap_or(url));
            rest = &after[end..];
        }
        out.push_str(rest);
        out
    }

    /// `html` with the root paths of its tags' attributes made relative; comments and the
    /// text of `<script>` elements are left alone, that of `<style>` elements is CSS.
    pub(crate) fn html(&self, html: &str) -> String {
        let mut out = String::with_capacity(html.len() + html.len() / 8);
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            if let Some(comment) = rest.strip_prefix("<!--") {
                let end = comment.find("-->").map_or(rest.len(), |e| 4 + e + 3);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
                continue;
            }
            let name_len = rest[1..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len() - 1);
            if name_len == 0 {
                out.push('<');
                rest = &rest[1..];
                continue;
            }
            let name = rest[1..1 + name_len].to_ascii_lowercase();
            let tag = Tag::parse(&rest[1 + name_len..]);
            out.push('<');
            out.push_str(&rest[1..1 + name_len]);
            let after = &rest[1 + name_len + tag.len..];
            out.push_str(&self.tag(&name, &tag, &rest[1 + name_len..1 + name_len + tag.len]));
            rest = after;
            if name == "script" || name == "style" {
                let end = find_ascii_ci(rest, &format!("</{name}")).unwrap_or(rest.len());
                let text = &rest[..end];
                if name == "style" {
                    out.push_str(&self.css(text));
                } else {
                    out.push_str(text);
                }
                rest = &rest[end..];
            }
        }
        out.push_str(rest);
        out
    }

    /// A tag's attributes (`attrs`, everything after its name up to and with its `>`) with
    /// their root paths made relative. A `<link rel="canonical">` or `rel="alternate"`
    /// names a public address, so its root path is made absolute instead.
    fn tag(&self, name: &str, tag: &Tag, attrs: &str) -> String {
        let rel = tag.value_of(attrs, "rel").unwrap_or_default();
        let public = name == "link"
            && rel
                .split_ascii_whitespace()
                .any(|r| r == "canonical" || r == "alternate");
        let refresh = name == "meta"
            && tag
                .value_of(attrs, "http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("refresh"));
        let mut out = String::with_capacity(attrs.len() + 32);
        let mut at = 0;
        for a in &tag.attrs {
            let Some((start, end)) = a.value else {
                continue;
            };
            let value = &attrs[start..end];
            let new = match attrs[a.name.0..a.name.1].to_ascii_lowercase().as_str() {
                "srcset" | "imagesrcset" => Some(self.srcset(value)),
                "style" => Some(self.css(value)),
                "content" if refresh => self.refresh(value),
                "href" if public => self.absolute(value),
                "href" | "src" | "action" | "formaction" | "poster" | "cite" | "data" => {
                    self.url(value)
                }
                n if n.starts_with("data-") => self.url(value),
                _ => None,
            };
            if let Some(new) = new {
                out.push_str(&attrs[at..start]);
                out.push_str(&new);
                at = end;
            }
        }
        out.push_str(&attrs[at..]);
        out
    }

    /// `url` as an absolute URL, when it is a root path.
    fn absolute(&self, url: &str) -> Option<String> {
        (url.starts_with('/') && !url.starts_with("//"))
            .then(|| format!("{}{url}", self.site.origin))
    }

    /// A `<meta http-equiv="refresh">` value (`0; url=/new/`) with its URL made relative.
    fn refresh(&self, value: &str) -> Option<String> {
        let i = find_ascii_ci(value, "url=")? + 4;
        Some(format!("{}{}", &value[..i], self.url(&value[i..])?))
    }
}

/// The byte index of `needle` (ASCII) in `hay`, in any letter case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// An attribute of a tag: where its name and its value (without quotes) are.
#[derive(Debug)]
struct Attr {
    name: (usize, usize),
    value: Option<(usize, usize)>,
}

/// The attributes of one tag, as positions in the text after its name.
#[derive(Debug)]
struct Tag {
    attrs: Vec<Attr>,
    /// How far the tag goes, its `>` included.
    len: usize,
}

impl Tag {
    /// Reads the attributes in `s`, the text after a tag's name, up to the tag's `>`.
    fn parse(s: &str) -> Tag {
        let b = s.as_bytes();
        let mut attrs = Vec::new();
        let mut i = 0;
        let skip_space = |mut i: usize| {
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            i
        };
        loop {
            i = skip_space(i);
            match b.get(i) {
                None => {
                    return Tag {
                        attrs,
                        len: b.len(),
                    }
                }
                Some(b'>') => return Tag { attrs, len: i + 1 },
                Some(b'/') => {
                    i += 1;
                    continue;
                }
                Some(_) => {}
            }
            let start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let name = (start, i);
            let eq = skip_space(i);
            if b.get(eq) != Some(&b'=') {
                attrs.push(Attr { name, value: None });
                continue;
            }
            let v = skip_space(eq + 1);
            let (value, next) = match b.get(v) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = b[v + 1..]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(b.len(), |e| v + 1 + e);
                    ((v + 1, end), (end + 1).min(b.len()))
                }
                _ => {
                    let end = b[v..]
                        .iter()
                        .position(|&c| c.is_ascii_whitespace() || c == b'>')
                        .map_or(b.len(), |e| v + e);
                    ((v, end), end)
                }
            };
            attrs.push(Attr {
                name,
                value: Some(value),
            });
            i = next;
        }
    }

    /// The value of attribute `name`, as written.
    fn value_of<'s>(&self, s: &'s str, name: &str) -> Option<&'s str> {
        let a = self
            .attrs
            .iter()
            .find(|a| s[a.name.0..a.name.1].eq_ignore_ascii_case(name))?;
        let (start, end) = a.value?;
        Some(&s[start..end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site at `path` of https://x.example, for the life of the test.
    fn place(path: &str) -> &'static SitePlace {
        Box::leak(Box::new(SitePlace {
            path: path.to_string(),
            origin: "https://x.example".to_string(),
        }))
    }

    fn at(file: &str) -> Relative<'_> {
        Relative {
            site: place("/"),
            file,
        }
    }

    #[test]
    fn root_paths_become_paths_from_the_file() {
        let page = at("articles/recovery/index.html");
        assert_eq!(page.url("/").as_deref(), Some("../../index.html"));
        assert_eq!(
            page.url("/faq/#pain").as_deref(),
            Some("../../faq/index.html#pain")
        );
        assert_eq!(page.url("/articles/").as_deref(), Some("../index.html"));
        assert_eq!(
            page.url("/articles/recovery/?q=a").as_deref(),
            Some("index.html?q=a")
        );
        assert_eq!(
            at("index.html").url("/style.css").as_deref(),
            Some("style.css")
        );
        assert_eq!(at("404.html").url("/").as_deref(), Some("index.html"));
        for kept in [
            "https://x.example/",
            "//cdn.example/a.js",
            "#main",
            "a/b/",
            "mailto:a@b",
        ] {
            assert_eq!(page.url(kept), None, "{kept}");
        }
    }

    #[test]
    fn a_site_under_a_sub_path_keeps_paths_outside_it() {
        let page = Relative {
            site: place("/clinic/"),
            file: "ur/faq/index.html",
        };
        assert_eq!(page.url("/clinic/ur/").as_deref(), Some("../index.html"));
        assert_eq!(page.url("/clinic").as_deref(), Some("../../index.html"));
        assert_eq!(page.url("/clinic/s.css").as_deref(), Some("../../s.css"));
        assert_eq!(page.url("/other/"), None);
    }

    #[test]
    fn html_attributes_srcsets_and_styles_are_rewritten() {
        let html = concat!(
            r#"<link rel="canonical" href="/a/"><link rel="stylesheet" href="/s.css">"#,
            r#"<a class=x href='/faq/'>FAQ</a> <img src=/i.png alt="/not">"#,
            r#"<picture><source srcset="/a.webp 1x, /b.webp 2x, https://x.example/c.webp 3x">"#,
            r#"<img srcset="/a.png" src="/a.png"></picture><form action="/search/" data-index="/search-index.json">"#,
            r#"<div style="background: url('/bg.png')"></div>"#,
            r#"<!-- <a href="/x/"> --><script>var a = '<a href="/y/">';</script>"#,
            r#"<style>@font-face { src: url(/f.woff2) }</style><meta http-equiv="refresh" content="0; url=/new/">"#,
        );
        let want = concat!(
            r#"<link rel="canonical" href="https://x.example/a/"><link rel="stylesheet" href="../s.css">"#,
            r#"<a class=x href='index.html'>FAQ</a> <img src=../i.png alt="/not">"#,
            r#"<picture><source srcset="../a.webp 1x, ../b.webp 2x, https://x.example/c.webp 3x">"#,
            r#"<img srcset="../a.png" src="../a.png"></picture><form action="../search/index.html" data-index="../search-index.json">"#,
            r#"<div style="background: url('../bg.png')"></div>"#,
            r#"<!-- <a href="/x/"> --><script>var a = '<a href="/y/">';</script>"#,
            r#"<style>@font-face { src: url(../f.woff2) }</style><meta http-equiv="refresh" content="0; url=../new/index.html">"#,
        );
        assert_eq!(at("faq/index.html").html(html), want);
    }

    #[test]
    fn text_that_is_not_a_tag_is_copied() {
        let html = "<p>a < b, 1<2 &lt;x&gt; <b>ok</b></p><unclosed href=\"/x/\"";
        assert_eq!(
            at("index.html").html(html),
            "<p>a < b, 1<2 &lt;x&gt; <b>ok</b></p><unclosed href=\"x/index.html\""
        );
    }

    #[test]
    fn css_urls_from_the_stylesheet() {
        let css = r#"a{background:url("/img/a.png")} b{background:url( /b.svg )} c{x:url(data:x)} d{x:url(f.png)}"#;
        assert_eq!(
            at("css/site.css").css(css),
            r#"a{background:url("../img/a.png")} b{background:url( ../b.svg )} c{x:url(data:x)} d{x:url(f.png)}"#
        );
    }
}
