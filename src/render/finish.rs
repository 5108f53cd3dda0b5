//! The last touch on every rendered file: responsive images, page-relative URLs and
//! minifying when asked.

use super::OutputFile;
use crate::config::Config;
use crate::load::theme::Theme;
use crate::render::images::{self, SiteImages};
use crate::render::relative;

/// What happens to every rendered file before it leaves the render stage: images become
/// responsive `<picture>`s (or get their sizes), and, when the site asks for it, URLs are
/// made page-relative (HTML and CSS) and HTML is minified.
pub(crate) struct Finish {
    base_path: String,
    images: SiteImages,
    /// Where the site is, when URLs are to be made relative.
    relative: Option<relative::SitePlace>,
    minify: bool,
}

impl Finish {
    /// The finishing for a site built with `theme`, whose static files hold the images.
    pub(crate) fn new(c: &Config, theme: &Theme) -> Finish {
        Finish {
            base_path: c.base_path.clone(),
            images: SiteImages::new(&c.images, &theme.statics),
            relative: c.relative_urls.then(|| relative::SitePlace::of(c)),
            minify: c.minify,
        }
    }

    /// Finishes one file in place.
    pub(crate) fn apply(&self, file: &mut OutputFile) {
        images::annotate_file(&self.base_path, &self.images, file);
        if let Some(site) = &self.relative {
            relative::relative_file(site, file);
        }
        if self.minify {
            crate::render::minify::html_file(file);
        }
    }
}
