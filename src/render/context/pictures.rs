//! The views of the pictures pages name in front matter: where the browser finds them
//! (the site's static base path, whatever the page's language) and the words around a
//! before/after pair.

use super::{ImageView, PairView};
use crate::config::Config;
use crate::dates::DateView;
use crate::health::duration::OffsetView;
use crate::i18n::Words;
use crate::parse::frontmatter::{Image, Pair};
use crate::paths::image_site_path;
use crate::resolve::model::Page;

/// `image` of `page` as templates see it.
pub(crate) fn image_view(c: &Config, page: &Page, image: &Image) -> ImageView {
    let site_path = image_site_path(&page.source, &image.src).unwrap_or_default();
    let url = format!("{}{}", c.static_path, site_path.trim_start_matches('/'));
    // The origin is the permalink of the home page without its base path.
    let home = c.permalink("/");
    let origin = home.strip_suffix(&c.base_path).unwrap_or(&home);
    ImageView {
        permalink: format!("{origin}{url}"),
        url,
        alt: image.alt.clone(),
    }
}

/// A before/after pair of `page` as templates see it.
pub(crate) fn pair_view(c: &Config, words: &Words, page: &Page, pair: &Pair) -> PairView {
    PairView {
        before: image_view(c, page, &pair.before),
        after: image_view(c, page, &pair.after),
        caption: pair.caption.clone(),
        sessions: pair.sessions,
        since: pair.since.map(|o| OffsetView::new(o, words)),
        taken: DateView::new(pair.taken, &c.locale),
        consent_ref: pair.consent.reference.clone(),
        consent_on: DateView::new(pair.consent.on, &c.locale),
    }
}
