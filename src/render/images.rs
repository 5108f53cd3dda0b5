//! `<img>` elements in built pages get `loading="lazy"`, `decoding="async"` and, when the
//! image is a PNG, JPEG, GIF, WebP or SVG file of the site, its width and height, so the
//! page does not jump as images arrive. Sizes come from the file headers already in memory.

use std::collections::HashMap;

use crate::render::OutputFile;

/// The sizes of the site's image files by output path.
#[derive(Debug, Default, Clone)]
pub(crate) struct ImageSizes(HashMap<String, (u32, u32)>);

impl ImageSizes {
    /// The sizes of the images among files given as output path and bytes.
    pub(crate) fn of_named<'a>(files: impl Iterator<Item = (&'a str, &'a [u8])>) -> ImageSizes {
        ImageSizes(
            files
                .filter_map(|(path, bytes)| Some((path.to_string(), dimensions(bytes)?)))
                .collect(),
        )
    }
}

/// Adds the attributes to every `<img>` in `f` when it is an HTML file. `base_path` is the
/// site's path prefix (`/` or `/clinic/`), used to find an image among `sizes`.
pub(crate) fn annotate_file(base_path: &str, sizes: &ImageSizes, f: &mut OutputFile) {
    if !f.path.ends_with(".html") {
        return;
    }
    let Ok(html) = std::str::from_utf8(&f.bytes) else {
        return;
    };
    if !html.contains("<img") {
        return;
    }
    let size_of = |src: &str| {
        let path = local_path(base_path, &f.path, src)?;
        sizes.0.get(path.as_str()).copied()
    };
    let bytes = rewrite(html, size_of).into_bytes();
    f.bytes = bytes;
}

/// `html` with each `<img` tag completed; `size_of(src)` gives an image's size.
fn rewrite(html: &str, size_of: impl Fn(&str) -> Option<(u32, u32)>) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(i) = rest.find("<img") {
        let after = &rest[i + 4..];
        if !after.starts_with(|c: char| c.is_ascii_whitespace()) {
            out.push_str(&rest[..i + 4]);
            rest = after;
            continue;
        }
        let end = tag_end(after);
        let attrs = &after[..end];
        out.push_str(&rest[..i + 4]);
        if !has_attr(attrs, "loading") {
            out.push_str(" loading=\"lazy\"");
        }
        if !has_attr(attrs, "decoding") {
            out.push_str(" decoding=\"async\"");
        }
        if !has_attr(attrs, "width") && !has_attr(attrs, "height") {
            if let Some((w, h)) = attr(attrs, "src").and_then(|s| size_of(&s)) {
                out.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
            }
        }
        out.push_str(attrs);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Where the tag that `s` is inside ends (the index of its `>`), skipping quoted values.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i,
            _ => {}
        }
    }
    s.len()
}

fn has_attr(attrs: &str, name: &str) -> bool {
    attrs
        .split(|c: char| c.is_ascii_whitespace())
        .any(|a| a == name || a.starts_with(&format!("{name}=")))
}

fn attr(attrs: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let i = attrs.find(&needle)? + needle.len();
    let end = attrs[i..].find('"')?;
    Some(attrs[i..i + end].replace("&amp;", "&"))
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

/// Width and height from an image file's header.
pub(crate) fn dimensions(b: &[u8]) -> Option<(u32, u32)> {
    let le16 = |i: usize| Some(u32::from(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?])));
    let le24 = |i: usize| {
        Some(
            u32::from(*b.get(i)?)
                | u32::from(*b.get(i + 1)?) << 8
                | u32::from(*b.get(i + 2)?) << 16,
        )
    };
    let be32 = |i: usize| Some(u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?));
    if b.starts_with(b"\x89PNG\r\n\x1a\n") && b.get(12..16) == Some(b"IHDR") {
        return Some((be32(16)?, be32(20)?));
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        return Some((le16(6)?, le16(8)?));
    }
    if b.starts_with(&[0xFF, 0xD8]) {
        return jpeg_dimensions(b);
    }
    if b.starts_with(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        return match b.get(12..16)? {
            b"VP8 " => Some((le16(26)? & 0x3FFF, le16(28)? & 0x3FFF)),
            b"VP8L" => {
                let v = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
                Some(((v & 0x3FFF) + 1, ((v >> 14) & 0x3FFF) + 1))
            }
            b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
            _ => None,
        };
    }
    // An SVG's root element sits near the top; a cut inside a UTF-8 character is fine.
    let head = &b[..b.len().min(4096)];
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
    };
    svg_dimensions(text)
}

