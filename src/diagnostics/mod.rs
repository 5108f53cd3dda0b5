//! Problems found in a site, each with where it is and how to fix it.
//!
//! Every stage collects [`Diagnostic`]s instead of stopping at the first problem, so a
//! writer sees all of them in one run.

pub(crate) mod code;

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site cannot be built correctly.
    Error,
    /// The site builds, but something deserves a look.
    Warning,
}

/// A place in a source file: path relative to the site root, 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Path of the file, relative to the site root.
    pub file: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The text of that line (without the line break), for the snippet.
    pub source_line: String,
    /// How many characters the caret underlines (at least 1).
    pub width: usize,
}

impl Location {
    /// A location at a byte offset of `text`, the whole content of `file`.
    pub fn at_offset(file: &Path, text: &str, offset: usize, len: usize) -> Location {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[..offset].matches('\n').count() + 1;
        let column = text[line_start..offset].chars().count() + 1;
        let source_line = text[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        let rest = source_line.chars().count().saturating_sub(column - 1);
        let width = len.clamp(1, rest.max(1));
        Location {
            file: file.to_path_buf(),
            line,
            column,
            source_line,
            width,
        }
    }

    /// A location that knows only the file.
    pub fn file_only(file: &Path) -> Location {
        Location {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            source_line: String::new(),
            width: 0,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = shown_path(&self.file);
        if self.line == 0 {
            write!(f, "{path}")
        } else {
            write!(f, "{path}:{}:{}", self.line, self.column)
        }
    }
}

/// A path as messages show it: `/`-separated on every system. Only Windows' separator is
/// turned into `/`; elsewhere a `\` belongs to the name (or escapes a control character).
pub(crate) fn shown_path(path: &Path) -> String {
    let text = path.display().to_string();
    if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text
    }
}

/// One problem found in a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code, e.g. `P0201`; documented in `docs/diagnostics.md`.
    pub code: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where it is, when that is known (boxed to keep `Result<_, Diagnostic>` small).
    pub location: Option<Box<Location>>,
    /// Label under the caret.
    pub label: Option<Box<str>>,
    /// How to fix it.
    pub help: Option<Box<str>>,
    /// Other places that take part in the problem (e.g. the other side of a contradiction).
    pub related: Vec<(String, Location)>,
}

impl Diagnostic {
    /// A new error.
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location: None,
            label: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// A new warning.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Sets where the problem is.
    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(Box::new(location));
        self
    }

    /// Sets the label under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into().into_boxed_str());
        self
    }

    /// Sets the hint on how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into().into_boxed_str());
        self
    }

    /// Adds another place that takes part in the problem.
    pub fn also(mut self, label: impl Into<String>, location: Location) -> Diagnostic {
        self.related.push((label.into(), location));
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic like a compiler message; `color` adds ANSI colours.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let paths: Vec<String> = self
            .location
            .iter()
            .map(|b| &**b)
            .chain(self.related.iter().map(|(_, l)| l))
            .map(|l| shown_path(&l.file))
            .collect();
        let mut paths = paths.iter();
        let mut first = Group::with_title(level.primary_title(self.message.as_str()).id(self.code));
        if let Some(loc) = &self.location {
            let path = paths.next().map_or("", String::as_str);
            first = if loc.line == 0 {
                first.element(Origin::path(path))
            } else {
                first.element(snippet(loc, path, self.label.as_deref()))
            };
        }
        for (label, loc) in &self.related {
            let path = paths.next().map_or("", String::as_str);
            first = if loc.line == 0 {
                first.element(Origin::path(path))
            } else {
                first.element(snippet(loc, path, Some(label.as_str())))
            };
        }
        let mut groups = vec![first];
        if let Some(help) = &self.help {
            groups.push(Group::with_title(Level::HELP.secondary_title(&**help)));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&groups)
    }
}

fn snippet<'a>(
    loc: &'a Location,
    path: &'a str,
    label: Option<&'a str>,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let line = &loc.source_line;
    let start = line
        .char_indices()
        .nth(loc.column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let end = line[start..]
        .char_indices()
        .nth(loc.width.max(1))
        .map_or(line.len(), |(i, _)| start + i);
    let mut annotation = AnnotationKind::Primary.span(start..end);
    if let Some(label) = label {
        annotation = annotation.label(label);
    }
    Snippet::source(line.as_str())
        .line_start(loc.line.max(1))
        .path(path)
        .annotation(annotation)
}

