//! Stage 2a, parse front matter: YAML into the raw serde types, then checked into
//! [`FrontMatter`] with every problem located in the `.md` file.

use serde::Deserialize;

use crate::config::{is_slug, Config};
use crate::dates::{parse_date, Date};
use crate::diagnostics::{unknown_field, Diagnostic, Location};
use crate::health::{self, CostItem, SideEffect, Stage};
use crate::load::SourceFile;

/// Front matter exactly as written; `deny_unknown_fields` catches typos.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
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
#[derive(Debug, Clone)]
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

/// Finds where values sit inside a file's front matter, so checks that run after serde can
/// still point at a line and column.
pub struct Locator<'a> {
    file: &'a SourceFile,
}

impl<'a> Locator<'a> {
    /// A locator over `file`'s front matter.
    pub fn new(file: &'a SourceFile) -> Locator<'a> {
        Locator { file }
    }

    fn range(&self) -> std::ops::Range<usize> {
        self.file.front_matter.clone().unwrap_or(0..0)
    }

    /// Offset of the first `key:` at or after `from` (a front-matter offset or 0).
    pub fn key(&self, from: usize, key: &str) -> Option<usize> {
        let r = self.range();
        let start = from.max(r.start);
        let hay = self.file.text.get(start..r.end)?;
        let pattern = format!("{key}:");
        let mut search = 0;
        while let Some(i) = hay[search..].find(&pattern) {
            let at = search + i;
            let before = hay[..at].chars().next_back();
            if before.is_none_or(|c| c.is_whitespace() || c == '{' || c == ',' || c == '-') {
                return Some(start + at);
            }
            search = at + pattern.len();
        }
        None
    }

    /// Offset of `value` at or after `from`.
    pub fn value(&self, from: usize, value: &str) -> Option<usize> {
        let r = self.range();
        let start = from.max(r.start);
        let hay = self.file.text.get(start..r.end)?;
        if value.is_empty() {
            return None;
        }
        hay.find(value).map(|i| start + i)
    }

    /// Location of `value` under `key` (searched after `from`), else of `key`, else of the
    /// front matter's first line.
    pub fn locate(&self, from: usize, key: &str, value: Option<&str>) -> Location {
        let key_at = self.key(from, key);
        if let (Some(k), Some(v)) = (key_at, value) {
            if let Some(at) = self.value(k + key.len() + 1, v) {
                return self.file.location(at, v.chars().count());
            }
        }
        match key_at {
            Some(k) => self.file.location(k, key.len()),
            None => self.file.location(self.range().start, 3),
        }
    }

    /// Offset of the list item whose `key` is `value` (e.g. the stage with `id: first-days`).
    pub fn item(&self, list_key: &str, key: &str, value: &str) -> usize {
        let list = self.key(0, list_key).unwrap_or(self.range().start);
        let mut from = list;
        while let Some(k) = self.key(from, key) {
            let line_end = self.file.text[k..]
                .find('\n')
                .map_or(self.file.text.len(), |i| k + i);
            let item_end = self.file.text[k..line_end]
                .find([',', '}'])
                .map_or(line_end, |i| k + i);
            let written = self.file.text[k + key.len() + 1..item_end]
                .trim()
                .trim_matches(['"', '\'']);
            if written == value {
                return k;
            }
            from = k + key.len() + 1;
        }
        list
    }
}

/// Parses and checks the front matter of `file`.
pub fn parse(
    file: &SourceFile,
    config: &Config,
    is_faq: bool,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let raw: RawFrontMatter = if file.front_matter.is_none() {
        if file.is_index() {
            RawFrontMatter::default()
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
        RawFrontMatter::default()
    } else {
        match yaml_serde::from_str(file.yaml()) {
            Ok(raw) => raw,
            Err(e) => return Err(vec![yaml_error(file, &e)]),
        }
    };
    check(file, config, raw, is_faq)
}

fn yaml_error(file: &SourceFile, e: &yaml_serde::Error) -> Diagnostic {
    let yaml_start = file.front_matter.clone().map_or(0, |r| r.start);
    let location = match e.location() {
        Some(l) => {
            let offset = yaml_start + l.index();
            file.location(offset, 1)
        }
        None => file.location(yaml_start, 1),
    };
    // yaml_serde puts " at line L column C" in its messages; we print the location ourselves.
    let message = strip_position(&e.to_string());
    let message = message.trim_start_matches(": ").to_string();
    if let Some((field, suggestion)) = unknown_field(&message) {
        let location = relocate_word(file, location, &field);
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`? Free-form data goes under `extra:`"),
            None => {
                "remove it, or put free-form data under `extra:`; docs/content.md lists the fields"
                    .to_string()
            }
        };
        return Diagnostic::error("P0207", format!("unknown field `{field}`"))
            .at(location)
            .label("not a front-matter field")
            .help(help);
    }
    if message.starts_with("missing field")
        || message.contains("invalid type")
        || message.contains("unknown variant")
    {
        let help = if message.contains("invalid type") {
            "check the value's type: text, a number, true/false, a list (`[a, b]`) or a map"
        } else {
            "docs/content.md lists the fields and their types"
        };
        return Diagnostic::error("P0208", format!("front matter: {message}"))
            .at(location)
            .help(help);
    }
    Diagnostic::error("P0206", format!("invalid YAML in front matter: {message}"))
        .at(location)
        .help("check indentation and quoting: quote text that contains `: ` or starts with `[`, `{`, `*`, `&` or `@`")
}

fn strip_position(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(i) = out.find(" at line ") {
        let rest = &out[i + " at line ".len()..];
        let mut words = rest.splitn(4, ' ');
        let (line, col_word, col) = (words.next(), words.next(), words.next());
        let numeric = |w: Option<&str>| {
            w.is_some_and(|w| w.trim_end_matches(',').chars().all(|c| c.is_ascii_digit()))
        };
        if !(numeric(line) && col_word == Some("column") && numeric(col)) {
            break;
        }
        let col = col.unwrap_or("");
        let digits = col.trim_end_matches(',').len();
        let end = i + " at line ".len() + line.map_or(0, str::len) + " column ".len() + digits;
        out.replace_range(i..end, "");
    }
    out
}

/// serde reports an unknown key at the start of its map; point at the key itself.
fn relocate_word(file: &SourceFile, location: Location, word: &str) -> Location {
    let locator = Locator::new(file);
    let line_start = file
        .text
        .match_indices('\n')
        .nth(location.line.saturating_sub(2))
        .map_or(0, |(i, _)| i + 1);
    let from = if location.line <= 1 { 0 } else { line_start };
    match locator.key(from, word) {
        Some(at) => file.location(at, word.chars().count()),
        None => location,
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
        if crate::resolve::alias_output_path(&a.value).is_none() {
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
