//! `site.toml` into the checked [`Config`] the build uses. The rule: the raw types in
//! [`raw`] mirror the file; `Config` is derived from them, ready to use (defaults filled
//! in, values checked, the base path worked out), so no later stage reads the raw ones.

use std::path::{Path, PathBuf};

use crate::dates::Date;
pub(crate) use crate::dates::{IntervalUnit, ReviewInterval};
use crate::diagnostics::code;
use crate::diagnostics::{unknown_field, Diagnostic, Location};
use crate::health::duration::Offset;

mod check;
mod costs;
mod images;
mod languages;
mod medical;
mod policy;
mod raw;
mod readability;
mod schedule;

pub use readability::ReadabilitySettings;
mod urls;

pub use images::ImageSettings;
pub use languages::Language;
pub(crate) use medical::{Condition, OpeningHours, Procedure};
pub(crate) use policy::{PolicySection, RequiredField, ReviewPolicy, SectionPolicy};

pub use raw::RawHtml;
pub(crate) use raw::{Address, MenuItem};
use raw::{RawBuild, RawCheck, RawClinic, RawConfig, RawMarkdown};
pub(crate) use schedule::HeldBack;
pub use schedule::{Change, Schedule, ScheduledChange};
pub(crate) use urls::is_http_url;

/// The name of the config file in a site's root.
pub(crate) const CONFIG_FILE: &str = "site.toml";

/// The clinic that publishes the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clinic {
    /// Name shown in the contact block.
    pub name: String,
    /// Phone number as written.
    pub phone: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Where patients book an appointment.
    pub booking_url: Option<String>,
    /// Free text, e.g. "Mon–Sat 10:00–18:00".
    pub opening_hours: Option<String>,
    /// Postal address.
    pub address: Option<Address>,
    /// Structured opening hours (`[[clinic.hours]]`), for structured data.
    pub hours: Vec<OpeningHours>,
}

/// One of the site's fixed topics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// Identifier used in front matter and URLs.
    pub id: String,
    /// Display title.
    pub title: String,
    /// One sentence on what the topic covers.
    pub description: String,
}

/// The checked site configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// Absolute base URL without a trailing slash, e.g. `https://user.github.io/clinic`.
    pub base_url: String,
    /// The path part of `base_url`, with leading and trailing slash (`/` or `/clinic/`).
    pub base_path: String,
    /// BCP 47 language tag of the pages these settings are for.
    pub language: String,
    /// Every language of the site, the default first; one entry for a site in one
    /// language.
    pub languages: Vec<Language>,
    /// The site's own base path (`/` or `/clinic/`), where static files are, whatever the
    /// language.
    pub static_path: String,
    /// True for right-to-left scripts.
    pub rtl: bool,
    /// BCP 47 tag dates and numbers are formatted for (`en-GB`); the language by default.
    pub locale: String,
    /// Theme name.
    pub theme: String,
    /// Site description.
    pub description: String,
    /// The clinic, when configured.
    pub clinic: Option<Clinic>,
    /// Topics in display order.
    pub topics: Vec<Topic>,
    /// Main navigation.
    pub menu: Vec<MenuItem>,
    /// Review interval, when configured.
    pub review_interval: Option<ReviewInterval>,
    /// "Prices as of" date for the costs page.
    pub costs_as_of: Option<Date>,
    /// Disclaimer on the costs page.
    pub costs_disclaimer: Option<String>,
    /// Output folder, relative to the site root unless absolute.
    pub output: PathBuf,
    /// Minify HTML output.
    pub minify: bool,
    /// Include drafts.
    pub drafts: bool,
    /// Write page-relative URLs, so the output opens from disk (`[build] relative_urls`,
    /// `build --relative`).
    pub relative_urls: bool,
    /// What markdown bodies do with raw HTML.
    pub raw_html: RawHtml,
    /// How `check --external` fetches links (`[check]`).
    pub check: CheckSettings,
    /// How responsive images are made (`[images]`).
    pub images: ImageSettings,
    /// The absolute `http(s)` URLs written in `site.toml` (menu, `booking_url`).
    pub site_links: Vec<SiteLink>,
    /// How old a gallery's consent may get before a build asks to renew it
    /// (`[images] consent_renew_after`, `2y` by default).
    pub consent_renew_after: Offset,
    /// Every URL written in `site.toml` that pages show (`booking_url`, the menus of every
    /// language), for the check of the built site's links.
    pub config_links: Vec<SiteLink>,
    /// The build's day and whether pages outside their `publish_date`/`expires` are built
    /// (`--future`, `--expired`); set from the build's options.
    pub schedule: Schedule,
    /// How old `[costs] as_of` may get before a build warns (`stale_after`, 12 months).
    pub costs_stale_after: ReviewInterval,
    /// Where `[costs] as_of` is written, for that warning.
    pub costs_as_of_at: Option<Location>,
    /// How `check` grades English pages' reading level (`[readability]`).
    pub readability: ReadabilitySettings,
    /// The procedure the site is about (`[procedure]`), for structured data.
    pub procedure: Option<Procedure>,
    /// The conditions pages may be about (`[[conditions]]`).
    pub conditions: Vec<Condition>,
    /// What each section's pages must have, and how often they are reviewed
    /// (`[review.policy.<section>]`).
    pub review_policy: ReviewPolicy,
}

