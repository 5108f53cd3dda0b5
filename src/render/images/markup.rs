//! `<img>` elements in built pages: one that shows a JPEG, PNG or WebP file of the site
//! becomes a `<picture>` with a WebP `<source>` and the image in its own format, each with
//! a `srcset` of every width made, `sizes`, `width`/`height`; any other gets its size when
//! the site has the file (GIF, SVG). All get `decoding="async"`; every one but the page's
//! first gets `loading="lazy"`, and the first `fetchpriority="high"`, unless the template
//! says otherwise. Attributes the template wrote (`class`, `sizes`, `loading`) are kept.

use super::{Planned, SiteImages};
use crate::imagefile::{attr, tag_end, Format};
use crate::render::OutputFile;

/// The `sizes` of an image whose template gives none: the width of the text column.
const DEFAULT_SIZES: &str = "(min-width: 48rem) 48rem, 100vw";

/// What the site knows about an image a page shows.
enum Known<'a> {
    /// A raster image made at several widths.
    Responsive(&'a Planned),
    /// Another image file of the site, with its size.
    Sized(u32, u32),
}

/// Completes every `<img>` in `f` when it is an HTML file. `base_path` is the site's path
/// prefix (`/` or `/clinic/`), used to find an image among `images`.
pub(crate) fn annotate_file(base_path: &str, images: &SiteImages, f: &mut OutputFile) {
    if !f.path.ends_with(".html") {
        return;
    }
    let Ok(html) = std::str::from_utf8(&f.bytes) else {
        return;
    };
    if !html.contains("<img") {
        return;
    }
    let known = |src: &str| {
        let path = local_path(base_path, &f.path, src)?;
        match (images.planned.get(&path), images.sizes.get(&path)) {
            (Some(p), _) => Some(Known::Responsive(p)),
            (None, Some((w, h))) => Some(Known::Sized(*w, *h)),
            (None, None) => None,
        }
    };
    let bytes = rewrite(html, base_path, known).into_bytes();
    f.bytes = bytes;
}

/// `html` with each `<img` tag completed; `known(src)` says what the site has for it.
fn rewrite<'a>(html: &str, base_path: &str, known: impl Fn(&str) -> Option<Known<'a>>) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    let mut first = true;
    while let Some(i) = rest.find("<img") {
        let after = &rest[i + 4..];
        if !after.starts_with(|c: char| c.is_ascii_whitespace()) {
            out.push_str(&rest[..i + 4]);
            rest = after;
            continue;
        }
        let end = tag_end(after);
        let attrs = &after[..end];
        out.push_str(&rest[..i]);
        let image = attr(attrs, "src").and_then(|s| known(&s));
        match image {
            Some(Known::Responsive(p)) => out.push_str(&picture(attrs, p, base_path, first)),
            other => out.push_str(&plain_img(attrs, other, first)),
        }
        first = false;
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// `<img` and its attributes (without the closing `>`), completed.
fn plain_img(attrs: &str, known: Option<Known<'_>>, first: bool) -> String {
    let mut out = String::from("<img");
    out.push_str(&loading(attrs, first));
    if !has_attr(attrs, "width") && !has_attr(attrs, "height") {
        if let Some(Known::Sized(w, h)) = known {
            out.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
        }
    }
    out.push_str(attrs);
    out
}

/// `loading`, `fetchpriority` and `decoding` for an image, unless `attrs` has them.
fn loading(attrs: &str, first: bool) -> String {
    let mut out = String::new();
    if !has_attr(attrs, "loading") {
        if !first {
            out.push_str(" loading=\"lazy\"");
        } else if !has_attr(attrs, "fetchpriority") {
            out.push_str(" fetchpriority=\"high\"");
        }
    }
    if !has_attr(attrs, "decoding") {
        out.push_str(" decoding=\"async\"");
    }
    out
}

/// The `<picture>` for a responsive image, up to the `<img` tag's closing `>`, which the
/// caller copies and which closes the `</picture` written here.
fn picture(attrs: &str, p: &Planned, base_path: &str, first: bool) -> String {
    let sizes = attr(attrs, "sizes").unwrap_or_else(|| DEFAULT_SIZES.to_string());
    let srcset = |format: Format| {
        p.widths
            .iter()
            .map(|w| format!("{} {w}w", url(base_path, &p.variant_path(*w, format))))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let own = p.header.format;
    let largest = p.widths.last().copied().unwrap_or(1);
    let (w, h) = p.size_at(largest);
    let mut out = String::from("<picture>");
    if own != Format::Webp {
        out.push_str(&format!(
            "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\">",
            srcset(Format::Webp)
        ));
    }
    out.push_str(&format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{w}\" height=\"{h}\"",
        url(base_path, &p.variant_path(largest, own)),
        srcset(own)
    ));
    out.push_str(&loading(attrs, first));
    for (name, raw) in split_attrs(attrs) {
        if !matches!(name, "src" | "srcset" | "sizes" | "width" | "height") {
            out.push(' ');
            out.push_str(raw);
        }
    }
    out.push_str("></picture");
    out
}

/// The attributes of a tag as (name, the whole `name="value"` text), `/` included.
fn split_attrs(attrs: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' {
            i += 1;
        }
        let name_end = i;
        if i < b.len() && b[i] == b'=' {
            i += 1;
            match b.get(i) {
                Some(q @ (b'"' | b'\'')) => {
                    let q = *q;
                    i += 1;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    i = (i + 1).min(b.len());
                }
                _ => {
                    while i < b.len() && !b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                }
            }
        }
        out.push((&attrs[start..name_end], &attrs[start..i]));
    }
    out
}

