//! The checks that turn the raw `site.toml` values into [`Config`](super::Config) fields,
//! one step per group of keys, each problem pointing at its key or value in the file.

use std::path::Path;

use super::raw::{RawCheck, RawClinic, RawCosts, RawTopic, TomlDate};
use super::{is_http_url, is_slug, script_url_scheme, MenuItem, SiteLink, Topic};
use crate::dates::{parse_date, Date};
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};
use crate::health::duration::{parse_offset, Offset, Unit};

/// The text of `site.toml` and its path, to point problems at keys and values.
pub(super) struct SiteToml<'a> {
    /// The whole file.
    pub(super) text: &'a str,
    /// Its path, relative to the site root.
    pub(super) rel: &'a Path,
}

impl SiteToml<'_> {
    /// Where `key = …` is written, else the file.
    pub(super) fn at_key(&self, key: &str) -> Location {
        locate_key(self.text, key).map_or_else(
            || Location::file_only(self.rel),
            |o| Location::at_offset(self.rel, self.text, o, key.len()),
        )
    }

    /// Where the table header `[name]` is written, else the file.
    pub(super) fn at_table(&self, name: &str) -> Location {
        let header = format!("[{name}]");
        self.text.find(&header).map_or_else(
            || Location::file_only(self.rel),
            |o| Location::at_offset(self.rel, self.text, o, header.len()),
        )
    }

    /// Where the quoted `value` is written, else where `key` is.
    pub(super) fn at_value(&self, value: &str, key: &str) -> Location {
        locate_value(self.text, value).map_or_else(
            || self.at_key(key),
            |o| Location::at_offset(self.rel, self.text, o, value.len()),
        )
    }
}

/// The base URL (trailing `/` dropped), which must be absolute http(s), and its path part
/// with leading and trailing slash.
pub(super) fn base_url(
    written: &str,
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) -> (String, String) {
    let base_url_raw = written.trim().to_string();
    let base_url = base_url_raw.trim_end_matches('/').to_string();
    let scheme_ok = base_url.starts_with("https://") || base_url.starts_with("http://");
    let host_ok = base_url
        .split_once("://")
        .map(|(_, rest)| !rest.is_empty() && !rest.starts_with('/'))
        .unwrap_or(false);
    if !scheme_ok || !host_ok {
        problems.push(
            Diagnostic::error(code::BASE_URL, format!("base_url `{base_url_raw}` is not an absolute http(s) URL"))
                .at(file.at_key("base_url"))
                .help("write it like `base_url = \"https://clinic.example\"` (a path such as `/clinic` may follow)"),
        );
    }
    let base_path = base_url
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
        .map(|p| format!("{}/", p.trim_end_matches('/')))
        .unwrap_or_else(|| "/".to_string());
    (base_url, base_path)
}

/// The language tag (`en` when left out), which must be BCP 47, and whether its script
/// runs right to left.
pub(super) fn language(
    written: Option<String>,
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) -> (String, bool) {
    let language = written.unwrap_or_else(|| "en".to_string());
    if !is_language_tag(&language) {
        problems.push(
            Diagnostic::error(
                code::LANGUAGE,
                format!("language `{language}` is not a BCP 47 language tag"),
            )
            .at(file.at_key("language"))
            .help("use a tag such as `en`, `en-GB`, `ur` or `ar`"),
        );
    }
    let rtl = language_tag(&language).unwrap_or(false);
    (language, rtl)
}

/// The formatting locale: as written, else the language.
pub(super) fn locale(
    written: Option<String>,
    language: &str,
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) -> String {
    let Some(locale) = written else {
        return language.to_string();
    };
    check_locale(&locale, file.at_key("locale"), problems);
    locale
}

/// A `locale` that is not a BCP 47 tag is a problem at `at`.
pub(super) fn check_locale(locale: &str, at: Location, problems: &mut Vec<Diagnostic>) {
    if !is_language_tag(locale) {
        problems.push(
            Diagnostic::error(
                code::LANGUAGE,
                format!("locale `{locale}` is not a BCP 47 language tag"),
            )
            .at(at)
            .help("use a tag such as `en-GB`, `en-US` or `ur-PK`"),
        );
    }
}

