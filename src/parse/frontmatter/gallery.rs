//! The picture fields of front matter as written (`image`, `gallery`) and their checks:
//! every image has alt text, every before/after pair a consent record (a non-empty `ref`
//! and a date `on` no later than the photo's `taken`). Whether the files exist and whether
//! a consent wants renewing is checked later, where the site folder and "today" are known.

use serde::Deserialize;

use super::{health, Locator};
use crate::dates::{parse_date, Date};
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};
use crate::health::duration::Offset;
use crate::load::SourceFile;

/// `{ src, alt }` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawImage {
    src: String,
    #[serde(default)]
    alt: Option<String>,
}

/// One `gallery:` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPair {
    before: RawImage,
    after: RawImage,
    caption: String,
    #[serde(default)]
    sessions: Option<u32>,
    #[serde(default)]
    since: Option<String>,
    taken: String,
    #[serde(default)]
    consent: Option<RawConsent>,
}

/// `consent: { ref, on }` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConsent {
    #[serde(rename = "ref", default)]
    reference: String,
    on: String,
}

/// A picture named in front matter: the path as written (a site path such as
/// `/img/results/pair-1-before.jpg`, or a path relative to the markdown file) and its alt
/// text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The path as written.
    pub src: String,
    /// What the picture shows, for people who cannot see it.
    pub alt: String,
    /// Where `src` is written.
    pub location: Location,
}

/// The signed consent form a before/after pair is published under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    /// The clinic's reference for the signed form (never a patient's name).
    pub reference: String,
    /// The day consent was given.
    pub on: Date,
    /// Where `on` is written.
    pub location: Location,
}

/// A before/after pair of photos with its consent record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// Before treatment.
    pub before: Image,
    /// After treatment.
    pub after: Image,
    /// What the pair shows.
    pub caption: String,
    /// Sessions between the two photos.
    pub sessions: Option<u32>,
    /// Time since treatment when the after photo was taken.
    pub since: Option<Offset>,
    /// The day the after photo was taken.
    pub taken: Date,
    /// The consent record.
    pub consent: Consent,
}

/// `image:`: its alt text is required.
pub(super) fn check_image(
    raw: Option<RawImage>,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Image> {
    let at = loc.key(0, "image").unwrap_or(0);
    image(raw?, "image", at, loc, problems)
}

/// Every `gallery:` entry, each found at its own list item so problems point at it.
pub(super) fn check_gallery(
    file: &SourceFile,
    raw: Vec<RawPair>,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Pair> {
    let starts = item_starts(file, loc.key(0, "gallery").unwrap_or(0), raw.len());
    raw.into_iter()
        .zip(starts)
        .filter_map(|(r, at)| pair(file, r, at, loc, problems))
        .collect()
}

/// One entry, starting at offset `at`.
fn pair(
    file: &SourceFile,
    raw: RawPair,
    at: usize,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Pair> {
    let RawPair {
        before,
        after,
        caption,
        sessions,
        since,
        taken,
        consent,
    } = raw;
    let mut side = |raw, key: &str| {
        let key_at = loc.key(at, key).unwrap_or(at);
        image(raw, &format!("gallery.{key}"), key_at, loc, problems)
    };
    let (before, after) = (side(before, "before"), side(after, "after"));
    let since = since.and_then(|s| health::offset(s.trim(), "since", at, loc, problems));
    let taken = date(&taken, "taken", at, loc, problems);
    let consent = match consent {
        Some(c) => check_consent(c, at, taken, loc, problems),
        None => {
            problems.push(
                Diagnostic::error(
                    code::CONSENT_MISSING,
                    "this before/after pair has no consent record",
                )
                .at(file.location(at, 1))
                .help("add `consent: { ref: FORM-REF, on: YYYY-MM-DD }`: the clinic's reference for the signed form and the day it was signed"),
            );
            None
        }
    };
    Some(Pair {
        before: before?,
        after: after?,
        caption,
        sessions,
        since,
        taken: taken?,
        consent: consent?,
    })
}

/// `consent`: a non-empty reference, a valid date, and not after the photo was taken.
fn check_consent(
    raw: RawConsent,
    at: usize,
    taken: Option<Date>,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Consent> {
    let RawConsent { reference, on } = raw;
    let at = loc.key(at, "consent").unwrap_or(at);
    let reference = reference.trim().to_string();
    if reference.is_empty() {
        problems.push(
            Diagnostic::error(code::CONSENT_MISSING, "the consent record has an empty `ref`")
                .at(loc.locate(at, "consent", None))
                .help("write the clinic's reference for the signed consent form, e.g. `ref: CF-2026-014`; never the patient's name"),
        );
    }
    let on_date = date(&on, "on", at, loc, problems)?;
    let location = loc.locate(at, "on", Some(on.trim()));
    if let Some(taken) = taken.filter(|t| on_date > *t) {
        problems.push(
            Diagnostic::error(
                code::CONSENT_AFTER_PHOTO,
                format!("consent was given on {on_date}, after the photo was taken on {taken}"),
            )
            .at(location.clone())
            .help("a photo may only be published under consent given before it was taken; check `consent.on` and `taken`"),
        );
    }
    (!reference.is_empty()).then_some(Consent {
        reference,
        on: on_date,
        location,
    })
}

/// An image under the key at offset `at`, named `name` in messages.
fn image(
    raw: RawImage,
    name: &str,
    at: usize,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Image> {
    let RawImage { src, alt } = raw;
    let location = loc.locate(at, "src", Some(src.trim()));
    let Some(alt) = alt.map(|a| a.trim().to_string()).filter(|a| !a.is_empty()) else {
        problems.push(
            Diagnostic::error(code::IMAGE_ALT, format!("`{name}` has no alt text"))
                .at(location)
                .help("add `alt:` saying what the picture shows, e.g. `alt: \"Illustration: hairline from above after two sessions\"`"),
        );
        return None;
    };
    Some(Image {
        src: src.trim().to_string(),
        alt,
        location,
    })
}

fn date(
    s: &str,
    key: &str,
    at: usize,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Date> {
    match parse_date(s) {
        Ok(d) => Some(d),
        Err(help) => {
            problems.push(
                Diagnostic::error(code::INVALID_DATE, format!("invalid date `{s}` in `{key}`"))
                    .at(loc.locate(at, key, Some(s.trim())))
                    .help(help),
            );
            None
        }
    }
}

/// The offsets of the first `count` items of the block list under the key at `list_at`
/// (lines beginning `- ` at the list's indent); the key's offset for any not found (a flow
/// list `[{…}, {…}]`).
fn item_starts(file: &SourceFile, list_at: usize, count: usize) -> Vec<usize> {
    let end = file.front_matter.as_ref().map_or(0, |r| r.end);
    let mut lines = file
        .text
        .get(list_at..end)
        .unwrap_or("")
        .split_inclusive('\n');
    let mut offset = list_at + lines.next().map_or(0, str::len);
    let mut starts = Vec::new();
    let mut indent = None;
    for line in lines {
        let trimmed = line.trim_start_matches(' ');
        let depth = line.len() - trimmed.len();
        let is_item = trimmed.starts_with("- ") || trimmed.trim_end() == "-";
        if depth == 0 && !is_item && !trimmed.trim().is_empty() && !trimmed.starts_with('#') {
            break;
        }
        if is_item && indent.is_none_or(|i| i == depth) {
            indent = Some(depth);
            starts.push(offset + depth);
        }
        offset += line.len();
    }
    starts.resize(count.max(starts.len()), list_at);
    starts
}