/// `[check]`: how `pigment check --external` fetches links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckSettings {
    /// Per-request timeout (`external_timeout`, seconds; 10 by default).
    pub external_timeout: std::time::Duration,
    /// How long a fetched result is reused (`external_cache_ttl`, seconds; a day by default).
    pub external_cache_ttl: std::time::Duration,
    /// URLs never fetched: a prefix, or a glob with `*` (`external_skip`).
    pub external_skip: Vec<String>,
}

impl CheckSettings {
    fn from_raw(raw: Option<RawCheck>) -> CheckSettings {
        let RawCheck {
            external_timeout,
            external_cache_ttl,
            external_skip,
        } = raw.unwrap_or_default();
        CheckSettings {
            external_timeout: std::time::Duration::from_secs(external_timeout.unwrap_or(10)),
            external_cache_ttl: std::time::Duration::from_secs(
                external_cache_ttl.unwrap_or(24 * 60 * 60),
            ),
            external_skip,
        }
    }
}

/// A URL written in `site.toml`, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLink {
    /// The URL as written.
    pub url: String,
    /// Where it is written.
    pub location: Location,
}

impl Config {
    /// The condition with this id.
    pub fn condition(&self, id: &str) -> Option<&Condition> {
        self.conditions.iter().find(|c| c.id == id)
    }

    /// The topic with this id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// How often pages of `section` are reviewed: its policy's interval, else `[review]`'s.
    pub fn review_interval_for(&self, section: PolicySection) -> Option<ReviewInterval> {
        self.review_policy
            .section(section)
            .and_then(|s| s.interval)
            .or(self.review_interval)
    }

    /// A site path (`/faq/`) as a URL path that includes the base path (`/clinic/faq/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }

    /// A site path as an absolute URL.
    pub fn permalink(&self, path: &str) -> String {
        let origin_end = self
            .base_url
            .find("://")
            .and_then(|i| self.base_url[i + 3..].find('/').map(|j| i + 3 + j))
            .unwrap_or(self.base_url.len());
        format!("{}{}", &self.base_url[..origin_end], self.url(path))
    }
}

/// Reads and checks `site.toml` in `root`. `base_url` replaces the configured one when given.
pub(crate) fn load(root: &Path, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join(CONFIG_FILE);
    let rel = PathBuf::from(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            return Err(vec![Diagnostic::error(
                code::CONFIG_UNREADABLE,
                format!("cannot read {}: {e}", path.display()),
            )
            .at(Location::file_only(&rel))
            .help("run `pigment build` in a site folder, or pass `--root DIR`; `pigment init DIR` creates one")])
        }
    };
    let mut config = parse(&text, &rel, base_url)?;
    config.images.cache_dir = Some(root.join(images::CACHE_DIR));
    Ok(config)
}

