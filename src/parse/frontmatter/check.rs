//! Raw front matter into [`FrontMatter`]: one step per group of fields, each pushing its
//! located problems. [`check`] destructures the raw type field by field, so a field added
//! to [`RawFrontMatter`] does not compile until a step handles it.

use super::FrontMatter;
use super::{gallery, health, Located, Locator, RawFrontMatter, RawReviewed, Review, Source};
use super::{RawTranslationOf, TranslationOf};
use crate::config::{is_http_url, is_slug, script_url_scheme, Config};
use crate::dates::{parse_date, Date};
use crate::diagnostics::code;
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::load::SourceFile;

/// Checks every field of `raw`; all problems of the file, or the checked front matter.
pub(super) fn check(
    file: &SourceFile,
    config: &Config,
    raw: RawFrontMatter,
    is_faq: bool,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let RawFrontMatter {
        title,
        question,
        description,
        date,
        updated,
        draft,
        slug,
        weight,
        topics,
        tags,
        summary,
        template,
        aliases,
        reviewed,
        sources,
        related,
        extra,
        stages,
        side_effects,
        costs,
        translation_of,
        image,
        gallery,
        publish_date,
        expires,
        readability,
        conditions,
    } = raw;
    let loc = Locator::new(file);
    let mut problems = Vec::new();
    let p = &mut problems;

    check_title(file, is_faq, title.as_deref(), question.is_some(), &loc, p);
    let (date, updated) = check_dates(date.as_deref(), updated.as_deref(), &loc, p);
    let reviewed = reviewed.and_then(|r| check_review(r, &loc, p));
    check_topics(&topics, config, &loc, p);
    check_conditions(&conditions, config, &loc, p);
    let slug = check_slug(slug, &loc, p);
    let aliases = check_aliases(aliases, &loc, p);
    let related = located_all(related, "related", &loc);
    let template = template.map(|t| located(t, "template", &loc));
    let source_links = check_source_urls(&sources, &loc, p);
    let stages = health::check_stages(&stages, &loc, p);
    let side_effects = health::check_side_effects(&side_effects, &loc, p);
    let costs = health::check_costs(&costs, &loc, p);
    let translation_of = translation_of.and_then(|t| check_translation_of(t, &loc, p));
    let image = gallery::check_image(image, &loc, p);
    let gallery = gallery::check_gallery(file, gallery, &loc, p);
    let publish_date = date_field(
        0,
        "publish_date",
        publish_date.as_deref(),
        "publish_date",
        &loc,
        p,
    );
    let expires = date_field(0, "expires", expires.as_deref(), "expires", &loc, p);
    super::schedule::check_order(publish_date, expires, &loc, p);

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(FrontMatter {
        title: title.or_else(|| question.clone()),
        question,
        description,
        date,
        updated,
        draft: draft.unwrap_or(false),
        slug,
        weight: weight.unwrap_or(0),
        topics,
        tags,
        summary,
        template,
        aliases,
        reviewed,
        sources,
        source_links,
        related,
        extra: extra.unwrap_or(serde_json::Value::Null),
        stages,
        side_effects,
        costs,
        translation_of,
        image,
        gallery,
        publish_date,
        expires,
        skip_readability: readability == Some(false),
        conditions,
    })
}

/// `question` is for FAQ files and required there; other pages need a `title`.
fn check_title(
    file: &SourceFile,
    is_faq: bool,
    title: Option<&str>,
    has_question: bool,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    if is_faq && !has_question {
        problems.push(
            Diagnostic::error(code::MISSING_TITLE, "an FAQ file needs a `question`")
                .at(loc.locate(0, "title", None))
                .help("add `question: Does it hurt?`; the body is the answer"),
        );
    }
    if !is_faq && has_question {
        problems.push(
            Diagnostic::error(
                code::MISSING_TITLE,
                "`question` is only for FAQ files in `content/faq/`",
            )
            .at(loc.locate(0, "question", None))
            .help("use `title:` here, or move the file to `content/faq/`"),
        );
    }
    if !is_faq && !file.is_index() && title.is_none_or(|t| t.trim().is_empty()) {
        problems.push(
            Diagnostic::error(code::MISSING_TITLE, "the page needs a `title`")
                .at(loc.locate(0, "title", None))
                .help("add `title: Your page title` to the front matter"),
        );
    }
}

