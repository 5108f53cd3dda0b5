//! The search index: every page and article section as a document, an inverted index of
//! their words, written as one compact JSON file that `search.js` loads on the search page.
//!
//! Format (version 1):
//! `{"version":1,"stop":[…],"docs":[[kind,title,url,excerpt,page],…],"terms":{"word":[…]}}`.
//! A term's postings are `doc * 2 + in_title`, sorted and delta-encoded, so most numbers
//! are one or two digits.
//!
//! Pages are indexed in parallel chunks. Each document's text lives only while it is
//! tokenised; a chunk keeps its documents' JSON rows and compact postings, and the chunks
//! are merged in page order while the file is written, so the bytes do not depend on how
//! the pages were split.

mod json;
mod postings;
mod text;
mod words;

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use rayon::prelude::*;

use crate::resolve::model::{Page, PageKind, Site};
use postings::Postings;
use words::{lowercase, raw_words};

/// Characters of text kept as a result's excerpt.
const EXCERPT_CHARS: usize = 160;

/// Fewest pages in a parallel chunk: smaller chunks repeat the same terms in more maps.
const MIN_CHUNK_PAGES: usize = 64;

/// Bytes of `docs` rows a chunk collects in one block before it starts the next.
const ROW_BLOCK: usize = 64 * 1024;

/// Words too common to be worth indexing in English text.
const STOP_WORDS_EN: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "if", "in", "into",
    "is", "it", "its", "of", "on", "or", "so", "than", "that", "the", "their", "then", "there",
    "these", "this", "to", "was", "were", "which", "with",
];

/// What a search result points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DocKind {
    /// A whole page (article, section page, home).
    Page,
    /// A section of a page, under an h2 or h3.
    Section,
    /// An FAQ: the question and its answer.
    Faq,
    /// A topic page.
    Topic,
}

impl DocKind {
    /// The name `search.js` reads.
    fn name(self) -> &'static str {
        match self {
            DocKind::Page => "page",
            DocKind::Section => "section",
            DocKind::Faq => "faq",
            DocKind::Topic => "topic",
        }
    }
}

/// One searchable thing, borrowed only while it is added to a chunk.
#[derive(Debug, Clone, Copy)]
struct Document<'a> {
    /// What it is.
    kind: DocKind,
    /// The page title, heading, question or topic name.
    title: &'a str,
    /// Where it is: a page URL, with `#id` for sections.
    url: &'a str,
    /// The page a section belongs to; empty otherwise.
    page: &'a str,
    /// What a result shows of the text.
    excerpt: Excerpt<'a>,
    /// The text that is indexed, in pieces (a page's description, then its intro).
    text: &'a [&'a str],
}

/// The search index of `site` as JSON bytes: its pages, their h2/h3 sections, FAQs and
/// topics. The site's language picks the stop words (English only, for now).
pub(crate) fn to_json(site: &Site) -> Vec<u8> {
    let c = &site.config;
    let stop = stop_words(&c.language);
    // A few chunks per thread keep the threads busy to the end.
    let per_chunk = (site.pages.len() / (rayon::current_num_threads() * 4)).max(MIN_CHUNK_PAGES);
    let mut chunks: Vec<Chunk> = site
        .pages
        .par_chunks(per_chunk)
        .map(|pages| {
            let mut chunk = Chunk::new(stop);
            let mut scratch = Scratch::default();
            for p in pages {
                add_page(&mut chunk, &mut scratch, site, p);
            }
            chunk
        })
        .collect();
    let mut topics = Chunk::new(stop);
    for t in &c.topics {
        let url = c.url(&crate::render::context::topic_path(&t.id));
        topics.add(&Document {
            kind: DocKind::Topic,
            title: &t.title,
            url: &url,
            page: "",
            excerpt: excerpt(&t.description),
            text: &[&t.description],
        });
    }
    chunks.push(topics);
    write(chunks, stop)
}

/// Buffers reused from page to page of a chunk.
#[derive(Debug, Default)]
struct Scratch {
    /// The text of the document being added.
    text: text::TextBuf,
    /// The start of a text, whitespace collapsed, to cut its excerpt from.
    shown: String,
}

