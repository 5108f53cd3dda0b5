//! Responsive images. Every JPEG, PNG and WebP file of the site (`static/`, and images
//! beside the pages) is published without its metadata, upright, and at each configured
//! width as lossy WebP and in its own format, under names that carry a hash of its bytes
//! and the settings (`img/photo.1a2b3c4d-800.webp`), so they may be cached for good
//! (`publish.rs`, encoded through the disk cache in `cache.rs`, pixels in `encode.rs`).
//! Every `<img>` of a built page that shows one becomes a `<picture>` (`markup.rs`).

mod cache;
mod encode;
mod markup;
mod publish;

use std::collections::{BTreeMap, HashMap};

use crate::config::ImageSettings;
use crate::imagefile::{self, Format, Header};
use crate::load::theme::ThemeFile;

pub(crate) use markup::annotate_file;
pub(crate) use publish::image_files;

/// Changed whenever encoding changes, so files made the old way are neither reused from
/// the cache nor kept under their old names.
const PIPELINE_VERSION: u64 = 1;

/// One raster image of the site and the files made from it.
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    /// Its static path (`img/photo.jpg`), which is also its output path.
    path: String,
    header: Header,
    /// Hash of the source bytes.
    source_hash: u64,
    /// Hash of the source bytes and the settings, in the output names.
    name_hash: String,
    /// The widths it is made at, smallest first (never wider than the source).
    widths: Vec<u32>,
}

impl Planned {
    fn new(path: &str, file: &ThemeFile, settings: &ImageSettings) -> Option<Planned> {
        if !Format::of_name(path).is_some_and(Format::is_raster) {
            return None;
        }
        let header = imagefile::header(&file.bytes).filter(|h| h.format.is_raster())?;
        let source_hash = content_hash(&file.bytes);
        let settings_hash =
            mix(source_hash ^ mix(u64::from(settings.quality) << 8 | PIPELINE_VERSION));
        Some(Planned {
            path: path.to_string(),
            header,
            source_hash,
            name_hash: format!("{settings_hash:016x}")[..8].to_string(),
            widths: widths_for(header.shown_size().0, &settings.widths),
        })
    }

    /// The output path of the file at `width` in `format`: `img/photo.1a2b3c4d-800.webp`.
    fn variant_path(&self, width: u32, format: Format) -> String {
        let stem = self
            .path
            .rsplit_once('.')
            .map_or(self.path.as_str(), |(s, _)| s);
        let ext = match format {
            Format::Webp => "webp",
            _ => self.path.rsplit_once('.').map_or("img", |(_, e)| e),
        };
        format!("{stem}.{}-{width}.{ext}", self.name_hash)
    }

    /// The formats its sizes are made in: WebP, and its own when that is not WebP.
    fn formats(&self) -> Vec<Format> {
        if self.header.format == Format::Webp {
            vec![Format::Webp]
        } else {
            vec![Format::Webp, self.header.format]
        }
    }

    /// The size shown at `width`.
    fn size_at(&self, width: u32) -> (u32, u32) {
        let (w, h) = self.header.shown_size();
        (width, encode::scaled_height(w, h, width))
    }
}

/// The widths an image `source_width` pixels wide is made at: each configured width
/// narrower than it, and the largest configured width or its own, whichever is smaller.
fn widths_for(source_width: u32, configured: &[u32]) -> Vec<u32> {
    let largest = configured.last().copied().unwrap_or(source_width);
    let mut widths: Vec<u32> = configured
        .iter()
        .copied()
        .filter(|w| *w < source_width && *w < largest)
        .collect();
    widths.push(source_width.min(largest));
    widths
}

/// The site's images: the raster ones planned, and the size of every one.
#[derive(Debug, Clone, Default)]
pub(crate) struct SiteImages {
    planned: BTreeMap<String, Planned>,
    sizes: HashMap<String, (u32, u32)>,
    settings: ImageSettings,
}

impl SiteImages {
    /// Plans the images among the site's static files.
    pub(crate) fn new(
        settings: &ImageSettings,
        statics: &BTreeMap<String, ThemeFile>,
    ) -> SiteImages {
        let mut images = SiteImages {
            settings: settings.clone(),
            ..SiteImages::default()
        };
        for (path, file) in statics {
            if Format::of_name(path).is_none() {
                continue;
            }
            if let Some(p) = Planned::new(path, file, settings) {
                images.planned.insert(path.clone(), p);
            } else if let Some(size) = imagefile::dimensions(&file.bytes) {
                images.sizes.insert(path.clone(), size);
            }
        }
        images
    }

    /// True when the static file at `path` is published by [`image_files`], not copied.
    pub(crate) fn publishes(&self, path: &str) -> bool {
        self.planned.contains_key(path)
    }
}

/// The bytes of a static file that is copied as it is: a JPEG, PNG or WebP loses its
/// metadata on the way; anything else stays as it was.
pub(crate) fn copied_static(path: &str, bytes: &[u8]) -> Vec<u8> {
    Format::of_name(path)
        .filter(|f| f.is_raster())
        .and_then(|f| imagefile::strip_metadata(f, bytes))
        .unwrap_or_else(|| bytes.to_vec())
}

/// A fast, stable 64-bit hash of file contents (word-wise multiply and rotate, then a
/// final mix), so hashing hundreds of photos costs little next to reading them.
fn content_hash(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut a = [0u8; 8];
        a.copy_from_slice(w);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    for b in words.remainder() {
        h = (h.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    mix(h)
}

/// The 64-bit finaliser of MurmurHash3: every input bit moves every output bit.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_never_wider_than_the_source() {
        let w = [480, 800, 1200, 1600];
        assert_eq!(widths_for(4000, &w), [480, 800, 1200, 1600]);
        assert_eq!(widths_for(1000, &w), [480, 800, 1000]);
        assert_eq!(widths_for(300, &w), [300]);
        assert_eq!(widths_for(1600, &w), [480, 800, 1200, 1600]);
    }

    #[test]
    fn hashes_differ_by_content() {
        assert_ne!(content_hash(b"abcdefghi"), content_hash(b"abcdefghj"));
        assert_eq!(content_hash(b"x"), content_hash(b"x"));
    }
}
