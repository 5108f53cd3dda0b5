//! How text becomes index terms: split into words, then lowercased.

/// The words of `text` before lowercasing: runs of letters and digits, at least two
/// characters long. `search.js` splits queries the same way.
pub(super) fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    let mut i = 0;
    std::iter::from_fn(move || loop {
        while let Some((false, len)) = char_at(text, i) {
            i += len;
        }
        if i >= text.len() {
            return None;
        }
        let start = i;
        let mut chars = 0;
        while let Some((true, len)) = char_at(text, i) {
            i += len;
            chars += 1;
        }
        if chars >= 2 {
            return Some(&text[start..i]);
        }
    })
}

/// Whether the character at byte `i` of `text` is a letter or digit, and its length.
/// ASCII, most of the text, is classified without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(bool, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((b.is_ascii_alphanumeric(), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c.is_alphanumeric(), c.len_utf8()))
}

/// `raw` lowercased as the index stores it, using `scratch` when it must change.
pub(super) fn lowercase<'a>(raw: &'a str, scratch: &'a mut String) -> &'a str {
    if raw
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return raw;
    }
    if raw.is_ascii() {
        scratch.clear();
        scratch.push_str(raw);
        scratch.make_ascii_lowercase();
    } else if raw.contains('Σ') {
        // Only capital sigma lowercases by context (word-final `ς`); `str` knows how.
        *scratch = raw.to_lowercase();
    } else {
        scratch.clear();
        scratch.extend(raw.chars().flat_map(char::to_lowercase));
    }
    scratch
}
