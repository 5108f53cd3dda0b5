//! The last touch on every rendered file: image attributes, and minifying when asked.

use super::OutputFile;
use crate::config::Config;
use crate::load::theme::Theme;
use crate::render::images::{self, ImageSizes};

/// What happens to every rendered file before it leaves the render stage: images get lazy
/// loading and their sizes, and HTML is minified when the site asks for it.
pub(crate) struct Finish {
    base_path: String,
    sizes: ImageSizes,
    minify: bool,
}

impl Finish {
    /// The finishing for a site built with `theme`, whose static files hold the images.
    pub(crate) fn new(c: &Config, theme: &Theme) -> Finish {
        Finish {
            base_path: c.base_path.clone(),
            sizes: ImageSizes::of_named(
                theme
                    .statics
                    .iter()
                    .map(|(p, f)| (p.as_str(), f.bytes.as_slice())),
            ),
            minify: c.minify,
        }
    }

    /// Finishes one file in place.
    pub(crate) fn apply(&self, file: &mut OutputFile) {
        images::annotate_file(&self.base_path, &self.sizes, file);
        if self.minify {
            crate::render::minify::html_file(file);
        }
    }
}
