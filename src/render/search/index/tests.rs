use std::collections::BTreeMap;

use proptest::prelude::*;
use serde::Serialize;

use super::*;

/// A test document: its text in one piece.
#[derive(Debug, Clone, Copy)]
struct Doc<'a> {
    kind: DocKind,
    title: &'a str,
    page: &'a str,
    text: &'a str,
}

fn doc<'a>(title: &'a str, text: &'a str) -> Doc<'a> {
    Doc {
        kind: DocKind::Page,
        title,
        page: "",
        text,
    }
}

/// Indexes `docs` in chunks of `per_chunk`, with an empty chunk after each (as a site
/// without topics has).
fn index(docs: &[Doc], stop: &[&str], per_chunk: usize) -> Vec<u8> {
    let mut chunks = Vec::new();
    for part in docs.chunks(per_chunk) {
        let mut c = Chunk::new(stop);
        for d in part {
            c.add(&Document {
                kind: d.kind,
                title: d.title,
                url: "/a/#b",
                page: d.page,
                excerpt: excerpt(d.text),
                text: &[d.text],
            });
        }
        chunks.push(c);
        chunks.push(Chunk::new(stop));
    }
    write(chunks, stop)
}

/// An excerpt as the index file shows it.
fn shown(e: Excerpt) -> String {
    format!("{}{}", e.kept, if e.cut { "…" } else { "" })
}

/// The excerpt as first written: over the whole text, counting every character.
fn plain_excerpt(text: &str) -> String {
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

/// The index built the plain way, with owned words and serde: what `write` must match.
fn reference(docs: &[Doc], stop: &[&str]) -> Vec<u8> {
    #[derive(Serialize)]
    struct IndexFile<'a> {
        version: u32,
        stop: &'a [&'a str],
        docs: Vec<(&'a str, &'a str, &'a str, String, &'a str)>,
        terms: BTreeMap<String, Vec<u32>>,
    }
    let mut terms: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        let mut seen: BTreeMap<String, bool> = BTreeMap::new();
        for (text, in_title) in [(d.title, true), (d.text, false)] {
            let words = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().nth(1).is_some());
            for w in words {
                let w = w.to_lowercase();
                if !stop.contains(&w.as_str()) {
                    *seen.entry(w).or_default() |= in_title;
                }
            }
        }
        let i = u32::try_from(i).unwrap();
        for (w, in_title) in seen {
            terms
                .entry(w)
                .or_default()
                .push(i * 2 + u32::from(in_title));
        }
    }
    for list in terms.values_mut() {
        for j in (1..list.len()).rev() {
            list[j] -= list[j - 1];
        }
    }
    let file = IndexFile {
        version: 1,
        stop,
        docs: docs
            .iter()
            .map(|d| {
                (
                    d.kind.name(),
                    d.title,
                    "/a/#b",
                    plain_excerpt(d.text),
                    d.page,
                )
            })
            .collect(),
        terms,
    };
    serde_json::to_vec(&file).unwrap()
}

#[test]
fn postings_are_delta_encoded_with_title_flag() {
    let docs = [
        doc("Swimming", "pool"),
        doc("Other", "swimming"),
        doc("Swimming", ""),
    ];
    let v: serde_json::Value = serde_json::from_slice(&index(&docs, STOP_WORDS_EN, 8)).unwrap();
    // Docs 0 (title), 1 (text), 2 (title): values 1, 2, 5 → deltas 1, 1, 3.
    assert_eq!(v["terms"]["swimming"], serde_json::json!([1, 1, 3]));
    assert_eq!(v["terms"]["pool"], serde_json::json!([0]));
    assert!(v["terms"].get("the").is_none());
}

#[test]
fn chunk_merging_keeps_document_order() {
    let docs = [
        doc("Swimming after surgery", "Wait two weeks before the pool."),
        doc("Pool", "Chlorine and stitches: swimming waits."),
        doc("Stitches", "Keep them dry."),
        doc("Other", "Nothing shared here."),
        doc("Swimming", "Again the pool."),
    ];
    let whole = index(&docs, STOP_WORDS_EN, docs.len());
    assert_eq!(whole, reference(&docs, STOP_WORDS_EN));
    for per_chunk in 1..docs.len() {
        assert_eq!(index(&docs, STOP_WORDS_EN, per_chunk), whole, "{per_chunk}");
    }
    let v: serde_json::Value = serde_json::from_slice(&whole).unwrap();
    // Values 1, 2, 9 (doc 0 title, 1 text, 4 title) → deltas 1, 1, 7.
    assert_eq!(v["terms"]["swimming"], serde_json::json!([1, 1, 7]));
    assert_eq!(v["docs"][4][1], "Swimming");
}