/// Parses and checks the text of a `site.toml`.
pub fn parse(text: &str, rel: &Path, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    let raw: RawConfig = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => return Err(vec![toml_error(&e, text, rel)]),
    };
    let RawConfig {
        title,
        base_url: written_base_url,
        language,
        locale,
        theme,
        description,
        clinic,
        topics,
        menu,
        review,
        costs,
        build,
        markdown,
        check,
        images,
        languages,
        readability,
        procedure,
        conditions,
    } = raw;
    let file = check::SiteToml { text, rel };
    let mut problems = Vec::new();
    let p = &mut problems;

    let (base_url, base_path) = check::base_url(base_url.unwrap_or(&written_base_url), &file, p);
    let (language, rtl) = check::language(language, &file, p);
    let locale = check::locale(locale, &language, &file, p);
    let topics = check::topics(topics, &file, p);
    let topic_ids: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
    let languages = languages::languages(&language, rtl, &locale, languages, &topic_ids, &file, p);
    // `[languages.<default>] locale` may set the default language's locale too.
    let locale = languages.first().map_or(locale, |l| l.locale.clone());
    let (costs_stale_after, costs_as_of_at) = costs::staleness(costs.as_ref(), &file, p);
    let (review_interval, review_policy) = policy::review(review, &file, p);
    let (costs_as_of, costs_disclaimer) = check::costs(costs, &file, p);
    check::link_urls(clinic.as_ref(), &menu, &file, p);
    let site_links = check::site_links(clinic.as_ref(), &menu, &file);
    let language_menus = languages.iter().flat_map(Language::menu);
    let config_links =
        check::located_links(clinic.as_ref(), menu.iter().chain(language_menus), &file);
    let theme = check::theme(theme, &file, p);
    check::external_timeout(check.as_ref(), &file, p);
    let consent_renew_after = check::consent_renew_after(
        images
            .as_ref()
            .and_then(|i| i.consent_renew_after.as_deref()),
        &file,
        p,
    );
    let images = images::ImageSettings::from_raw(images, &file, p);
    let readability = readability::settings(readability, &file, p);
    let conditions = medical::conditions(conditions, &file, p);
    let mut clinic = clinic;
    let hours = clinic
        .as_mut()
        .map(|c| medical::hours(std::mem::take(&mut c.hours), &file, p))
        .unwrap_or_default();

    if !problems.is_empty() {
        return Err(problems);
    }
    let RawBuild {
        output,
        minify,
        drafts,
        relative_urls,
    } = build.unwrap_or_default();
    let RawMarkdown { raw_html } = markdown.unwrap_or_default();
    Ok(Config {
        title,
        base_url,
        static_path: base_path.clone(),
        base_path,
        language,
        languages,
        rtl,
        locale,
        theme,
        description: description.unwrap_or_default(),
        clinic: clinic.map(|c| Clinic {
            hours,
            ..Clinic::from(c)
        }),
        topics,
        menu,
        review_interval,
        costs_as_of,
        costs_disclaimer,
        output: output.unwrap_or_else(|| PathBuf::from("public")),
        minify: minify.unwrap_or(false),
        drafts: drafts.unwrap_or(false),
        relative_urls: relative_urls.unwrap_or(false),
        raw_html: raw_html.unwrap_or_default(),
        check: CheckSettings::from_raw(check),
        images,
        site_links,
        consent_renew_after,
        config_links,
        schedule: Schedule::default(),
        costs_stale_after,
        costs_as_of_at,
        readability,
        procedure: medical::procedure(procedure),
        conditions,
        review_policy,
    })
}

impl From<RawClinic> for Clinic {
    fn from(raw: RawClinic) -> Clinic {
        let RawClinic {
            name,
            phone,
            email,
            booking_url,
            opening_hours,
            address,
            hours: _,
        } = raw;
        Clinic {
            name,
            phone,
            email,
            booking_url,
            opening_hours,
            address,
            hours: Vec::new(),
        }
    }
}

/// The scheme of a URL that runs script or opens inline content when followed
/// (`javascript`, `vbscript`, `data`), read the way browsers do: surrounding spaces and
/// control characters dropped, tabs and line breaks ignored, any letter case.
pub(crate) fn script_url_scheme(url: &str) -> Option<&'static str> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut scheme = String::new();
    for c in trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        if c == ':' {
            break;
        }
        if scheme.len() > 10 {
            return None;
        }
        scheme.push(c.to_ascii_lowercase());
    }
    ["javascript", "vbscript", "data"]
        .into_iter()
        .find(|s| *s == scheme && trimmed.contains(':'))
}

fn toml_error(e: &toml::de::Error, text: &str, rel: &Path) -> Diagnostic {
    let message = e.message().trim().to_string();
    let span = e.span().unwrap_or(0..0);
    let location = Location::at_offset(rel, text, span.start, span.len().max(1));
    if let Some((value, expected, suggestion)) = unknown_variant(&message) {
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("write one of {expected}"),
        };
        return Diagnostic::error(
            code::CONFIG_INVALID,
            format!("`{value}` is not a value this key accepts"),
        )
        .at(location)
        .label(format!("expected {expected}"))
        .help(help);
    }
    if let Some((field, suggestion)) = unknown_field(&message) {
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => "remove it; docs/config.md lists the keys site.toml accepts".to_string(),
        };
        return Diagnostic::error(
            code::CONFIG_INVALID,
            format!("unknown key `{field}` in site.toml"),
        )
        .at(location)
        .label("not a site.toml key")
        .help(help);
    }
    let help = if message.starts_with("missing field") {
        "add the key; docs/config.md lists the required ones".to_string()
    } else {
        "check the TOML syntax: strings in double quotes, one `key = value` per line".to_string()
    };
    Diagnostic::error(code::CONFIG_INVALID, format!("site.toml: {message}"))
        .at(location)
        .help(help)
}

