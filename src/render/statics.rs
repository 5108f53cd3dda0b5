//! The theme's static files in the output: copied as they are (an image without its
//! metadata), the stylesheet renamed with its content hash. Images that are made at
//! several widths are published by `images` instead.

use super::OutputFile;
use crate::config::Config;
use crate::load::theme::Theme;
use crate::render::images::{self, SiteImages};

/// The theme's static files as output files, and the stylesheet's URL; the files that
/// `images` publishes are left out.
pub(super) fn static_files(
    c: &Config,
    theme: &Theme,
    images: &SiteImages,
) -> (Vec<OutputFile>, String) {
    let mut stylesheet = String::new();
    let mut files = Vec::with_capacity(theme.statics.len());
    for (path, file) in &theme.statics {
        if images.publishes(path) {
            continue;
        }
        let out = if path == "style.css" {
            let name = stylesheet_name(&file.bytes);
            stylesheet = c.url(&format!("/{name}"));
            name
        } else {
            path.clone()
        };
        files.push(OutputFile {
            path: out,
            bytes: images::copied_static(path, &file.bytes),
        });
    }
    (files, stylesheet)
}

/// The URL of the theme's stylesheet (with its content hash), empty when it has none.
pub(crate) fn stylesheet_url(c: &Config, theme: &Theme) -> String {
    theme
        .statics
        .iter()
        .find(|(path, _)| *path == "style.css")
        .map(|(_, f)| c.url(&format!("/{}", stylesheet_name(&f.bytes))))
        .unwrap_or_default()
}

/// The stylesheet's output name: its content hash in it, so browsers may cache it for good.
fn stylesheet_name(bytes: &[u8]) -> String {
    format!("style.{}.css", short_hash(bytes))
}

/// A short, stable hash of bytes (FNV-1a, 64 bits), as 10 hex digits.
fn short_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")[..10].to_string()
}
