//! Stage 2b, parse markdown: HTML with heading ids, the table of contents, and every link
//! to another content file (resolved later, in the resolve stage).

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::config::RawHtml;
use crate::diagnostics::{Diagnostic, Location};
use crate::load::SourceFile;
use crate::parse::readability::Readability;

mod callouts;
mod headings;
mod images;
mod inline;
mod links;
mod prose;
mod safety;

pub(crate) use callouts::{CALLOUT_KINDS, CALLOUT_LABEL_ATTR};
pub(crate) use headings::slugify;
pub(crate) use inline::inline_html;
pub use links::resolve_content_path;

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

/// A link or image to another site (`http://` or `https://`), found in a page's body, for
/// `check --external`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    /// The URL as written.
    pub url: String,
    /// Where it is written.
    pub location: Location,
}

/// A link or image of a body that is not a content file, as its URL shows in the HTML
/// (`/about/team/` with the base path, `x.png`, `#top`, `https://…`), for the check of the
/// built site to name where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyLink {
    /// The URL as the HTML has it.
    pub url: String,
    /// Where it is written.
    pub location: Location,
    /// True when the resolve stage has checked it already (a link to a content file, an
    /// image).
    pub checked: bool,
}

/// An image written in a page's body (`![alt](src)`), for the image checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyImage {
    /// The source as written.
    pub src: String,
    /// Its alt text.
    pub alt: ImageAlt,
    /// Where it is written.
    pub location: Location,
}

/// What an image's alt text says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageAlt {
    /// None written (`![](x.png)`): a problem.
    Missing,
    /// `![""](x.png)`: decorative on purpose, rendered `alt=""`.
    Decorative,
    /// The text.
    Text(String),
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
    /// Links and images to other sites, in order.
    pub external: Vec<ExternalLink>,
    /// Every other link and image, in order, as the HTML has it.
    pub site_links: Vec<BodyLink>,
    /// Images, in order.
    pub images: Vec<BodyImage>,
    /// Number of words.
    pub word_count: usize,
    /// Plain text of the first paragraph.
    pub first_paragraph: String,
    /// Problems in the body (repeated heading ids, script URLs), for the parse stage to
    /// report.
    pub problems: Vec<Diagnostic>,
    /// The counts of its prose, for its reading grade.
    pub readability: Readability,
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
        | Options::ENABLE_GFM
}

/// Renders `file`'s body. `base_path` is prefixed to site-absolute links that are not
/// content files (`/timeline/` → `/clinic/timeline/`); `raw_html` says whether HTML written
/// in the body passes through or shows as text.
pub fn render(file: &SourceFile, base_path: &str, raw_html: RawHtml) -> Body {
    let body = file.body();
    let mut events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();

    let mut problems = Vec::new();
    safety::make_safe(file, &mut events, raw_html, &mut problems);
    callouts::make_callouts(file, &mut events, &mut problems);
    // Explicit `{#id}`s first, so generated ids never collide with them.
    let mut taken = headings::explicit_ids(file, &events, &mut problems);
    let mut images = images::note_images(file, &mut events);

    let mut out_events: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut page_headings = Vec::new();
    let mut links = Vec::new();
    let mut external = Vec::new();
    let mut site_links = Vec::new();
    let mut text = TextStats::default();
    let mut prose = prose::Prose::new(file);
    for (i, item) in events.iter().enumerate() {
        let event = &item.0;
        text.observe(event);
        prose.observe(event, &item.1);
        links::note_external(file, item, &mut external, &mut problems);
        let out = match event {
            Event::Start(Tag::Heading { .. }) => {
                headings::heading_start(event, &events[i + 1..], &mut taken, &mut page_headings)
            }
            Event::Start(Tag::Link { .. }) => {
                links::rewrite_link(file, base_path, item, &mut links)
            }
            Event::Start(Tag::Image { .. }) => links::rewrite_image(file, base_path, event),
            _ => event.clone(),
        };
        links::note_site_link(file, (&out, &item.1), &mut site_links);
        out_events.push(out);
    }

    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out_events.into_iter());
    // Kept until the site is written: no spare capacity on thousands of bodies.
    html.shrink_to_fit();
    links.shrink_to_fit();
    images.shrink_to_fit();
    Body {
        html,
        headings: page_headings,
        links,
        external,
        site_links,
        images,
        word_count: text.word_count,
        first_paragraph: text.first_paragraph.trim().to_string(),
        problems,
        readability: prose.done(),
    }
}

/// What a body's text gives besides HTML: its word count and first paragraph.
#[derive(Default)]
struct TextStats {
    word_count: usize,
    first_paragraph: String,
    in_first_paragraph: bool,
    paragraphs_seen: usize,
}

impl TextStats {
    /// Counts the words of `event` and keeps its text when it is in the first paragraph.
    fn observe(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::Paragraph) => {
                self.paragraphs_seen += 1;
                self.in_first_paragraph = self.paragraphs_seen == 1;
            }
            Event::End(TagEnd::Paragraph) => self.in_first_paragraph = false,
            Event::Text(t) | Event::Code(t) => {
                self.word_count += t.split_whitespace().count();
                if self.in_first_paragraph {
                    self.first_paragraph.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak if self.in_first_paragraph => {
                self.first_paragraph.push(' ');
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::code;
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
        assert_eq!(p.code, code::HEADING_ID_TWICE);
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
        assert_eq!(
            codes,
            [code::SCRIPT_URL, code::SCRIPT_URL, code::SCRIPT_URL]
        );
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
