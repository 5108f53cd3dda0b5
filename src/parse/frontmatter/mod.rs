//! Stage 2a, parse front matter: YAML into the raw serde types, then checked into
//! [`FrontMatter`] with every problem located in the `.md` file.

use serde::Deserialize;

use crate::config::{is_slug, script_url_scheme, Config};
use crate::dates::{parse_date, Date};
use crate::diagnostics::{Diagnostic, Location};
use crate::health::{CostItem, SideEffect, Stage};
use crate::load::SourceFile;

mod health;
mod locate;
mod yaml;

pub(crate) use locate::Locator;

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
#[derive(Debug, Clone, PartialEq)]
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
                "P0205",
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
    match check(file, config, raw, is_faq) {
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
        description: None,
        date: None,
        updated: None,
        draft: false,
        slug: None,
        weight: 0,
        topics: Vec::new(),
        tags: Vec::new(),
        summary: None,
        template: None,
        aliases: Vec::new(),
        reviewed: None,
        sources: Vec::new(),
        related: Vec::new(),
        extra: serde_json::Value::Null,
        stages: Vec::new(),
        side_effects: Vec::new(),
        costs: Vec::new(),
    }
}

fn check(
    file: &SourceFile,
    config: &Config,
    raw: RawFrontMatter,
    is_faq: bool,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let loc = Locator::new(file);
    let mut problems = Vec::new();

    if is_faq && raw.question.is_none() {
        problems.push(
            Diagnostic::error("P0209", "an FAQ file needs a `question`")
                .at(loc.locate(0, "title", None))
                .help("add `question: Does it hurt?`; the body is the answer"),
        );
    }
    if !is_faq && raw.question.is_some() {
        problems.push(
            Diagnostic::error(
                "P0209",
                "`question` is only for FAQ files in `content/faq/`",
            )
            .at(loc.locate(0, "question", None))
            .help("use `title:` here, or move the file to `content/faq/`"),
        );
    }
    if !is_faq && !file.is_index() && raw.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        problems.push(
            Diagnostic::error("P0209", "the page needs a `title`")
                .at(loc.locate(0, "title", None))
                .help("add `title: Your page title` to the front matter"),
        );
    }

    let mut date_field = |key: &str, value: &Option<String>| -> Option<Date> {
        let s = value.as_ref()?;
        match parse_date(s) {
            Ok(d) => Some(d),
            Err(help) => {
                problems.push(
                    Diagnostic::error("P0210", format!("invalid date `{s}` in `{key}`"))
                        .at(loc.locate(0, key, Some(s)))
                        .help(help),
                );
                None
            }
        }
    };
    let date = date_field("date", &raw.date);
    let updated = date_field("updated", &raw.updated);
    if let (Some(d), Some(u)) = (date, updated) {
        if u < d {
            problems.push(
                Diagnostic::error("P0210", format!("`updated` ({u}) is before `date` ({d})"))
                    .at(loc.locate(0, "updated", None))
                    .help("a page cannot be updated before it was published; check both dates"),
            );
        }
    }

    let reviewed = match &raw.reviewed {
        None => None,
        Some(r) => {
            let at = loc.key(0, "reviewed").unwrap_or(0);
            let on = match parse_date(&r.on) {
                Ok(d) => Some(d),
                Err(help) => {
                    problems.push(
                        Diagnostic::error(
                            "P0210",
                            format!("invalid date `{}` in `reviewed.on`", r.on),
                        )
                        .at(loc.locate(at, "on", Some(&r.on)))
                        .help(help),
                    );
                    None
                }
            };
            let next = match &r.next {
                None => None,
                Some(n) => match parse_date(n) {
                    Ok(d) => Some(d),
                    Err(help) => {
                        problems.push(
                            Diagnostic::error(
                                "P0210",
                                format!("invalid date `{n}` in `reviewed.next`"),
                            )
                            .at(loc.locate(at, "next", Some(n)))
                            .help(help),
                        );
                        None
                    }
                },
            };
            if let (Some(on), Some(next)) = (on, next) {
                if next <= on {
                    problems.push(
                        Diagnostic::error(
                            "P0210",
                            format!("`reviewed.next` ({next}) is not after `reviewed.on` ({on})"),
                        )
                        .at(loc.locate(at, "next", None))
                        .help("the next review is due after the last one"),
                    );
                }
            }
            on.map(|on| Review {
                by: r.by.clone(),
                role: r.role.clone(),
                on,
                next,
                location: loc.locate(0, "reviewed", None),
            })
        }
    };

    for t in &raw.topics {
        if config.topic(t).is_none() {
            let ids: Vec<&str> = config.topics.iter().map(|t| t.id.as_str()).collect();
            let help = match crate::diagnostics::did_you_mean(t, ids.iter().copied()) {
                Some(s) => {
                    format!("did you mean `{s}`? Topics are defined in site.toml under [[topics]]")
                }
                None if ids.is_empty() => "define topics in site.toml under [[topics]]".to_string(),
                None => format!("use one of: {}", ids.join(", ")),
            };
            problems.push(
                Diagnostic::error("P0211", format!("unknown topic `{t}`"))
                    .at(loc.locate(0, "topics", Some(t)))
                    .help(help),
            );
        }
    }

    let slug = raw.slug.as_ref().map(|s| Located {
        value: s.clone(),
        location: loc.locate(0, "slug", Some(s)),
    });
    if let Some(s) = &slug {
        if !is_slug(&s.value) {
            problems.push(
                Diagnostic::error("P0212", format!("slug `{}` is not allowed", s.value))
                    .at(s.location.clone())
                    .help("use lowercase letters, digits and single `-`, e.g. `first-week`; a slug cannot contain `/` or `..`"),
            );
        }
    }
    let aliases: Vec<Located<String>> = raw
        .aliases
        .iter()
        .map(|a| Located {
            value: a.clone(),
            location: loc.locate(0, "aliases", Some(a)),
        })
        .collect();
    for a in &aliases {
        if crate::paths::alias_output_path(&a.value).is_none() {
            problems.push(
                Diagnostic::error("P0213", format!("alias `{}` is not a site path", a.value))
                    .at(a.location.clone())
                    .help("write an old URL path such as `/old/recovery-guide/`; no `..`, no scheme or host"),
            );
        }
    }
    let related = raw
        .related
        .iter()
        .map(|r| Located {
            value: r.clone(),
            location: loc.locate(0, "related", Some(r)),
        })
        .collect();
    let template = raw.template.as_ref().map(|t| Located {
        value: t.clone(),
        location: loc.locate(0, "template", Some(t)),
    });

    check_source_urls(&raw.sources, &loc, &mut problems);

    let stages = health::check_stages(&raw.stages, &loc, &mut problems);
    let side_effects = health::check_side_effects(&raw.side_effects, &loc, &mut problems);
    let costs = health::check_costs(&raw.costs, &loc, &mut problems);

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(FrontMatter {
        title: raw.title.or_else(|| raw.question.clone()),
        question: raw.question,
        description: raw.description,
        date,
        updated,
        draft: raw.draft.unwrap_or(false),
        slug,
        weight: raw.weight.unwrap_or(0),
        topics: raw.topics,
        tags: raw.tags,
        summary: raw.summary,
        template,
        aliases,
        reviewed,
        sources: raw.sources,
        related,
        extra: raw.extra.unwrap_or(serde_json::Value::Null),
        stages,
        side_effects,
        costs,
    })
}

/// Refuses `sources[].url`s that browsers would run as code (`javascript:`, `data:`).
fn check_source_urls(sources: &[Source], loc: &Locator<'_>, problems: &mut Vec<Diagnostic>) {
    for s in sources {
        let Some(url) = &s.url else { continue };
        let Some(scheme) = script_url_scheme(url) else {
            continue;
        };
        let at = loc.item("sources", "title", &s.title);
        problems.push(
            Diagnostic::error(
                "P0217",
                format!(
                    "source `{}` links to a `{scheme}:` URL, which browsers run as code",
                    s.title
                ),
            )
            .at(loc.locate(at, "url", Some(url.trim())))
            .label(format!("`{scheme}:` URL"))
            .help("link to the source's `https://` page, or leave `url` out"),
        );
    }
}
