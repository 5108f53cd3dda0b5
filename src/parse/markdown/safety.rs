//! Safe bodies: links and images to script URLs lose their destination (each a problem),
//! and with `raw_html = "escape"` HTML written in a body shows as text.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::config::{script_url_scheme, RawHtml};
use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;
use crate::load::SourceFile;

/// Takes script URLs out of links and images, each a problem, and with
/// [`RawHtml::Escape`] turns HTML written in the body into text (a block of it into a
/// paragraph).
pub(super) fn make_safe(
    file: &SourceFile,
    events: &mut [(Event<'_>, Range<usize>)],
    raw_html: RawHtml,
    problems: &mut Vec<Diagnostic>,
) {
    let escape = raw_html == RawHtml::Escape;
    for (event, range) in events.iter_mut() {
        let safe = match &*event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if script_url_scheme(dest_url).is_some() =>
            {
                let start = file.body_start + range.start;
                problems.push(script_url(file, dest_url, start, range.len()));
                without_destination(event)
            }
            Event::Html(html) | Event::InlineHtml(html) if escape => Event::Text(html.clone()),
            Event::Start(Tag::HtmlBlock) if escape => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::HtmlBlock) if escape => Event::End(TagEnd::Paragraph),
            _ => continue,
        };
        *event = safe;
    }
}

/// The problem for a link or image to a `javascript:`, `vbscript:` or `data:` URL.
fn script_url(file: &SourceFile, dest: &str, start: usize, len: usize) -> Diagnostic {
    let scheme = script_url_scheme(dest).unwrap_or("script");
    let written = file.text.get(start..start + len).unwrap_or("");
    let location = match written.find(dest.trim()) {
        Some(i) => file.location(start + i, dest.trim().chars().count()),
        None => file.location(start, len),
    };
    Diagnostic::error(
        code::SCRIPT_URL,
        format!("link to a `{scheme}:` URL, which browsers run as code"),
    )
    .at(location)
    .label(format!("`{scheme}:` URL"))
    .help("link to an `https://` page or a file of the site; images belong in `static/` (`![scan](/img/scan.png)`)")
}

/// The same link or image, going nowhere (an empty destination is not checked as a link).
fn without_destination<'a>(event: &Event<'a>) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            title,
            id,
            ..
        }) => Event::Start(Tag::Link {
            link_type: *link_type,
            dest_url: CowStr::from(""),
            title: title.clone(),
            id: id.clone(),
        }),
        Event::Start(Tag::Image {
            link_type,
            title,
            id,
            ..
        }) => Event::Start(Tag::Image {
            link_type: *link_type,
            dest_url: CowStr::from(""),
            title: title.clone(),
            id: id.clone(),
        }),
        other => other.clone(),
    }
}