/// Adds page `p` to `chunk`: an FAQ whole, any other page as its lead (description and
/// the text before the first heading) and its sections.
fn add_page(chunk: &mut Chunk, scratch: &mut Scratch, site: &Site, p: &Page) {
    let url = site.config.url(&p.path);
    if p.kind == PageKind::Faq {
        let text = scratch.text.text_of(&p.html);
        chunk.add(&Document {
            kind: DocKind::Faq,
            title: &p.title,
            url: &url,
            page: "",
            excerpt: excerpt(shown(&mut scratch.shown, "", text)),
            text: &[text],
        });
        return;
    }
    let (intro_html, sections) = text::sections(&p.html);
    let intro = scratch.text.text_of(intro_html);
    chunk.add(&Document {
        kind: DocKind::Page,
        title: &p.title,
        url: &url,
        page: "",
        excerpt: excerpt(shown(&mut scratch.shown, &p.description, intro)),
        text: &[&p.description, intro],
    });
    for s in &sections {
        let text = scratch.text.text_of(s.html);
        chunk.add(&Document {
            kind: DocKind::Section,
            title: &s.title,
            url: &format!("{url}#{}", s.id),
            page: &p.title,
            excerpt: excerpt(shown(&mut scratch.shown, "", text)),
            text: &[text],
        });
    }
}

/// What is shown of `lead` and `text` joined by a space (either left out when empty):
/// `lead` as written, `text` with whitespace collapsed, only as far as an excerpt needs.
fn shown<'s>(out: &'s mut String, lead: &str, text: &str) -> &'s str {
    out.clear();
    out.push_str(lead);
    if !lead.is_empty() && !text.trim().is_empty() {
        out.push(' ');
    }
    text::push_collapsed_prefix(out, text, EXCERPT_CHARS + 1);
    out
}

/// The stop words of `language`.
fn stop_words(language: &str) -> &'static [&'static str] {
    if language == "en" || language.starts_with("en-") {
        STOP_WORDS_EN
    } else {
        &[]
    }
}

/// The index of a run of consecutive documents, numbered from 0 within the run.
struct Chunk {
    /// Documents added.
    docs: u32,
    /// Their rows of the `docs` array, comma-separated, in blocks of about
    /// [`ROW_BLOCK`] bytes: growing one buffer would copy it again at every doubling.
    rows: Vec<Vec<u8>>,
    /// Each term's postings, with chunk-local document numbers; `None` for stop words,
    /// which are in the map so that one lookup a word tells both.
    terms: HashMap<Box<str>, Option<Postings>, BuildHasherDefault<crate::text::FastHasher>>,
    /// Reused for lowercasing words.
    scratch: String,
}

impl Chunk {
    fn new(stop: &[&str]) -> Self {
        Chunk {
            docs: 0,
            rows: Vec::new(),
            terms: stop.iter().map(|&w| (w.into(), None)).collect(),
            scratch: String::new(),
        }
    }

    /// Adds `doc`'s row and indexes its words; only the excerpt of its text is kept.
    fn add(&mut self, doc: &Document) {
        let n = self.docs;
        self.docs += 1;
        if self.rows.last().is_none_or(|b| b.len() >= ROW_BLOCK) {
            self.rows.push(Vec::with_capacity(ROW_BLOCK + 4096));
        }
        let Some(out) = self.rows.last_mut() else {
            return;
        };
        if n > 0 {
            out.push(b',');
        }
        out.push(b'[');
        for (i, field) in [doc.kind.name(), doc.title, doc.url]
            .into_iter()
            .enumerate()
        {
            if i > 0 {
                out.push(b',');
            }
            json::write_str(out, field);
        }
        out.push(b',');
        let ellipsis = if doc.excerpt.cut { "…" } else { "" };
        json::write_str_parts(out, &[doc.excerpt.kept, ellipsis]);
        out.push(b',');
        json::write_str(out, doc.page);
        out.push(b']');
        // Title words go first so a word's first posting for the doc carries the flag.
        for w in raw_words(doc.title) {
            self.add_word(w, n * 2 + 1);
        }
        for piece in doc.text {
            for w in raw_words(piece) {
                self.add_word(w, n * 2);
            }
        }
    }

    fn add_word(&mut self, raw: &str, value: u32) {
        let word = lowercase(raw, &mut self.scratch);
        // Look up by `&str`: a key is allocated only for a term new to this chunk.
        match self.terms.get_mut(word) {
            Some(Some(p)) => p.push(value),
            Some(None) => {}
            None => {
                self.terms.insert(word.into(), Some(Postings::new(value)));
            }
        }
    }

