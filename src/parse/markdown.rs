//! Stage 2b, parse markdown: HTML with heading ids, the table of contents, and every link
//! to another content file (resolved later, in the resolve stage).

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::config::{script_url_scheme, RawHtml};
use crate::diagnostics::{Diagnostic, Location};
use crate::load::SourceFile;

/// A heading of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The `id` attribute, unique in the page.
    pub id: String,
    /// Plain text of the heading.
    pub title: String,
}

/// Where a link in the body points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Another content file: its path inside `content/` (normalised) and a fragment.
    Page {
        /// `articles/recovery.md`
        path: String,
        /// Heading id, without `#`.
        fragment: Option<String>,
    },
    /// A heading of the same page.
    SamePage {
        /// Heading id, without `#`.
        fragment: String,
    },
    /// A path that leaves `content/` (`../../x.md`).
    OutsideContent,
}

/// A link to content, found in a page's body.
#[derive(Debug, Clone)]
pub struct ContentLink {
    /// The destination as written.
    pub written: String,
    /// What it points to.
    pub target: LinkTarget,
    /// Where it is written.
    pub location: Location,
}

/// A rendered markdown body.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// HTML, with `href="pigment-link:N"` where `links[N]` goes.
    pub html: String,
    /// Every heading, in order.
    pub headings: Vec<Heading>,
    /// Links to content, in order.
    pub links: Vec<ContentLink>,
    /// Number of words.
    pub word_count: usize,
    /// Plain text of the first paragraph.
    pub first_paragraph: String,
    /// Problems in the body (repeated heading ids, script URLs), for the parse stage to
    /// report.
    pub problems: Vec<Diagnostic>,
}

/// The placeholder prefix for links resolved later.
pub(crate) const LINK_PLACEHOLDER: &str = "pigment-link:";

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
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

/// Renders `file`'s body. `base_path` is prefixed to site-absolute links that are not
/// content files (`/timeline/` → `/clinic/timeline/`); `raw_html` says whether HTML written
/// in the body passes through or shows as text.
pub fn render(file: &SourceFile, base_path: &str, raw_html: RawHtml) -> Body {
    let body = file.body();
    let offset = file.body_start;
    let mut events: Vec<(Event<'_>, std::ops::Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();

    let mut problems = Vec::new();
    make_safe(file, &mut events, raw_html, &mut problems);
    // Explicit `{#id}`s first, so generated ids never collide with them.
    let mut taken = explicit_ids(file, &events, &mut problems);

    let mut out_events: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut headings = Vec::new();
    let mut links = Vec::new();
    let mut word_count = 0;
    let mut first_paragraph = String::new();
    let mut in_first_paragraph = false;
    let mut paragraphs_seen = 0;

    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // Gather the heading's events to know its text before emitting its start.
                let mut j = i + 1;
                let mut text = String::new();
                while j < events.len() {
                    match &events[j].0 {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) | Event::Code(t) => text.push_str(t),
                        _ => {}
                    }
                    j += 1;
                }
                let id = match id {
                    Some(id) => id.to_string(),
                    None => unique_id(&slugify(&text), &mut taken),
                };
                headings.push(Heading {
                    level: heading_level(*level),
                    id: id.clone(),
                    title: text.trim().to_string(),
                });
                out_events.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = dest_url.to_string();
                let new_dest = match classify(&file.path, &dest) {
                    Classified::Content(target) => {
                        let n = links.len();
                        links.push(ContentLink {
                            written: dest.clone(),
                            target,
                            location: file.location(offset + range.start, range.len()),
                        });
                        CowStr::from(format!("{LINK_PLACEHOLDER}{n}"))
                    }
                    Classified::SiteAbsolute => {
                        CowStr::from(format!("{}{}", base_path, dest.trim_start_matches('/')))
                    }
                    Classified::Other => dest_url.clone(),
                };
                out_events.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: new_dest,
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            // Site-absolute image paths get the base path, like links (`/img/a.png` →
            // `/clinic/img/a.png`).
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if dest_url.starts_with('/') && !dest_url.starts_with("//") => {
                out_events.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: CowStr::from(format!(
                        "{}{}",
                        base_path,
                        dest_url.trim_start_matches('/')
                    )),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::Paragraph) => {
                paragraphs_seen += 1;
                in_first_paragraph = paragraphs_seen == 1;
                out_events.push(event.clone());
            }
            Event::End(TagEnd::Paragraph) => {
                in_first_paragraph = false;
                out_events.push(event.clone());
            }
            Event::Text(t) | Event::Code(t) => {
                word_count += t.split_whitespace().count();
                if in_first_paragraph {
                    first_paragraph.push_str(t);
                }
                out_events.push(event.clone());
            }
            Event::SoftBreak | Event::HardBreak if in_first_paragraph => {
                first_paragraph.push(' ');
                out_events.push(event.clone());
            }
            _ => out_events.push(event.clone()),
        }
        i += 1;
    }

    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out_events.into_iter());
    // Kept until the site is written: no spare capacity on thousands of bodies.
    html.shrink_to_fit();
    links.shrink_to_fit();
    Body {
        html,
        headings,
        links,
        word_count,
        first_paragraph: first_paragraph.trim().to_string(),
        problems,
    }
}

