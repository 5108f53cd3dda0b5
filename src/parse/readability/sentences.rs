//! Sentences of a block of prose: a sentence ends at `.`, `!`, `?` or `…` followed by a
//! space and not a lower-case letter, unless the word before is an abbreviation (`e.g.`,
//! `Dr.`) or an initial; a decimal (`2.5`) has no space after its point. The end of the
//! block ends its last sentence, so a list item needs no full stop.

use std::ops::Range;

/// Words written with a full stop that end no sentence, lower-case, without their last
/// full stop.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "eg", "ie", "dr", "mr", "mrs", "ms", "prof", "vs", "approx", "no", "st", "fig",
    "cf", "a.m", "p.m", "etc", "incl", "min", "max", "mins", "hrs", "wk", "wks",
];

/// Characters that close a sentence after its full stop (`."`, `.)`).
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']')
}

/// Byte ranges of the sentences of `text`, trimmed, in order; none for a blank text.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if !(is_closer(d) || matches!(d, '.' | '!' | '?')) {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        let rest = &text[end..];
        if !rest.starts_with(char::is_whitespace) && !rest.is_empty() {
            continue;
        }
        if c == '.' && !ends_sentence(&text[start..i], rest) {
            continue;
        }
        push_trimmed(text, start..end, &mut out);
        start = end;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// True when a full stop after `before` (the sentence so far), followed by `rest`, ends a
/// sentence.
fn ends_sentence(before: &str, rest: &str) -> bool {
    let next = rest.trim_start().chars().next();
    if next.is_some_and(char::is_lowercase) {
        return false;
    }
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(['(', '"', '“', '‘', '\'']);
    let lower = word.to_lowercase();
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    !(initial || ABBREVIATIONS.contains(&lower.as_str()))
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let part = &text[range.clone()];
    let lead = part.len() - part.trim_start().len();
    let trail = part.len() - part.trim_end().len();
    if part.trim().chars().any(char::is_alphanumeric) {
        out.push(range.start + lead..range.end - trail);
    }
}

/// The words of a sentence: its whitespace-separated pieces that hold a letter or digit.
pub(crate) fn words(sentence: &str) -> impl Iterator<Item = &str> {
    sentence
        .split(|c: char| c.is_whitespace() || c == '/' || c == '—' || c == '–')
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn full_stops_question_and_exclamation_marks_end_sentences() {
        assert_eq!(
            split("Rest today. Can I swim? Not yet! Wait a week…"),
            ["Rest today.", "Can I swim?", "Not yet!", "Wait a week…"]
        );
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not() {
        assert_eq!(
            split(
                "Ask Dr. Khan, e.g. by phone. Use 2.5 ml of cream, i.e. a little. J. Smith agrees."
            ),
            [
                "Ask Dr. Khan, e.g. by phone.",
                "Use 2.5 ml of cream, i.e. a little.",
                "J. Smith agrees."
            ]
        );
    }

    #[test]
    fn quotes_after_the_stop_stay_with_the_sentence() {
        assert_eq!(
            split("She said “rest.” Then she left."),
            ["She said “rest.”", "Then she left."]
        );
    }

    #[test]
    fn text_without_a_full_stop_is_one_sentence() {
        assert_eq!(
            split("Avoid the sun for four weeks"),
            ["Avoid the sun for four weeks"]
        );
        assert!(split("  ").is_empty());
    }

    #[test]
    fn words_are_pieces_with_a_letter_or_digit() {
        let w: Vec<&str> = words("Wash it — gently, twice a day (2×) / or not").collect();
        assert_eq!(
            w,
            ["Wash", "it", "gently,", "twice", "a", "day", "(2×)", "or", "not"]
        );
    }
}
