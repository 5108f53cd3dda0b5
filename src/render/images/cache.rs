//! Encoded images kept on disk between builds (`.pigment-cache/images/` under the site
//! root), named by what they are made from: the source's hash, the quality, the width
//! and the format. A file found there is never encoded again; one that cannot be read
//! or written only costs the encoding.

use std::path::{Path, PathBuf};

use super::{Planned, PIPELINE_VERSION};
use crate::imagefile::Format;

/// The cache folder, or none (then every image is encoded).
pub(super) struct Cache(Option<PathBuf>);

/// One encoded file: the source at a width (`None`: full size, turned upright) in a
/// format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Variant {
    /// Width in pixels; `None` for the upright original.
    pub width: Option<u32>,
    /// The format it is encoded in.
    pub format: Format,
}

impl Cache {
    /// The cache in `dir`, when there is one.
    pub(super) fn new(dir: Option<&Path>) -> Cache {
        Cache(dir.map(Path::to_path_buf))
    }

    /// The cached bytes of `variant` of `p`, when an earlier build made them.
    pub(super) fn get(&self, p: &Planned, quality: u8, variant: Variant) -> Option<Vec<u8>> {
        std::fs::read(self.path(p, quality, variant)?).ok()
    }

    /// Keeps `bytes` as `variant` of `p`: written beside, then renamed, so a build that is
    /// stopped halfway never leaves half a file under a real name.
    pub(super) fn put(&self, p: &Planned, quality: u8, variant: Variant, bytes: &[u8]) {
        let Some(path) = self.path(p, quality, variant) else {
            return;
        };
        let Some(dir) = path.parent() else {
            return;
        };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }

    fn path(&self, p: &Planned, quality: u8, variant: Variant) -> Option<PathBuf> {
        let dir = self.0.as_ref()?;
        let size = variant.width.map_or("full".to_string(), |w| w.to_string());
        let ext = match variant.format {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Gif | Format::Svg => return None,
        };
        Some(dir.join(format!(
            "{:016x}-q{quality}-v{PIPELINE_VERSION}-{size}.{ext}",
            p.source_hash
        )))
    }
}