/// Takes script URLs out of links and images, each a problem, and with
/// [`RawHtml::Escape`] turns HTML written in the body into text (a block of it into a
/// paragraph).
fn make_safe(
    file: &SourceFile,
    events: &mut [(Event<'_>, std::ops::Range<usize>)],
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

/// The ids written as `{#id}`, each once; a repeated one is a problem, since two headings
/// with one id break links to the second.
fn explicit_ids(
    file: &SourceFile,
    events: &[(Event<'_>, std::ops::Range<usize>)],
    problems: &mut Vec<Diagnostic>,
) -> HashSet<String> {
    let mut first: std::collections::HashMap<String, Location> = Default::default();
    for (e, range) in events {
        let Event::Start(Tag::Heading { id: Some(id), .. }) = e else {
            continue;
        };
        let location = id_location(file, id, range);
        match first.get(&**id) {
            Some(earlier) => problems.push(
                Diagnostic::error("P0216", format!("heading id `{id}` is used twice in this page"))
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
fn id_location(file: &SourceFile, id: &str, range: &std::ops::Range<usize>) -> Location {
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

/// The problem for a link or image to a `javascript:`, `vbscript:` or `data:` URL.
fn script_url(file: &SourceFile, dest: &str, start: usize, len: usize) -> Diagnostic {
    let scheme = script_url_scheme(dest).unwrap_or("script");
    let written = file.text.get(start..start + len).unwrap_or("");
    let location = match written.find(dest.trim()) {
        Some(i) => file.location(start + i, dest.trim().chars().count()),
        None => file.location(start, len),
    };
    Diagnostic::error(
        "P0217",
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

enum Classified {
    Content(LinkTarget),
    SiteAbsolute,
    Other,
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

fn classify(from_path: &str, dest: &str) -> Classified {
    if dest.is_empty() || has_scheme(dest) || dest.starts_with("//") {
        return Classified::Other;
    }
    if let Some(fragment) = dest.strip_prefix('#') {
        return Classified::Content(LinkTarget::SamePage {
            fragment: fragment.to_string(),
        });
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if !path.ends_with(".md") {
        return if path.starts_with('/') {
            Classified::SiteAbsolute
        } else {
            Classified::Other
        };
    }
    match resolve_content_path(from_path, path) {
        Some(path) => Classified::Content(LinkTarget::Page { path, fragment }),
        None => Classified::Content(LinkTarget::OutsideContent),
    }
}

/// Resolves a written path (`../faq/x.md`, `/articles/y.md`) against the file it is written
/// in, to a normalised path inside `content/`; `None` when it climbs out of `content/`.
pub fn resolve_content_path(from_path: &str, written: &str) -> Option<String> {
    let mut parts: Vec<&str> = if written.starts_with('/') {
        Vec::new()
    } else {
        let mut p: Vec<&str> = from_path.split('/').collect();
        p.pop();
        p
    };
    for seg in written.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(path: &str, body: &str) -> SourceFile {
        SourceFile {
            path: path.to_string(),
            display_path: PathBuf::from(format!("content/{path}")),
            text: body.to_string(),
            front_matter: None,
            body_start: 0,
        }
    }

    fn render_plain(file: &SourceFile, base_path: &str) -> Body {
        render(file, base_path, RawHtml::Allow)
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("The first week!"), "the-first-week");
        assert_eq!(slugify("  Days 0–3: care  "), "days-0-3-care");
        assert_eq!(slugify("Über Öl"), "über-öl");
        assert_eq!(slugify("???"), "");
    }

    #[test]
    fn headings_get_unique_ids() {
        let b = render_plain(
            &file(
                "a.md",
                "## Care\n\n## Care\n\n### Care {#care-1}\n\n## Care\n",
            ),
            "/",
        );
        let ids: Vec<&str> = b.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["care", "care-2", "care-1", "care-3"]);
        assert!(b.html.contains("<h2 id=\"care\">"));
    }

    #[test]
    fn content_links_become_placeholders() {
        let b = render_plain(
            &file(
                "faq/x.md",
                "See [r](../articles/r.md#a), [s](#top), [e](https://e.com/a.md), [t](/timeline/).",
            ),
            "/clinic/",
        );
        assert_eq!(b.links.len(), 2);
        assert_eq!(
            b.links[0].target,
            LinkTarget::Page {
                path: "articles/r.md".into(),
                fragment: Some("a".into())
            }
        );
        assert!(b.html.contains("href=\"pigment-link:0\""));
        assert!(b.html.contains("href=\"https://e.com/a.md\""));
        assert!(b.html.contains("href=\"/clinic/timeline/\""));
        assert_eq!(b.links[0].location.column, 5);
    }

    #[test]
    fn repeated_explicit_ids_are_refused() {
        let b = render_plain(&file("a.md", "## A {#x}\n\n## B {#x}\n\n## x\n"), "/");
        assert_eq!(b.problems.len(), 1);
        let p = &b.problems[0];
        assert_eq!(p.code, "P0216");
        let loc = p.location.as_deref().unwrap();
        assert_eq!((loc.line, loc.column, loc.width), (3, 6, 4));
        assert_eq!(p.related[0].1.line, 1);
        let ids: Vec<&str> = b.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["x", "x", "x-1"]);
    }

    #[test]
    fn script_urls_in_links_and_images_are_refused() {
        let b = render_plain(
            &file(
                "a.md",
                "[a](JavaScript:alert(1)) ![b]( data:image/png;base64,AA) <vbscript:x> [ok](https://e.com/)\n",
            ),
            "/",
        );
        let codes: Vec<&str> = b.problems.iter().map(|p| p.code).collect();
        assert_eq!(codes, ["P0217", "P0217", "P0217"]);
        assert!(
            b.links.is_empty(),
            "a refused link is not checked again as a link"
        );
        assert_eq!(b.problems[0].location.as_deref().unwrap().column, 5);
        for attr in ["href=\"JavaScript:", "src=\"data:", "href=\"vbscript:"] {
            assert!(!b.html.contains(attr), "{}", b.html);
        }
        assert!(b.html.contains("href=\"https://e.com/\""));
    }

    #[test]
    fn raw_html_passes_or_is_escaped() {
        let text = "<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> here.\n";
        let allowed = render_plain(&file("a.md", text), "/");
        assert!(allowed.html.contains("<script>alert(1)</script>"));
        assert!(allowed.html.contains("<img src=x onerror=alert(1)>"));
        let escaped = render(&file("a.md", text), "/", RawHtml::Escape);
        assert!(!escaped.html.contains("<script"), "{}", escaped.html);
        assert!(!escaped.html.contains("<img"), "{}", escaped.html);
        assert!(
            escaped
                .html
                .contains("<p>&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{}",
            escaped.html
        );
        assert!(
            escaped
                .html
                .contains("Text &lt;img src=x onerror=alert(1)&gt; here."),
            "{}",
            escaped.html
        );
    }

    #[test]
    fn paths_resolve_inside_content_only() {
        assert_eq!(
            resolve_content_path("faq/x.md", "../articles/r.md").as_deref(),
            Some("articles/r.md")
        );
        assert_eq!(
            resolve_content_path("faq/x.md", "/articles/r.md").as_deref(),
            Some("articles/r.md")
        );
        assert_eq!(
            resolve_content_path("faq/x.md", "y.md").as_deref(),
            Some("faq/y.md")
        );
        assert_eq!(resolve_content_path("faq/x.md", "../../etc.md"), None);
    }
}
