//! YAML into the raw front-matter type, with errors located in the `.md` file. An unknown
//! key does not stop the check: it is blanked out and the YAML parsed again, so one run
//! reports every unknown key and the next problem after them.

use super::{Locator, RawFrontMatter};
use crate::diagnostics::code;
use crate::diagnostics::{unknown_field, Diagnostic, Location};
use crate::load::SourceFile;

/// How many unknown keys one file may report before the check gives up on it.
const MAX_UNKNOWN_KEYS: usize = 20;

/// Deserialises `file`'s front matter. Returns the raw front matter when it could be read
/// (possibly after dropping unknown keys, which are then in the problems).
pub(super) fn deserialize(file: &SourceFile) -> (Option<RawFrontMatter>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let yaml_start = file.front_matter.clone().map_or(0, |r| r.start);
    let mut text = file.yaml().to_string();
    for _ in 0..MAX_UNKNOWN_KEYS {
        match yaml_serde::from_str::<RawFrontMatter>(&text) {
            Ok(raw) => return (Some(raw), problems),
            Err(e) => {
                let d = yaml_error(file, &e);
                let blanked = match (&d.code, &d.location) {
                    (&code::UNKNOWN_FIELD, Some(loc)) => {
                        blank_key(&mut text, file, yaml_start, loc)
                    }
                    _ => false,
                };
                problems.push(d);
                if !blanked {
                    return (None, problems);
                }
            }
        }
    }
    (None, problems)
}

/// Replaces the key at `loc` and its value with spaces, keeping every offset and line.
fn blank_key(text: &mut String, file: &SourceFile, yaml_start: usize, loc: &Location) -> bool {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(file.text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let Some(&line_start) = line_starts.get(loc.line.saturating_sub(1)) else {
        return false;
    };
    let key_at = line_start
        + loc
            .source_line
            .char_indices()
            .nth(loc.column.saturating_sub(1))
            .map_or(0, |(i, _)| i);
    let Some(key_in_yaml) = key_at.checked_sub(yaml_start) else {
        return false;
    };
    let line_in_yaml = line_start.saturating_sub(yaml_start);
    let Some(prefix) = text.get(line_in_yaml..key_in_yaml) else {
        return false;
    };
    let (start, end) = if prefix.trim().is_empty() {
        // A block key: the line and every more-indented line after it.
        let indent = prefix.len();
        let mut end = text[key_in_yaml..]
            .find('\n')
            .map_or(text.len(), |i| key_in_yaml + i + 1);
        while end < text.len() {
            let next_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
            let line = &text[end..next_end];
            let line_indent = line.len() - line.trim_start().len();
            if line.trim().is_empty() || line_indent > indent {
                end = next_end;
            } else {
                break;
            }
        }
        (line_in_yaml + indent, end)
    } else if prefix.trim_end().ends_with(',') || prefix.trim_end().ends_with('{') {
        // A key inside `{ … }`: up to the next `,` or `}` on the line.
        let rest = &text[key_in_yaml..];
        let stop = rest.find([',', '}', '\n']).unwrap_or(rest.len());
        let take_comma = rest[stop..].starts_with(',');
        (key_in_yaml, key_in_yaml + stop + usize::from(take_comma))
    } else {
        return false;
    };
    let blank: String = text[start..end]
        .chars()
        .map(|c| if c == '\n' || c == '\r' { c } else { ' ' })
        .collect();
    text.replace_range(start..end, &blank);
    true
}

fn yaml_error(file: &SourceFile, e: &yaml_serde::Error) -> Diagnostic {
    let yaml_start = file.front_matter.clone().map_or(0, |r| r.start);
    let location = match e.location() {
        Some(l) => {
            let offset = yaml_start + l.index();
            file.location(offset, 1)
        }
        None => file.location(yaml_start, 1),
    };
    // yaml_serde puts " at line L column C" in its messages; we print the location ourselves.
    let message = strip_position(&e.to_string());
    let message = message.trim_start_matches(": ").to_string();
    // Nested problems come as "reviewed: unknown field …"; keep the path for the message.
    let (path, inner) = match message.find("unknown field `") {
        Some(i) => (
            message[..i].trim_end_matches([':', ' ']).to_string(),
            &message[i..],
        ),
        None => (String::new(), message.as_str()),
    };
    if let Some((field, suggestion)) = unknown_field(inner) {
        let location = relocate_word(file, location, &field);
        let help = match suggestion {
            Some(s) => format!("did you mean `{s}`? Free-form data goes under `extra:`"),
            None => {
                "remove it, or put free-form data under `extra:`; docs/content.md lists the fields"
                    .to_string()
            }
        };
        let message = if path.is_empty() {
            format!("unknown field `{field}`")
        } else {
            format!("unknown field `{field}` in `{path}`")
        };
        return Diagnostic::error(code::UNKNOWN_FIELD, message)
            .at(location)
            .label("not a front-matter field")
            .help(help);
    }
    if message.starts_with("missing field")
        || message.contains("invalid type")
        || message.contains("unknown variant")
    {
        let help = if message.contains("invalid type") {
            "check the value's type: text, a number, true/false, a list (`[a, b]`) or a map"
        } else {
            "docs/content.md lists the fields and their types"
        };
        return Diagnostic::error(code::WRONG_TYPE, format!("front matter: {message}"))
            .at(location)
            .help(help);
    }
    if message.contains("recursion limit") {
        return Diagnostic::error(
            code::INVALID_YAML,
            format!("invalid YAML in front matter: {message}"),
        )
        .at(location)
        .help("the values are nested too deeply; flatten them");
    }
    if message.contains("repetition limit") {
        return Diagnostic::error(
            code::INVALID_YAML,
            format!("invalid YAML in front matter: {message}"),
        )
        .at(location)
        .help("YAML aliases (`*name`) expand to too much data; write the values out");
    }
    Diagnostic::error(code::INVALID_YAML, format!("invalid YAML in front matter: {message}"))
        .at(location)
        .help("check indentation and quoting: quote text that contains `: ` or starts with `[`, `{`, `*`, `&` or `@`")
}

fn strip_position(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(i) = out.find(" at line ") {
        let rest = &out[i + " at line ".len()..];
        let mut words = rest.splitn(4, ' ');
        let (line, col_word, col) = (words.next(), words.next(), words.next());
        let numeric = |w: Option<&str>| {
            w.is_some_and(|w| w.trim_end_matches(',').chars().all(|c| c.is_ascii_digit()))
        };
        if !(numeric(line) && col_word == Some("column") && numeric(col)) {
            break;
        }
        let col = col.unwrap_or("");
        let digits = col.trim_end_matches(',').len();
        let end = i + " at line ".len() + line.map_or(0, str::len) + " column ".len() + digits;
        out.replace_range(i..end, "");
    }
    out
}

/// serde reports an unknown key at the start of its map; point at the key itself.
fn relocate_word(file: &SourceFile, location: Location, word: &str) -> Location {
    let locator = Locator::new(file);
    let line_start = file
        .text
        .match_indices('\n')
        .nth(location.line.saturating_sub(2))
        .map_or(0, |(i, _)| i + 1);
    let from = if location.line <= 1 { 0 } else { line_start };
    match locator.key(from, word) {
        Some(at) => file.location(at, word.chars().count()),
        None => location,
    }
}
