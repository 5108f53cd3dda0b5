//! `pigment init` (a new site that builds on the first try) and `pigment new` (a content
//! file with valid front matter). Neither ever overwrites a file.

use std::fmt;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::dates::Date;

/// Why scaffolding did nothing.
#[derive(Debug)]
pub enum ScaffoldError {
    /// Files that are already there; nothing was written.
    Exists(Vec<PathBuf>),
    /// The folder has no `site.toml`.
    NotASite(PathBuf),
    /// The title gives no usable file name.
    EmptySlug(String),
    /// Reading or writing failed.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        error: io::Error,
    },
}

impl fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScaffoldError::Exists(paths) => {
                let list: Vec<String> = paths
                    .iter()
                    .map(|p| format!("`{}`", p.display()))
                    .collect();
                write!(
                    f,
                    "{} already exists; nothing was written\nhelp: pick another folder or title, or move the existing file away",
                    list.join(", ")
                )
            }
            ScaffoldError::NotASite(dir) => write!(
                f,
                "no site.toml in `{}`\nhelp: run this in a site folder, pass `--root DIR`, or create a site with `pigment init DIR`",
                dir.display()
            ),
            ScaffoldError::EmptySlug(title) => write!(
                f,
                "cannot make a file name from {title:?}\nhelp: use a title with letters or digits"
            ),
            ScaffoldError::Io { path, error } => {
                write!(f, "cannot write `{}`: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for ScaffoldError {}

/// What `pigment new` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// `content/articles/SLUG.md`
    Article,
    /// `content/faq/SLUG.md`
    Faq,
}

/// Creates a new site in `dir` (made if missing). Refuses, writing nothing, when any of
/// its files exists. Returns the files written, relative to `dir`.
pub fn init(dir: &Path, today: Date) -> Result<Vec<PathBuf>, ScaffoldError> {
    let next = next_year(today);
    let fill = |t: &str| {
        t.replace("{today}", &today.to_string())
            .replace("{next}", &next.to_string())
    };
    let files: Vec<(&str, String)> = vec![
        ("site.toml", fill(SITE_TOML)),
        ("content/_index.md", fill(HOME_MD)),
        ("content/articles/_index.md", fill(ARTICLES_INDEX_MD)),
        ("content/articles/your-first-visit.md", fill(ARTICLE_MD)),
        ("content/faq/_index.md", fill(FAQ_INDEX_MD)),
        ("content/faq/how-do-i-book.md", fill(FAQ_MD)),
        ("static/.gitkeep", String::new()),
        (".gitignore", "/public/\n/.pigment-cache/\n".to_string()),
    ];
    let existing: Vec<PathBuf> = files
        .iter()
        .map(|(rel, _)| dir.join(rel))
        .filter(|p| p.exists())
        .collect();
    if !existing.is_empty() {
        return Err(ScaffoldError::Exists(existing));
    }
    let mut written = Vec::with_capacity(files.len());
    for (rel, text) in &files {
        create_new(&dir.join(rel), text)?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

/// Creates a new article or FAQ under `root/content/`, named by the slug of `title`.
/// Returns its path relative to `root`.
pub fn new_page(
    root: &Path,
    kind: NewKind,
    title: &str,
    today: Date,
) -> Result<PathBuf, ScaffoldError> {
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(ScaffoldError::NotASite(root.to_path_buf()));
    }
    let title = title.trim();
    let slug = crate::parse::markdown::slugify(title);
    if slug.is_empty() {
        return Err(ScaffoldError::EmptySlug(title.to_string()));
    }
    let config = crate::config::load(root, None).ok();
    let topics = topic_hint(config.as_ref());
    let quoted = yaml_string(title);
    let (rel, head, body) = match kind {
        NewKind::Article => (
            format!("content/articles/{slug}.md"),
            format!("title: {quoted}\ndate: {today}\n"),
            "Start with a short paragraph that answers the question the title asks.\n\n\
             ## First section\n\nEach `##` heading becomes a section that search can find.\n",
        ),
        NewKind::Faq => (
            format!("content/faq/{slug}.md"),
            format!("question: {quoted}\n"),
            "Answer in two or three sentences, then link to the article that covers it.\n",
        ),
    };
    let fields = placeholder_fields(config.as_ref(), kind, today);
    let text = format!("---\n{head}{fields}{topics}---\n{body}");
    let path = root.join(&rel);
    create_new(&path, &text)?;
    Ok(PathBuf::from(rel))
}

/// `topics: []` with the site's topic ids in a comment, so a writer sees the choices.
fn topic_hint(config: Option<&crate::config::Config>) -> String {
    let ids: Vec<String> = config
        .map(|c| c.topics.iter().map(|t| t.id.clone()).collect())
        .unwrap_or_default();
    if ids.is_empty() {
        "topics: []\n".to_string()
    } else {
        format!("topics: []  # any of: {}\n", ids.join(", "))
    }
}

/// The fields a clinical page needs, as placeholders `check` reports until a writer fills
/// them in: a description, the review and a source always, and whatever else the site's
/// review policy requires of the section.
fn placeholder_fields(
    config: Option<&crate::config::Config>,
    kind: NewKind,
    today: Date,
) -> String {
    use crate::config::{PolicySection, RequiredField};
    use crate::parse::frontmatter::MARKER;
    let section = match kind {
        NewKind::Article => PolicySection::Articles,
        NewKind::Faq => PolicySection::Faq,
    };
    let required = |f: RequiredField| {
        config
            .and_then(|c| c.review_policy.section(section))
            .is_some_and(|p| p.require.contains(&f))
    };
    let mut out = format!("description: \"{MARKER}: one sentence for search results\"\n");
    if required(RequiredField::Summary) {
        out.push_str(&format!(
            "summary: \"{MARKER}: a short summary for lists\"\n"
        ));
    }
    let next = if required(RequiredField::ReviewedNext) {
        let interval = config.and_then(|c| c.review_interval_for(section));
        let next = interval
            .and_then(|i| i.due_after(today))
            .unwrap_or_else(|| next_year(today));
        format!(", next: {next}")
    } else {
        String::new()
    };
    out.push_str(&format!(
        "reviewed: {{ by: \"{MARKER}: reviewer's name\", role: \"{MARKER}: their role\", on: {today}{next} }}\n\
         sources:\n  - title: \"{MARKER}: the guidance this page is based on\"\n"
    ));
    out
}

/// A YAML double-quoted scalar. JSON string syntax is valid YAML and escapes everything
/// that could end the string early.
fn yaml_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

fn next_year(d: Date) -> Date {
    d.checked_add(jiff::Span::new().years(1)).unwrap_or(d)
}

/// Writes `text` to a file that must not exist yet, making its folder first.
fn create_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    let io_err = |error| ScaffoldError::Io {
        path: path.to_path_buf(),
        error,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_err)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|error| {
            if error.kind() == io::ErrorKind::AlreadyExists {
                ScaffoldError::Exists(vec![path.to_path_buf()])
            } else {
                io_err(error)
            }
        })?;
    file.write_all(text.as_bytes()).map_err(io_err)
}

