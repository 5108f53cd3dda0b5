//! `site.toml`: the raw file as serde sees it, and the checked [`Config`] the build uses.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::dates::{parse_date, parse_interval, Date, IntervalError};
pub(crate) use crate::dates::{IntervalUnit, ReviewInterval};
use crate::diagnostics::{unknown_field, Diagnostic, Location};

/// The name of the config file in a site's root.
pub(crate) const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    clinic: Option<RawClinic>,
    #[serde(default)]
    topics: Vec<RawTopic>,
    #[serde(default)]
    menu: Vec<MenuItem>,
    #[serde(default)]
    review: Option<RawReview>,
    #[serde(default)]
    costs: Option<RawCosts>,
    #[serde(default)]
    build: Option<RawBuild>,
    #[serde(default)]
    markdown: Option<RawMarkdown>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClinic {
    name: String,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    booking_url: Option<String>,
    #[serde(default)]
    opening_hours: Option<String>,
    #[serde(default)]
    address: Option<Address>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: String,
    title: String,
    #[serde(default)]
    description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReview {
    interval: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCosts {
    #[serde(default)]
    as_of: Option<TomlDate>,
    #[serde(default)]
    disclaimer: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum TomlDate {
    Date(toml::value::Datetime),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBuild {
    #[serde(default)]
    output: Option<PathBuf>,
    #[serde(default)]
    minify: Option<bool>,
    #[serde(default)]
    drafts: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    #[serde(default)]
    raw_html: Option<RawHtml>,
}

/// What markdown bodies do with HTML written in them (`<script>`, `<img onerror=…>`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Passed through as written: writers are trusted.
    #[default]
    Allow,
    /// Shown as text, so no markup or script in a body reaches the page.
    Escape,
}

/// A postal address, as written in `site.toml`.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Street and number.
    #[serde(default)]
    pub street: String,
    /// Town or city.
    #[serde(default)]
    pub locality: String,
    /// State, province or region.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    /// Postal code.
    #[serde(default)]
    pub postal_code: String,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default)]
    pub country: String,
}

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

/// A main-navigation entry.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// Link text.
    pub title: String,
    /// Site path (`/faq/`) or absolute URL.
    pub url: String,
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
    /// BCP 47 language tag.
    pub language: String,
    /// True for right-to-left scripts.
    pub rtl: bool,
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
    /// What markdown bodies do with raw HTML.
    pub raw_html: RawHtml,
}

impl Config {
    /// The topic with this id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
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
                "P0101",
                format!("cannot read {}: {e}", path.display()),
            )
            .at(Location::file_only(&rel))
            .help("run `pigment build` in a site folder, or pass `--root DIR`; `pigment init DIR` creates one")])
        }
    };
    parse(&text, &rel, base_url)
}

