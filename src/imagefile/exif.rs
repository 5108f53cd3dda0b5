//! The two EXIF facts a site cares about, read from the TIFF block in a JPEG's APP1
//! segment, a PNG's `eXIf` chunk or a WebP's `EXIF` chunk: the orientation and whether GPS
//! coordinates are there.

use super::Format;

/// What EXIF says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Exif {
    /// 1 (upright) to 8.
    pub orientation: u16,
    /// True when a GPS block holds a latitude or longitude.
    pub gps: bool,
}

impl Default for Exif {
    fn default() -> Exif {
        Exif {
            orientation: 1,
            gps: false,
        }
    }
}

/// The EXIF of a file in `format`, when it has a readable block.
pub(super) fn of_file(format: Format, b: &[u8]) -> Option<Exif> {
    let tiff = match format {
        Format::Jpeg => super::jpeg_segments(b)?
            .into_iter()
            .filter(|(m, _)| *m == 0xE1)
            .find_map(|(_, r)| b.get(r)?.strip_prefix(b"Exif\0\0"))?,
        Format::Png => png_chunk(b, b"eXIf")?,
        Format::Webp => {
            let c = webp_chunk(b, b"EXIF")?;
            c.strip_prefix(b"Exif\0\0").unwrap_or(c)
        }
        Format::Gif | Format::Svg => return None,
    };
    read_tiff(tiff)
}

/// The data of the first PNG chunk of type `kind`.
fn png_chunk<'a>(b: &'a [u8], kind: &[u8; 4]) -> Option<&'a [u8]> {
    let mut i = 8;
    while i + 8 <= b.len() {
        let len = u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize;
        let data = b.get(i + 8..(i + 8).checked_add(len)?)?;
        if b.get(i + 4..i + 8)? == kind {
            return Some(data);
        }
        i += 12 + len;
    }
    None
}

/// The data of the first WebP (RIFF) chunk with fourcc `kind`.
fn webp_chunk<'a>(b: &'a [u8], kind: &[u8; 4]) -> Option<&'a [u8]> {
    let mut i = 12;
    while i + 8 <= b.len() {
        let len = u32::from_le_bytes(b.get(i + 4..i + 8)?.try_into().ok()?) as usize;
        let data = b.get(i + 8..(i + 8).checked_add(len)?)?;
        if b.get(i..i + 4)? == kind {
            return Some(data);
        }
        i += 8 + len + (len & 1);
    }
    None
}

/// Orientation and GPS from a TIFF block (`II*\0` or `MM\0*`).
fn read_tiff(t: &[u8]) -> Option<Exif> {
    let little = match t.get(0..4)? {
        b"II*\0" => true,
        b"MM\0*" => false,
        _ => return None,
    };
    let u16_at = |i: usize| -> Option<u16> {
        let b: [u8; 2] = t.get(i..i + 2)?.try_into().ok()?;
        Some(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |i: usize| -> Option<u32> {
        let b: [u8; 4] = t.get(i..i + 4)?.try_into().ok()?;
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let entries = |ifd: usize| -> Option<Vec<(u16, usize)>> {
        let n = usize::from(u16_at(ifd)?);
        (0..n)
            .map(|k| {
                let e = ifd + 2 + 12 * k;
                Some((u16_at(e)?, e + 8))
            })
            .collect()
    };
    let mut exif = Exif::default();
    for (tag, value) in entries(u32_at(4)? as usize)? {
        match tag {
            0x0112 => exif.orientation = u16_at(value).filter(|o| (1..=8).contains(o)).unwrap_or(1),
            0x8825 => {
                let gps = entries(u32_at(value)? as usize).unwrap_or_default();
                exif.gps = gps.iter().any(|(t, _)| matches!(t, 2 | 4));
            }
            _ => {}
        }
    }
    Some(exif)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A little-endian TIFF block: orientation 6 and a GPS block with a latitude.
    fn tiff() -> Vec<u8> {
        let mut t = b"II*\0\x08\0\0\0".to_vec();
        t.extend(2u16.to_le_bytes());
        t.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
        t.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
        t.extend(0u32.to_le_bytes());
        t.extend(1u16.to_le_bytes());
        t.extend([2, 0, 5, 0, 3, 0, 0, 0, 0, 0, 0, 0]);
        t
    }

    #[test]
    fn reads_orientation_and_gps() {
        assert_eq!(
            read_tiff(&tiff()),
            Some(Exif {
                orientation: 6,
                gps: true
            })
        );
        assert_eq!(read_tiff(b"II*\0\xff\xff\0\0"), None);
        assert_eq!(read_tiff(b"nope"), None);
    }
}
