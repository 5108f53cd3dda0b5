//! Stage 1, load: walk `content/`, read every markdown file, split off its front matter.

pub(crate) mod theme;

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};

/// The folder that holds the pages.
pub(crate) const CONTENT_DIR: &str = "content";

/// One markdown file, read and split.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path inside `content/`, with `/` separators: `articles/recovery.md`.
    pub path: String,
    /// Path relative to the site root, for messages: `content/articles/recovery.md`.
    pub display_path: PathBuf,
    /// The whole file, without a byte-order mark.
    pub text: String,
    /// Byte range of the YAML between the `---` lines, if the file has front matter.
    pub front_matter: Option<Range<usize>>,
    /// Byte offset where the markdown body starts.
    pub body_start: usize,
}

impl SourceFile {
    /// The YAML text of the front matter (empty when there is none).
    pub fn yaml(&self) -> &str {
        // `get`: once parsing has dropped the text, the ranges point past its end.
        self.front_matter
            .clone()
            .and_then(|r| self.text.get(r))
            .unwrap_or("")
    }

    /// The markdown body.
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or("")
    }

    /// A location at a byte offset of the file.
    pub fn location(&self, offset: usize, len: usize) -> Location {
        Location::at_offset(&self.display_path, &self.text, offset, len)
    }

    /// True for `_index.md` files, which describe a folder's list page.
    pub fn is_index(&self) -> bool {
        is_index_path(&self.path)
    }
}

/// True for a folder's `_index.md`, or a translation of one (`_index.ur.md`).
pub(crate) fn is_index_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == "_index.md" || (name.starts_with("_index.") && name.ends_with(".md"))
}

/// How a file's front matter splits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// The file does not start with `---`.
    Missing,
    /// The file starts with `---` but no closing `---` follows.
    Unterminated,
    /// YAML range and where the body starts.
    Found {
        /// Byte range of the YAML.
        yaml: Range<usize>,
        /// Byte offset of the body.
        body_start: usize,
    },
}

/// Splits YAML front matter between a first line `---` and the next line `---` (or `...`).
/// Works with `\n` and `\r\n` line endings.
pub fn split_front_matter(text: &str) -> Split {
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Split::Missing;
    };
    if first.trim_end() != "---" {
        return Split::Missing;
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for line in lines {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Split::Found {
                yaml: yaml_start..offset,
                body_start: offset + line.len(),
            };
        }
        offset += line.len();
    }
    Split::Unterminated
}

/// Reads every page under `root/content`. Problems (unreadable files, non-UTF-8, front
/// matter never closed) come back as diagnostics; the other files still load.
pub(crate) fn load_content(root: &Path) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let content = root.join(CONTENT_DIR);
    let (paths, mut problems) = find_content(root);
    let results: Vec<Result<SourceFile, Diagnostic>> = paths
        .par_iter()
        .map(|p| read_source(root, &content, p))
        .collect();
    let mut files = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => problems.push(d),
        }
    }
    (files, problems)
}

