//! The last touch on every rendered file: image attributes, page-relative URLs and
//! minifying when asked.

use super::OutputFile;
use crate::config::Config;
use crate::load::theme::Theme;
use crate::render::images::{self, ImageSizes};
use crate::render::relative;

/// What happens to every rendered file before it leaves the render stage: images get lazy
/// loading and their sizes, and, when the site asks for it, URLs are made page-relative
/// (HTML and CSS) and HTML is minified.
pub(crate) struct Finish {
    base_path: String,
    sizes: ImageSizes,
    /// Where the site is, when URLs are to be made relative.
    relative: Option<relative::SitePlace>,
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
            relative: c.relative_urls.then(|| relative::SitePlace::of(c)),
            minify: c.minify,
        }
    }

    /// Finishes one file in place.
    pub(crate) fn apply(&self, file: &mut OutputFile) {
        images::annotate_file(&self.base_path, &self.sizes, file);
        if let Some(site) = &self.relative {
            relative::relative_file(site, file);
        }
        if self.minify {
            crate::render::minify::html_file(file);
        }
    }
}
