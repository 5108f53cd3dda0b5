//! Front-matter values a writer has still to fill in: anything holding the placeholder
//! marker `TODO` that `pigment new` and `pigment init` write, the reviewer earlier `init`
//! samples named, and links to the example domains `example.com`, `.org` and `.net` (the
//! `.example` top-level domain is left alone: a demo or test site may live there).

use crate::diagnostics::{code, Diagnostic};
use crate::load::SourceFile;

/// The marker `pigment new` and `pigment init` put in every value a writer must fill in.
pub(crate) const MARKER: &str = "TODO";

/// Stand-ins that earlier `pigment init` samples published as if they were real.
const SAMPLE_VALUES: &[&str] = &["Dr Sam Example"];

/// The example domains of RFC 2606: a link there is a stand-in for a real one.
fn is_example_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let host = host.trim_end_matches('.');
    ["example.com", "example.org", "example.net"]
        .iter()
        .any(|e| host == *e || host.ends_with(&format!(".{e}")))
}

/// A warning for every placeholder in `file`'s front matter, at its line and column.
/// `check --strict` turns them into errors.
pub(crate) fn placeholders(file: &SourceFile) -> Vec<Diagnostic> {
    let Some(range) = file.front_matter.clone() else {
        return Vec::new();
    };
    let Some(yaml) = file.text.get(range.clone()) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut offset = range.start;
    for line in yaml.split_inclusive('\n') {
        let value = without_comment(line);
        for (at, len, what) in in_line(value) {
            found.push(placeholder(file, offset + at, len, what));
        }
        offset += line.len();
    }
    found
}

/// What a placeholder is, for its message.
#[derive(Clone, Copy)]
enum Kind {
    Marker,
    Sample,
    ExampleUrl,
}

/// Every placeholder of one line: its byte offset in the line, its length and kind.
fn in_line(line: &str) -> Vec<(usize, usize, Kind)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = line[from..].find(MARKER) {
        let at = from + i;
        let end = at + MARKER.len();
        let word_start = line[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let word_end = line[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if word_start && word_end {
            found.push((at, value_len(line, at), Kind::Marker));
        }
        from = end;
    }
    for sample in SAMPLE_VALUES {
        if let Some(at) = line.find(sample) {
            found.push((at, sample.len(), Kind::Sample));
        }
    }
    let mut from = 0;
    while let Some(i) = line[from..].find("://") {
        let host_start = from + i + 3;
        let rest = &line[host_start..];
        let host_len = rest
            .find(|c: char| {
                matches!(c, '/' | ':' | '"' | '\'' | ',' | '}' | ']' | '?' | '#')
                    || c.is_whitespace()
            })
            .unwrap_or(rest.len());
        if is_example_host(&rest[..host_len]) {
            let start = line[..from + i]
                .rfind(|c: char| !c.is_ascii_alphanumeric() && !matches!(c, '+' | '-' | '.'))
                .map_or(0, |j| j + 1);
            found.push((start, value_len(line, start), Kind::ExampleUrl));
        }
        from = host_start;
    }
    found.sort_by_key(|f| f.0);
    found
}

/// Bytes from `at` to the end of the value it is in: the closing quote of a quoted value,
/// else a flow collection's `,`, `}` or `]`, else the line's end.
fn value_len(line: &str, at: usize) -> usize {
    let rest = &line[at..];
    let quote = line[..at]
        .chars()
        .next_back()
        .filter(|c| *c == '"' || *c == '\'');
    let end = match quote {
        Some(q) => rest.find(q),
        None => rest.find([',', '}', ']', '\n', '\r']),
    }
    .unwrap_or(rest.len());
    rest[..end].trim_end().len().max(1)
}

/// `line` up to a YAML comment: a `#` at the start or after a space, outside quotes.
fn without_comment(line: &str) -> &str {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && prev.is_whitespace() => return &line[..i],
            None => {}
        }
        prev = c;
    }
    line
}

fn placeholder(file: &SourceFile, at: usize, len: usize, kind: Kind) -> Diagnostic {
    let written = file.text.get(at..at + len).unwrap_or(MARKER);
    let (message, label) = match kind {
        Kind::Marker => (
            format!("placeholder `{written}` still in the front matter"),
            "placeholder",
        ),
        Kind::Sample => (
            format!("`{written}` is the sample site's stand-in, not a real value"),
            "sample value",
        ),
        Kind::ExampleUrl => (
            format!("`{written}` links to an example domain"),
            "example URL",
        ),
    };
    Diagnostic::warning(code::PLACEHOLDER, message)
        .at(file.location(at, written.chars().count()))
        .label(label)
        .help("replace it with the real value before publishing; `check --strict` fails while it is there")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str) -> Vec<(usize, usize)> {
        in_line(line).into_iter().map(|(a, l, _)| (a, l)).collect()
    }

    #[test]
    fn finds_the_marker_as_a_word_to_the_end_of_its_value() {
        let line = r#"reviewed: { by: "TODO: reviewer's name", on: 2026-01-01 }"#;
        assert_eq!(kinds(line), vec![(17, 21)]);
        assert!(kinds("title: TODOS and MASTODON").is_empty());
        assert_eq!(kinds("description: TODO"), vec![(13, 4)]);
    }

    #[test]
    fn finds_sample_reviewers_and_example_urls_but_not_comments() {
        assert_eq!(
            kinds("reviewed: { by: Dr Sam Example, on: 2026-01-01 }"),
            vec![(16, 14)]
        );
        assert_eq!(
            kinds("  - { title: A, url: \"https://www.example.org/a\" }"),
            vec![(22, 25)]
        );
        assert!(kinds("  - { title: A, url: \"https://www.nhs.uk/a\" }").is_empty());
        assert!(in_line(without_comment("topics: []  # TODO pick one")).is_empty());
        assert_eq!(without_comment("title: \"a # b\" # c"), "title: \"a # b\" ");
    }
}
