//! `[images]`: the widths responsive images are made at and the quality they are encoded
//! with, checked; and where the encoded images are kept between builds.

use std::path::PathBuf;

use super::check::SiteToml;
use super::raw::RawImages;
use crate::diagnostics::{code, Diagnostic};

/// Where encoded images are kept, under the site root (never in the output folder).
pub(crate) const CACHE_DIR: &str = ".pigment-cache/images";

/// The widths when `[images] widths` is left out.
const DEFAULT_WIDTHS: [u32; 4] = [480, 800, 1200, 1600];

/// How responsive images are made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSettings {
    /// Widths in pixels, smallest first, without repeats (`widths`).
    pub widths: Vec<u32>,
    /// Lossy encoding quality, 1 to 100 (`quality`, 80 by default).
    pub quality: u8,
    /// The folder encoded images are cached in; `None` when the site has no folder (a
    /// `site.toml` parsed from text alone), then nothing is kept.
    pub cache_dir: Option<PathBuf>,
}

impl Default for ImageSettings {
    fn default() -> ImageSettings {
        ImageSettings {
            widths: DEFAULT_WIDTHS.to_vec(),
            quality: 80,
            cache_dir: None,
        }
    }
}

impl ImageSettings {
    /// The largest width images are made at.
    pub(crate) fn largest(&self) -> u32 {
        self.widths.last().copied().unwrap_or(DEFAULT_WIDTHS[3])
    }

    /// Checks `[images]`; a bad value is a problem and its default is used.
    pub(super) fn from_raw(
        raw: Option<RawImages>,
        file: &SiteToml<'_>,
        problems: &mut Vec<Diagnostic>,
    ) -> ImageSettings {
        // `consent_renew_after` is the consent rule's, checked with it (`check::consent_renew_after`).
        let RawImages {
            widths,
            quality,
            consent_renew_after: _,
        } = raw.unwrap_or_default();
        let mut settings = ImageSettings::default();
        if let Some(written) = widths {
            match checked_widths(&written) {
                Some(w) => settings.widths = w,
                None => problems.push(
                    Diagnostic::error(code::CONFIG_INVALID, "`widths` must list image widths")
                        .at(file.at_key("widths"))
                        .help("give pixel widths from 16 to 8192, e.g. `widths = [480, 800, 1200, 1600]`"),
                ),
            }
        }
        if let Some(q) = quality {
            match u8::try_from(q).ok().filter(|q| (1..=100).contains(q)) {
                Some(q) => settings.quality = q,
                None => problems.push(
                    Diagnostic::error(code::CONFIG_INVALID, format!("`quality` is {q}"))
                        .at(file.at_key("quality"))
                        .help("give a quality from 1 to 100 (80 when left out)"),
                ),
            }
        }
        settings
    }
}

/// The widths sorted without repeats, when there is at least one and each is usable.
fn checked_widths(written: &[i64]) -> Option<Vec<u32>> {
    let mut widths = written
        .iter()
        .map(|w| u32::try_from(*w).ok().filter(|w| (16..=8192).contains(w)))
        .collect::<Option<Vec<u32>>>()?;
    widths.sort_unstable();
    widths.dedup();
    (!widths.is_empty()).then_some(widths)
}