const SITE_TOML: &str = r#"# Site settings. Every key is described in the Pigment docs (docs/config.md);
# unknown keys are errors, so a typo is caught at build time.

title = "Our Clinic Patient Guide"
# The address the site is published at. `pigment build --base-url URL` overrides it,
# e.g. for GitHub Pages: https://USER.github.io/REPO
base_url = "https://clinic.example"
language = "en"
# The bundled theme. Override single templates in templates/, files in static/.
theme = "clinic"
description = "Clear, clinician-reviewed answers for our patients."

# The clinic: shown in the contact block on every page and in structured data.
[clinic]
name = "Our Clinic"
phone = "+44 20 7946 0000"
email = "care@clinic.example"
# booking_url = "https://clinic.example/book"
# opening_hours = "Mon–Fri 09:00–17:00"
address = { street = "1 High Street", locality = "London", postal_code = "N1 1AA", country = "GB" }

# Topics, in display order. Pages list their topic ids in front matter: topics: [treatment]
[[topics]]
id = "treatment"
title = "Treatment"
description = "What happens before, during and after a visit."

[[topics]]
id = "aftercare"
title = "Aftercare"
description = "Looking after yourself once you are home."

# The main navigation.
[[menu]]
title = "Articles"
url = "/articles/"

[[menu]]
title = "FAQ"
url = "/faq/"

# `pigment check` warns when a page's last review is older than this.
[review]
interval = "12 months"

# What every page of a section must have; `pigment check` names the file and the YAML to
# add for each missing field. Sections: articles, faq, lists, home.
[review.policy.articles]
require = ["reviewed", "sources", "description"]

[review.policy.faq]
require = ["reviewed", "sources", "description"]

[build]
output = "public"
# Collapse whitespace in HTML; <pre>, <textarea>, <script> and <style> are left alone.
minify = false
"#;

const HOME_MD: &str = r#"---
title: Our Clinic Patient Guide
description: "Clear, clinician-reviewed answers for our patients."
---
Welcome. This guide explains what to expect at the clinic and how to look after yourself
afterwards. Search it, browse by topic, or start with the articles below.
"#;

const ARTICLES_INDEX_MD: &str = r#"---
title: Articles
description: "In-depth guides, each reviewed by a member of our clinical team."
---
Guides in the order of a typical visit.
"#;

const ARTICLE_MD: &str = r#"---
title: Your first visit
description: "What happens at your first appointment, from arrival to aftercare advice."
date: {today}
topics: [treatment]
tags: [first visit]
reviewed: { by: "TODO: reviewer's name", role: "TODO: their role", on: {today}, next: {next} }
sources:
  - title: "TODO: the guidance this page is based on"
---
This page walks you through your first appointment. Replace it with your own content;
the [questions page](../faq/how-do-i-book.md) shows how pages link to each other by file.

## Before you arrive

Bring a list of any medicines you take, and arrive ten minutes early.

## During the appointment

We talk through your goals, examine the area and agree a plan before any treatment.

## Afterwards

You go home with written aftercare advice. Call us if anything worries you.
"#;

const FAQ_INDEX_MD: &str = r#"---
title: Frequently asked questions
description: "Short answers to the questions patients ask most often."
---
If your question is not here, please call or email the clinic.
"#;

const FAQ_MD: &str = r#"---
question: "How do I book an appointment?"
description: "How to book, change or cancel an appointment at the clinic."
topics: [treatment]
reviewed: { by: "TODO: reviewer's name", role: "TODO: their role", on: {today}, next: {next} }
sources:
  - title: "TODO: the guidance this page is based on"
related:
  - ../articles/your-first-visit.md
---
Call or email the clinic and we will find a time that suits you. Read
[what happens at your first visit](../articles/your-first-visit.md#during-the-appointment)
before you come.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_escape_quotes_and_colons() {
        assert_eq!(
            yaml_string(r#"Pain: "how much"?"#),
            r#""Pain: \"how much\"?""#
        );
    }

    #[test]
    fn next_review_is_a_year_on() {
        let d: Date = "2024-02-29".parse().unwrap();
        assert_eq!(next_year(d).to_string(), "2025-02-28");
    }
}
