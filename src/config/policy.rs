//! `[review.policy.<section>]`: which front-matter fields each kind of page must have, the
//! longest summary it may have, and how often it is reviewed. Sections follow how the
//! resolve stage kinds pages: `articles`, `faq`, `lists` (a folder's `_index.md`) and
//! `home` (`content/_index.md`).

use std::collections::BTreeMap;

use super::check::SiteToml;
use super::raw::{RawReview, RawSectionPolicy};
use crate::dates::{parse_interval, ReviewInterval};
use crate::diagnostics::{code, did_you_mean, Diagnostic, Location};

/// A kind of page a review policy is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PolicySection {
    /// Articles and any other content page.
    Articles,
    /// Questions in `content/faq/`.
    Faq,
    /// A folder's list page, from its `_index.md`.
    Lists,
    /// The home page, from `content/_index.md`.
    Home,
}

impl PolicySection {
    const ALL: [PolicySection; 4] = [Self::Articles, Self::Faq, Self::Lists, Self::Home];

    /// The name written in `[review.policy.<name>]`.
    pub fn name(self) -> &'static str {
        match self {
            PolicySection::Articles => "articles",
            PolicySection::Faq => "faq",
            PolicySection::Lists => "lists",
            PolicySection::Home => "home",
        }
    }

    fn from_name(name: &str) -> Option<PolicySection> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// A front-matter field a policy can require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RequiredField {
    /// `reviewed: { by, on }`.
    Reviewed,
    /// `reviewed.role`.
    ReviewedRole,
    /// `reviewed.next`.
    ReviewedNext,
    /// At least one entry under `sources`.
    Sources,
    /// `description`.
    Description,
    /// `summary`.
    Summary,
    /// `date`.
    Date,
}

impl RequiredField {
    const ALL: [RequiredField; 7] = [
        Self::Reviewed,
        Self::ReviewedRole,
        Self::ReviewedNext,
        Self::Sources,
        Self::Description,
        Self::Summary,
        Self::Date,
    ];

    /// The name written in `require = [...]`, which is also the front-matter key.
    pub fn name(self) -> &'static str {
        match self {
            RequiredField::Reviewed => "reviewed",
            RequiredField::ReviewedRole => "reviewed.role",
            RequiredField::ReviewedNext => "reviewed.next",
            RequiredField::Sources => "sources",
            RequiredField::Description => "description",
            RequiredField::Summary => "summary",
            RequiredField::Date => "date",
        }
    }

    fn from_name(name: &str) -> Option<RequiredField> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// What one section's pages must have.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionPolicy {
    /// Fields every page of the section must have, in the order written.
    pub require: Vec<RequiredField>,
    /// The most words a `summary` may have.
    pub summary_max_words: Option<usize>,
    /// Replaces `[review] interval` for these pages.
    pub interval: Option<ReviewInterval>,
}

/// `[review.policy]`: the policy of each section that has one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewPolicy {
    sections: BTreeMap<PolicySection, SectionPolicy>,
}

impl ReviewPolicy {
    /// The policy for `section`, when `site.toml` writes one.
    pub fn section(&self, section: PolicySection) -> Option<&SectionPolicy> {
        self.sections.get(&section)
    }
}

/// `[review]`: the default interval and the policy of each section, every problem located.
pub(super) fn review(
    raw: Option<RawReview>,
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) -> (Option<ReviewInterval>, ReviewPolicy) {
    let Some(RawReview { interval, policy }) = raw else {
        return (None, ReviewPolicy::default());
    };
    let default = interval.and_then(|i| interval_value(&i, file.at_key("interval"), problems));
    let mut sections = BTreeMap::new();
    for (name, raw) in policy {
        let table = format!("review.policy.{name}");
        let Some(section) = PolicySection::from_name(&name) else {
            problems.push(unknown_section(&name, file.at_table(&table)));
            continue;
        };
        sections.insert(section, section_policy(raw, &table, file, problems));
    }
    (default, ReviewPolicy { sections })
}

