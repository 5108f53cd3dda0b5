//! Translations kept in step with their originals. A translation (`recovery.ur.md`) says
//! what its original (`recovery.md`) says, in other words: its stages, side effects and
//! costs carry the same ids, offsets, frequencies, actions and prices ([`compare`]), a
//! translation that leaves one of the three out takes the original's ([`inherit`]), and
//! one made from an older version of its original is out of date ([`outdated`]). Plain
//! functions over resolved pages; [`check_translations`] runs them over a site's languages.

mod compare;

use std::collections::HashMap;
use std::sync::Arc;

use crate::dates::Date;
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};
use crate::paths::split_language;
use crate::resolve::model::{Page, Site};

pub(crate) use compare::compare;

/// Every translation check over the sites of a site's languages (the default language's
/// first, as resolve makes them): [`check_pair`] on each translated page against the
/// default language's page with the same content path, and [`not_a_translation`] on the
/// default language's pages. A translation without an original is reported elsewhere.
pub(crate) fn check_translations(sites: &mut [Site]) -> Vec<Diagnostic> {
    let Some((default, others)) = sites.split_first_mut() else {
        return Vec::new();
    };
    // A file named for a language the site lacks is its own error (P0320), not this one.
    let mut problems: Vec<Diagnostic> = default
        .pages
        .iter()
        .filter(|p| split_language(&p.source, &[]).is_none())
        .filter_map(|p| not_a_translation(p))
        .collect();
    let originals: HashMap<&str, &Page> = default
        .pages
        .iter()
        .filter(|p| !p.source.is_empty())
        .map(|p| (p.source.as_str(), &**p))
        .collect();
    for site in others {
        for page in &mut site.pages {
            if let Some(original) = originals.get(page.source.as_str()) {
                problems.extend(check_pair(original, Arc::make_mut(page)));
            }
        }
    }
    problems
}

/// Every check of one translation against its original, in order: [`compare`],
/// [`inherit`], [`outdated`]. Sets `translation_outdated` on the translation.
pub(crate) fn check_pair(original: &Page, translation: &mut Page) -> Vec<Diagnostic> {
    let mut problems = compare(original, translation);
    inherit(original, translation);
    let freshness = freshness(original, translation);
    translation.translation_outdated =
        matches!(freshness, Freshness::Outdated { .. } | Freshness::Undated);
    problems.extend(freshness_warning(original, translation, freshness));
    problems
}

/// A translation that leaves out `stages`, `side_effects` or `costs` takes the original's.
pub(crate) fn inherit(original: &Page, translation: &mut Page) {
    if translation.stages.is_empty() {
        translation.stages = original.stages.clone();
    }
    if translation.side_effects.is_empty() {
        translation.side_effects = original.side_effects.clone();
    }
    if translation.costs.is_empty() {
        translation.costs = original.costs.clone();
    }
}

/// A warning when `translation` was made from an older version of `original` than the
/// current one, says a version the original never had, or does not say which.
#[cfg(test)]
pub(crate) fn outdated(original: &Page, translation: &Page) -> Option<Diagnostic> {
    let freshness = freshness(original, translation);
    freshness_warning(original, translation, freshness)
}

/// A warning for a page that carries `translation_of` but translates no other page.
pub(crate) fn not_a_translation(page: &Page) -> Option<Diagnostic> {
    let of = page.translation_of.as_ref()?;
    Some(
        Diagnostic::warning(
            code::NOT_A_TRANSLATION,
            format!("`translation_of` on {}, which translates no other page", page.source),
        )
        .at(of.location.clone())
        .help("a translation is named after its original with a language code from site.toml (`recovery.ur.md` translates `recovery.md`); rename the file, or remove `translation_of`"),
    )
}

/// How a translation's `translation_of` stands against its original's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freshness {
    /// Made from the original as it is, or the original has no date to compare.
    Current,
    /// Made from an older version.
    Outdated { made_from: Date, original: Date },
    /// Names a version later than the original's date.
    Ahead { made_from: Date, original: Date },
    /// No `translation_of`.
    Undated,
}

/// The original's `updated`, else its `date`, against the translation's `translation_of`.
fn freshness(original: &Page, translation: &Page) -> Freshness {
    let Some(of) = &translation.translation_of else {
        return Freshness::Undated;
    };
    let made_from = of.updated;
    match original.updated.or(original.date) {
        Some(d) if d > made_from => Freshness::Outdated {
            made_from,
            original: d,
        },
        Some(d) if d < made_from => Freshness::Ahead {
            made_from,
            original: d,
        },
        _ => Freshness::Current,
    }
}

fn freshness_warning(
    original: &Page,
    translation: &Page,
    freshness: Freshness,
) -> Option<Diagnostic> {
    let name = &original.source;
    let at = translation.translation_of.as_ref().map_or_else(
        || Location::file_only(&translation.display_path),
        |t| t.location.clone(),
    );
    let d = match freshness {
        Freshness::Current => return None,
        Freshness::Outdated { made_from, original } => Diagnostic::warning(
            code::TRANSLATION_OUTDATED,
            format!("translation is out of date: {name} was updated on {original} after this translation (made from {made_from})"),
        )
        .label("made from this version")
        .help(format!("make the translation say what {name} says now, then set `translation_of: {{ updated: {original} }}`")),
        Freshness::Ahead { made_from, original } => Diagnostic::warning(
            code::TRANSLATION_AHEAD,
            format!("`translation_of` says {made_from}, but {name} was last updated on {original}"),
        )
        .label("a version the original never had")
        .help(format!("`translation_of.updated` is the original's `updated` (else `date`) when it was translated: set `translation_of: {{ updated: {original} }}` if this translation says what {name} says now")),
        Freshness::Undated => {
            let date = original
                .updated
                .or(original.date)
                .map_or_else(|| "YYYY-MM-DD".to_string(), |d| d.to_string());
            Diagnostic::warning(
                code::TRANSLATION_UNDATED,
                format!("translation does not say which version of {name} it was made from"),
            )
            .help(format!("once it says what {name} says now, add `translation_of: {{ updated: {date} }}` (the original's `updated`, else `date`)"))
        }
    };
    Some(d.at(at))
}

#[cfg(test)]
mod tests;