    /// The chunk's terms, sorted.
    fn sorted_terms(&self) -> Vec<(&str, &Postings)> {
        let mut terms: Vec<(&str, &Postings)> = self
            .terms
            .iter()
            .filter_map(|(t, p)| Some((t.as_ref(), p.as_ref()?)))
            .collect();
        terms.sort_unstable_by_key(|t| t.0);
        terms
    }
}

/// Writes the index file from `chunks` in document order.
fn write(mut chunks: Vec<Chunk>, stop: &[&str]) -> Vec<u8> {
    // Sized up front so the large buffer is never copied to grow. Exact but for each
    // chunk's first delta of a term, counted at its longest.
    let docs_len: usize = chunks
        .iter()
        .flat_map(|c| &c.rows)
        .map(|b| b.len() + 1)
        .sum();
    let terms_len: usize = chunks
        .iter()
        .flat_map(|c| &c.terms)
        .filter_map(|(t, p)| Some(json::str_len(t) + 4 + 11 + p.as_ref()?.rest_json_len))
        .sum();
    let stop_len: usize = stop.iter().map(|w| json::str_len(w) + 1).sum();
    let capacity = 64 + stop_len + docs_len + terms_len;
    let mut out = Vec::with_capacity(capacity);

    out.extend_from_slice(br#"{"version":1,"stop":["#);
    for (i, w) in stop.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json::write_str(&mut out, w);
    }
    out.extend_from_slice(br#"],"docs":["#);
    let mut first = true;
    for c in &mut chunks {
        if c.docs == 0 {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        // Taken, so each chunk's rows are freed once copied.
        for block in std::mem::take(&mut c.rows) {
            out.extend_from_slice(&block);
        }
    }
    out.extend_from_slice(br#"],"terms":{"#);

    let sorted: Vec<Vec<(&str, &Postings)>> = chunks.par_iter().map(Chunk::sorted_terms).collect();
    let mut terms: Vec<&str> = sorted.iter().flatten().map(|t| t.0).collect();
    terms.sort_unstable();
    terms.dedup();
    let mut doc_offsets = Vec::with_capacity(chunks.len());
    let mut offset = 0u32;
    for c in &chunks {
        doc_offsets.push(offset);
        offset += c.docs;
    }
    // Each chunk's sorted terms are walked in step with the merged list.
    let mut next = vec![0usize; sorted.len()];
    for (i, term) in terms.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json::write_str(&mut out, term);
        out.extend_from_slice(b":[");
        let mut prev = 0u32;
        let mut any = false;
        for ((list, next), doc_offset) in sorted.iter().zip(&mut next).zip(&doc_offsets) {
            let Some((t, p)) = list.get(*next) else {
                continue;
            };
            if t != term {
                continue;
            }
            *next += 1;
            let base = doc_offset * 2;
            let mut deltas = p.deltas();
            // Only the chunk's first delta changes: it becomes relative to the last value
            // of the chunks before instead of to the chunk's own start.
            if let Some(first) = deltas.next() {
                if any {
                    out.push(b',');
                }
                json::write_u32(&mut out, base + first - prev);
                for d in deltas {
                    out.push(b',');
                    json::write_u32(&mut out, d);
                }
                any = true;
            }
            prev = base + p.last;
        }
        out.push(b']');
    }
    out.extend_from_slice(b"}}");
    debug_assert!(out.len() <= capacity, "{} > {capacity}", out.len());
    out
}

/// What a result shows of a text: its start, and whether it was cut there (then `…`
/// follows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Excerpt<'a> {
    kept: &'a str,
    cut: bool,
}

/// The first sentence or so of `text`, cut at a word boundary.
fn excerpt(text: &str) -> Excerpt<'_> {
    let Some((end, _)) = text.char_indices().nth(EXCERPT_CHARS) else {
        return Excerpt {
            kept: text,
            cut: false,
        };
    };
    let cut = &text[..end];
    let cut = match cut.rfind(' ') {
        Some(i) => &cut[..i],
        None => cut,
    };
    Excerpt {
        kept: cut.trim_end_matches(|c: char| !c.is_alphanumeric()),
        cut: true,
    }
}

#[cfg(test)]
mod tests;
