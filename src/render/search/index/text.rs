//! Text out of rendered body HTML: the page split at its h2/h3 headings, tags dropped,
//! entities decoded. Whitespace is collapsed only where text is shown (titles, excerpts);
//! the words of the rest do not depend on it.

use crate::text::{decode_entities, decode_into};

/// A section of a page body, from one h2/h3 to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Section<'a> {
    /// The heading's `id`.
    pub id: String,
    /// The heading's text, whitespace collapsed.
    pub title: String,
    /// The body HTML up to the next h2/h3.
    pub html: &'a str,
}

/// Splits body HTML at its h2 and h3 headings: the HTML before the first one, and each
/// section. Headings without an `id` stay part of the section before them.
pub(super) fn sections(html: &str) -> (&str, Vec<Section<'_>>) {
    let bytes = html.as_bytes();
    let mut cuts: Vec<(usize, usize, String, String)> = Vec::new();
    let mut from = 0;
    while let Some(found) = html[from..].find('<') {
        let start = from + found;
        from = start + 1;
        if bytes.get(start + 1) != Some(&b'h') {
            continue;
        }
        from = start + 2;
        let level = bytes.get(start + 2).copied();
        if !matches!(level, Some(b'2' | b'3')) {
            continue;
        }
        let Some(open_len) = html[start..].find('>') else {
            break;
        };
        let tag = &html[start..start + open_len];
        let close = if level == Some(b'2') {
            "</h2>"
        } else {
            "</h3>"
        };
        let Some(inner_len) = html[start + open_len..].find(close) else {
            continue;
        };
        let Some(id) = attr(tag, "id") else {
            continue;
        };
        let inner_start = start + open_len + 1;
        let inner_end = start + open_len + inner_len;
        let title = plain_text(&html[inner_start..inner_end]);
        cuts.push((start, inner_end + close.len(), id, title));
        from = inner_end;
    }
    let intro_end = cuts.first().map_or(html.len(), |c| c.0);
    let ends: Vec<usize> = cuts.iter().skip(1).map(|c| c.0).collect();
    let sections = cuts
        .into_iter()
        .enumerate()
        .map(|(i, (_, body_start, id, title))| Section {
            id,
            title,
            html: &html[body_start..ends.get(i).copied().unwrap_or(html.len())],
        })
        .collect();
    (&html[..intro_end], sections)
}

/// The value of `name="…"` in an opening tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let i = tag.find(&needle)? + needle.len();
    let end = tag[i..].find('"')?;
    Some(decode_entities(&tag[i..i + end]).into_owned())
}

/// The text of an HTML fragment with whitespace collapsed, as [`collapse_whitespace`].
pub(super) fn plain_text(html: &str) -> String {
    collapse_whitespace(TextBuf::default().text_of(html))
}

/// Buffers for the text of HTML fragments, reused so that a run of pages allocates them
/// once rather than once a section.
#[derive(Debug, Default)]
pub(super) struct TextBuf {
    stripped: String,
    decoded: String,
}

impl TextBuf {
    /// The text of an HTML fragment: tags dropped (block tags count as a space, inline
    /// ones as nothing, so `<em>x</em>.` stays `x.`), entities decoded; whitespace left as
    /// it is.
    pub(super) fn text_of(&mut self, html: &str) -> &str {
        let raw = &mut self.stripped;
        raw.clear();
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            raw.push_str(&rest[..lt]);
            let Some(gt) = rest[lt..].find('>') else {
                rest = "";
                break;
            };
            if is_block_tag(&rest[lt + 1..lt + gt]) {
                raw.push(' ');
            }
            rest = &rest[lt + gt + 1..];
        }
        raw.push_str(rest);
        // Entities are decoded after tags are gone, so an entity split by a tag still
        // decodes.
        if raw.contains('&') {
            self.decoded.clear();
            decode_into(raw, &mut self.decoded);
            &self.decoded
        } else {
            raw
        }
    }
}

