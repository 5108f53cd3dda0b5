//! Words in the reader's language: message files (`i18n/<code>.toml`, the theme's and the
//! site's) looked up by key with a fallback, and dates, numbers, plurals and lists
//! formatted from CLDR data. A leaf: it knows nothing of pages or templates.

mod catalog;
mod format;
mod message;
mod words;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub(crate) use catalog::Message;
use catalog::{Catalog, Entry};
pub(crate) use format::with_formats;
pub(crate) use words::Words;

use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};

/// The language whose messages every other falls back to last: the bundled theme's.
pub(crate) const BASE_LANGUAGE: &str = "en";

/// The bundled clinic theme's English words: every key Pigment itself asks for is here.
const BUILTIN: &str = include_str!("../../themes/clinic/i18n/en.toml");

/// Where messages show the bundled English file to be.
const BUILTIN_PATH: &str = "<bundled clinic theme>/i18n/en.toml";

/// A message file as found: its language code, where it is (for messages) and its bytes.
pub(crate) struct MessageFile<'a> {
    /// `ur`, from the file name `ur.toml`.
    pub language: &'a str,
    /// As shown in messages: `themes/clinic/i18n/ur.toml`.
    pub path: &'a Path,
    /// Contents.
    pub bytes: &'a [u8],
}

/// Every message a site can show: per language its own file and its theme's, and the
/// bundled English words underneath all of them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Messages {
    /// Language to its catalogs, the site's before the theme's.
    languages: BTreeMap<String, Vec<Catalog>>,
    /// The bundled theme's English words, the last fallback (words Pigment writes itself
    /// come from here when a theme has none).
    builtin: Option<Catalog>,
    /// Where the theme keeps message files (`themes/clinic/i18n`), to name a missing one.
    theme_dir: PathBuf,
}

impl Messages {
    /// Parses the theme's files, then the site's (which override key by key), over the
    /// bundled English file. Problems are located in the files.
    pub(crate) fn load(
        theme_dir: &Path,
        theme: &[MessageFile],
        site: &[MessageFile],
    ) -> (Messages, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut parse = |f: &MessageFile| match catalog::parse(f.path, f.bytes) {
            Ok(c) => Some(c),
            Err(p) => {
                problems.extend(p);
                None
            }
        };
        let mut messages = Messages {
            theme_dir: theme_dir.to_path_buf(),
            ..Messages::english()
        };
        for f in site.iter().chain(theme) {
            if let Some(c) = parse(f) {
                messages
                    .languages
                    .entry(f.language.to_string())
                    .or_default()
                    .push(c);
            }
        }
        problems.extend(messages.unknown_placeholders());
        (messages, problems)
    }

    /// Only the bundled English words.
    pub(crate) fn english() -> Messages {
        Messages {
            builtin: catalog::parse(Path::new(BUILTIN_PATH), BUILTIN.as_bytes()).ok(),
            ..Messages::default()
        }
    }

    /// The message `key` in `language`, else in `fallback` (the site's default language),
    /// else in English.
    pub(crate) fn lookup(&self, language: &str, fallback: &str, key: &str) -> Option<&Message> {
        [language, fallback, BASE_LANGUAGE]
            .iter()
            .find_map(|l| self.own(l, key))
            .or_else(|| self.builtin.as_ref()?.entries.get(key))
            .map(|e| &e.message)
    }

    /// The entry of `key` in the files of `language` itself.
    fn own(&self, language: &str, key: &str) -> Option<&Entry> {
        self.languages
            .get(language)?
            .iter()
            .find_map(|c| c.entries.get(key))
    }

    /// The English entry of `key`, which sets what placeholders it may use.
    fn reference(&self, key: &str) -> Option<&Entry> {
        self.own(BASE_LANGUAGE, key)
            .or_else(|| self.builtin.as_ref()?.entries.get(key))
    }

    /// The keys a translation is expected to have: those of the theme's (and the site's)
    /// English files, or the bundled English words when the theme has no English file.
    fn reference_keys(&self) -> BTreeSet<&str> {
        let english = match self.languages.get(BASE_LANGUAGE) {
            Some(catalogs) => catalogs.iter().collect::<Vec<_>>(),
            None => self.builtin.iter().collect(),
        };
        english
            .into_iter()
            .flat_map(|c| c.entries.keys().map(String::as_str))
            .collect()
    }

    /// A placeholder a translation uses that the English message does not: nothing would
    /// fill it.
    fn unknown_placeholders(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for catalog in self.languages.values().flatten() {
            for (key, entry) in &catalog.entries {
                let Some(reference) = self.reference(key) else {
                    continue;
                };
                let known = reference.message.args();
                for arg in entry.message.args().difference(&known) {
                    problems.push(unknown_placeholder(key, arg, &known, entry));
                }
            }
        }
        problems
    }