/// One `[review.policy.<section>]` table.
fn section_policy(
    raw: RawSectionPolicy,
    table: &str,
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) -> SectionPolicy {
    let RawSectionPolicy {
        require,
        summary_max_words,
        interval,
    } = raw;
    let mut fields = Vec::new();
    for name in require {
        match RequiredField::from_name(&name) {
            Some(f) if !fields.contains(&f) => fields.push(f),
            Some(_) => {}
            None => problems.push(unknown_field(&name, at_value_in(file, table, &name))),
        }
    }
    let summary_max_words = summary_max_words.and_then(|n| match usize::try_from(n) {
        Ok(n) if n > 0 => Some(n),
        _ => {
            problems.push(
                Diagnostic::error(
                    code::POLICY_VALUE,
                    format!("`summary_max_words = {n}` is not a word count"),
                )
                .at(at_key_in(file, table, "summary_max_words"))
                .help("write a whole number of words from 1, e.g. `summary_max_words = 40`"),
            );
            None
        }
    });
    let interval =
        interval.and_then(|i| interval_value(&i, at_key_in(file, table, "interval"), problems));
    SectionPolicy {
        require: fields,
        summary_max_words,
        interval,
    }
}

/// A review interval, understood and at most 100 years.
fn interval_value(
    written: &str,
    at: Location,
    problems: &mut Vec<Diagnostic>,
) -> Option<ReviewInterval> {
    let (message, help) = match parse_interval(written) {
        Ok(i) => return Some(i),
        Err(crate::dates::IntervalError::NotUnderstood) => (
            format!("review interval `{written}` is not understood"),
            "write a number and a unit: `12 months`, `1 year`, `26 weeks`, `180 days`",
        ),
        Err(crate::dates::IntervalError::TooLong) => (
            format!("review interval `{written}` is too long"),
            "the longest interval is 100 years (1200 months, 5218 weeks, 36525 days); pages are usually reviewed every `12 months`",
        ),
    };
    problems.push(
        Diagnostic::error(code::REVIEW_INTERVAL, message)
            .at(at)
            .help(help),
    );
    None
}

fn unknown_section(name: &str, at: Location) -> Diagnostic {
    let names = PolicySection::ALL.map(PolicySection::name);
    let help = match did_you_mean(name, names) {
        Some(s) => format!("did you mean `[review.policy.{s}]`?"),
        None => format!("a policy is written for one of: {}", names.join(", ")),
    };
    Diagnostic::error(
        code::POLICY_SECTION,
        format!("`[review.policy.{name}]` is not a section pages belong to"),
    )
    .at(at)
    .label("unknown section")
    .help(help)
}

fn unknown_field(name: &str, at: Location) -> Diagnostic {
    let names = RequiredField::ALL.map(RequiredField::name);
    let help = match did_you_mean(name, names) {
        Some(s) => format!("did you mean `\"{s}\"`?"),
        None => format!("a policy can require: {}", names.join(", ")),
    };
    Diagnostic::error(
        code::POLICY_FIELD,
        format!("`{name}` is not a field a review policy can require"),
    )
    .at(at)
    .label("unknown field")
    .help(help)
}

/// Where the table header `[table]` starts, if written.
fn table_start(file: &SiteToml<'_>, table: &str) -> Option<usize> {
    file.text.find(&format!("[{table}]"))
}

/// Where `key = …` is written inside `[table]`, else the table, else the file.
fn at_key_in(file: &SiteToml<'_>, table: &str, key: &str) -> Location {
    let Some(start) = table_start(file, table) else {
        return file.at_table(table);
    };
    let mut offset = start;
    for (i, line) in file.text[start..].split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if i > 0 && trimmed.starts_with('[') {
            break;
        }
        let is_key = trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if i > 0 && is_key {
            let at = offset + (line.len() - trimmed.len());
            return Location::at_offset(file.rel, file.text, at, key.len());
        }
        offset += line.len();
    }
    file.at_table(table)
}

/// Where the quoted `value` is written inside `[table]`, else the table.
fn at_value_in(file: &SiteToml<'_>, table: &str, value: &str) -> Location {
    let start = table_start(file, table).unwrap_or(0);
    match file.text[start..].find(&format!("\"{value}\"")) {
        Some(i) => Location::at_offset(file.rel, file.text, start + i + 1, value.len()),
        None => file.at_table(table),
    }
}
