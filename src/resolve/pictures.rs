//! Checks on the pictures pages name in front matter that need the site folder or the
//! build's "today": every file exists (under `static/`, the theme's `static/`, or beside
//! the page) and is an image, and no before/after pair is published under a consent older than
//! `[images] consent_renew_after`.

use std::collections::{BTreeMap, HashSet};

use crate::dates::Date;
use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;
use crate::imagefile;
use crate::load::theme::ThemeFile;
use crate::parse::frontmatter::Image;
use crate::paths::image_file;
use crate::resolve::images::{locate, unreadable};
use crate::resolve::model::{Page, Site};

/// An error for every front-matter picture whose file is not among the site's files
/// `statics` (`static/`, the theme's, and images beside the pages) or is no image that can
/// be read; returns them with the static paths found missing, which the check of the built
/// site's links then leaves alone.
pub(crate) fn missing_images(
    site: &Site,
    statics: &BTreeMap<String, ThemeFile>,
) -> (Vec<Diagnostic>, HashSet<String>) {
    let mut problems = Vec::new();
    let mut missing_paths = HashSet::new();
    for page in &site.pages {
        for image in images(page) {
            let Some(path) = locate(&page.source, &image.src) else {
                problems.push(not_of_this_site(image));
                continue;
            };
            match statics.get(&path) {
                None => {
                    problems.push(missing(page, image));
                    missing_paths.insert(path);
                }
                Some(file) if imagefile::header(&file.bytes).is_none() => {
                    problems.push(unreadable(&image.location, file));
                }
                Some(_) => {}
            }
        }
    }
    (problems, missing_paths)
}

/// The page's `image` and every picture of its gallery.
fn images(page: &Page) -> impl Iterator<Item = &Image> {
    let pairs = page.gallery.iter().flat_map(|p| [&p.before, &p.after]);
    page.image.iter().chain(pairs)
}

fn not_of_this_site(image: &Image) -> Diagnostic {
    Diagnostic::error(
        code::IMAGE_MISSING,
        format!("`{}` is not a picture of this site", image.src),
    )
    .at(image.location.clone())
    .help("name a file under `static/` by its site path (`/img/results/pair-1-before.jpg`), or one beside the page (`photo.jpg`); no `..`, no address on another site")
}

fn missing(page: &Page, image: &Image) -> Diagnostic {
    let file = image_file(&page.source, &image.src).unwrap_or_default();
    Diagnostic::error(
        code::IMAGE_MISSING,
        format!(
            "picture `{}` not found: there is no {}",
            image.src,
            file.display()
        ),
    )
    .at(image.location.clone())
    .help("check the file name, or add the file; site paths (`/img/...`) are read from `static/`")
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