    /// Warnings for the keys English has and `language` lacks (once each), or one warning
    /// when `language` has no message file at all. Nothing for English itself.
    pub(crate) fn missing(&self, language: &str) -> Vec<Diagnostic> {
        if language == BASE_LANGUAGE {
            return Vec::new();
        }
        let Some(catalogs) = self.languages.get(language) else {
            return vec![no_messages(language, &self.theme_dir)];
        };
        // The file that should have it: the theme's when there is one, else the site's.
        let lacking = catalogs.last().map_or(Path::new(""), |c| c.path.as_path());
        self.reference_keys()
            .into_iter()
            .filter(|k| self.own(language, k).is_none())
            .map(|key| missing_key(key, language, lacking))
            .collect()
    }
}

/// P0234: a translation's placeholder that English does not have.
fn unknown_placeholder(key: &str, arg: &str, known: &BTreeSet<&str>, entry: &Entry) -> Diagnostic {
    let known: Vec<String> = known.iter().map(|a| format!("`{{{a}}}`")).collect();
    let help = if known.is_empty() {
        format!("the English message `{key}` has no placeholders: remove `{{{arg}}}`")
    } else {
        format!(
            "use the English message's placeholders: {}",
            known.join(", ")
        )
    };
    Diagnostic::error(
        code::UNKNOWN_PLACEHOLDER,
        format!("message `{key}` uses `{{{arg}}}`, which the English message does not have"),
    )
    .at(entry.at.clone())
    .label("unknown placeholder")
    .help(help)
}

/// P0235: a key a translation lacks.
fn missing_key(key: &str, language: &str, file: &Path) -> Diagnostic {
    Diagnostic::warning(
        code::MISSING_MESSAGE,
        format!(
            "message `{key}` is missing from `{}`; the English words are used",
            file.display()
        ),
    )
    .at(Location::file_only(file))
    .help(format!(
        "add `{key} = \"…\"` to it in {language}, translating the English message"
    ))
}

/// P0236: a language without any message file.
fn no_messages(language: &str, theme_dir: &Path) -> Diagnostic {
    let file = theme_dir.join(format!("{language}.toml"));
    Diagnostic::warning(
        code::NO_MESSAGES,
        format!("no message file for language `{language}`: every word of the theme is shown in English"),
    )
    .at(Location::file_only(Path::new(&format!("i18n/{language}.toml"))))
    .help(format!(
        "write `i18n/{language}.toml` in the site (or `{}` in the theme), translating the theme's `en.toml`",
        file.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file<'a>(language: &'a str, path: &'a str, text: &'a str) -> MessageFile<'a> {
        MessageFile {
            language,
            path: Path::new(path),
            bytes: text.as_bytes(),
        }
    }

    fn text(m: &Messages, language: &str, key: &str) -> String {
        Words::new(m, language, "en", language)
            .format(key, None, |_| None)
            .unwrap_or_else(|e| e)
    }

    #[test]
    fn the_site_overrides_the_theme_key_by_key_and_english_fills_gaps() {
        let theme = [
            file("en", "themes/t/i18n/en.toml", "a = \"A\"\nb = \"B\"\n"),
            file("ur", "themes/t/i18n/ur.toml", "a = \"الف\"\nb = \"ب\"\n"),
        ];
        let site = [file("ur", "i18n/ur.toml", "b = \"بے\"\n")];
        let (m, problems) = Messages::load(Path::new("themes/t/i18n"), &theme, &site);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(text(&m, "ur", "a"), "الف");
        assert_eq!(text(&m, "ur", "b"), "بے");
        assert_eq!(text(&m, "ur", "home"), "Home");
        assert!(m.missing("ur").is_empty());
        assert!(m.missing("en").is_empty());
    }

    #[test]
    fn missing_keys_are_warned_once_each_naming_the_file() {
        let theme = [
            file("en", "themes/t/i18n/en.toml", "a = \"A\"\nb = \"B\"\n"),
            file("ur", "themes/t/i18n/ur.toml", "a = \"الف\"\n"),
        ];
        let (m, _) = Messages::load(Path::new("themes/t/i18n"), &theme, &[]);
        let missing: Vec<String> = m.missing("ur").iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            missing,
            ["message `b` is missing from `themes/t/i18n/ur.toml`; the English words are used"]
        );
        assert_eq!(m.missing("fr").len(), 1);
        assert_eq!(m.missing("fr")[0].code, code::NO_MESSAGES);
    }
}
