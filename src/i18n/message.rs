//! One message's text: literal words and `{name}` placeholders (`{{` and `}}` stand for
//! a brace), parsed once and filled in for every use.

use std::collections::BTreeSet;

/// A piece of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    /// Words as written.
    Text(String),
    /// `{name}`: filled in by the caller.
    Arg(String),
}

/// A parsed message text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    /// Its pieces, in order.
    pub parts: Vec<Part>,
}

/// Why a message text does not parse: what is wrong, and the byte offset in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PatternError {
    /// What is wrong.
    pub message: String,
    /// Where, in bytes from the start of the text.
    pub offset: usize,
}

impl Pattern {
    /// Parses `text`.
    pub(crate) fn parse(text: &str) -> Result<Pattern, PatternError> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text.char_indices().peekable();
        while let Some((i, c)) = rest.next() {
            match c {
                '{' if rest.peek().map(|p| p.1) == Some('{') => {
                    rest.next();
                    literal.push('{');
                }
                '}' if rest.peek().map(|p| p.1) == Some('}') => {
                    rest.next();
                    literal.push('}');
                }
                '{' => {
                    let name = placeholder(text, i)?;
                    for _ in 0..name.len() + 1 {
                        rest.next();
                    }
                    if !literal.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut literal)));
                    }
                    parts.push(Part::Arg(name.to_string()));
                }
                '}' => {
                    return Err(PatternError {
                        message: "`}` without its `{`".to_string(),
                        offset: i,
                    })
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        Ok(Pattern { parts })
    }

    /// The placeholders it uses.
    pub(crate) fn args(&self) -> BTreeSet<&str> {
        self.parts
            .iter()
            .filter_map(|p| match p {
                Part::Arg(a) => Some(a.as_str()),
                Part::Text(_) => None,
            })
            .collect()
    }

    /// The text with each placeholder replaced by `value(name)`; a placeholder without a
    /// value is returned as the error.
    pub(crate) fn fill(
        &self,
        mut value: impl FnMut(&str) -> Option<String>,
    ) -> Result<String, String> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Arg(a) => out.push_str(&value(a).ok_or_else(|| a.clone())?),
            }
        }
        Ok(out)
    }
}

/// The name of the placeholder whose `{` is at byte `open` of `text`.
fn placeholder(text: &str, open: usize) -> Result<&str, PatternError> {
    let after = &text[open + 1..];
    let Some(close) = after.find('}') else {
        return Err(PatternError {
            message: "`{` is never closed".to_string(),
            offset: open,
        });
    };
    let name = &after[..close];
    let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid {
        return Err(PatternError {
            message: format!(
                "`{{{name}}}` is not a placeholder: a name is letters, digits and `_`"
            ),
            offset: open,
        });
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(text: &str, name: &str, value: &str) -> String {
        Pattern::parse(text)
            .and_then(|p| {
                p.fill(|a| (a == name).then(|| value.to_string()))
                    .map_err(|m| PatternError {
                        message: m,
                        offset: 0,
                    })
            })
            .unwrap_or_else(|e| format!("error: {} at {}", e.message, e.offset))
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(fill("Updated {date}", "date", "today"), "Updated today");
        assert_eq!(fill("{n} days", "n", "3"), "3 days");
        assert_eq!(fill("{{literal}} {n}", "n", "1"), "{literal} 1");
        assert_eq!(fill("ok", "n", "1"), "ok");
    }

    #[test]
    fn bad_braces_are_refused_with_their_place() {
        assert_eq!(
            fill("a {date", "date", ""),
            "error: `{` is never closed at 2"
        );
        assert_eq!(fill("a } b", "n", ""), "error: `}` without its `{` at 2");
        assert!(fill("a {da te}", "n", "").starts_with("error: `{da te}` is not"));
        assert_eq!(fill("a {other}", "n", ""), "error: other at 0");
    }
}
