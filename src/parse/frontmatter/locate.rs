//! Where values sit inside a file's front matter, for checks that run after serde.

use crate::diagnostics::Location;
use crate::load::SourceFile;

/// Finds where values sit inside a file's front matter, so checks that run after serde can
/// still point at a line and column.
pub(crate) struct Locator<'a> {
    file: &'a SourceFile,
}

impl<'a> Locator<'a> {
    /// A locator over `file`'s front matter.
    pub(crate) fn new(file: &'a SourceFile) -> Locator<'a> {
        Locator { file }
    }

    fn range(&self) -> std::ops::Range<usize> {
        self.file.front_matter.clone().unwrap_or(0..0)
    }

    /// Offset of the first `key:` at or after `from` (a front-matter offset or 0).
    pub(crate) fn key(&self, from: usize, key: &str) -> Option<usize> {
        let r = self.range();
        let start = from.max(r.start);
        let hay = self.file.text.get(start..r.end)?;
        let pattern = format!("{key}:");
        let mut search = 0;
        while let Some(i) = hay[search..].find(&pattern) {
            let at = search + i;
            let before = hay[..at].chars().next_back();
            if before.is_none_or(|c| c.is_whitespace() || c == '{' || c == ',' || c == '-') {
                return Some(start + at);
            }
            search = at + pattern.len();
        }
        None
    }

    /// Offset of `value` at or after `from`.
    pub(crate) fn value(&self, from: usize, value: &str) -> Option<usize> {
        let r = self.range();
        let start = from.max(r.start);
        let hay = self.file.text.get(start..r.end)?;
        if value.is_empty() {
            return None;
        }
        hay.find(value).map(|i| start + i)
    }

    /// Location of `value` under `key` (searched after `from`), else of `key`, else of the
    /// front matter's first line.
    pub(crate) fn locate(&self, from: usize, key: &str, value: Option<&str>) -> Location {
        let key_at = self.key(from, key);
        if let (Some(k), Some(v)) = (key_at, value) {
            if let Some(at) = self.value(k + key.len() + 1, v) {
                return self.file.location(at, v.chars().count());
            }
        }
        match key_at {
            Some(k) => self.file.location(k, key.len()),
            None => self.file.location(self.range().start, 3),
        }
    }

    /// Offset of the list item whose `key` is `value` (e.g. the stage with `id: first-days`).
    pub(crate) fn item(&self, list_key: &str, key: &str, value: &str) -> usize {
        let list = self.key(0, list_key).unwrap_or(self.range().start);
        let mut from = list;
        while let Some(k) = self.key(from, key) {
            let line_end = self.file.text[k..]
                .find('\n')
                .map_or(self.file.text.len(), |i| k + i);
            let item_end = self.file.text[k..line_end]
                .find([',', '}'])
                .map_or(line_end, |i| k + i);
            let written = self.file.text[k + key.len() + 1..item_end]
                .trim()
                .trim_matches(['"', '\'']);
            if written == value {
                return k;
            }
            from = k + key.len() + 1;
        }
        list
    }
}