/// Reads serde's "unknown variant `x`, expected `a` or `b`" message: the value, the
/// expected ones as written, and the closest of them.
fn unknown_variant(message: &str) -> Option<(String, String, Option<String>)> {
    let rest = message.strip_prefix("unknown variant ")?;
    let (value, expected) = rest.split_once(", expected ")?;
    let value = value.trim_matches('`').to_string();
    let names = expected.split('`').skip(1).step_by(2);
    let suggestion = crate::diagnostics::did_you_mean(&value, names).map(str::to_string);
    let expected = expected.trim_start_matches("one of ").to_string();
    Some((value, expected, suggestion))
}

/// True for ids made of lowercase ASCII letters, digits and single inner `-`.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title = \"T\"\nbase_url = \"https://x.example/clinic/\"\n";

    #[test]
    fn base_path_comes_from_base_url() {
        let c = parse(MINIMAL, Path::new("site.toml"), None).unwrap();
        assert_eq!(c.base_url, "https://x.example/clinic");
        assert_eq!(c.base_path, "/clinic/");
        assert_eq!(c.url("/faq/"), "/clinic/faq/");
        assert_eq!(c.permalink("/faq/"), "https://x.example/clinic/faq/");
    }

    #[test]
    fn unknown_key_names_line_and_suggestion() {
        let text = format!("{MINIMAL}[build]\noutptu = \"x\"\n");
        let errs = parse(&text, Path::new("site.toml"), None).unwrap_err();
        let d = &errs[0];
        assert_eq!(d.message, "unknown key `outptu` in site.toml");
        let loc = d.location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (4, 1));
        assert_eq!(d.help.as_deref(), Some("did you mean `output`?"));
    }

    #[test]
    fn every_languages_locale_is_checked() {
        for table in ["en", "ur"] {
            let text = format!("{MINIMAL}[languages.{table}]\nlocale = \"not a tag\"\n");
            let errs = parse(&text, Path::new("site.toml"), None).unwrap_err();
            assert_eq!(errs[0].code, code::LANGUAGE, "{table}");
            assert_eq!(
                errs[0].location.as_deref().map(|l| l.line),
                Some(4),
                "{table}"
            );
        }
    }

    #[test]
    fn rtl_languages_set_dir() {
        let text = format!("{MINIMAL}language = \"ur-PK\"\n");
        assert!(parse(&text, Path::new("site.toml"), None).unwrap().rtl);
    }

    #[test]
    fn menu_urls_are_checked_and_raw_html_is_read() {
        let text = format!("{MINIMAL}[[menu]]\ntitle = \"M\"\nurl = \"data:text/html,x\"\n");
        let errs = parse(&text, Path::new("site.toml"), None).unwrap_err();
        assert_eq!(errs[0].code, code::CONFIG_SCRIPT_URL);
        assert_eq!(errs[0].location.as_deref().map(|l| l.line), Some(5));

        let text = format!("{MINIMAL}[markdown]\nraw_html = \"escape\"\n");
        let c = parse(&text, Path::new("site.toml"), None).unwrap();
        assert_eq!(c.raw_html, RawHtml::Escape);
        assert_eq!(
            parse(MINIMAL, Path::new("site.toml"), None)
                .unwrap()
                .raw_html,
            RawHtml::Allow
        );

        let text = format!("{MINIMAL}[markdwn]\nraw_html = \"escape\"\n");
        let errs = parse(&text, Path::new("site.toml"), None).unwrap_err();
        assert_eq!(errs[0].help.as_deref(), Some("did you mean `markdown`?"));
    }

    #[test]
    fn script_urls_are_found_as_browsers_read_them() {
        for url in [
            "javascript:alert(1)",
            "  JavaScript:alert(1)",
            "\u{0}\u{1f}java\tscr\nipt:x",
            "VBScript:msgbox",
            "data:text/html,<script>",
            " DATA:image/png;base64,AA",
        ] {
            assert!(script_url_scheme(url).is_some(), "{url:?}");
        }
        for url in [
            "https://x.example/javascript:",
            "/javascript/",
            "javascript",
            "mailto:a@b.example",
            "tel:+44",
            "#data:",
            "datas:x",
        ] {
            assert_eq!(script_url_scheme(url), None, "{url:?}");
        }
    }
}