#[test]
fn rows_spanning_several_blocks_join_in_order() {
    let titles: Vec<String> = (0..800)
        .map(|i| format!("Title {i} {}", "long ".repeat(20)))
        .collect();
    let docs: Vec<Doc> = titles.iter().map(|t| doc(t, "body text")).collect();
    let whole = index(&docs, STOP_WORDS_EN, docs.len());
    assert!(whole.len() > 2 * ROW_BLOCK);
    assert_eq!(whole, reference(&docs, STOP_WORDS_EN));
    assert_eq!(index(&docs, STOP_WORDS_EN, 300), whole);
}

#[test]
fn empty_index_is_valid_json() {
    let bytes = index(&[], &[], 4);
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        r#"{"version":1,"stop":[],"docs":[],"terms":{}}"#
    );
}

#[test]
fn stop_words_are_listed_but_not_indexed() {
    let docs = [doc("The Pool", "Into the water, THE end.")];
    let v: serde_json::Value = serde_json::from_slice(&index(&docs, STOP_WORDS_EN, 1)).unwrap();
    assert_eq!(v["stop"].as_array().unwrap().len(), STOP_WORDS_EN.len());
    let terms: Vec<&String> = v["terms"].as_object().unwrap().keys().collect();
    assert_eq!(terms, ["end", "pool", "water"]);
}

#[test]
fn words_are_lowercase_and_skip_single_letters() {
    let mut scratch = String::new();
    let w: Vec<String> = raw_words("Can I SWIM — after 2 weeks? Día 3 ΟΔΟΣ")
        .map(|w| lowercase(w, &mut scratch).to_string())
        .collect();
    assert_eq!(w, ["can", "swim", "after", "weeks", "día", "οδος"]);
}

#[test]
fn excerpts_cut_at_a_word() {
    let long = "word ".repeat(60);
    let e = shown(excerpt(&long));
    assert!(e.ends_with("word…"), "{e}");
    assert!(e.chars().count() <= EXCERPT_CHARS + 1);
}

proptest! {
    #[test]
    fn chunked_index_matches_the_plain_build(
        texts in prop::collection::vec(
            ("[a-zA-Z0-9 ΣσςÉé\"\\\\\n\t.,&;—-]{0,24}", "[a-zA-Z0-9 ΣσÉé\"\\\\.,—-]{0,220}"),
            0..10,
        ),
        per_chunk in 1usize..5,
        english in any::<bool>(),
    ) {
        let stop = if english { STOP_WORDS_EN } else { &[] };
        let docs: Vec<Doc> = texts
            .iter()
            .enumerate()
            .map(|(i, (title, text))| Doc {
                kind: [DocKind::Page, DocKind::Section, DocKind::Faq, DocKind::Topic][i % 4],
                title,
                page: if i % 4 == 1 { "Parent \"page\"" } else { "" },
                text,
            })
            .collect();
        prop_assert_eq!(
            String::from_utf8(index(&docs, stop, per_chunk)).unwrap(),
            String::from_utf8(reference(&docs, stop)).unwrap()
        );
    }

    #[test]
    fn excerpt_of_collapsed_prefix_matches_the_whole_text(
        text in "[a-zA-Z \t\n\u{a0}é.,!—]{0,400}",
    ) {
        let mut prefix = String::new();
        text::push_collapsed_prefix(&mut prefix, &text, EXCERPT_CHARS + 1);
        prop_assert_eq!(
            shown(excerpt(&prefix)),
            plain_excerpt(&text::collapse_whitespace(&text))
        );
    }

    #[test]
    fn lead_excerpt_matches_the_joined_lead(
        description in "[a-z \t]{0,30}",
        intro in "[a-zA-Z \n]{0,300}",
    ) {
        // A page's lead as first built: description and collapsed intro, joined by a
        // space when both are there.
        let intro_text = text::collapse_whitespace(&intro);
        let lead = [description.as_str(), intro_text.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let mut buf = String::new();
        prop_assert_eq!(
            shown(excerpt(super::shown(&mut buf, &description, &intro))),
            plain_excerpt(&lead)
        );
    }

    #[test]
    fn words_split_like_str_split(text in "[a-zA-Z0-9 éΣ—._\u{300}\u{a0}\u{660}]{0,40}") {
        let want: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().nth(1).is_some())
            .collect();
        prop_assert_eq!(raw_words(&text).collect::<Vec<_>>(), want);
    }

    #[test]
    fn lowercase_matches_str_to_lowercase(raw in "[a-zA-Z0-9ΣσςİÉéẞ]{1,12}") {
        let mut scratch = String::new();
        prop_assert_eq!(lowercase(&raw, &mut scratch), raw.to_lowercase());
    }
}
