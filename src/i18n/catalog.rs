//! One message file (`i18n/<code>.toml`) parsed and checked: each key is a text with
//! `{name}` placeholders, or a table of plural forms (`one`, `other`…) chosen by a number.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};
use crate::i18n::format::PLURAL_CATEGORIES;
use crate::i18n::message::Pattern;

/// How a message file is written, for hints.
const CATALOG_HELP: &str =
    "write `key = \"text with {placeholders}\"` or `key = { one = \"{n} day\", other = \"{n} days\" }`; docs/templates.md describes message files";

/// A message: one text, or a text per plural category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Message {
    /// The same words whatever the number.
    Text(Pattern),
    /// CLDR plural category (`one`, `other`…) to its words; `other` is always there.
    Plural(BTreeMap<&'static str, Pattern>),
}

impl Message {
    /// Every placeholder any of its forms uses.
    pub(crate) fn args(&self) -> std::collections::BTreeSet<&str> {
        match self {
            Message::Text(p) => p.args(),
            Message::Plural(forms) => forms.values().flat_map(Pattern::args).collect(),
        }
    }
}

/// A message and where it is written.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The message.
    pub message: Message,
    /// Where its value is, for messages about it.
    pub at: Location,
}

/// One message file.
#[derive(Debug, Clone)]
pub(crate) struct Catalog {
    /// Where it is, for messages: `themes/clinic/i18n/ur.toml`.
    pub path: PathBuf,
    /// Key to message.
    pub entries: BTreeMap<String, Entry>,
}

/// Parses the message file `path` (as shown in messages) whose bytes are `bytes`.
pub(crate) fn parse(path: &Path, bytes: &[u8]) -> Result<Catalog, Vec<Diagnostic>> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![Diagnostic::error(
            code::MESSAGES_INVALID,
            format!("message file `{}` is not valid UTF-8", path.display()),
        )
        .at(Location::file_only(path))
        .help("save the file as UTF-8")]);
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let table: BTreeMap<String, toml::Spanned<toml::Value>> = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => return Err(vec![syntax_error(&e, path, text)]),
    };
    let mut entries = BTreeMap::new();
    let mut problems = Vec::new();
    for (key, value) in table {
        let span = value.span();
        let at = Location::at_offset(path, text, span.start, span.len().max(1));
        let file = File { path, text };
        match message(&key, value.get_ref(), span.start, &at, &file) {
            Ok(message) => {
                entries.insert(key, Entry { message, at });
            }
            Err(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        Ok(Catalog {
            path: path.to_path_buf(),
            entries,
        })
    } else {
        Err(problems)
    }
}

/// A message file and its text, to locate problems in.
struct File<'a> {
    path: &'a Path,
    text: &'a str,
}

/// A TOML syntax error, located.
fn syntax_error(e: &toml::de::Error, path: &Path, text: &str) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    Diagnostic::error(
        code::MESSAGES_INVALID,
        format!(
            "message file `{}` is not valid TOML: {}",
            path.display(),
            e.message().trim()
        ),
    )
    .at(Location::at_offset(
        path,
        text,
        span.start,
        span.len().max(1),
    ))
    .help(CATALOG_HELP)
}

/// The message of `key`, whose value starts at byte `start` of the file.
fn message(
    key: &str,
    value: &toml::Value,
    start: usize,
    at: &Location,
    file: &File,
) -> Result<Message, Diagnostic> {
    match value {
        toml::Value::String(s) => pattern(key, s, start, file).map(Message::Text),
        toml::Value::Table(forms) => plural(key, forms, start, at, file),
        other => Err(Diagnostic::error(
            code::MESSAGE_WRONG_TYPE,
            format!(
                "message `{key}` is not a text or a table of plural forms (found: {})",
                other.type_str()
            ),
        )
        .at(at.clone())
        .help(CATALOG_HELP)),
    }
}

/// The forms of a plural table; `other` is required.
fn plural(
    key: &str,
    forms: &toml::value::Table,
    start: usize,
    at: &Location,
    file: &File,
) -> Result<Message, Diagnostic> {
    let mut out = BTreeMap::new();
    for (category, text) in forms {
        let Some(&name) = PLURAL_CATEGORIES.iter().find(|c| **c == category.as_str()) else {
            return Err(Diagnostic::error(
                code::MESSAGE_WRONG_TYPE,
                format!("message `{key}` has `{category}`, which is not a plural category"),
            )
            .at(at.clone())
            .help("use CLDR's plural categories: zero, one, two, few, many, other"));
        };
        let Some(text) = text.as_str() else {
            return Err(Diagnostic::error(
                code::MESSAGE_WRONG_TYPE,
                format!("`{category}` of message `{key}` is not a text"),
            )
            .at(at.clone())
            .help(CATALOG_HELP));
        };
        // A table's values carry no place of their own: the text is looked for in the table.
        out.insert(name, pattern(key, text, start, file)?);
    }
    if !out.contains_key("other") {
        return Err(Diagnostic::error(
            code::PLURAL_WITHOUT_OTHER,
            format!("message `{key}` has no `other` form"),
        )
        .at(at.clone())
        .label("plural forms without `other`")
        .help("add `other = \"…\"`: it is the form every language uses for some numbers"));
    }
    Ok(Message::Plural(out))
}

/// The text of a message, parsed; `start` is where its value starts in the file. A text
/// written with escapes is not found as such: its problems are shown at the value's start.
fn pattern(key: &str, text: &str, start: usize, file: &File) -> Result<Pattern, Diagnostic> {
    Pattern::parse(text).map_err(|e| {
        let found = file
            .text
            .get(start..)
            .and_then(|rest| rest.find(text))
            .map_or(start, |i| start + i + e.offset);
        Diagnostic::error(
            code::MESSAGE_PLACEHOLDER,
            format!("message `{key}`: {}", e.message),
        )
        .at(Location::at_offset(file.path, file.text, found, 1))
        .help("write placeholders as `{name}`, and a brace itself as `{{` or `}}`")
    })
}
