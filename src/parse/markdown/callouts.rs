//! GitHub-style alerts (`> [!NOTE]`, `> [!WARNING]`, …) and the site's own `> [!CALL]`
//! ("call the clinic") become callouts: a `<div role="note">` with a class per kind and an
//! empty label element the render stage fills with the kind's words in the page's language.
//! pulldown-cmark knows the five GitHub kinds (`Options::ENABLE_GFM`); the others are found
//! here, their marker taken out of the text. An unknown `[!FOO]` stays a quotation and is a
//! warning.

use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};

use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;
use crate::load::SourceFile;

/// The attribute of a callout's label element, naming its kind, that the render stage
/// replaces with the kind's words (`<p class="callout__label" data-pigment-callout="note">`).
pub(crate) const CALLOUT_LABEL_ATTR: &str = "data-pigment-callout";

/// Every kind of callout, as written after `[!` (lowercase).
pub(crate) const CALLOUT_KINDS: [&str; 6] =
    ["note", "tip", "important", "warning", "caution", "call"];

/// Turns the quotations that open with a kind marker into callouts, in place; an unknown
/// marker is a problem and its quotation stays as written.
pub(super) fn make_callouts(
    file: &SourceFile,
    events: &mut [(Event<'_>, Range<usize>)],
    problems: &mut Vec<Diagnostic>,
) {
    // For every open quotation: true when it became a callout.
    let mut open: Vec<bool> = Vec::new();
    for i in 0..events.len() {
        match &events[i].0 {
            Event::Start(Tag::BlockQuote(kind)) => {
                let found = match kind {
                    Some(k) => Some(gfm_kind(*k)),
                    None => own_marker(file, events, i + 1, problems),
                };
                open.push(found.is_some());
                if let Some(kind) = found {
                    events[i].0 = Event::Html(CowStr::from(opening(kind)));
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                let was_callout = open.pop() == Some(true);
                if was_callout {
                    events[i].0 = Event::Html(CowStr::from("</div>\n"));
                }
            }
            _ => {}
        }
    }
}

/// The callout's opening markup, with the label element the render stage fills.
fn opening(kind: &str) -> String {
    format!(
        "<div class=\"callout callout--{kind}\" role=\"note\">\n<p class=\"callout__label\" {CALLOUT_LABEL_ATTR}=\"{kind}\"></p>\n"
    )
}

fn gfm_kind(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

/// A `[!KIND]` marker alone on the first line of the quotation whose content starts at
/// `start`: a kind pulldown-cmark does not know. A known one is taken out of the text and
/// returned; an unknown one is a problem.
fn own_marker(
    file: &SourceFile,
    events: &mut [(Event<'_>, Range<usize>)],
    start: usize,
    problems: &mut Vec<Diagnostic>,
) -> Option<&'static str> {
    if !matches!(events.get(start), Some((Event::Start(Tag::Paragraph), _))) {
        return None;
    }
    // The first line's text: pulldown-cmark splits `[!CALL]` at its brackets.
    let mut line = String::new();
    let mut end = start + 1;
    while let Some((Event::Text(t), _)) = events.get(end) {
        line.push_str(t);
        end += 1;
    }
    let name = marker_name(&line)?;
    let first = events
        .get(start + 1)
        .map(|e| e.1.clone())
        .unwrap_or_default();
    let Some(kind) = CALLOUT_KINDS.iter().find(|k| k.eq_ignore_ascii_case(name)) else {
        problems.push(unknown_kind(file, name, first));
        return None;
    };
    for e in &mut events[start + 1..end] {
        e.0 = Event::Text(CowStr::from(""));
    }
    match events.get(end).map(|e| &e.0) {
        // The marker had the paragraph to itself: no empty paragraph is left.
        Some(Event::End(TagEnd::Paragraph)) => {
            events[start].0 = Event::Text(CowStr::from(""));
            events[end].0 = Event::Text(CowStr::from(""));
        }
        Some(Event::SoftBreak | Event::HardBreak) => events[end].0 = Event::Text(CowStr::from("")),
        _ => {}
    }
    Some(kind)
}

/// `FOO` of a line reading `[!FOO]`.
fn marker_name(line: &str) -> Option<&str> {
    let name = line.trim().strip_prefix("[!")?.strip_suffix(']')?;
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    .then_some(name)
}

fn unknown_kind(file: &SourceFile, name: &str, range: Range<usize>) -> Diagnostic {
    let start = file.body_start + range.start;
    let written = format!("[!{name}]");
    let offset = file
        .text
        .get(start..)
        .and_then(|rest| rest.find(&written))
        .map_or(start, |i| start + i);
    Diagnostic::warning(
        code::UNKNOWN_CALLOUT,
        format!("unknown callout kind `[!{name}]`; the quotation is shown as written"),
    )
    .at(file.location(offset, written.chars().count()))
    .help("use one of [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION] or [!CALL] (call the clinic)")
}
