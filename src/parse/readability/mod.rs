//! How hard a page's English prose is to read: the Flesch–Kincaid grade level over its
//! sentences, words and syllables, and the hardest sentences by the same formula. The parse
//! stage feeds it each block of prose (`markdown/prose.rs`); the resolve stage reports it.

mod sentences;
mod syllables;

use crate::diagnostics::Location;

pub(crate) use sentences::{sentences, words};
pub(crate) use syllables::syllables;

/// How many of a page's hardest sentences are kept.
pub(crate) const HARDEST_KEPT: usize = 3;

/// The Flesch–Kincaid grade level of a text with these counts; `None` for no words.
pub(crate) fn grade(words: usize, sentences: usize, syllables: usize) -> Option<f64> {
    if words == 0 || sentences == 0 {
        return None;
    }
    let (w, s, y) = (words as f64, sentences as f64, syllables as f64);
    Some(0.39 * (w / s) + 11.8 * (y / w) - 15.59)
}

/// One sentence of a page with its grade.
#[derive(Debug, Clone, PartialEq)]
pub struct HardSentence {
    /// The sentence as the page reads.
    pub text: String,
    /// Where it starts in the markdown file.
    pub location: Location,
    /// Its Flesch–Kincaid grade, as if it were the whole page.
    pub grade: f64,
}

/// The counts of a page's prose, and its hardest sentences.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Readability {
    /// Words of prose.
    pub words: usize,
    /// Sentences of prose.
    pub sentences: usize,
    /// Syllables of those words.
    pub syllables: usize,
    /// The hardest sentences, hardest first (at most [`HARDEST_KEPT`]).
    pub hardest: Vec<HardSentence>,
}

impl Readability {
    /// The page's Flesch–Kincaid grade level; `None` for a page without prose.
    pub fn grade(&self) -> Option<f64> {
        grade(self.words, self.sentences, self.syllables)
    }

    /// Counts the sentences of one block of prose, `text`; `locate` gives where a byte
    /// offset of `text` is in the file (called only for sentences kept as hardest).
    pub(crate) fn add_block(&mut self, text: &str, locate: impl Fn(usize) -> Location) {
        for range in sentences(text) {
            let sentence = &text[range.clone()];
            let (mut w, mut y) = (0, 0);
            for word in words(sentence) {
                w += 1;
                y += syllables(word);
            }
            if w == 0 {
                continue;
            }
            self.words += w;
            self.syllables += y;
            self.sentences += 1;
            if let Some(g) = grade(w, 1, y) {
                self.keep_if_hard(sentence, g, || locate(range.start));
            }
        }
    }

    /// Keeps `sentence` among the hardest when it is harder than one of them; the first
    /// written wins a tie.
    fn keep_if_hard(&mut self, sentence: &str, grade: f64, locate: impl FnOnce() -> Location) {
        let full = self.hardest.len() >= HARDEST_KEPT;
        if full && self.hardest.last().is_some_and(|h| h.grade >= grade) {
            return;
        }
        let at = self.hardest.partition_point(|h| h.grade >= grade);
        self.hardest.insert(
            at,
            HardSentence {
                text: sentence.split_whitespace().collect::<Vec<_>>().join(" "),
                location: locate(),
                grade,
            },
        );
        self.hardest.truncate(HARDEST_KEPT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn here(_: usize) -> Location {
        Location::file_only(Path::new("a.md"))
    }

    /// A passage counted by hand.
    ///
    /// "The cat sat on the mat. It was a very happy cat. Then it went to sleep."
    /// - words: 6 + 6 + 5 = 17; sentences: 3
    /// - syllables: the(1) cat(1) sat(1) on(1) the(1) mat(1) = 6;
    ///   it(1) was(1) a(1) ve-ry(2) hap-py(2) cat(1) = 8; then(1) it(1) went(1) to(1)
    ///   sleep(1) = 5; total 19
    /// - grade = 0.39 × 17/3 + 11.8 × 19/17 − 15.59
    ///   = 0.39 × 5.6667 + 11.8 × 1.1176 − 15.59 = 2.2100 + 13.1882 − 15.59 = −0.19
    ///
    /// "Scalp micropigmentation is a cosmetic treatment that deposits pigment into the
    /// scalp. Healing usually takes approximately four weeks."
    /// - words: 12 + 6 = 18; sentences: 2
    /// - syllables: scalp(1) mi-cro-pig-men-ta-tion(6) is(1) a(1) cos-met-ic(3)
    ///   treat-ment(2) that(1) de-pos-its(3) pig-ment(2) in-to(2) the(1) scalp(1) = 24;
    ///   heal-ing(2) u-su-al-ly(4) takes(1) ap-prox-i-mate-ly(5) four(1) weeks(1) = 14;
    ///   total 38
    /// - grade = 0.39 × 18/2 + 11.8 × 38/18 − 15.59
    ///   = 3.51 + 24.9111 − 15.59 = 12.8311
    #[test]
    fn a_passage_counted_by_hand_has_its_grade() {
        let mut easy = Readability::default();
        easy.add_block(
            "The cat sat on the mat. It was a very happy cat. Then it went to sleep.",
            here,
        );
        assert_eq!((easy.words, easy.sentences, easy.syllables), (17, 3, 19));
        let g = easy.grade().unwrap_or(f64::NAN);
        assert!((g - -0.19).abs() < 0.005, "{g}");

        let mut hard = Readability::default();
        hard.add_block(
            "Scalp micropigmentation is a cosmetic treatment that deposits pigment into \
             the scalp. Healing usually takes approximately four weeks.",
            here,
        );
        assert_eq!((hard.words, hard.sentences, hard.syllables), (18, 2, 38));
        let g = hard.grade().unwrap_or(f64::NAN);
        assert!((g - 12.8311).abs() < 0.005, "{g}");
        // Per sentence: 0.39 × 6 + 11.8 × 14/6 − 15.59 = 14.28 for the second, 0.39 × 12
        // + 11.8 × 24/12 − 15.59 = 12.69 for the first: the second is the harder.
        assert_eq!(hard.hardest.len(), 2);
        assert!(hard.hardest[0].text.starts_with("Healing usually"));
        assert!((hard.hardest[0].grade - 14.2833).abs() < 0.005);
    }

    #[test]
    fn only_the_three_hardest_sentences_are_kept_hardest_first() {
        let mut r = Readability::default();
        r.add_block(
            "Go. Treatment deposits pigment. Rest now. Micropigmentation requires \
             considerable preparation beforehand. Healing takes approximately four weeks.",
            here,
        );
        let kept: Vec<&str> = r.hardest.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(
            kept,
            [
                "Micropigmentation requires considerable preparation beforehand.",
                "Treatment deposits pigment.",
                "Healing takes approximately four weeks.",
            ]
        );
    }

    #[test]
    fn no_prose_has_no_grade() {
        assert_eq!(Readability::default().grade(), None);
    }
}
