//! Headings of a body: ids written as `{#id}` (each once), ids made from the text for
//! the rest, and the page's list of headings.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::Heading;
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};
use crate::load::SourceFile;

/// The heading `start` with its id (the one written, or one made from its text, which
/// `rest`, the events after it, holds); the heading joins `headings`.
pub(super) fn heading_start<'a>(
    start: &Event<'a>,
    rest: &[(Event<'a>, Range<usize>)],
    taken: &mut HashSet<String>,
    headings: &mut Vec<Heading>,
) -> Event<'a> {
    let Event::Start(Tag::Heading {
        level,
        id,
        classes,
        attrs,
    }) = start
    else {
        return start.clone();
    };
    // Gather the heading's events to know its text before emitting its start.
    let mut text = String::new();
    for (event, _) in rest {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    let id = match id {
        Some(id) => id.to_string(),
        None => unique_id(&slugify(&text), taken),
    };
    headings.push(Heading {
        level: heading_level(*level),
        id: id.clone(),
        title: text.trim().to_string(),
    });
    Event::Start(Tag::Heading {
        level: *level,
        id: Some(CowStr::from(id)),
        classes: classes.clone(),
        attrs: attrs.clone(),
    })
}

/// Makes a heading id from its text: lowercase, runs of anything but letters and digits
/// become one `-`, no `-` at either end.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// The ids written as `{#id}`, each once; a repeated one is a problem, since two headings
/// with one id break links to the second.
pub(super) fn explicit_ids(
    file: &SourceFile,
    events: &[(Event<'_>, Range<usize>)],
    problems: &mut Vec<Diagnostic>,
) -> HashSet<String> {
    let mut first: HashMap<String, Location> = HashMap::new();
    for (e, range) in events {
        let Event::Start(Tag::Heading { id: Some(id), .. }) = e else {
            continue;
        };
        let location = id_location(file, id, range);
        match first.get(&**id) {
            Some(earlier) => problems.push(
                Diagnostic::error(code::HEADING_ID_TWICE, format!("heading id `{id}` is used twice in this page"))
                    .at(location)
                    .label("used again here")
                    .also("first used here", earlier.clone())
                    .help("give each heading its own `{#id}`, or remove one and let Pigment make it from the heading text"),
            ),
            None => {
                first.insert(id.to_string(), location);
            }
        }
    }
    first.into_keys().collect()
}

/// Where a heading's `{#id}` is written, else the heading.
fn id_location(file: &SourceFile, id: &str, range: &Range<usize>) -> Location {
    let start = file.body_start + range.start;
    let heading = file
        .text
        .get(start..file.body_start + range.end)
        .unwrap_or("");
    let written = format!("{{#{id}");
    match heading.rfind(&written) {
        Some(i) => file.location(start + i, written.chars().count() + 1),
        None => file.location(start, range.len()),
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn unique_id(base: &str, taken: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { "section" } else { base };
    if taken.insert(base.to_string()) {
        return base.to_string();
    }
    let mut n = 1;
    loop {
        let candidate = format!("{base}-{n}");
        if taken.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}
