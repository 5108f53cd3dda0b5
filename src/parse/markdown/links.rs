//! Links and images of a body: links to content files become placeholders for the resolve
//! stage, site-absolute paths get the base path, the rest stays as written.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

use super::{BodyLink, ContentLink, ExternalLink, LinkTarget, LINK_PLACEHOLDER};
use crate::diagnostics::{code, Diagnostic};
use crate::load::SourceFile;

/// Records a link or image to another site in `external`; a `mailto:` or `tel:` link that
/// is not an address or a number is a problem. Other destinations are left alone.
pub(super) fn note_external(
    file: &SourceFile,
    (event, range): &(Event<'_>, Range<usize>),
    external: &mut Vec<ExternalLink>,
    problems: &mut Vec<Diagnostic>,
) {
    let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
        event
    else {
        return;
    };
    let dest = dest_url.trim();
    let location = || file.location(file.body_start + range.start, range.len());
    let scheme = dest.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        Some("http" | "https") => external.push(ExternalLink {
            url: dest.to_string(),
            location: location(),
        }),
        Some("mailto") if !is_mail_address(&dest[7..]) => problems.push(
            Diagnostic::error(
                code::CONTACT_LINK,
                format!("`{dest}` is not an email address"),
            )
            .at(location())
            .help("write `mailto:name@example.org`"),
        ),
        Some("tel") if !is_phone_number(&dest[4..]) => problems.push(
            Diagnostic::error(
                code::CONTACT_LINK,
                format!("`{dest}` is not a phone number"),
            )
            .at(location())
            .help("write `tel:` and the number with its country code, e.g. `tel:+44-20-7946-0000`"),
        ),
        _ => {}
    }
}

/// Records a link or image whose rewritten destination is a place on this or another site
/// (not a content file's placeholder, not `mailto:` and the like) in `site_links`.
pub(super) fn note_site_link(
    file: &SourceFile,
    (event, range): (&Event<'_>, &Range<usize>),
    site_links: &mut Vec<BodyLink>,
) {
    let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
        event
    else {
        return;
    };
    let dest = dest_url.trim();
    let web = dest.split_once(':').is_none_or(|(s, _)| {
        s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") || s.contains('/')
    });
    if dest.is_empty() || dest.starts_with(LINK_PLACEHOLDER) || !web {
        return;
    }
    site_links.push(BodyLink {
        url: dest.to_string(),
        location: file.location(file.body_start + range.start, range.len()),
        // Images are checked against the site's files before rendering (`resolve::images`).
        checked: matches!(event, Event::Start(Tag::Image { .. })),
    });
}

/// `name@host.tld` (several, comma-separated), before any `?subject=…`.
fn is_mail_address(to: &str) -> bool {
    let to = to.split('?').next().unwrap_or("");
    !to.is_empty()
        && to.split(',').all(|a| match a.trim().split_once('@') {
            Some((name, host)) => {
                !name.is_empty()
                    && !host.is_empty()
                    && !host.starts_with('.')
                    && !host.ends_with('.')
                    && !a.contains(char::is_whitespace)
                    && !host.contains('@')
            }
            None => false,
        })
}

/// Digits with an optional leading `+` and the separators RFC 3966 allows (`-`, `.`,
/// `(`, `)`), at least three digits.
fn is_phone_number(number: &str) -> bool {
    let number = number.split(';').next().unwrap_or("");
    let digits = number.chars().filter(char::is_ascii_digit).count();
    let body = number.strip_prefix('+').unwrap_or(number);
    digits >= 3
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | '(' | ')'))
}

