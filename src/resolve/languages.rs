//! A site in several languages: the content files of each language (`recovery.ur.md` is
//! the Urdu translation of `recovery.md`), each language resolved into a [`Site`] of its
//! own, and the problems with file names and translations.

use std::collections::{HashMap, HashSet};

use crate::config::Config;
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};
use crate::parse::ParsedPage;
use crate::paths::split_language;
use crate::resolve::model::PageTranslation;

/// The parsed pages of one language.
pub(super) struct LanguagePages {
    /// The language's code.
    pub(super) code: String,
    /// Its pages; a translation's content path is its original's.
    pub(super) pages: Vec<ParsedPage>,
}

/// Sorts the parsed pages by language, the default first and then the others in the
/// config's order. A translation's content path becomes its original's, so links, URLs
/// and list pages treat it as that page in its language; its display path stays its own.
pub(super) fn by_language(
    parsed: Vec<ParsedPage>,
    config: &Config,
    problems: &mut Vec<Diagnostic>,
) -> Vec<LanguagePages> {
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let default = config.default_language();
    let mut groups: Vec<LanguagePages> = codes
        .iter()
        .map(|c| LanguagePages {
            code: c.to_string(),
            pages: Vec::new(),
        })
        .collect();
    // Where each (language, original path) came from, for "two files are one translation".
    let mut seen: HashMap<(usize, String), std::path::PathBuf> = HashMap::new();
    let mut sorted: Vec<(usize, ParsedPage)> = Vec::with_capacity(parsed.len());
    for mut p in parsed {
        let n = match split_language(&p.file.path, &codes) {
            None => 0,
            Some((original, written)) => {
                match codes.iter().position(|c| c.eq_ignore_ascii_case(written)) {
                    Some(n) => {
                        p.file.path = original;
                        n
                    }
                    None => {
                        problems.push(unknown_language(&p, written, &codes));
                        0
                    }
                }
            }
        };
        let key = (n, p.file.path.clone());
        if let Some(first) = seen.get(&key) {
            problems.push(translation_twice(&p, first, codes[n], n == 0));
            continue;
        }
        seen.insert(key, p.file.display_path.clone());
        sorted.push((n, p));
    }
    for (n, p) in sorted {
        groups[n].pages.push(p);
    }
    let originals: HashSet<&str> = groups[0]
        .pages
        .iter()
        .map(|p| p.file.path.as_str())
        .collect();
    let folders: HashSet<&str> = originals.iter().map(|p| folder(p)).collect();
    for group in &groups[1..] {
        for p in &group.pages {
            let path = p.file.path.as_str();
            let is_index = path == "_index.md" || path.ends_with("/_index.md");
            // A folder's list page exists in every language that has pages in the folder.
            let has_original =
                originals.contains(path) || (is_index && folders.contains(folder(path)));
            if !has_original {
                problems.push(without_original(p, default));
            }
        }
    }
    groups
}

/// The folder part of a content path (`articles/` of `articles/recovery.md`).
fn folder(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

fn unknown_language(p: &ParsedPage, written: &str, codes: &[&str]) -> Diagnostic {
    Diagnostic::error(
        code::UNKNOWN_LANGUAGE,
        format!(
            "`{}` is named as a translation into `{written}`, which is not one of the site's languages",
            p.file.display_path.display()
        ),
    )
    .at(Location::file_only(&p.file.display_path))
    .help(format!(
        "the site's languages are {}: add a `[languages.{written}]` table to site.toml, or rename the file",
        codes.join(", ")
    ))
}

fn translation_twice(
    p: &ParsedPage,
    first: &std::path::Path,
    code: &str,
    default: bool,
) -> Diagnostic {
    let what = if default {
        format!("the `{code}` page `content/{}`", p.file.path)
    } else {
        format!("the `{code}` translation of `content/{}`", p.file.path)
    };
    Diagnostic::error(code::TRANSLATION_TWICE, format!("two files are {what}"))
        .at(Location::file_only(&p.file.display_path))
        .also("this file is the same page", Location::file_only(first))
        .help("keep one of them: a page has one file per language")
}

fn without_original(p: &ParsedPage, default: &str) -> Diagnostic {
    Diagnostic::warning(
        code::TRANSLATION_WITHOUT_ORIGINAL,
        format!(
            "`{}` is a translation of `content/{}`, which does not exist",
            p.file.display_path.display(),
            p.file.path
        ),
    )
    .at(Location::file_only(&p.file.display_path))
    .help(format!(
        "the page is built in its own language only; write the `{default}` original, or rename this file after the page it translates"
    ))
}

/// Gives every content page the list of its versions in the other languages (pages are
/// the same page when they come from the same original's content path).
pub(super) fn link_translations(sites: &mut [super::Site]) {
    let mut versions: HashMap<String, Vec<PageTranslation>> = HashMap::new();
    for (n, site) in sites.iter().enumerate() {
        for p in site.pages.iter().filter(|p| !p.source.is_empty()) {
            versions
                .entry(p.source.clone())
                .or_default()
                .push(PageTranslation {
                    language: site.config.language.clone(),
                    original: n == 0,
                    permalink: site.config.permalink(&p.path),
                });
        }
    }
    for site in sites.iter_mut() {
        let language = site.config.language.clone();
        for page in site.pages.iter_mut() {
            let Some(all) = versions.get(&page.source) else {
                continue;
            };
            if all.len() < 2 {
                continue;
            }
            std::sync::Arc::make_mut(page).translations = all
                .iter()
                .filter(|t| t.language != language)
                .cloned()
                .collect();
        }
    }
}

/// For each language but the default, the default language's content pages it has no
/// translation of (their paths for messages), for `pigment check --translations`.
pub(crate) fn untranslated(sites: &[super::Site]) -> Vec<(String, Vec<std::path::PathBuf>)> {
    let Some((default, others)) = sites.split_first() else {
        return Vec::new();
    };
    others
        .iter()
        .map(|site| {
            let have: HashSet<&str> = site.pages.iter().map(|p| p.source.as_str()).collect();
            let missing = default
                .pages
                .iter()
                .filter(|p| !p.source.is_empty() && !have.contains(p.source.as_str()))
                .map(|p| p.display_path.clone())
                .collect();
            (site.config.language.clone(), missing)
        })
        .collect()
}
