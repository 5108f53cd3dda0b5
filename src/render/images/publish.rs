//! Publishing the site's raster images: for each one, in parallel on every core, the
//! upright original without metadata and its sizes in WebP and its own format, taken from
//! the disk cache when an earlier build made them. A source is decoded at most once per
//! build, and each core decodes one at a time, so memory stays bounded on hundreds of
//! large photos.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::cache::{Cache, Variant};
use super::encode::{self, Pixels};
use super::{Planned, SiteImages};
use crate::diagnostics::{code, Diagnostic, Location};
use crate::imagefile::{self, Format};
use crate::load::theme::ThemeFile;
use crate::render::{OutputFile, Sink};

/// Puts every planned image's files into `sink`; returns the images that could not be
/// decoded. Nothing is encoded when the sink keeps no files (`check`): it is only told
/// the paths, empty, so the link check knows every file a build would write.
pub(crate) fn image_files(
    images: &SiteImages,
    statics: &BTreeMap<String, ThemeFile>,
    sink: &dyn Sink,
) -> Vec<Diagnostic> {
    if !sink.keeps_files() {
        for p in images.planned.values() {
            for (path, _) in outputs(p) {
                sink.put(OutputFile {
                    path,
                    bytes: Vec::new(),
                });
            }
        }
        return Vec::new();
    }
    let cache = Cache::new(images.settings.cache_dir.as_deref());
    let planned: Vec<&Planned> = images.planned.values().collect();
    planned
        .into_par_iter()
        .filter_map(|p| {
            let file = statics.get(&p.path)?;
            let job = Job {
                p,
                file,
                quality: images.settings.quality,
                cache: &cache,
                sink,
            };
            job.run().err()
        })
        .collect()
}

/// One image's files.
struct Job<'a> {
    p: &'a Planned,
    file: &'a ThemeFile,
    quality: u8,
    cache: &'a Cache,
    sink: &'a dyn Sink,
}

impl Job<'_> {
    fn run(&self) -> Result<(), Diagnostic> {
        let mut to_encode = Vec::new();
        for (path, variant) in outputs(self.p) {
            match self.ready_made(variant) {
                Some(bytes) => self.sink.put(OutputFile { path, bytes }),
                None => to_encode.push((path, variant)),
            }
        }
        if to_encode.is_empty() || !self.sink.wants_more() {
            return Ok(());
        }
        let pixels = encode::decode(&self.file.bytes, &self.p.header)
            .map_err(|e| self.failed("decoded", &e))?;
        for (path, variant) in to_encode {
            let bytes = self
                .encode(&pixels, variant)
                .map_err(|e| self.failed("encoded", &e))?;
            self.cache.put(self.p, self.quality, variant, &bytes);
            self.sink.put(OutputFile { path, bytes });
        }
        Ok(())
    }

    /// The bytes of `variant` without decoding: an upright original only loses its
    /// metadata; anything else comes from the cache, when it is there.
    fn ready_made(&self, variant: Variant) -> Option<Vec<u8>> {
        if variant.width.is_none() && self.p.header.orientation == 1 {
            let stripped = imagefile::strip_metadata(self.p.header.format, &self.file.bytes);
            return Some(stripped.unwrap_or_else(|| self.file.bytes.clone()));
        }
        self.cache.get(self.p, self.quality, variant)
    }

    fn encode(&self, pixels: &Pixels, variant: Variant) -> Result<Vec<u8>, String> {
        let sized = pixels.resized(variant.width.unwrap_or_else(|| pixels.width()))?;
        match variant.format {
            Format::Webp => sized.webp(self.quality),
            own => sized.encoded(own, self.quality),
        }
    }

    /// The problem when the image cannot be `what` (decoded, encoded).
    fn failed(&self, what: &str, why: &str) -> Diagnostic {
        let at = &self.file.display_path;
        Diagnostic::error(
            code::IMAGE_UNREADABLE,
            format!("`{}` cannot be {what}: {why}", at.display()),
        )
        .at(Location::file_only(at))
        .help("export the image again from an image editor; the file may be cut short or damaged")
    }
}

/// Every file made from image `p`: its output path and what it is.
fn outputs(p: &Planned) -> Vec<(String, Variant)> {
    let original = Variant {
        width: None,
        format: p.header.format,
    };
    let mut out = vec![(p.path.clone(), original)];
    for format in p.formats() {
        for &w in &p.widths {
            let variant = Variant {
                width: Some(w),
                format,
            };
            out.push((p.variant_path(w, format), variant));
        }
    }
    out
}