impl Diagnostic {
    /// `error` or `warning`.
    pub fn severity_name(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// One JSON object: severity, code, file, line, column, message, help.
    pub fn to_json(&self) -> serde_json::Value {
        let loc = self.location.as_deref();
        serde_json::json!({
            "severity": self.severity_name(),
            "code": self.code,
            "file": loc.map(|l| shown_path(&l.file)),
            "line": loc.map(|l| l.line).filter(|&n| n > 0),
            "column": loc.map(|l| l.column).filter(|&n| n > 0),
            "message": self.message,
            "help": self.help.as_deref(),
        })
    }

    /// A GitHub Actions workflow command, so the problem shows inline on a pull request.
    pub fn to_github(&self) -> String {
        let mut props = Vec::new();
        if let Some(l) = self.location.as_deref() {
            props.push(format!("file={}", gh_property(&shown_path(&l.file))));
            if l.line > 0 {
                props.push(format!("line={}", l.line));
                props.push(format!("col={}", l.column));
            }
        }
        props.push(format!("title={}", gh_property(self.code)));
        let mut message = self.message.clone();
        if let Some(help) = &self.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        format!(
            "::{} {}::{}",
            self.severity_name(),
            props.join(","),
            gh_data(&message)
        )
    }
}

/// Escapes a workflow command's message.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The largest char boundary at or before `i`.
fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// All diagnostics of a run, in a stable order.
#[derive(Debug, Default, Clone)]
pub(crate) struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No diagnostics yet.
    pub(crate) fn new() -> Diagnostics {
        Diagnostics::default()
    }

    /// Adds one.
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Adds many.
    pub(crate) fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    /// True when any error was found.
    pub(crate) fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Sorted by file, line, column, then message, so output is deterministic.
    pub(crate) fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                d.location
                    .as_ref()
                    .map(|l| (l.file.clone(), l.line, l.column))
            };
            key(a)
                .cmp(&key(b))
                .then_with(|| a.severity.cmp(&b.severity))
                .then_with(|| a.message.cmp(&b.message))
        });
        self.items
    }
}

/// `check --strict`: placeholders still in front matter (P0522) become errors, since a
/// page that still says `TODO` must not be published as checked.
pub fn strict_placeholders(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        if d.code == code::PLACEHOLDER {
            d.severity = Severity::Error;
        }
    }
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word_lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(1) + 1)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Levenshtein distance, counted in characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Reads serde's "unknown field `x`, expected one of `a`, `b`" message: the field and the
/// closest valid one.
pub(crate) fn unknown_field(message: &str) -> Option<(String, Option<String>)> {
    if !message.starts_with("unknown field") {
        return None;
    }
    let mut names = message.split('`').skip(1).step_by(2);
    let field = names.next()?.to_string();
    let expected: Vec<&str> = names.collect();
    let suggestion = did_you_mean(&field, expected.iter().copied()).map(str::to_string);
    Some((field, suggestion))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_github_forms() {
        let text = "---\ntitle: x, y\n---\n";
        let d = Diagnostic::error(code::UNKNOWN_FIELD, "unknown field `titel`")
            .at(Location::at_offset(Path::new("content/a:b.md"), text, 4, 5))
            .help("did you mean `title`?\n100% sure");
        let j = d.to_json();
        assert_eq!(j["line"], 2);
        assert_eq!(j["column"], 1);
        assert_eq!(j["file"], "content/a:b.md");
        assert_eq!(j["severity"], "error");
        assert_eq!(
            d.to_github(),
            "::error file=content/a%3Ab.md,line=2,col=1,title=P0207::unknown field `titel`%0Ahelp: did you mean `title`?%0A100%25 sure"
        );
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("titel", ["title", "topics"]), Some("title"));
        assert_eq!(
            did_you_mean("revewed", ["reviewed", "related"]),
            Some("reviewed")
        );
        assert_eq!(did_you_mean("zzzzzz", ["title", "topics"]), None);
    }

    #[test]
    fn reads_serde_unknown_field_messages() {
        let (field, hint) =
            unknown_field("unknown field `titel`, expected one of `title`, `date`").unwrap();
        assert_eq!(field, "titel");
        assert_eq!(hint.as_deref(), Some("title"));
    }

    #[test]
    fn locates_offsets_in_lines_and_characters() {
        let text = "---\ntitle: é x\n---\n";
        let at = text.find('x').unwrap();
        let loc = Location::at_offset(Path::new("a.md"), text, at, 1);
        assert_eq!((loc.line, loc.column), (2, 10));
        assert_eq!(loc.source_line, "title: é x");
        assert_eq!(loc.to_string(), "a.md:2:10");
    }
}