/// `date` and `updated`, each a valid date, and `updated` not before `date`.
fn check_dates(
    date: Option<&str>,
    updated: Option<&str>,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> (Option<Date>, Option<Date>) {
    let date = date_field(0, "date", date, "date", loc, problems);
    let updated = date_field(0, "updated", updated, "updated", loc, problems);
    if let (Some(d), Some(u)) = (date, updated) {
        if u < d {
            problems.push(
                Diagnostic::error(
                    code::INVALID_DATE,
                    format!("`updated` ({u}) is before `date` ({d})"),
                )
                .at(loc.locate(0, "updated", None))
                .help("a page cannot be updated before it was published; check both dates"),
            );
        }
    }
    (date, updated)
}

/// A date written under `key` (searched from `from`), named `name` in the message.
fn date_field(
    from: usize,
    key: &str,
    value: Option<&str>,
    name: &str,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Date> {
    let s = value?;
    match parse_date(s) {
        Ok(d) => Some(d),
        Err(help) => {
            problems.push(
                Diagnostic::error(
                    code::INVALID_DATE,
                    format!("invalid date `{s}` in `{name}`"),
                )
                .at(loc.locate(from, key, Some(s)))
                .help(help),
            );
            None
        }
    }
}

/// `reviewed`: valid dates, the next review after the last; `None` without a valid `on`.
fn check_review(
    raw: RawReviewed,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Review> {
    let RawReviewed {
        by,
        role,
        on,
        next,
        credential,
        affiliation,
    } = raw;
    let at = loc.key(0, "reviewed").unwrap_or(0);
    let on = date_field(at, "on", Some(&on), "reviewed.on", loc, problems);
    let next = date_field(at, "next", next.as_deref(), "reviewed.next", loc, problems);
    if let (Some(on), Some(next)) = (on, next) {
        if next <= on {
            problems.push(
                Diagnostic::error(
                    code::INVALID_DATE,
                    format!("`reviewed.next` ({next}) is not after `reviewed.on` ({on})"),
                )
                .at(loc.locate(at, "next", None))
                .help("the next review is due after the last one"),
            );
        }
    }
    on.map(|on| Review {
        by,
        role,
        on,
        next,
        location: loc.locate(0, "reviewed", None),
        credential,
        affiliation,
    })
}

/// `translation_of.updated`, a valid date, located at the date so a warning can point at
/// what to bump.
fn check_translation_of(
    raw: RawTranslationOf,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<TranslationOf> {
    let RawTranslationOf { updated } = raw;
    let at = loc.key(0, "translation_of").unwrap_or(0);
    let name = "translation_of.updated";
    let date = date_field(at, "updated", Some(&updated), name, loc, problems)?;
    Some(TranslationOf {
        updated: date,
        location: loc.locate(at, "updated", Some(&updated)),
    })
}

/// Every topic is one of the `[[topics]]` in `site.toml`.
fn check_topics(
    topics: &[String],
    config: &Config,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    for t in topics {
        if config.topic(t).is_some() {
            continue;
        }
        let ids: Vec<&str> = config.topics.iter().map(|t| t.id.as_str()).collect();
        let help = match did_you_mean(t, ids.iter().copied()) {
            Some(s) => {
                format!("did you mean `{s}`? Topics are defined in site.toml under [[topics]]")
            }
            None if ids.is_empty() => "define topics in site.toml under [[topics]]".to_string(),
            None => format!("use one of: {}", ids.join(", ")),
        };
        problems.push(
            Diagnostic::error(code::UNKNOWN_TOPIC, format!("unknown topic `{t}`"))
                .at(loc.locate(0, "topics", Some(t)))
                .help(help),
        );
    }
}

/// Every condition is one of the `[[conditions]]` in `site.toml` (P0270).
fn check_conditions(
    conditions: &[String],
    config: &Config,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let ids: Vec<&str> = config.conditions.iter().map(|c| c.id.as_str()).collect();
    for c in conditions.iter().filter(|c| config.condition(c).is_none()) {
        let help = match did_you_mean(c, ids.iter().copied()) {
            Some(s) => format!(
                "did you mean `{s}`? Conditions are defined in site.toml under [[conditions]]"
            ),
            None if ids.is_empty() => {
                "define the condition in site.toml under [[conditions]], with its `id` and `name`"
                    .to_string()
            }
            None => format!(
                "use one of: {}, or add it under [[conditions]] in site.toml",
                ids.join(", ")
            ),
        };
        problems.push(
            Diagnostic::error(code::UNKNOWN_CONDITION, format!("unknown condition `{c}`"))
                .at(loc.locate(0, "conditions", Some(c)))
                .help(help),
        );
    }
}

/// `slug`, located, and a valid slug.
fn check_slug(
    slug: Option<String>,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Located<String>> {
    let slug = located(slug?, "slug", loc);
    if !is_slug(&slug.value) {
        problems.push(
            Diagnostic::error(code::INVALID_SLUG, format!("slug `{}` is not allowed", slug.value))
                .at(slug.location.clone())
                .help("use lowercase letters, digits and single `-`, e.g. `first-week`; a slug cannot contain `/` or `..`"),
        );
    }
    Some(slug)
}

/// `aliases`, located, each a path the site can write a redirect to.
fn check_aliases(
    aliases: Vec<String>,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Located<String>> {
    let aliases = located_all(aliases, "aliases", loc);
    for a in &aliases {
        if crate::paths::alias_output_path(&a.value).is_none() {
            problems.push(
                Diagnostic::error(code::INVALID_ALIAS, format!("alias `{}` is not a site path", a.value))
                    .at(a.location.clone())
                    .help("write an old URL path such as `/old/recovery-guide/`; no `..`, no scheme or host"),
            );
        }
    }
    aliases
}

/// Every source's URL, located: refused when browsers would run it as code
/// (`javascript:`, `data:`) or when it is not an absolute `http(s)` URL.
fn check_source_urls(
    sources: &[Source],
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Located<Option<String>>> {
    let mut links = Vec::with_capacity(sources.len());
    for s in sources {
        let at = loc.item("sources", "title", &s.title);
        let Some(url) = &s.url else {
            let location = loc.locate(at, "title", Some(s.title.trim()));
            links.push(Located {
                value: None,
                location,
            });
            continue;
        };
        let location = loc.locate(at, "url", Some(url.trim()));
        if let Some(problem) = source_url_problem(&s.title, url) {
            problems.push(problem.at(location.clone()));
        }
        links.push(Located {
            value: Some(url.trim().to_string()),
            location,
        });
    }
    links
}

/// What is wrong with a source's URL, if anything (to be located by the caller).
fn source_url_problem(title: &str, url: &str) -> Option<Diagnostic> {
    if let Some(scheme) = script_url_scheme(url) {
        return Some(
            Diagnostic::error(
                code::SCRIPT_URL,
                format!("source `{title}` links to a `{scheme}:` URL, which browsers run as code"),
            )
            .label(format!("`{scheme}:` URL"))
            .help("link to the source's `https://` page, or leave `url` out"),
        );
    }
    if is_http_url(url.trim()) {
        return None;
    }
    Some(
        Diagnostic::error(
            code::SOURCE_URL,
            format!("source `{title}` has URL `{}`, which is not an absolute web address", url.trim()),
        )
        .label("not an `http://` or `https://` URL")
        .help("write the full address a reader can follow, e.g. `https://www.nhs.uk/conditions/…`, or leave `url` out"),
    )
}

/// `value` with where it is written under `key`.
fn located(value: String, key: &str, loc: &Locator<'_>) -> Located<String> {
    let location = loc.locate(0, key, Some(&value));
    Located { value, location }
}

/// Every value of the list under `key`, located.
fn located_all(values: Vec<String>, key: &str, loc: &Locator<'_>) -> Vec<Located<String>> {
    values.into_iter().map(|v| located(v, key, loc)).collect()
}
