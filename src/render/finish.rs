//! The last touch on every rendered file: responsive images, and minifying when asked.

use super::OutputFile;
use crate::config::Config;
use crate::load::theme::Theme;
use crate::render::images::{self, SiteImages};

/// What happens to every rendered file before it leaves the render stage: images become
/// responsive `<picture>`s (or get their sizes), and HTML is minified when the site asks
/// for it.
pub(crate) struct Finish {
    base_path: String,
    images: SiteImages,
    minify: bool,
}

impl Finish {
    /// The finishing for a site built with `theme`, whose static files hold the images.
    pub(crate) fn new(c: &Config, theme: &Theme) -> Finish {
        Finish {
            base_path: c.base_path.clone(),
            images: SiteImages::new(&c.images, &theme.statics),
            minify: c.minify,
        }
    }

    /// Finishes one file in place.
    pub(crate) fn apply(&self, file: &mut OutputFile) {
        images::annotate_file(&self.base_path, &self.images, file);
        if self.minify {
            crate::render::minify::html_file(file);
        }
    }
}