/// Parses and checks the text of a `site.toml`.
pub fn parse(text: &str, rel: &Path, base_url: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
    let raw: RawConfig = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => return Err(vec![toml_error(&e, text, rel)]),
    };
    let mut problems = Vec::new();
    let at_key = |key: &str| {
        locate_key(text, key).map_or_else(
            || Location::file_only(rel),
            |o| Location::at_offset(rel, text, o, key.len()),
        )
    };

    let base_url_raw = base_url
        .map_or(raw.base_url.as_str(), |b| b)
        .trim()
        .to_string();
    let base_url = base_url_raw.trim_end_matches('/').to_string();
    let scheme_ok = base_url.starts_with("https://") || base_url.starts_with("http://");
    let host_ok = base_url
        .split_once("://")
        .map(|(_, rest)| !rest.is_empty() && !rest.starts_with('/'))
        .unwrap_or(false);
    if !scheme_ok || !host_ok {
        problems.push(
            Diagnostic::error("P0103", format!("base_url `{base_url_raw}` is not an absolute http(s) URL"))
                .at(at_key("base_url"))
                .help("write it like `base_url = \"https://clinic.example\"` (a path such as `/clinic` may follow)"),
        );
    }
    let base_path = base_url
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
        .map(|p| format!("{}/", p.trim_end_matches('/')))
        .unwrap_or_else(|| "/".to_string());

    let language = raw.language.unwrap_or_else(|| "en".to_string());
    if !is_language_tag(&language) {
        problems.push(
            Diagnostic::error(
                "P0104",
                format!("language `{language}` is not a BCP 47 language tag"),
            )
            .at(at_key("language"))
            .help("use a tag such as `en`, `en-GB`, `ur` or `ar`"),
        );
    }
    let primary = language
        .split('-')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let rtl = matches!(
        primary.as_str(),
        "ar" | "he" | "fa" | "ur" | "ps" | "sd" | "yi" | "dv" | "ug" | "ckb" | "ku"
    );

    let mut topics: Vec<Topic> = Vec::new();
    for t in raw.topics {
        if !is_slug(&t.id) {
            problems.push(
                Diagnostic::error("P0105", format!("topic id `{}` is not a valid id", t.id))
                    .at(locate_value(text, &t.id).map_or_else(
                        || at_key("topics"),
                        |o| Location::at_offset(rel, text, o, t.id.len()),
                    ))
                    .help("use lowercase letters, digits and `-`, e.g. `side-effects`"),
            );
        } else if topics.iter().any(|x| x.id == t.id) {
            problems.push(
                Diagnostic::error("P0106", format!("topic id `{}` is defined twice", t.id))
                    .at(locate_value(text, &t.id).map_or_else(
                        || at_key("topics"),
                        |o| Location::at_offset(rel, text, o, t.id.len()),
                    ))
                    .help("give every [[topics]] entry its own id"),
            );
        }
        topics.push(Topic {
            id: t.id,
            title: t.title,
            description: t.description,
        });
    }

    let review_interval = match raw.review {
        Some(r) => {
            match parse_interval(&r.interval) {
                Ok(i) => Some(i),
                Err(IntervalError::NotUnderstood) => {
                    problems.push(
                    Diagnostic::error("P0107", format!("review interval `{}` is not understood", r.interval))
                        .at(at_key("interval"))
                        .help("write a number and a unit: `12 months`, `1 year`, `26 weeks`, `180 days`"),
                );
                    None
                }
                Err(IntervalError::TooLong) => {
                    problems.push(
                    Diagnostic::error("P0107", format!("review interval `{}` is too long", r.interval))
                        .at(at_key("interval"))
                        .help("the longest interval is 100 years (1200 months, 5218 weeks, 36525 days); pages are usually reviewed every `12 months`"),
                );
                    None
                }
            }
        }
        None => None,
    };

    let (costs_as_of, costs_disclaimer) = match raw.costs {
        Some(c) => {
            let as_of = match c.as_of {
                None => None,
                Some(d) => {
                    let s = match d {
                        TomlDate::Date(d) => d.to_string(),
                        TomlDate::Text(s) => s,
                    };
                    match parse_date(&s) {
                        Ok(d) => Some(d),
                        Err(help) => {
                            problems.push(
                                Diagnostic::error(
                                    "P0108",
                                    format!("`as_of` date `{s}` is not a valid date"),
                                )
                                .at(at_key("as_of"))
                                .help(help),
                            );
                            None
                        }
                    }
                }
            };
            (as_of, c.disclaimer)
        }
        None => (None, None),
    };

    let build = raw.build.unwrap_or(RawBuild {
        output: None,
        minify: None,
        drafts: None,
    });
    if let Some(c) = &raw.clinic {
        if let Some(url) = &c.booking_url {
            check_url(url, "booking_url", text, rel, &mut problems);
        }
    }
    for m in &raw.menu {
        check_url(&m.url, "url", text, rel, &mut problems);
    }
    let raw_html = raw.markdown.and_then(|m| m.raw_html).unwrap_or_default();

    let theme = raw.theme.unwrap_or_else(|| "clinic".to_string());
    if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
        problems.push(
            Diagnostic::error(
                "P0109",
                format!("theme `{theme}` is not a theme folder name"),
            )
            .at(at_key("theme"))
            .help("name a folder under `themes/`, e.g. `theme = \"clinic\"`"),
        );
    }

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Config {
        title: raw.title,
        base_url,
        base_path,
        language,
        rtl,
        theme,
        description: raw.description.unwrap_or_default(),
        clinic: raw.clinic.map(|c| Clinic {
            name: c.name,
            phone: c.phone,
            email: c.email,
            booking_url: c.booking_url,
            opening_hours: c.opening_hours,
            address: c.address,
        }),
        topics,
        menu: raw.menu,
        review_interval,
        costs_as_of,
        costs_disclaimer,
        output: build.output.unwrap_or_else(|| PathBuf::from("public")),
        minify: build.minify.unwrap_or(false),
        drafts: build.drafts.unwrap_or(false),
        raw_html,
    })
}

/// Refuses a URL a browser would run as script (`javascript:`) or open as a document
/// (`data:`), pointing at it in `site.toml`.
fn check_url(url: &str, key: &str, text: &str, rel: &Path, problems: &mut Vec<Diagnostic>) {
    let Some(scheme) = script_url_scheme(url) else {
        return;
    };
    let lead = url.len() - url.trim_start().len();
    let location = match locate_value(text, url) {
        Some(o) => Location::at_offset(rel, text, o + lead, url.trim().chars().count()),
        None => locate_key(text, key).map_or_else(
            || Location::file_only(rel),
            |o| Location::at_offset(rel, text, o, key.len()),
        ),
    };
    problems.push(
        Diagnostic::error(
            "P0110",
            format!("`{key}` is a `{scheme}:` URL, which browsers run as code"),
        )
        .at(location)
        .label(format!("`{scheme}:` URL"))
        .help("link to an `https://` page or a site path such as `/contact/`"),
    );
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
            "P0102",
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
        return Diagnostic::error("P0102", format!("unknown key `{field}` in site.toml"))
            .at(location)
            .label("not a site.toml key")
            .help(help);
    }
    let help = if message.starts_with("missing field") {
        "add the key; docs/config.md lists the required ones".to_string()
    } else {
        "check the TOML syntax: strings in double quotes, one `key = value` per line".to_string()
    };
    Diagnostic::error("P0102", format!("site.toml: {message}"))
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

/// True for ids made of lowercase ASCII letters, digits and single inner `-`.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
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
    fn rtl_languages_set_dir() {
        let text = format!("{MINIMAL}language = \"ur-PK\"\n");
        assert!(parse(&text, Path::new("site.toml"), None).unwrap().rtl);
    }

    #[test]
    fn menu_urls_are_checked_and_raw_html_is_read() {
        let text = format!("{MINIMAL}[[menu]]\ntitle = \"M\"\nurl = \"data:text/html,x\"\n");
        let errs = parse(&text, Path::new("site.toml"), None).unwrap_err();
        assert_eq!(errs[0].code, "P0110");
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
