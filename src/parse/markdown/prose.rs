//! A body's prose for its reading grade: the text of paragraphs (block quotes included) and
//! of list items that read as sentences, block by block, with where each piece is written.
//! Headings, code, tables, raw HTML, image alt text and footnotes are left out; so are the
//! short items of a list of names (`- SPF 50 sunscreen`), which are no sentences.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::load::SourceFile;
use crate::parse::readability::{words, Readability};

/// A list item with fewer words that does not end as a sentence is a name, not prose.
const ITEM_SENTENCE_WORDS: usize = 6;

/// Where the text being collected sits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    None,
    Paragraph,
    Item,
}

/// Collects the prose of a body's events into a [`Readability`].
pub(super) struct Prose<'f> {
    file: &'f SourceFile,
    /// Depth inside headings, code blocks, tables, images, footnotes and metadata.
    skipped: usize,
    block: Block,
    text: String,
    /// Where each piece of `text` starts: (offset in `text`, offset in the body).
    pieces: Vec<(usize, usize)>,
    stats: Readability,
}

impl<'f> Prose<'f> {
    /// A collector for the body of `file`.
    pub(super) fn new(file: &'f SourceFile) -> Prose<'f> {
        Prose {
            file,
            skipped: 0,
            block: Block::None,
            text: String::new(),
            pieces: Vec::new(),
            stats: Readability::default(),
        }
    }

    /// Takes in one event and the body range it was parsed from.
    pub(super) fn observe(&mut self, event: &Event<'_>, range: &Range<usize>) {
        match event {
            Event::Start(tag) if skips(tag) => self.skipped += 1,
            Event::End(end) if skips_end(end) => self.skipped = self.skipped.saturating_sub(1),
            _ if self.skipped > 0 => {}
            Event::Start(Tag::Paragraph) => self.begin(Block::Paragraph),
            Event::Start(Tag::Item | Tag::List(_)) | Event::End(TagEnd::Item) => {
                self.finish();
                if matches!(event, Event::Start(Tag::Item)) {
                    self.begin(Block::Item);
                }
            }
            Event::End(TagEnd::Paragraph) => {
                self.finish();
                // Text after a loose item's paragraph is still the item's.
                self.block = Block::None;
            }
            Event::Text(t) if self.block != Block::None => {
                self.pieces.push((self.text.len(), range.start));
                self.text.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            _ => {}
        }
    }

    /// The prose's counts and hardest sentences.
    pub(super) fn done(mut self) -> Readability {
        self.finish();
        self.stats
    }

    fn begin(&mut self, block: Block) {
        self.finish();
        self.block = block;
    }

    /// Counts the block collected so far, if it is prose.
    fn finish(&mut self) {
        let text = std::mem::take(&mut self.text);
        let pieces = std::mem::take(&mut self.pieces);
        let block = std::mem::replace(&mut self.block, Block::None);
        if block == Block::None || (block == Block::Item && !reads_as_sentence(&text)) {
            return;
        }
        let file = self.file;
        self.stats.add_block(&text, |at| {
            let i = pieces.partition_point(|&(t, _)| t <= at).saturating_sub(1);
            let (t, body) = pieces.get(i).copied().unwrap_or((0, 0));
            file.location(file.body_start + body + (at - t), 1)
        });
    }
}

/// Tags whose text is no prose.
fn skips(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Heading { .. }
            | Tag::CodeBlock(_)
            | Tag::Table(_)
            | Tag::Image { .. }
            | Tag::FootnoteDefinition(_)
            | Tag::HtmlBlock
            | Tag::MetadataBlock(_)
    )
}

fn skips_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::Table
            | TagEnd::Image
            | TagEnd::FootnoteDefinition
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_)
    )
}

/// True for a list item that is a sentence: it ends with `.`, `!`, `?` or `…`, or is long.
fn reads_as_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || "\"'”’)]".contains(c));
    trimmed.ends_with(['.', '!', '?', '…']) || words(text).count() >= ITEM_SENTENCE_WORDS
}