/// The `[[topics]]`, each with a valid id of its own.
pub(super) fn topics(
    raw: Vec<RawTopic>,
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Topic> {
    let mut topics: Vec<Topic> = Vec::new();
    for RawTopic {
        id,
        title,
        description,
    } in raw
    {
        if !is_slug(&id) {
            problems.push(
                Diagnostic::error(code::TOPIC_ID, format!("topic id `{id}` is not a valid id"))
                    .at(file.at_value(&id, "topics"))
                    .help("use lowercase letters, digits and `-`, e.g. `side-effects`"),
            );
        } else if topics.iter().any(|x| x.id == id) {
            problems.push(
                Diagnostic::error(
                    code::TOPIC_TWICE,
                    format!("topic id `{id}` is defined twice"),
                )
                .at(file.at_value(&id, "topics"))
                .help("give every [[topics]] entry its own id"),
            );
        }
        topics.push(Topic {
            id,
            title,
            description,
        });
    }
    topics
}

/// `[costs]`: the "prices as of" date, which must be valid, and the disclaimer.
pub(super) fn costs(
    raw: Option<RawCosts>,
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) -> (Option<Date>, Option<String>) {
    let Some(RawCosts {
        as_of, disclaimer, ..
    }) = raw
    else {
        return (None, None);
    };
    let as_of = as_of.and_then(|d| {
        let s = match d {
            TomlDate::Date(d) => d.to_string(),
            TomlDate::Text(s) => s,
        };
        match parse_date(&s) {
            Ok(d) => Some(d),
            Err(help) => {
                problems.push(
                    Diagnostic::error(
                        code::PRICES_AS_OF,
                        format!("`as_of` date `{s}` is not a valid date"),
                    )
                    .at(file.at_key("as_of"))
                    .help(help),
                );
                None
            }
        }
    });
    (as_of, disclaimer)
}

/// The clinic's booking URL and every menu URL, none a script URL.
pub(super) fn link_urls(
    clinic: Option<&RawClinic>,
    menu: &[MenuItem],
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    if let Some(url) = clinic.and_then(|c| c.booking_url.as_ref()) {
        check_url(url, "booking_url", file, problems);
    }
    for m in menu {
        check_url(&m.url, "url", file, problems);
    }
}

/// The booking URL and menu URLs that are absolute `http(s)` URLs, located, for
/// `check --external`.
pub(super) fn site_links(
    clinic: Option<&RawClinic>,
    menu: &[MenuItem],
    file: &SiteToml<'_>,
) -> Vec<SiteLink> {
    let mut links = located_links(clinic, menu.iter(), file);
    links.retain(|l| is_http_url(&l.url));
    links
}

/// The booking URL and every menu URL given (of every language), located: the built
/// site's links are checked against them.
pub(super) fn located_links<'m>(
    clinic: Option<&RawClinic>,
    menu: impl Iterator<Item = &'m MenuItem>,
    file: &SiteToml<'_>,
) -> Vec<SiteLink> {
    let booking = clinic
        .and_then(|c| c.booking_url.as_deref())
        .map(|u| (u, "booking_url"));
    let menu = menu.map(|m| (m.url.as_str(), "url"));
    booking
        .into_iter()
        .chain(menu)
        .map(|(url, key)| SiteLink {
            url: url.to_string(),
            location: file.at_value(url, key),
        })
        .collect()
}

/// `[check] external_timeout`, which must be at least a second: with none, every link
/// would time out.
pub(super) fn external_timeout(
    check: Option<&RawCheck>,
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    if check.and_then(|c| c.external_timeout) == Some(0) {
        problems.push(
            Diagnostic::error(code::CONFIG_INVALID, "`external_timeout` is 0 seconds")
                .at(file.at_key("external_timeout"))
                .help("give the seconds a request may take, at least 1 (10 when left out)"),
        );
    }
}

/// `[images] consent_renew_after`: a duration such as `2y` or `18mo`, more than nothing;
/// two years when left out.
pub(super) fn consent_renew_after(
    written: Option<&str>,
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Offset {
    let default = Offset {
        amount: 2,
        unit: Unit::Years,
    };
    let Some(written) = written else {
        return default;
    };
    let message = match parse_offset(written) {
        Ok(o) if o.hours() > 0 => return o,
        Ok(_) => format!("`consent_renew_after` is `{written}`, which is no time at all"),
        Err(e) => format!("`consent_renew_after`: {e}"),
    };
    problems.push(
        Diagnostic::error(code::CONSENT_RENEW_AFTER, message)
            .at(file.at_value(written, "consent_renew_after"))
            .help(
                "write how long a consent holds before it is renewed, e.g. `2y`, `18mo` or `52w`",
            ),
    );
    default
}

/// The theme (`clinic` when left out), which must name a folder under `themes/`.
pub(super) fn theme(
    written: Option<String>,
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) -> String {
    let theme = written.unwrap_or_else(|| "clinic".to_string());
    if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
        problems.push(
            Diagnostic::error(
                code::THEME_NAME,
                format!("theme `{theme}` is not a theme folder name"),
            )
            .at(file.at_key("theme"))
            .help("name a folder under `themes/`, e.g. `theme = \"clinic\"`"),
        );
    }
    theme
}

/// Refuses a URL a browser would run as script (`javascript:`) or open as a document
/// (`data:`), pointing at it in `site.toml`.
fn check_url(url: &str, key: &str, file: &SiteToml<'_>, problems: &mut Vec<Diagnostic>) {
    let Some(scheme) = script_url_scheme(url) else {
        return;
    };
    let lead = url.len() - url.trim_start().len();
    let location = match locate_value(file.text, url) {
        Some(o) => Location::at_offset(file.rel, file.text, o + lead, url.trim().chars().count()),
        None => file.at_key(key),
    };
    problems.push(
        Diagnostic::error(
            code::CONFIG_SCRIPT_URL,
            format!("`{key}` is a `{scheme}:` URL, which browsers run as code"),
        )
        .at(location)
        .label(format!("`{scheme}:` URL"))
        .help("link to an `https://` page or a site path such as `/contact/`"),
    );
}

/// Byte offset of `key` where it starts a `key = …` line.
fn locate_key(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                return Some(offset + (line.len() - trimmed.len()));
            }
        }
        offset += line.len();
    }
    None
}
/// Byte offset of a quoted string value.
fn locate_value(text: &str, value: &str) -> Option<usize> {
    text.find(&format!("\"{value}\"")).map(|i| i + 1)
}
/// For a BCP 47 tag, whether its script runs right to left; `None` for anything else.
pub(super) fn language_tag(tag: &str) -> Option<bool> {
    if !is_language_tag(tag) {
        return None;
    }
    let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
    Some(matches!(
        primary.as_str(),
        "ar" | "he" | "fa" | "ur" | "ps" | "sd" | "yi" | "dv" | "ug" | "ckb" | "ku"
    ))
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
