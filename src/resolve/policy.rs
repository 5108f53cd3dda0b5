//! The review policy applied to one content file: every field its section requires
//! (`[review.policy.<section>] require`) and the longest summary it allows, each problem
//! naming the file with the YAML to add.

use crate::config::{Config, PolicySection, RequiredField, SectionPolicy};
use crate::diagnostics::{code, Diagnostic, Location};
use crate::load::SourceFile;
use crate::parse::frontmatter::{FrontMatter, Locator, MARKER};
use crate::resolve::review::section_of_file;

/// Errors for what `file`'s front matter lacks under its section's policy.
pub(crate) fn page_problems(
    file: &SourceFile,
    fm: &FrontMatter,
    config: &Config,
) -> Vec<Diagnostic> {
    let section = section_of_file(file);
    let Some(policy) = config.review_policy.section(section) else {
        return Vec::new();
    };
    let loc = Locator::new(file);
    let mut problems: Vec<Diagnostic> = policy
        .require
        .iter()
        .filter(|f| is_missing(**f, fm))
        .map(|f| missing(*f, section, file, &loc, config))
        .collect();
    problems.extend(summary_too_long(fm, policy, section, &loc));
    problems
}

/// True when `fm` lacks `field` (an empty text or list counts as missing). A sub-field of
/// `reviewed` is not reported again when `reviewed` itself is missing.
fn is_missing(field: RequiredField, fm: &FrontMatter) -> bool {
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    match field {
        RequiredField::Reviewed => fm.reviewed.is_none(),
        RequiredField::ReviewedRole => fm.reviewed.as_ref().is_some_and(|r| blank(&r.role)),
        RequiredField::ReviewedNext => fm.reviewed.as_ref().is_some_and(|r| r.next.is_none()),
        RequiredField::Sources => fm.sources.is_empty(),
        RequiredField::Description => blank(&fm.description),
        RequiredField::Summary => blank(&fm.summary),
        RequiredField::Date => fm.date.is_none(),
    }
}

fn missing(
    field: RequiredField,
    section: PolicySection,
    file: &SourceFile,
    loc: &Locator<'_>,
    config: &Config,
) -> Diagnostic {
    let name = field.name();
    let at = match field {
        RequiredField::ReviewedRole | RequiredField::ReviewedNext => {
            loc.locate(0, "reviewed", None)
        }
        _ => front_matter_start(file),
    };
    Diagnostic::error(
        code::REQUIRED_FIELD,
        format!(
            "`{name}` is required for {} by the review policy",
            section_text(section)
        ),
    )
    .at(at)
    .label(format!("no `{name}`"))
    .help(format!(
        "add to the front matter (`[review.policy.{}]` in site.toml requires it):\n{}",
        section.name(),
        yaml_to_add(field, config)
    ))
}

/// The first line of the front matter, else of the file.
fn front_matter_start(file: &SourceFile) -> Location {
    if file.front_matter.is_some() {
        file.location(0, 3)
    } else {
        file.location(0, 1)
    }
}

fn section_text(section: PolicySection) -> &'static str {
    match section {
        PolicySection::Articles => "articles",
        PolicySection::Faq => "FAQs",
        PolicySection::Lists => "list pages",
        PolicySection::Home => "the home page",
    }
}

/// The YAML a writer adds for `field`, its values placeholders `check` reports until
/// they are filled in.
fn yaml_to_add(field: RequiredField, config: &Config) -> String {
    let today = config
        .schedule
        .today
        .map_or_else(|| "YYYY-MM-DD".to_string(), |d| d.to_string());
    match field {
        RequiredField::Reviewed => format!(
            "reviewed: {{ by: \"{MARKER}: reviewer's name\", role: \"{MARKER}: their role\", on: {today} }}"
        ),
        RequiredField::ReviewedRole => {
            format!("reviewed: {{ …, role: \"{MARKER}: the reviewer's role\" }}")
        }
        RequiredField::ReviewedNext => "reviewed: { …, next: YYYY-MM-DD }".to_string(),
        RequiredField::Sources => format!(
            "sources:\n  - title: \"{MARKER}: the guidance this page is based on\"\n    url: https://…"
        ),
        RequiredField::Description => {
            format!("description: \"{MARKER}: one sentence for search results\"")
        }
        RequiredField::Summary => format!("summary: \"{MARKER}: a short summary for lists\""),
        RequiredField::Date => format!("date: {today}"),
    }
}

/// An error for a summary with more words than the policy allows.
fn summary_too_long(
    fm: &FrontMatter,
    policy: &SectionPolicy,
    section: PolicySection,
    loc: &Locator<'_>,
) -> Option<Diagnostic> {
    let max = policy.summary_max_words?;
    let summary = fm.summary.as_deref()?;
    // A placeholder is reported as one; its length says nothing yet.
    if summary.contains(MARKER) {
        return None;
    }
    let words = summary.split_whitespace().count();
    if words <= max {
        return None;
    }
    Some(
        Diagnostic::error(
            code::SUMMARY_TOO_LONG,
            format!(
                "the summary has {words} words; the review policy allows {max} for {}",
                section_text(section)
            ),
        )
        .at(loc.locate(0, "summary", None))
        .label(format!("{words} words"))
        .help(format!(
            "shorten it to {max} words or fewer (`summary_max_words` in `[review.policy.{}]`)",
            section.name()
        )),
    )
}
