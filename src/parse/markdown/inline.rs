//! Short inline markdown written in front matter (an `avoid` item's `note`) as HTML: emphasis,
//! code and links, with HTML written in it shown as text and script URLs left out.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::config::script_url_scheme;

/// `markdown` as inline HTML, without the paragraph around it.
pub(crate) fn inline_html(markdown: &str) -> String {
    let mut skipped_links = 0usize;
    let events = Parser::new_ext(markdown, super::options()).filter_map(|event| match event {
        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => None,
        Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
        Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. })
            if script_url_scheme(dest_url).is_some() =>
        {
            skipped_links += 1;
            None
        }
        Event::End(TagEnd::Link | TagEnd::Image) if skipped_links > 0 => {
            skipped_links -= 1;
            None
        }
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::inline_html;

    #[test]
    fn notes_are_inline_and_safe() {
        assert_eq!(
            inline_html("never stop a **prescribed** medicine"),
            "never stop a <strong>prescribed</strong> medicine"
        );
        assert_eq!(inline_html("a <b>b</b>"), "a &lt;b&gt;b&lt;/b&gt;");
        assert_eq!(inline_html("[x](javascript:alert(1)) y"), "x y");
    }
}
