//! Reading grades: each English page's Flesch–Kincaid grade against `[readability]
//! max_grade` (a warning with its three hardest sentences above it), and the table of every
//! page's grade for `check --readability`. Other languages are not graded: the formula and
//! its syllable rules are English.

use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};
use crate::resolve::model::{Page, Site};

/// Pages with fewer words of prose are not warned about: on a line or two the grade says
/// more about one long word than about the page.
const MIN_WORDS: usize = 15;

/// True for a language the grade is made for: English (`en`, `en-GB`…).
pub(crate) fn is_graded(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    primary.eq_ignore_ascii_case("en")
}

/// A warning for every page of `site` that reads above `[readability] max_grade`; none when
/// grades are off or the site's language is not graded.
pub(crate) fn check(site: &Site) -> Vec<Diagnostic> {
    let settings = &site.config.readability;
    if !settings.enabled || !is_graded(&site.config.language) {
        return Vec::new();
    }
    site.pages
        .iter()
        .filter_map(|p| too_hard(p, settings.max_grade))
        .collect()
}

fn too_hard(page: &Page, max: f64) -> Option<Diagnostic> {
    let r = page.readability.as_ref()?;
    let grade = r.grade()?;
    if grade <= max || r.words < MIN_WORDS {
        return None;
    }
    let mut hardest = r.hardest.iter();
    let first = hardest.next();
    let mut d = Diagnostic::warning(
        code::READING_GRADE,
        format!(
            "the page reads at grade {grade:.1}, above the site's {max} ({} words in {} sentences)",
            r.words, r.sentences
        ),
    )
    .at(first.map_or_else(
        || Location::file_only(&page.display_path),
        |h| h.location.clone(),
    ))
    .help("shorter sentences and everyday words bring the grade down, starting with the hardest sentences shown; `readability: false` in the front matter leaves a page out, `[readability] max_grade` sets the grade");
    if let Some(h) = first {
        d = d.label(format!("hardest sentence, grade {:.1}", h.grade));
    }
    for h in hardest {
        d = d.also(
            format!("next hardest, grade {:.1}", h.grade),
            h.location.clone(),
        );
    }
    Some(d)
}

/// One page's grade, for `check --readability`.
#[derive(Debug, Clone, PartialEq)]
pub struct GradeRow {
    /// The markdown file, relative to the site root.
    pub path: std::path::PathBuf,
    /// Its Flesch–Kincaid grade level.
    pub grade: f64,
    /// Words of prose.
    pub words: usize,
    /// Sentences of prose.
    pub sentences: usize,
}

/// Every graded page's grade, and the languages left ungraded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GradeReport {
    /// The graded pages, in path order.
    pub pages: Vec<GradeRow>,
    /// Each language not graded, with how many pages it has.
    pub ungraded: Vec<(String, usize)>,
}

/// The grades of every page of `sites` that has prose and did not opt out.
pub(crate) fn report<'s>(sites: impl IntoIterator<Item = &'s Site>) -> GradeReport {
    let mut out = GradeReport::default();
    for site in sites {
        let language = &site.config.language;
        if !is_graded(language) {
            let pages = site.pages.iter().filter(|p| !p.source.is_empty()).count();
            out.ungraded.push((language.clone(), pages));
            continue;
        }
        for page in &site.pages {
            let Some(r) = &page.readability else { continue };
            let Some(grade) = r.grade() else { continue };
            out.pages.push(GradeRow {
                path: page.display_path.clone(),
                grade,
                words: r.words,
                sentences: r.sentences,
            });
        }
    }
    out.pages.sort_by(|a, b| a.path.cmp(&b.path));
    out
}