fn jpeg_dimensions(b: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    while i + 9 < b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        // SOF0–SOF15 hold the frame size; C4 (DHT), C8 (JPG) and CC (DAC) do not.
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let h = u16::from_be_bytes([b[i + 5], b[i + 6]]);
            let w = u16::from_be_bytes([b[i + 7], b[i + 8]]);
            return Some((u32::from(w), u32::from(h)));
        }
        i += 2 + len;
    }
    None
}

/// `width`/`height` of the root `<svg>` in pixels, else its `viewBox` size.
fn svg_dimensions(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + tag_end(&text[start..])];
    let px = |name: &str| {
        let v = attr(tag, name)?;
        let v = v.trim().trim_end_matches("px");
        v.parse::<f64>().ok().filter(|n| *n > 0.0)
    };
    if let (Some(w), Some(h)) = (px("width"), px("height")) {
        return Some((w.round() as u32, h.round() as u32));
    }
    let vb = attr(tag, "viewBox")?;
    let nums: Vec<f64> = vb
        .split(|c: char| c.is_ascii_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match nums.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 => Some((w.round() as u32, h.round() as u32)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 6, 0, 0, 0]);
        b
    }

    #[test]
    fn reads_png_gif_jpeg_webp_svg_sizes() {
        assert_eq!(dimensions(&png(640, 480)), Some((640, 480)));
        assert_eq!(dimensions(b"GIF89a\x10\x00\x20\x00"), Some((16, 32)));
        // SOI, an APP0 segment of length 4, then SOF0 with height 300, width 400.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01,
            0x2C, 0x01, 0x90, 0x03, 0x00, 0x00,
        ];
        assert_eq!(dimensions(&jpeg), Some((400, 300)));
        let mut webp = b"RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0".to_vec();
        webp.extend([0x7F, 0x02, 0x00, 0xDF, 0x01, 0x00]);
        assert_eq!(dimensions(&webp), Some((640, 480)));
        assert_eq!(
            dimensions(br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 24">"#),
            Some((32, 24))
        );
        assert_eq!(
            dimensions(br#"<svg width="100px" height="50" viewBox="0 0 1 1">"#),
            Some((100, 50))
        );
        assert_eq!(dimensions(b"not an image"), None);
        assert_eq!(dimensions(&[0xFF, 0xD8, 0xFF]), None);
    }

    #[test]
    fn images_get_lazy_loading_and_their_size() {
        let html = r#"<p><img src="/clinic/img/a.png" alt="A" /> <img src="../b.png" alt="" loading="eager"> <img src="https://x.example/c.png" alt=""></p>"#;
        let out = rewrite(html, |src| {
            assert!(!src.contains("x.example") || src.starts_with("https"));
            local_path("/clinic/", "articles/one/index.html", src).map(|p| match p.as_str() {
                "img/a.png" => (10, 20),
                "articles/b.png" => (30, 40),
                _ => (0, 0),
            })
        });
        assert_eq!(
            out,
            r#"<p><img loading="lazy" decoding="async" width="10" height="20" src="/clinic/img/a.png" alt="A" /> <img decoding="async" width="30" height="40" src="../b.png" alt="" loading="eager"> <img loading="lazy" decoding="async" src="https://x.example/c.png" alt=""></p>"#
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
