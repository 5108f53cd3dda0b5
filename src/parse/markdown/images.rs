//! Images of a body (`![alt](src)`): each one noted with its alt text and where it is
//! written, for the image checks; `![""](divider.png)` says on purpose that an image is
//! decorative and renders `alt=""`.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{BodyImage, ImageAlt};
use crate::load::SourceFile;

/// Notes every image of `events` and empties the alt text of the ones marked decorative.
pub(super) fn note_images(
    file: &SourceFile,
    events: &mut [(Event<'_>, Range<usize>)],
) -> Vec<BodyImage> {
    let mut images = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (Event::Start(Tag::Image { dest_url, .. }), range) = &events[i] else {
            i += 1;
            continue;
        };
        let src = dest_url.to_string();
        let location = file.location(file.body_start + range.start, range.len());
        let end = events[i..]
            .iter()
            .position(|(e, _)| matches!(e, Event::End(TagEnd::Image)))
            .map_or(events.len(), |k| i + k);
        let alt = alt_of(&mut events[i + 1..end]);
        images.push(BodyImage { src, alt, location });
        i = end;
    }
    images
}

/// The alt text of an image's inner events; a decorative mark (`""`, which smart
/// punctuation may have curled) is taken out of them.
fn alt_of(inner: &mut [(Event<'_>, Range<usize>)]) -> ImageAlt {
    let mut text = String::new();
    for (e, _) in inner.iter() {
        if let Event::Text(t) | Event::Code(t) = e {
            text.push_str(t);
        }
    }
    let text = text.trim();
    if matches!(
        text,
        "\"\"" | "\u{201C}\u{201D}" | "''" | "\u{2018}\u{2019}"
    ) {
        for (e, _) in inner.iter_mut() {
            *e = Event::Text("".into());
        }
        return ImageAlt::Decorative;
    }
    if text.is_empty() {
        ImageAlt::Missing
    } else {
        ImageAlt::Text(text.to_string())
    }
}
