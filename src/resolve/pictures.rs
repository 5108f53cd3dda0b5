//! Checks on the pictures pages name in front matter that need the site folder or the
//! build's "today": every file exists (under `static/`, the theme's `static/`, or beside
//! the page), and no before/after pair is published under a consent older than
//! `[images] consent_renew_after`.

use std::path::Path;

use crate::dates::Date;
use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;
use crate::parse::frontmatter::Image;
use crate::paths::{image_file, image_site_path};
use crate::resolve::model::{Page, Site};

/// An error for every front-matter picture whose file is not there.
pub(crate) fn missing_images(site: &Site, root: &Path) -> Vec<Diagnostic> {
    let theme_static = root.join("themes").join(&site.config.theme).join("static");
    let mut problems = Vec::new();
    for page in &site.pages {
        for image in images(page) {
            if let Some(p) = missing(page, image, root, &theme_static) {
                problems.push(p);
            }
        }
    }
    problems
}

/// The page's `image` and every picture of its gallery.
fn images(page: &Page) -> impl Iterator<Item = &Image> {
    let pairs = page.gallery.iter().flat_map(|p| [&p.before, &p.after]);
    page.image.iter().chain(pairs)
}

/// The problem with `image` of `page`, if its file cannot be found.
fn missing(page: &Page, image: &Image, root: &Path, theme_static: &Path) -> Option<Diagnostic> {
    let Some(file) = image_file(&page.source, &image.src) else {
        return Some(
            Diagnostic::error(
                code::IMAGE_MISSING,
                format!("`{}` is not a picture of this site", image.src),
            )
            .at(image.location.clone())
            .help("name a file under `static/` by its site path (`/img/results/pair-1-before.jpg`), or one beside the page (`photo.jpg`); no `..`, no address on another site"),
        );
    };
    if root.join(&file).is_file() {
        return None;
    }
    let site_path = image_site_path(&page.source, &image.src).unwrap_or_default();
    if image.src.starts_with('/')
        && theme_static
            .join(site_path.trim_start_matches('/'))
            .is_file()
    {
        return None;
    }
    Some(
        Diagnostic::error(
            code::IMAGE_MISSING,
            format!(
                "picture `{}` not found: there is no {}",
                image.src,
                file.display()
            ),
        )
        .at(image.location.clone())
        .help(
            "check the file name, or add the file; site paths (`/img/...`) are read from `static/`",
        ),
    )
}

/// A warning for every before/after pair whose consent is older than the site's
/// `consent_renew_after` on `today`.
pub(crate) fn consent_renewals(site: &Site, today: Date) -> Vec<Diagnostic> {
    let renew_after = site.config.consent_renew_after;
    let span = jiff::Span::new().try_hours(renew_after.hours()).ok();
    let mut problems = Vec::new();
    for pair in site.pages.iter().flat_map(|p| &p.gallery) {
        let consent = &pair.consent;
        let due = span.and_then(|s| {
            consent
                .on
                .to_datetime(jiff::civil::Time::midnight())
                .checked_add(s)
                .ok()
        });
        if due.is_none_or(|d| d.date() >= today) {
            continue;
        }
        problems.push(
            Diagnostic::warning(
                code::CONSENT_RENEW,
                format!(
                    "consent `{}` was given on {}, more than {} ago",
                    consent.reference,
                    consent.on,
                    renew_after.text()
                ),
            )
            .at(consent.location.clone())
            .help(format!("ask for consent again and update `consent.on`, or take the pair down; `[images] consent_renew_after` is {renew_after}")),
        );
    }
    problems
}
