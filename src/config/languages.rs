//! `[languages.<code>]`: the site's other languages, each with its own words for the
//! site's title, description, menu, clinic details and topics. The top level of
//! `site.toml` is the default language, served at `/`; every other one is served under
//! `/<code>/`.

use std::collections::BTreeMap;

use super::check::{self, SiteToml};
use super::raw::RawLanguage;
use super::{Address, Config, MenuItem};
use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;

/// One language of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 code, as in file names (`recovery.ur.md`) and URLs (`/ur/`).
    pub code: String,
    /// The language's name in itself, for the language switcher (`اردو`).
    pub name: String,
    /// The locale dates and numbers are formatted for (`ur-PK`); the code when not set.
    pub locale: String,
    /// True for right-to-left scripts.
    pub rtl: bool,
    /// Its own words, for a language other than the default.
    text: LanguageText,
}

impl Language {
    /// The language's own menu, empty when it has none.
    pub(super) fn menu(&self) -> &[MenuItem] {
        self.text.menu.as_deref().unwrap_or(&[])
    }
}

/// What a language other than the default says instead of the top-level settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct LanguageText {
    title: Option<String>,
    description: Option<String>,
    menu: Option<Vec<MenuItem>>,
    clinic_name: Option<String>,
    opening_hours: Option<String>,
    address: Option<Address>,
    topics: BTreeMap<String, (String, Option<String>)>,
    costs_disclaimer: Option<String>,
}

/// The site's languages, the default (`language`, with `[languages.<it>]` for its name and
/// locale) first, then the others in code order.
pub(super) fn languages(
    default: &str,
    default_rtl: bool,
    default_locale: &str,
    raw: BTreeMap<String, RawLanguage>,
    topic_ids: &[&str],
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Language> {
    let mut default_language = Language {
        code: default.to_string(),
        name: default.to_string(),
        locale: default_locale.to_string(),
        rtl: default_rtl,
        text: LanguageText::default(),
    };
    let mut others = Vec::new();
    for (code, raw) in raw {
        let location = file.at_table(&format!("languages.{code}"));
        if code == default {
            if raw.title.is_some() || raw.description.is_some() || raw.menu.is_some() {
                problems.push(
                    Diagnostic::error(
                        code::LANGUAGE_TABLE,
                        format!("`[languages.{code}]` repeats the default language's settings"),
                    )
                    .at(location)
                    .help(format!("`{code}` is the default language: its title, description and menu are the top-level ones; keep only `name` and `locale` here")),
                );
            }
            default_language.name = raw.name.unwrap_or(default_language.name);
            if let Some(l) = &raw.locale {
                check::check_locale(l, file.at_value(l, "locale"), problems);
            }
            default_language.locale = raw.locale.unwrap_or(default_language.locale);
            continue;
        }
        let rtl = match check::language_tag(&code) {
            Some(rtl) => rtl,
            None => {
                problems.push(
                    Diagnostic::error(
                        code::LANGUAGE,
                        format!("`[languages.{code}]`: `{code}` is not a BCP 47 language tag"),
                    )
                    .at(location)
                    .help("name the table with a tag such as `ur`, `ar` or `en-GB`"),
                );
                continue;
            }
        };
        others.push(language(code, rtl, raw, topic_ids, file, problems));
    }
    let mut all = vec![default_language];
    all.extend(others);
    all
}

/// One language other than the default.
fn language(
    code: String,
    rtl: bool,
    raw: RawLanguage,
    topic_ids: &[&str],
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Language {
    let RawLanguage {
        name,
        locale,
        title,
        description,
        menu,
        clinic,
        topics,
        costs,
    } = raw;
    if let Some(menu) = &menu {
        check::link_urls(None, menu, file, problems);
    }
    if let Some(l) = &locale {
        check::check_locale(l, file.at_value(l, "locale"), problems);
    }
    for id in topics.keys() {
        if !topic_ids.contains(&id.as_str()) {
            problems.push(
                Diagnostic::error(
                    code::LANGUAGE_TABLE,
                    format!("`[languages.{code}.topics.{id}]` names no topic"),
                )
                .at(file.at_table(&format!("languages.{code}.topics.{id}")))
                .help(format!(
                    "use the id of a [[topics]] entry: {}",
                    topic_ids.join(", ")
                )),
            );
        }
    }
    let clinic = clinic.unwrap_or_default();
    Language {
        name: name.unwrap_or_else(|| code.clone()),
        locale: locale.unwrap_or_else(|| code.clone()),
        code,
        rtl,
        text: LanguageText {
            title,
            description,
            menu,
            clinic_name: clinic.name,
            opening_hours: clinic.opening_hours,
            address: clinic.address,
            topics: topics
                .into_iter()
                .map(|(id, t)| (id, (t.title, t.description)))
                .collect(),
            costs_disclaimer: costs.and_then(|c| c.disclaimer),
        },
    }
}

impl Config {
    /// The default language's code.
    pub fn default_language(&self) -> &str {
        self.languages
            .first()
            .map_or(self.language.as_str(), |l| l.code.as_str())
    }

    /// True when the site has more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// The language with this code.
    pub fn language_named(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The settings as the pages of language `code` see them: its words in place of the
    /// default's, and its URLs under `/<code>/`. The default language's are these.
    pub fn for_language(&self, code: &str) -> Option<Config> {
        let lang = self.language_named(code)?;
        let mut c = self.clone();
        if code == self.default_language() {
            return Some(c);
        }
        let t = &lang.text;
        c.language = lang.code.clone();
        c.locale = lang.locale.clone();
        c.rtl = lang.rtl;
        c.base_path = format!("{}{}/", self.static_path, lang.code);
        c.title = t.title.clone().unwrap_or(c.title);
        c.description = t.description.clone().unwrap_or(c.description);
        if let Some(menu) = &t.menu {
            c.menu = menu.clone();
        }
        if let Some(clinic) = c.clinic.as_mut() {
            clinic.name = t.clinic_name.clone().unwrap_or(clinic.name.clone());
            if t.opening_hours.is_some() {
                clinic.opening_hours = t.opening_hours.clone();
            }
            if t.address.is_some() {
                clinic.address = t.address.clone();
            }
        }
        for topic in &mut c.topics {
            if let Some((title, description)) = t.topics.get(&topic.id) {
                topic.title = title.clone();
                if let Some(d) = description {
                    topic.description = d.clone();
                }
            }
        }
        if t.costs_disclaimer.is_some() {
            c.costs_disclaimer = t.costs_disclaimer.clone();
        }
        Some(c)
    }
}
