//! Where a template writes a URL as it is, for the link check to name the line.

use std::path::Path;

use super::Templates;
use crate::diagnostics::Location;

impl Templates {
    /// Where `text` is first written as a whole attribute value or a `srcset` URL: in
    /// template `first`, else in any template (by name), for a problem with a URL a
    /// template wrote.
    pub(crate) fn find_literal(&self, first: Option<&str>, text: &str) -> Option<Location> {
        let mut names: Vec<&str> = self.sources.keys().map(String::as_str).collect();
        names.sort_unstable();
        first.into_iter().chain(names).find_map(|name| {
            let (path, source) = self.sources.get(name)?;
            let at = find_value(source, text)?;
            Some(Location::at_offset(path, source, at, text.len()))
        })
    }

    /// The file template `name` was read from.
    pub(crate) fn file_of(&self, name: &str) -> Option<&Path> {
        self.sources.get(name).map(|(path, _)| path.as_path())
    }
}

/// The offset of `text` in `source` where it stands alone in an attribute value: after a
/// quote, space or comma, and before a quote, space or comma.
fn find_value(source: &str, text: &str) -> Option<usize> {
    let bounded = |c: Option<char>| c.is_some_and(|c| matches!(c, '"' | '\'' | ' ' | ','));
    source.match_indices(text).map(|(i, _)| i).find(|&i| {
        let before = source[..i].chars().next_back();
        let after = source[i + text.len()..].chars().next();
        bounded(before) && bounded(after)
    })
}
