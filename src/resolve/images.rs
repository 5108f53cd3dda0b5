//! Images named by pages: where each one is (`locate`: a site path under `static/`, or a
//! path beside the markdown file in `content/`), and the checks on them, like links: a
//! missing or unreadable file, no alt text, a file far larger than any width it is shown
//! at, and a photo that says where it was taken. Only file headers are read.

use std::collections::BTreeMap;

use crate::config::ImageSettings;
use crate::diagnostics::{code, Diagnostic, Location};
use crate::imagefile::{self, Header};
use crate::load::theme::ThemeFile;
use crate::parse::markdown::{BodyImage, ImageAlt};
use crate::parse::ParsedPage;

/// How many times the largest width an image may be before it is a warning.
const TOO_LARGE_FACTOR: u32 = 2;

/// The static path (`img/a.png`, `articles/photo.jpg`) of an image that the page at
/// content path `page` names as `src`: a site path (`/img/a.png`) or a path relative to
/// the markdown file (`photo.jpg`). `None` for another site's image or a path outside the
/// site.
pub(crate) fn locate(page: &str, src: &str) -> Option<String> {
    let src = src.split(['?', '#']).next().unwrap_or("");
    let scheme = src.split_once(':').is_some_and(|(s, _)| !s.contains('/'));
    if src.is_empty() || scheme || src.starts_with("//") {
        return None;
    }
    crate::parse::markdown::resolve_content_path(page, src)
}

/// The problems of the images that `pages` show, given the site's image files
/// (`statics`, by static path), plus a warning for every file that holds GPS coordinates.
pub(crate) fn check<'a>(
    pages: impl IntoIterator<Item = &'a ParsedPage>,
    statics: &BTreeMap<String, ThemeFile>,
    settings: &ImageSettings,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut gps_users: BTreeMap<&str, Location> = BTreeMap::new();
    for page in pages {
        for image in &page.body.images {
            let Some(path) = locate(&page.file.path, &image.src) else {
                continue;
            };
            match statics.get_key_value(&path) {
                None => problems.push(missing(image)),
                Some((key, file)) => {
                    let header = file_problems(image, file, settings, &mut problems);
                    if header.is_some_and(|h| h.gps) {
                        gps_users
                            .entry(key)
                            .or_insert_with(|| image.location.clone());
                    }
                }
            }
            if image.alt == ImageAlt::Missing {
                problems.push(no_alt(image));
            }
        }
    }
    problems.extend(gps_warnings(statics, &gps_users));
    problems
}

/// The problems of one found image file; its header when it has one.
fn file_problems(
    image: &BodyImage,
    file: &ThemeFile,
    settings: &ImageSettings,
    problems: &mut Vec<Diagnostic>,
) -> Option<Header> {
    let Some(header) = imagefile::header(&file.bytes) else {
        problems.push(unreadable(&image.location, file));
        return None;
    };
    let limit = settings.largest().saturating_mul(TOO_LARGE_FACTOR);
    if header.format.is_raster() && header.shown_size().0 > limit {
        problems.push(too_large(image, file, &header, settings.largest()));
    }
    Some(header)
}

fn missing(image: &BodyImage) -> Diagnostic {
    Diagnostic::error(code::IMAGE_NOT_FOUND, format!("image `{}` not found", image.src))
        .at(image.location.clone())
        .help("put the file in `static/` and write its site path (`/img/photo.jpg`), or put it beside the page and write its name (`photo.jpg`)")
}

/// The error for an image `file` that is no image that can be read, named `at`
/// (a markdown image, or a front-matter picture).
pub(crate) fn unreadable(at: &Location, file: &ThemeFile) -> Diagnostic {
    Diagnostic::error(
        code::IMAGE_UNREADABLE,
        format!(
            "`{}` is not a JPEG, PNG, WebP, GIF or SVG image that can be read",
            file.display_path.display()
        ),
    )
    .at(at.clone())
    .help("export the image again from an image editor; the file may be cut short or have the wrong extension")
}

fn no_alt(image: &BodyImage) -> Diagnostic {
    Diagnostic::error(
        code::IMAGE_NO_ALT,
        format!("image `{}` has no alt text", image.src),
    )
    .at(image.location.clone())
    .help(format!(
        "say what it shows, for readers who cannot see it: `![Dressing on day 3]({})`; for a purely decorative image write `![\"\"]({})`",
        image.src, image.src
    ))
}

fn too_large(image: &BodyImage, file: &ThemeFile, h: &Header, largest: u32) -> Diagnostic {
    let (w, ht) = h.shown_size();
    Diagnostic::warning(
        code::IMAGE_TOO_LARGE,
        format!(
            "`{}` is {w}×{ht} pixels, far wider than the largest width it is shown at ({largest})",
            file.display_path.display()
        ),
    )
    .at(image.location.clone())
    .help(format!(
        "scale the source down to {largest} pixels wide (or add a larger width to `[images] widths`): large originals slow every clean build and bloat the repository"
    ))
}

/// One warning per image file that holds GPS coordinates, at the first page line that
/// uses it, else at the file.
fn gps_warnings(
    statics: &BTreeMap<String, ThemeFile>,
    users: &BTreeMap<&str, Location>,
) -> Vec<Diagnostic> {
    statics
        .iter()
        .filter(|(path, f)| {
            imagefile::Format::of_name(path).is_some_and(imagefile::Format::is_raster)
                && (users.contains_key(path.as_str())
                    || imagefile::header(&f.bytes).is_some_and(|h| h.gps))
        })
        .map(|(path, f)| {
            let at = users
                .get(path.as_str())
                .cloned()
                .unwrap_or_else(|| Location::file_only(&f.display_path));
            Diagnostic::warning(
                code::IMAGE_GPS,
                format!(
                    "`{}` holds GPS coordinates: where it was taken",
                    f.display_path.display()
                ),
            )
            .at(at)
            .help("the published copy has them removed; remove them from the source too (`exiftool -gps:all= FILE`), so the repository does not share them")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::locate;

    #[test]
    fn site_paths_and_paths_beside_the_page() {
        assert_eq!(
            locate("articles/a.md", "/img/x.png"),
            Some("img/x.png".into())
        );
        assert_eq!(
            locate("articles/a.md", "photo.jpg"),
            Some("articles/photo.jpg".into())
        );
        assert_eq!(
            locate("articles/a.md", "../img/b.png?v=1"),
            Some("img/b.png".into())
        );
        assert_eq!(locate("a.md", "https://x.example/a.png"), None);
        assert_eq!(locate("a.md", "//x.example/a.png"), None);
        assert_eq!(locate("a.md", "../../a.png"), None);
    }
}