/// The content paths (`articles/a.md`) of the files that exist but could not be loaded,
/// read from the problems loading reported: links to them are not reported again.
pub(crate) fn unloaded(problems: &[Diagnostic]) -> HashSet<String> {
    problems
        .iter()
        .filter(|d| LOAD_FAILURES.contains(&d.code))
        .filter_map(|d| d.location.as_deref())
        .filter_map(|l| l.file.strip_prefix(CONTENT_DIR).ok())
        .map(|rel| {
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect()
}

/// The codes of the problems that keep a content file from loading.
const LOAD_FAILURES: &[&str] = &[
    code::CONTENT_UNREADABLE,
    code::NOT_UTF8,
    code::FRONT_MATTER_UNCLOSED,
];

/// The markdown files under `root/content`, sorted by name, skipping editor temp files.
pub(crate) fn find_content(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let content = root.join(CONTENT_DIR);
    let mut problems = Vec::new();
    let mut paths = Vec::new();
    if !content.is_dir() {
        problems.push(
            Diagnostic::error(
                code::NO_CONTENT,
                format!("no `{CONTENT_DIR}/` folder in {}", root.display()),
            )
            .help("create `content/` with your markdown pages, or pass `--root DIR`"),
        );
        return (Vec::new(), problems);
    }
    let mut walker = WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    while let Some(entry) = walker.next() {
        match entry {
            Ok(e) if e.depth() == 0 || !may_hold_pages(&e) => {}
            Ok(e) => {
                if let Some(d) = unusable_entry(root, &e) {
                    problems.push(d);
                    if e.file_type().is_dir() {
                        walker.skip_current_dir();
                    }
                } else if e.file_type().is_file() {
                    paths.push(e.into_path());
                }
            }
            Err(err) => {
                let at = err
                    .path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                problems.push(
                    Diagnostic::error(
                        code::CONTENT_UNREADABLE,
                        format!("cannot read `{}`: {err}", at.display()),
                    )
                    .at(Location::file_only(&at))
                    .help("check the file's permissions, or remove a symbolic link that loops"),
                );
            }
        }
    }
    (paths, problems)
}

/// A markdown file or a folder, or a symbolic link to one: what the content walk looks at.
fn may_hold_pages(e: &walkdir::DirEntry) -> bool {
    let markdown = e.path().extension().is_some_and(|x| x == "md");
    markdown || e.file_type().is_dir() || (e.path_is_symlink() && e.path().is_dir())
}

/// Why a file or folder found under `content/`, `static/` or `templates/` is not built: a
/// control character in its path (an error) or a symbolic link (a warning); `None` when
/// it is fine. Symbolic links are not followed, as their target may lie outside the site.
pub(crate) fn unusable_entry(root: &Path, entry: &walkdir::DirEntry) -> Option<Diagnostic> {
    let display = display_path(root, entry.path());
    let what = if entry.file_type().is_dir() {
        "folder"
    } else {
        "file"
    };
    if let Some(escaped) = escape_controls(&display) {
        return Some(
            Diagnostic::error(
                code::CONTROL_CHARACTER,
                format!("the {what} path `{escaped}` contains a control character"),
            )
            .at(Location::file_only(Path::new(&escaped)))
            .help(format!(
                "rename the {what}: control characters such as line breaks cannot be part of a URL; the {what} is not built"
            )),
        );
    }
    if entry.path_is_symlink() {
        let shown = crate::diagnostics::shown_path(&display);
        return Some(
            Diagnostic::warning(code::SYMLINK_SKIPPED, format!("`{shown}` is a symbolic link; skipped"))
                .at(Location::file_only(&display))
                .help("Pigment does not follow symbolic links, so the site builds the same wherever it is copied; copy the file or folder in instead"),
        );
    }
    None
}

/// `path` with its control characters escaped (`a\nb.md`), or `None` when it has none.
pub(crate) fn escape_controls(path: &Path) -> Option<String> {
    let text = crate::diagnostics::shown_path(path);
    if !text.chars().any(char::is_control) {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Reads and splits one content file; `path` lies under `content`.
pub(crate) fn read_source(
    root: &Path,
    content: &Path,
    path: &Path,
) -> Result<SourceFile, Diagnostic> {
    let display = display_path(root, path);
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(
            code::CONTENT_UNREADABLE,
            format!("cannot read `{}`: {e}", display.display()),
        )
        .at(Location::file_only(&display))
        .help("check that the file exists and is readable")
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        Diagnostic::error(
            code::NOT_UTF8,
            format!("`{}` is not valid UTF-8", display.display()),
        )
        .at(Location::at_offset(&display, &valid, offset, 1))
        .help("save the file as UTF-8 in your editor")
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(t) => t.to_string(),
        None => text,
    };
    let rel = path.strip_prefix(content).unwrap_or(path);
    let rel = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/");
    let (front_matter, body_start) = match split_front_matter(&text) {
        Split::Found { yaml, body_start } => (Some(yaml), body_start),
        Split::Missing => (None, 0),
        Split::Unterminated => {
            return Err(Diagnostic::error(
                code::FRONT_MATTER_UNCLOSED,
                "front matter is not closed",
            )
            .at(Location::at_offset(&display, &text, 0, 3))
            .label("opened here")
            .help("end the front matter with a line containing only `---`"));
        }
    };
    Ok(SourceFile {
        path: rel,
        display_path: display,
        text,
        front_matter,
        body_start,
    })
}

/// `path` relative to the site root, for messages.
pub(crate) fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Hidden files and the temporary files editors leave next to the real one.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_whose_text_was_dropped_has_empty_parts_not_a_panic() {
        let file = SourceFile {
            path: "a.md".into(),
            display_path: PathBuf::from("content/a.md"),
            text: String::new(),
            front_matter: Some(4..20),
            body_start: 24,
        };
        assert_eq!((file.yaml(), file.body()), ("", ""));
    }

    #[test]
    fn splits_lf_and_crlf() {
        let t = "---\ntitle: x\n---\nbody\n";
        assert_eq!(
            split_front_matter(t),
            Split::Found {
                yaml: 4..13,
                body_start: 17
            }
        );
        let t = "---\r\ntitle: x\r\n---\r\nbody\r\n";
        let Split::Found { yaml, body_start } = split_front_matter(t) else {
            panic!("no front matter found");
        };
        assert_eq!(&t[yaml], "title: x\r\n");
        assert_eq!(&t[body_start..], "body\r\n");
    }

    #[test]
    fn missing_and_unterminated() {
        assert_eq!(split_front_matter("# hi\n"), Split::Missing);
        assert_eq!(split_front_matter(""), Split::Missing);
        assert_eq!(split_front_matter("---\ntitle: x\n"), Split::Unterminated);
        assert_eq!(split_front_matter("----\n"), Split::Missing);
    }

    #[test]
    fn a_file_that_vanished_is_an_error_not_a_panic() {
        let dir = std::env::temp_dir().join("pigment-vanished-test");
        let content = dir.join(CONTENT_DIR);
        let gone = content.join("gone.md");
        let err = read_source(&dir, &content, &gone).expect_err("missing file");
        assert_eq!(err.code, code::CONTENT_UNREADABLE);
        assert!(err.message.contains("content/gone.md"), "{}", err.message);
    }

    #[test]
    fn control_characters_in_paths_are_escaped() {
        assert_eq!(
            escape_controls(Path::new("content/a\nb\t\u{1b}.md")).as_deref(),
            Some("content/a\\nb\\t\\u{1b}.md")
        );
        assert_eq!(escape_controls(Path::new("content/caf\u{e9}.md")), None);
    }

    #[test]
    fn files_that_failed_to_load_are_known_by_content_path() {
        let at = |p: &str| Location::file_only(Path::new(p));
        let problems = [
            Diagnostic::error(code::NOT_UTF8, "not UTF-8").at(at("content/articles/costs.md")),
            Diagnostic::error(code::UNKNOWN_FIELD, "unknown field").at(at("content/articles/a.md")),
        ];
        let unloaded = unloaded(&problems);
        assert_eq!(
            unloaded.into_iter().collect::<Vec<_>>(),
            ["articles/costs.md"]
        );
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        for n in [
            ".recovery.md.swp",
            "recovery.md~",
            "#recovery.md#",
            "4913",
            ".git",
        ] {
            assert!(is_ignored_name(n), "{n}");
        }
        assert!(!is_ignored_name("recovery.md"));
    }
}
