//! Image files read from their headers only: which format a file is, its size, how its
//! EXIF says to turn it, whether it says where it was taken (GPS), and the same bytes with
//! every metadata block taken out (`strip`). Nothing here decodes pixels, so the checks
//! that use it stay cheap on large photos.

mod exif;
mod strip;

pub(crate) use strip::strip_metadata;

/// The image formats a site may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Format {
    /// JPEG (`.jpg`, `.jpeg`).
    Jpeg,
    /// PNG.
    Png,
    /// WebP.
    Webp,
    /// GIF (passes through untouched).
    Gif,
    /// SVG (passes through untouched).
    Svg,
}

impl Format {
    /// The format a file name says, by its extension (any case).
    pub(crate) fn of_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "webp" => Some(Format::Webp),
            "gif" => Some(Format::Gif),
            "svg" => Some(Format::Svg),
            _ => None,
        }
    }

    /// True for the formats that are resized and re-encoded (JPEG, PNG, WebP).
    pub(crate) fn is_raster(self) -> bool {
        matches!(self, Format::Jpeg | Format::Png | Format::Webp)
    }
}

/// What an image file's header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    /// The format the bytes are in.
    pub format: Format,
    /// Width as stored, in pixels.
    pub width: u32,
    /// Height as stored, in pixels.
    pub height: u32,
    /// EXIF orientation (1 to 8; 1 when there is none).
    pub orientation: u16,
    /// True when EXIF holds GPS coordinates.
    pub gps: bool,
}

impl Header {
    /// Width and height as the image is shown, after its EXIF orientation is applied.
    pub(crate) fn shown_size(&self) -> (u32, u32) {
        if self.orientation >= 5 {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

/// The header of an image file, or `None` when the bytes are not a JPEG, PNG, GIF, WebP
/// or SVG that says its size.
pub(crate) fn header(b: &[u8]) -> Option<Header> {
    let (format, (width, height)) = format_and_size(b)?;
    if width == 0 || height == 0 {
        return None;
    }
    let exif = exif::of_file(format, b).unwrap_or_default();
    Some(Header {
        format,
        width,
        height,
        orientation: exif.orientation,
        gps: exif.gps,
    })
}

/// Width and height from an image file's header, as shown (EXIF orientation applied).
pub(crate) fn dimensions(b: &[u8]) -> Option<(u32, u32)> {
    header(b).map(|h| h.shown_size())
}

fn format_and_size(b: &[u8]) -> Option<(Format, (u32, u32))> {
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
        return Some((Format::Png, (be32(16)?, be32(20)?)));
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        return Some((Format::Gif, (le16(6)?, le16(8)?)));
    }
    if b.starts_with(&[0xFF, 0xD8]) {
        return Some((Format::Jpeg, jpeg_dimensions(b)?));
    }
    if b.starts_with(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        let size = match b.get(12..16)? {
            b"VP8 " => (le16(26)? & 0x3FFF, le16(28)? & 0x3FFF),
            b"VP8L" => {
                let v = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
                ((v & 0x3FFF) + 1, ((v >> 14) & 0x3FFF) + 1)
            }
            b"VP8X" => (le24(24)? + 1, le24(27)? + 1),
            _ => return None,
        };
        return Some((Format::Webp, size));
    }
    // An SVG's root element sits near the top; a cut inside a UTF-8 character is fine.
    let head = &b[..b.len().min(4096)];
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
    };
    Some((Format::Svg, svg_dimensions(text)?))
}

/// The JPEG segments before the image data: (marker, payload range), the payload without
/// its two length bytes. Stops at start-of-scan; `None` when the structure is broken.
pub(crate) fn jpeg_segments(b: &[u8]) -> Option<Vec<(u8, std::ops::Range<usize>)>> {
    let mut segments = Vec::new();
    let mut i = 2;
    loop {
        if *b.get(i)? != 0xFF {
            return None;
        }
        let marker = *b.get(i + 1)?;
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([*b.get(i + 2)?, *b.get(i + 3)?]));
        if len < 2 || i + 2 + len > b.len() {
            return None;
        }
        segments.push((marker, i + 4..i + 2 + len));
        if marker == 0xDA {
            return Some(segments);
        }
        i += 2 + len;
    }
}

fn jpeg_dimensions(b: &[u8]) -> Option<(u32, u32)> {
    let segments = jpeg_segments_until_frame(b)?;
    // SOF0–SOF15 hold the frame size; C4 (DHT), C8 (JPG) and CC (DAC) do not.
    let (_, r) = segments
        .iter()
        .find(|(m, _)| (0xC0..=0xCF).contains(m) && !matches!(m, 0xC4 | 0xC8 | 0xCC))?;
    let p = b.get(r.clone())?;
    let h = u16::from_be_bytes([*p.get(1)?, *p.get(2)?]);
    let w = u16::from_be_bytes([*p.get(3)?, *p.get(4)?]);
    Some((u32::from(w), u32::from(h)))
}

/// Like [`jpeg_segments`], but a file cut after its frame header still gives its size.
fn jpeg_segments_until_frame(b: &[u8]) -> Option<Vec<(u8, std::ops::Range<usize>)>> {
    if let Some(s) = jpeg_segments(b) {
        return Some(s);
    }
    let mut segments = Vec::new();
    let mut i = 2;
    while i + 9 < b.len() && b[i] == 0xFF {
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        segments.push((marker, i + 4..(i + 2 + len).min(b.len())));
        i += 2 + len;
    }
    Some(segments)
}

/// Where the tag that `s` is inside ends (the index of its `>`), skipping quoted values.
pub(crate) fn tag_end(s: &str) -> usize {
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

/// The value of attribute `name` in a tag's attribute text, `&amp;` decoded.
pub(crate) fn attr(attrs: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let i = attrs.find(&needle)? + needle.len();
    let end = attrs[i..].find('"')?;
    Some(attrs[i..i + end].replace("&amp;", "&"))
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
    fn formats_by_name() {
        assert_eq!(Format::of_name("a/B.JPG"), Some(Format::Jpeg));
        assert_eq!(Format::of_name("x.webp"), Some(Format::Webp));
        assert_eq!(Format::of_name("x.txt"), None);
        assert!(!Format::Svg.is_raster());
    }
}
