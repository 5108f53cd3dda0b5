//! Stage 2a, parse front matter: YAML into the raw serde types, then checked into
//! [`FrontMatter`] with every problem located in the `.md` file.

use serde::Deserialize;

use crate::config::Config;
use crate::dates::Date;
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};
use crate::health::{CostItem, SideEffect, Stage};
use crate::load::SourceFile;

mod check;
mod gallery;
mod health;
mod locate;
mod placeholders;
mod schedule;
mod yaml;

pub(crate) use gallery::{Image, Pair};
pub(crate) use locate::Locator;
pub(crate) use placeholders::{placeholders, MARKER};

/// Front matter exactly as written; `deny_unknown_fields` catches typos.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFrontMatter {
    title: Option<String>,
    question: Option<String>,
    description: Option<String>,
    date: Option<String>,
    updated: Option<String>,
    draft: Option<bool>,
    slug: Option<String>,
    weight: Option<i64>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    summary: Option<String>,
    template: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    reviewed: Option<RawReviewed>,
    #[serde(default)]
    sources: Vec<Source>,
    #[serde(default)]
    related: Vec<String>,
    extra: Option<serde_json::Value>,
    #[serde(default)]
    stages: Vec<health::RawStage>,
    #[serde(default)]
    side_effects: Vec<health::RawSideEffect>,
    #[serde(default)]
    costs: Vec<health::RawCost>,
    translation_of: Option<RawTranslationOf>,
    image: Option<gallery::RawImage>,
    #[serde(default)]
    gallery: Vec<gallery::RawPair>,
    publish_date: Option<String>,
    expires: Option<String>,
    readability: Option<bool>,
    #[serde(default)]
    conditions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReviewed {
    by: String,
    #[serde(default)]
    role: Option<String>,
    on: String,
    #[serde(default)]
    next: Option<String>,
    #[serde(default)]
    credential: Option<String>,
    #[serde(default)]
    affiliation: Option<String>,
}

/// `translation_of: { updated: 2026-10-06 }` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTranslationOf {
    updated: String,
}

/// Which version of its original a translation was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationOf {
    /// The original's `updated` (else `date`) when the translation was made.
    pub updated: Date,
    /// Where that date is written.
    pub location: Location,
}

/// A reference the page's facts come from.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title of the work.
    pub title: String,
    /// Where to read it, when public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Who published it (a journal, a society, a health service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
}

/// Who reviewed a page and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// Reviewer's name.
    pub by: String,
    /// Reviewer's role, e.g. "Consultant dermatologist".
    pub role: Option<String>,
    /// Date of the last review.
    pub on: Date,
    /// When the next review is due.
    pub next: Option<Date>,
    /// Where `reviewed` is written.
    pub location: Location,
    /// The reviewer's qualification, e.g. "FCPS (Dermatology)".
    pub credential: Option<String>,
    /// The organisation the reviewer works for.
    pub affiliation: Option<String>,
}

/// A path written in front matter, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it is in the file.
    pub location: Location,
}

/// Checked front matter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// Title, or the question for FAQ files.
    pub title: Option<String>,
    /// The question, for FAQ files.
    pub question: Option<String>,
    /// Meta description.
    pub description: Option<String>,
    /// First published.
    pub date: Option<Date>,
    /// Last changed.
    pub updated: Option<Date>,
    /// Left out of builds unless drafts are asked for.
    pub draft: bool,
    /// Replaces the file name in the URL.
    pub slug: Option<Located<String>>,
    /// Sort key; lower first.
    pub weight: i64,
    /// Topic ids, all known to the config.
    pub topics: Vec<String>,
    /// Free tags.
    pub tags: Vec<String>,
    /// List summary.
    pub summary: Option<String>,
    /// Template override.
    pub template: Option<Located<String>>,
    /// Old URLs that redirect here.
    pub aliases: Vec<Located<String>>,
    /// Review information.
    pub reviewed: Option<Review>,
    /// References.
    pub sources: Vec<Source>,
    /// Each source's URL (`None` when it has none) and where it is written, for `check`.
    pub source_links: Vec<Located<Option<String>>>,
    /// Related content paths, as written.
    pub related: Vec<Located<String>>,
    /// Free-form data for templates.
    pub extra: serde_json::Value,
    /// Recovery stages.
    pub stages: Vec<Stage>,
    /// Side effects.
    pub side_effects: Vec<SideEffect>,
    /// Costs.
    pub costs: Vec<CostItem>,
    /// For a translation: the version of the original it was made from.
    pub translation_of: Option<TranslationOf>,
    /// The page's picture: its social card, the top of the article, its list card.
    pub image: Option<Image>,
    /// Before/after pairs with their consent records.
    pub gallery: Vec<Pair>,
    /// The first day the page is built (`publish_date`); before it only with `--future`.
    pub publish_date: Option<Date>,
    /// The last day the page is built (`expires`); after it only with `--expired`.
    pub expires: Option<Date>,
    /// `readability: false`: the page's reading grade is not checked.
    pub skip_readability: bool,
    /// Condition ids (`[[conditions]]` in the config) the page is about.
    pub conditions: Vec<String>,
}

/// Parses and checks the front matter of `file`. On errors, [`fallback`] gives a stand-in
/// so the rest of the site can still be checked.
pub fn parse(
    file: &SourceFile,
    config: &Config,
    is_faq: bool,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let (raw, mut problems) = if file.front_matter.is_none() {
        if file.is_index() {
            (RawFrontMatter::default(), Vec::new())
        } else {
            return Err(vec![Diagnostic::error(
                code::NO_FRONT_MATTER,
                "the page has no front matter",
            )
            .at(file.location(0, 1))
            .help(if is_faq {
                "start the file with front matter:\n---\nquestion: Does it hurt?\n---"
            } else {
                "start the file with front matter:\n---\ntitle: Page title\n---"
            })]);
        }
    } else if file.yaml().trim().is_empty() {
        (RawFrontMatter::default(), Vec::new())
    } else {
        match yaml::deserialize(file) {
            (Some(raw), problems) => (raw, problems),
            (None, problems) => return Err(problems),
        }
    };
    match check::check(file, config, raw, is_faq) {
        Ok(fm) if problems.is_empty() => Ok(fm),
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            Err(problems)
        }
    }
}

/// A stand-in for front matter that failed to parse: the file name as title.
pub fn fallback(file: &SourceFile, is_faq: bool) -> FrontMatter {
    let stem = file
        .path
        .rsplit('/')
        .next()
        .unwrap_or("")
        .trim_end_matches(".md")
        .replace('-', " ");
    FrontMatter {
        title: Some(stem.clone()),
        question: is_faq.then_some(stem),
        ..FrontMatter::default()
    }
}