/// The start of a link with its destination rewritten; a link to content joins `links`
/// and points at its placeholder.
pub(super) fn rewrite_link<'a>(
    file: &SourceFile,
    base_path: &str,
    (event, range): &(Event<'a>, Range<usize>),
    links: &mut Vec<ContentLink>,
) -> Event<'a> {
    let Event::Start(Tag::Link {
        link_type,
        dest_url,
        title,
        id,
    }) = event
    else {
        return event.clone();
    };
    let dest = dest_url.to_string();
    let new_dest = match classify(&file.path, &dest) {
        Classified::Content(target) => {
            let n = links.len();
            links.push(ContentLink {
                written: dest.clone(),
                target,
                location: file.location(file.body_start + range.start, range.len()),
            });
            CowStr::from(format!("{LINK_PLACEHOLDER}{n}"))
        }
        Classified::SiteAbsolute => {
            CowStr::from(format!("{}{}", base_path, dest.trim_start_matches('/')))
        }
        Classified::Other => dest_url.clone(),
    };
    Event::Start(Tag::Link {
        link_type: *link_type,
        dest_url: new_dest,
        title: title.clone(),
        id: id.clone(),
    })
}

/// Site-absolute image paths get the base path, like links (`/img/a.png` →
/// `/clinic/img/a.png`); an image beside the page (`photo.jpg` in
/// `content/articles/recovery.md`) gets its site path (`/clinic/articles/photo.jpg`).
pub(super) fn rewrite_image<'a>(
    file: &SourceFile,
    base_path: &str,
    event: &Event<'a>,
) -> Event<'a> {
    let Event::Start(Tag::Image {
        link_type,
        dest_url,
        title,
        id,
    }) = event
    else {
        return event.clone();
    };
    let site_path = if dest_url.starts_with('/') && !dest_url.starts_with("//") {
        Some(dest_url.trim_start_matches('/').to_string())
    } else if is_local_image(dest_url) {
        resolve_content_path(&file.path, dest_url)
    } else {
        None
    };
    let Some(site_path) = site_path else {
        return event.clone();
    };
    Event::Start(Tag::Image {
        link_type: *link_type,
        dest_url: CowStr::from(format!("{base_path}{site_path}")),
        title: title.clone(),
        id: id.clone(),
    })
}

/// True for a relative path to an image file (`photo.jpg`, `../img/a.png`).
fn is_local_image(dest: &str) -> bool {
    !dest.is_empty()
        && !has_scheme(dest)
        && !dest.starts_with(['#', '?', '/'])
        && crate::imagefile::Format::of_name(dest.split(['?', '#']).next().unwrap_or("")).is_some()
}

enum Classified {
    Content(LinkTarget),
    SiteAbsolute,
    Other,
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

fn classify(from_path: &str, dest: &str) -> Classified {
    if dest.is_empty() || has_scheme(dest) || dest.starts_with("//") {
        return Classified::Other;
    }
    if let Some(fragment) = dest.strip_prefix('#') {
        return Classified::Content(LinkTarget::SamePage {
            fragment: fragment.to_string(),
        });
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if !path.ends_with(".md") {
        return if path.starts_with('/') {
            Classified::SiteAbsolute
        } else {
            Classified::Other
        };
    }
    match resolve_content_path(from_path, path) {
        Some(path) => Classified::Content(LinkTarget::Page { path, fragment }),
        None => Classified::Content(LinkTarget::OutsideContent),
    }
}

/// Resolves a written path (`../faq/x.md`, `/articles/y.md`) against the file it is written
/// in, to a normalised path inside `content/`; `None` when it climbs out of `content/`.
pub fn resolve_content_path(from_path: &str, written: &str) -> Option<String> {
    let mut parts: Vec<&str> = if written.starts_with('/') {
        Vec::new()
    } else {
        let mut p: Vec<&str> = from_path.split('/').collect();
        p.pop();
        p
    };
    for seg in written.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::{is_mail_address, is_phone_number};

    #[test]
    fn contact_links_are_checked_as_written() {
        assert!(is_mail_address("care@clinic.example"));
        assert!(is_mail_address("a@b.org,c@d.org?subject=Appointment"));
        assert!(!is_mail_address("care-at-clinic"));
        assert!(!is_mail_address("@clinic.example"));
        assert!(!is_mail_address("care@"));
        assert!(is_phone_number("+92-51-555-0142"));
        assert!(is_phone_number("(020)7946.0000;ext=12"));
        assert!(!is_phone_number("call-us"));
        assert!(!is_phone_number("12"));
    }
}