/// The URL of an output file, safe inside a `srcset`.
fn url(base_path: &str, path: &str) -> String {
    let mut out = String::from(base_path);
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            ',' => out.push_str("%2C"),
            '&' => out.push_str("%26"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c => out.push(c),
        }
    }
    out
}

fn has_attr(attrs: &str, name: &str) -> bool {
    attrs
        .split(|c: char| c.is_ascii_whitespace())
        .any(|a| a == name || a.starts_with(&format!("{name}=")))
}

/// The output path of an image `src` on the page written to `page_file`, when it is a
/// file of this site.
fn local_path(base_path: &str, page_file: &str, src: &str) -> Option<String> {
    if src.contains("://") || src.starts_with("//") || src.starts_with("data:") {
        return None;
    }
    let src = src.split(['?', '#']).next().unwrap_or("");
    if let Some(rest) = src.strip_prefix(base_path) {
        // From the site root: resolve as if written in a file at the root.
        crate::parse::markdown::resolve_content_path("", &format!("/{rest}"))
    } else if src.starts_with('/') {
        None
    } else {
        crate::parse::markdown::resolve_content_path(page_file, src)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_get_lazy_loading_and_their_size() {
        let html = r#"<p><img src="/clinic/img/a.png" alt="A" /> <img src="../b.png" alt="" loading="eager"> <img src="https://x.example/c.png" alt=""></p>"#;
        let out = rewrite(html, "/clinic/", |src| {
            local_path("/clinic/", "articles/one/index.html", src).map(|p| match p.as_str() {
                "img/a.png" => Known::Sized(10, 20),
                "articles/b.png" => Known::Sized(30, 40),
                _ => Known::Sized(0, 0),
            })
        });
        assert_eq!(
            out,
            r#"<p><img fetchpriority="high" decoding="async" width="10" height="20" src="/clinic/img/a.png" alt="A" /> <img decoding="async" width="30" height="40" src="../b.png" alt="" loading="eager"> <img loading="lazy" decoding="async" src="https://x.example/c.png" alt=""></p>"#
        );
    }

    #[test]
    fn attributes_split_by_name() {
        assert_eq!(
            split_attrs(r#" src="a b.png" class='x' hidden alt=y /"#),
            [
                ("src", r#"src="a b.png""#),
                ("class", "class='x'"),
                ("hidden", "hidden"),
                ("alt", "alt=y"),
                ("/", "/")
            ]
        );
    }

    #[test]
    fn paths_outside_the_site_are_not_looked_up() {
        assert_eq!(local_path("/clinic/", "index.html", "/other/a.png"), None);
        assert_eq!(local_path("/", "index.html", "../../a.png"), None);
        assert_eq!(
            local_path("/", "a/index.html", "x.png?v=2"),
            Some("a/x.png".into())
        );
    }
}
