//! The search index: every page and article section as a document, an inverted index of
//! their words, written as one compact JSON file that `search.js` loads on the search page.
//!
//! Format (version 1):
//! `{"version":1,"stop":[…],"docs":[[kind,title,url,excerpt,page],…],"terms":{"word":[…]}}`.
//! A term's postings are `doc * 2 + in_title`, sorted and delta-encoded, so most numbers
//! are one or two digits.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{PageKind, Site};

/// Characters of text kept as a result's excerpt.
const EXCERPT_CHARS: usize = 160;

/// Words too common to be worth indexing in English text.
const STOP_WORDS_EN: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "if", "in", "into",
    "is", "it", "its", "of", "on", "or", "so", "than", "that", "the", "their", "then", "there",
    "these", "this", "to", "was", "were", "which", "with",
];

/// What a search result points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// A whole page (article, section page, home).
    Page,
    /// A section of a page, under an h2 or h3.
    Section,
    /// An FAQ: the question and its answer.
    Faq,
    /// A topic page.
    Topic,
}

/// One searchable thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// What it is.
    pub kind: DocKind,
    /// The page title, heading, question or topic name.
    pub title: String,
    /// Where it is: a page URL, with `#id` for sections.
    pub url: String,
    /// The page a section belongs to; empty otherwise.
    pub page: String,
    /// Plain text that is indexed.
    pub text: String,
}

/// Every document of the site: pages, their h2/h3 sections, FAQs and topics.
pub fn documents(site: &Site) -> Vec<Document> {
    let c = &site.config;
    let per_page: Vec<Vec<Document>> = site
        .pages
        .par_iter()
        .map(|p| {
            let url = c.url(&p.path);
            if p.kind == PageKind::Faq {
                return vec![Document {
                    kind: DocKind::Faq,
                    title: p.title.clone(),
                    url,
                    page: String::new(),
                    text: plain_text(&p.html),
                }];
            }
            let (intro, sections) = sections(&p.html);
            let lead = [p.description.as_str(), intro.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let mut docs = Vec::with_capacity(sections.len() + 1);
            docs.push(Document {
                kind: DocKind::Page,
                title: p.title.clone(),
                url: url.clone(),
                page: String::new(),
                text: lead,
            });
            for s in sections {
                docs.push(Document {
                    kind: DocKind::Section,
                    title: s.title,
                    url: format!("{url}#{}", s.id),
                    page: p.title.clone(),
                    text: s.text,
                });
            }
            docs
        })
        .collect();
    let mut docs: Vec<Document> = per_page.into_iter().flatten().collect();
    for t in &c.topics {
        docs.push(Document {
            kind: DocKind::Topic,
            title: t.title.clone(),
            url: c.url(&crate::context::topic_path(&t.id)),
            page: String::new(),
            text: t.description.clone(),
        });
    }
    docs
}

#[derive(Serialize)]
struct IndexFile<'a> {
    version: u32,
    stop: &'a [&'a str],
    docs: Vec<(DocKind, &'a str, &'a str, String, &'a str)>,
    terms: BTreeMap<&'a str, Vec<u32>>,
}

/// The index as JSON bytes. `language` picks the stop words (English only, for now).
pub fn to_json(docs: &[Document], language: &str) -> Vec<u8> {
    let stop: &[&str] = if language == "en" || language.starts_with("en-") {
        STOP_WORDS_EN
    } else {
        &[]
    };
    // Each document's distinct words, in parallel; then one pass numbers them in order.
    let per_doc: Vec<Vec<(Cow<'_, str>, bool)>> = docs
        .par_iter()
        .map(|d| {
            let mut ws: Vec<(Cow<'_, str>, bool)> = words(&d.title)
                .map(|w| (w, true))
                .chain(words(&d.text).map(|w| (w, false)))
                .filter(|(w, _)| !stop.contains(&w.as_ref()))
                .collect();
            // Title occurrences sort first, so dedup keeps the in-title flag.
            ws.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            ws.dedup_by(|a, b| a.0 == b.0);
            ws
        })
        .collect();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut postings: Vec<Vec<u32>> = Vec::new();
    for (i, ws) in per_doc.iter().enumerate() {
        let Ok(i) = u32::try_from(i) else { break };
        for (w, in_title) in ws {
            let id = *ids.entry(w.as_ref()).or_insert_with(|| {
                postings.push(Vec::new());
                postings.len() - 1
            });
            postings[id].push(i * 2 + u32::from(*in_title));
        }
    }
    let mut terms: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (w, id) in ids {
        let mut list = std::mem::take(&mut postings[id]);
        let mut prev = 0;
        for v in list.iter_mut() {
            let here = *v;
            *v = here - prev;
            prev = here;
        }
        terms.insert(w, list);
    }
    let file = IndexFile {
        version: 1,
        stop,
        docs: docs
            .iter()
            .map(|d| {
                (
                    d.kind,
                    d.title.as_str(),
                    d.url.as_str(),
                    excerpt(&d.text),
                    d.page.as_str(),
                )
            })
            .collect(),
        terms,
    };
    // Serialising plain strings, numbers and maps cannot fail.
    serde_json::to_vec(&file).unwrap_or_default()
}

/// The words of `text` as the index stores them: lowercase runs of letters and digits,
/// at least two characters long. `search.js` splits queries the same way.
pub fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some())
        .map(|w| {
            // Most words are already lowercase ASCII: no copy for them.
            if w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase())
            }
        })
}