/// `text` with each run of whitespace made one space and none at either end.
pub(super) fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Appends to `out` the first `max_chars` characters of
/// [`collapse_whitespace`]`(text)`, without collapsing the rest.
pub(super) fn push_collapsed_prefix(out: &mut String, text: &str, max_chars: usize) {
    let mut left = max_chars;
    let mut first = true;
    for w in text.split_whitespace() {
        if !first {
            if left == 0 {
                break;
            }
            out.push(' ');
            left -= 1;
        }
        first = false;
        match w.char_indices().nth(left) {
            Some((end, _)) => {
                out.push_str(&w[..end]);
                break;
            }
            None => {
                out.push_str(w);
                left -= w.chars().count();
            }
        }
    }
}

/// True for tags that separate words: `p`, `li`, headings, `br`, table cells and the like.
fn is_block_tag(tag: &str) -> bool {
    let name = tag.trim_start_matches('/');
    let end = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    let name = &name[..end];
    // Longest block tag name is `figcaption`; longer names can't match, so skip lowercasing.
    if name.len() > 10 {
        return false;
    }
    let mut lower = [0u8; 10];
    for (l, b) in lower.iter_mut().zip(name.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &lower[..name.len()],
        b"p" | b"br"
            | b"li"
            | b"ul"
            | b"ol"
            | b"dl"
            | b"dt"
            | b"dd"
            | b"div"
            | b"section"
            | b"blockquote"
            | b"pre"
            | b"table"
            | b"tr"
            | b"td"
            | b"th"
            | b"thead"
            | b"tbody"
            | b"hr"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"figure"
            | b"figcaption"
            | b"img"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_at_h2_and_h3_with_ids() {
        let html = "<p>Intro &amp; more.</p>\n<h2 id=\"first-days\">First <em>days</em></h2>\n<p>Keep dry.</p><h4 id=\"x\">Deep</h4><p>Still first.</p>\n<h3 id=\"week-two\">Week two</h3><p>Wash gently.</p>";
        let (intro, s) = sections(html);
        let mut buf = TextBuf::default();
        assert_eq!(buf.text_of(intro), " Intro & more. \n");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].id, "first-days");
        assert_eq!(s[0].title, "First days");
        assert_eq!(
            collapse_whitespace(buf.text_of(s[0].html)),
            "Keep dry. Deep Still first."
        );
        assert_eq!(
            plain_text("<p>see <a href=\"/x/\">this</a>.</p><p>Next</p>"),
            "see this. Next"
        );
        assert_eq!(s[1].id, "week-two");
        assert_eq!(collapse_whitespace(buf.text_of(s[1].html)), "Wash gently.");
        assert_eq!(buf.text_of("<p>no entities</p>"), " no entities ");
    }

    #[test]
    fn headings_without_id_are_not_sections() {
        let (intro, s) = sections("<p>a</p><hr><h2>No id</h2><p>b</p>");
        assert!(s.is_empty());
        assert_eq!(plain_text(intro), "a No id b");
    }

    #[test]
    fn collapsed_prefix_is_a_prefix_of_the_collapsed_text() {
        let text = "  one\t two\u{a0}\u{a0}três\n\nfour  ";
        let whole = collapse_whitespace(text);
        assert_eq!(whole, "one two três four");
        for n in 0..=whole.chars().count() + 2 {
            let want: String = whole.chars().take(n).collect();
            let mut got = String::from("kept:");
            push_collapsed_prefix(&mut got, text, n);
            assert_eq!(got, format!("kept:{want}"), "{n}");
        }
    }

    #[test]
    fn block_tags_match_any_case_and_attributes() {
        assert_eq!(plain_text("a<BR/>b<Td class=x>c<span>d</span>"), "a b cd");
        assert_eq!(plain_text("a<figcaptionx>b<figcaption>c"), "ab c");
    }

    #[test]
    fn entities_decode_and_bad_ones_survive() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &#39;c&#x27; &bogus; &"),
            "a <b> 'c' &bogus; &"
        );
        // Decoding follows tag removal, so a tag inside an entity does not stop it.
        assert_eq!(plain_text("a &am<i>p; b"), "a & b");
    }

    #[test]
    fn ampersand_before_multibyte_letters_does_not_panic() {
        // Byte 12 after the `&` falls inside `—`; slicing there used to panic.
        assert_eq!(decode_entities("&amp; x——— y"), "& x——— y");
        assert_eq!(decode_entities("& día ñoño—— &amp;"), "& día ñoño—— &");
    }
}
