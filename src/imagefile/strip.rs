//! The same image with its metadata taken out, losslessly: JPEG APP1 (EXIF, XMP), APP13
//! (IPTC) and comment segments; PNG `eXIf`, `tEXt`, `zTXt`, `iTXt` and `tIME` chunks;
//! WebP `EXIF` and `XMP ` chunks. Pixels and colour profiles stay as they are.

use super::Format;

/// `b` without metadata, or `None` when its structure cannot be read (or it is a format
/// that carries none that this knows of: GIF, SVG).
pub(crate) fn strip_metadata(format: Format, b: &[u8]) -> Option<Vec<u8>> {
    match format {
        Format::Jpeg => strip_jpeg(b),
        Format::Png => strip_png(b),
        Format::Webp => strip_webp(b),
        Format::Gif | Format::Svg => None,
    }
}

fn strip_jpeg(b: &[u8]) -> Option<Vec<u8>> {
    let segments = super::jpeg_segments(b)?;
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..2]);
    let mut scan_start = b.len();
    for (marker, payload) in segments {
        let start = payload.start - 4;
        if marker == 0xDA {
            scan_start = start;
            break;
        }
        if !matches!(marker, 0xE1 | 0xED | 0xFE) {
            out.extend_from_slice(&b[start..payload.end]);
        }
    }
    out.extend_from_slice(b.get(scan_start..)?);
    Some(out)
}

fn strip_png(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(b.get(..8)?);
    let mut i = 8;
    while i < b.len() {
        let len = u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize;
        let end = i.checked_add(12)?.checked_add(len)?;
        let chunk = b.get(i..end)?;
        if !matches!(
            &chunk[4..8],
            b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME"
        ) {
            out.extend_from_slice(chunk);
        }
        i = end;
    }
    Some(out)
}

fn strip_webp(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(b.get(..12)?);
    let mut i = 12;
    while i < b.len() {
        let len = u32::from_le_bytes(b.get(i + 4..i + 8)?.try_into().ok()?) as usize;
        let end = (i + 8).checked_add(len)?.checked_add(len & 1)?.min(b.len());
        let chunk = b.get(i..end)?;
        match &chunk[..4] {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                let at = out.len() + 8;
                out.extend_from_slice(chunk);
                // The flags say which metadata chunks follow: none now.
                if let Some(flags) = out.get_mut(at) {
                    *flags &= !0x0C;
                }
            }
            _ => out.extend_from_slice(chunk),
        }
        i = end;
    }
    let riff = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&riff.to_le_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_loses_app1_and_app13_keeps_the_rest() {
        let b = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 1, 2, 0xFF, 0xE1, 0, 4, b'E', b'x', 0xFF, 0xED, 0, 3, 9,
            0xFF, 0xDA, 0, 2, 7, 7, 0xFF, 0xD9,
        ];
        assert_eq!(
            strip_metadata(Format::Jpeg, &b),
            Some(vec![
                0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 1, 2, 0xFF, 0xDA, 0, 2, 7, 7, 0xFF, 0xD9
            ])
        );
    }

    #[test]
    fn png_loses_text_chunks() {
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        b.extend(b"\0\0\0\x01IHDRx1234");
        b.extend(b"\0\0\0\x02tEXtab1234");
        b.extend(b"\0\0\0\0IEND1234");
        let out = strip_metadata(Format::Png, &b).unwrap();
        assert!(!out.windows(4).any(|w| w == b"tEXt"));
        assert!(out.ends_with(b"IEND1234"));
    }

    #[test]
    fn webp_loses_exif_and_its_flag() {
        let mut b = b"RIFF\0\0\0\0WEBPVP8X\x02\0\0\0\x08\0".to_vec();
        b.extend(b"EXIF\x03\0\0\0abc\0VP8L\x01\0\0\0z\0");
        let out = strip_metadata(Format::Webp, &b).unwrap();
        assert_eq!(
            out,
            b"RIFF\x18\0\0\0WEBPVP8X\x02\0\0\0\0\0VP8L\x01\0\0\0z\0".to_vec()
        );
    }
}