/// The first sentence or so of `text`, cut at a word boundary.
fn excerpt(text: &str) -> String {
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) => &cut[..i],
        None => &cut,
    };
    format!("{}…", cut.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

/// A section of a page body, from one h2/h3 to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's `id`.
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// Plain text up to the next h2/h3.
    pub text: String,
}

/// Splits body HTML at its h2 and h3 headings: the plain text before the first one, and
/// each section. Headings without an `id` stay part of the section before them.
pub fn sections(html: &str) -> (String, Vec<Section>) {
    let mut cuts: Vec<(usize, usize, String, String)> = Vec::new();
    let mut from = 0;
    while let Some(found) = html[from..].find("<h") {
        let start = from + found;
        from = start + 2;
        let level = html.as_bytes().get(start + 2).copied();
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
    let intro = plain_text(&html[..intro_end]);
    let mut out = Vec::with_capacity(cuts.len());
    for (i, (_, body_start, id, title)) in cuts.iter().enumerate() {
        let body_end = cuts.get(i + 1).map_or(html.len(), |c| c.0);
        out.push(Section {
            id: id.clone(),
            title: title.clone(),
            text: plain_text(&html[*body_start..body_end]),
        });
    }
    (intro, out)
}

/// The value of `name="…"` in an opening tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let i = tag.find(&needle)? + needle.len();
    let end = tag[i..].find('"')?;
    Some(decode_entities(&tag[i..i + end]))
}

/// The text of an HTML fragment: tags dropped (block tags count as a space, inline ones
/// as nothing, so `<em>x</em>.` stays `x.`), entities decoded, whitespace collapsed.
pub fn plain_text(html: &str) -> String {
    let mut raw = String::with_capacity(html.len());
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
    let decoded = decode_entities(&raw);
    let mut out = String::with_capacity(decoded.len());
    for w in decoded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// True for tags that separate words: `p`, `li`, headings, `br`, table cells and the like.
fn is_block_tag(tag: &str) -> bool {
    let name = tag.trim_start_matches('/');
    let end = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    matches!(
        name[..end].to_ascii_lowercase().as_str(),
        "p" | "br"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "div"
            | "section"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "figure"
            | "figcaption"
            | "img"
    )
}

/// Decodes the entities pulldown-cmark and our templates write: the five XML ones and
/// numeric references.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let ch = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_at_h2_and_h3_with_ids() {
        let html = "<p>Intro &amp; more.</p>\n<h2 id=\"first-days\">First <em>days</em></h2>\n<p>Keep dry.</p><h4 id=\"x\">Deep</h4><p>Still first.</p>\n<h3 id=\"week-two\">Week two</h3><p>Wash gently.</p>";
        let (intro, s) = sections(html);
        assert_eq!(intro, "Intro & more.");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].id, "first-days");
        assert_eq!(s[0].title, "First days");
        assert_eq!(s[0].text, "Keep dry. Deep Still first.");
        assert_eq!(
            plain_text("<p>see <a href=\"/x/\">this</a>.</p><p>Next</p>"),
            "see this. Next"
        );
        assert_eq!(s[1].id, "week-two");
        assert_eq!(s[1].text, "Wash gently.");
    }

    #[test]
    fn headings_without_id_are_not_sections() {
        let (intro, s) = sections("<p>a</p><h2>No id</h2><p>b</p>");
        assert!(s.is_empty());
        assert_eq!(intro, "a No id b");
    }

    #[test]
    fn entities_decode_and_bad_ones_survive() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &#39;c&#x27; &bogus; &"),
            "a <b> 'c' &bogus; &"
        );
    }

    #[test]
    fn words_are_lowercase_and_skip_single_letters() {
        let w: Vec<Cow<str>> = words("Can I SWIM — after 2 weeks? Día 3").collect();
        assert_eq!(w, ["can", "swim", "after", "weeks", "día"]);
    }

    #[test]
    fn excerpts_cut_at_a_word() {
        let long = "word ".repeat(60);
        let e = excerpt(&long);
        assert!(e.ends_with("word…"), "{e}");
        assert!(e.chars().count() <= EXCERPT_CHARS + 1);
    }

    #[test]
    fn postings_are_delta_encoded_with_title_flag() {
        let doc = |title: &str, text: &str| Document {
            kind: DocKind::Page,
            title: title.into(),
            url: "/".into(),
            page: String::new(),
            text: text.into(),
        };
        let docs = [
            doc("Swimming", "pool"),
            doc("Other", "swimming"),
            doc("Swimming", ""),
        ];
        let v: serde_json::Value = serde_json::from_slice(&to_json(&docs, "en")).unwrap();
        // Docs 0 (title), 1 (text), 2 (title): values 1, 2, 5 → deltas 1, 1, 3.
        assert_eq!(v["terms"]["swimming"], serde_json::json!([1, 1, 3]));
        assert_eq!(v["terms"]["pool"], serde_json::json!([0]));
        assert!(v["terms"].get("the").is_none());
    }
}
