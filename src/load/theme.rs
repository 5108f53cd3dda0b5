//! Finding a theme's templates, static files and message files: the site's `themes/NAME/`
//! folder, or the bundled theme built into the binary, with the site's own `templates/` and
//! `static/` overriding files one by one and its `i18n/` overriding messages key by key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};
use crate::i18n::{MessageFile, Messages};
use crate::load::is_ignored_name;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));
}

/// A file of the theme or the site: where it came from and its bytes.
#[derive(Debug, Clone)]
pub(crate) struct ThemeFile {
    /// Path for messages, relative to the site root (or `<bundled clinic theme>/…`).
    pub display_path: PathBuf,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// The templates and static files a site renders with.
#[derive(Debug, Clone, Default)]
pub(crate) struct Theme {
    /// Template name (`article.html`, `partials/head.html`) to file.
    pub templates: BTreeMap<String, ThemeFile>,
    /// Static path (`style.css`, `img/logo.png`) to file; images kept beside the pages in
    /// `content/` are here too, by their path inside it (`articles/photo.jpg`).
    pub statics: BTreeMap<String, ThemeFile>,
    /// The words of the theme and the site, by language.
    pub messages: Messages,
    /// The message files as read (theme's, then site's), so a rebuild can tell when one
    /// changed.
    pub message_sources: Vec<(PathBuf, Vec<u8>)>,
    /// Files found but not used (symbolic links), to report.
    pub warnings: Vec<Diagnostic>,
}

/// Loads theme `name` for the site at `root`.
pub(crate) fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
    let mut theme = Theme::default();
    let mut problems = Vec::new();
    let mut theme_i18n = BTreeMap::new();
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        read_tree(
            root,
            &dir.join("templates"),
            &mut theme.templates,
            &mut problems,
        );
        read_tree(root, &dir.join("static"), &mut theme.statics, &mut problems);
        read_tree(root, &dir.join("i18n"), &mut theme_i18n, &mut problems);
    } else if name == "clinic" {
        for (rel, bytes) in embedded::CLINIC {
            let file = ThemeFile {
                display_path: PathBuf::from(format!("<bundled clinic theme>/{rel}")),
                bytes: bytes.to_vec(),
            };
            if let Some(t) = rel.strip_prefix("templates/") {
                theme.templates.insert(t.to_string(), file);
            } else if let Some(s) = rel.strip_prefix("static/") {
                theme.statics.insert(s.to_string(), file);
            } else if let Some(s) = rel.strip_prefix("i18n/") {
                theme_i18n.insert(s.to_string(), file);
            }
        }
    } else {
        return Err(vec![Diagnostic::error(
            code::THEME_NOT_FOUND,
            format!("theme `{name}` not found"),
        )
        .at(Location::file_only(Path::new(crate::config::CONFIG_FILE)))
        .help(format!(
            "create `themes/{name}/`, or use the bundled theme: `theme = \"clinic\"`"
        ))]);
    }
    // The site's own files win.
    read_tree(
        root,
        &root.join("templates"),
        &mut theme.templates,
        &mut problems,
    );
    read_tree(
        root,
        &root.join("static"),
        &mut theme.statics,
        &mut problems,
    );
    read_content_images(root, &mut theme.statics);
    let mut site_i18n = BTreeMap::new();
    read_tree(root, &root.join("i18n"), &mut site_i18n, &mut problems);
    let theme_dir = crate::load::display_path(root, &dir.join("i18n"));
    let (messages, p) = messages(&theme_dir, &theme_i18n, &site_i18n);
    theme.messages = messages;
    theme.message_sources = theme_i18n
        .into_values()
        .chain(site_i18n.into_values())
        .map(|f| (f.display_path, f.bytes))
        .collect();
    problems.extend(p);
    if problems.iter().any(Diagnostic::is_error) {
        Err(problems)
    } else {
        theme.warnings = problems;
        Ok(theme)
    }
}

/// The message files of the theme and the site.
fn messages(
    theme_dir: &Path,
    theme: &BTreeMap<String, ThemeFile>,
    site: &BTreeMap<String, ThemeFile>,
) -> (Messages, Vec<Diagnostic>) {
    Messages::load(theme_dir, &message_files(theme), &message_files(site))
}

/// The `<code>.toml` files directly in an `i18n/` folder, with their language codes.
fn message_files(tree: &BTreeMap<String, ThemeFile>) -> Vec<MessageFile<'_>> {
    tree.iter()
        .filter_map(|(rel, f)| {
            let language = rel.strip_suffix(".toml").filter(|c| !c.contains('/'))?;
            Some(MessageFile {
                language,
                path: &f.display_path,
                bytes: &f.bytes,
            })
        })
        .collect()
}

fn read_tree(
    root: &Path,
    dir: &Path,
    into: &mut BTreeMap<String, ThemeFile>,
    problems: &mut Vec<Diagnostic>,
) {
    if !dir.is_dir() {
        return;
    }
    let mut walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let at = err
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                let at = crate::load::display_path(root, &at);
                problems.push(
                    Diagnostic::error(
                        code::THEME_UNREADABLE,
                        format!("cannot read `{}`: {err}", at.display()),
                    )
                    .at(Location::file_only(&at))
                    .help("check permissions, or remove a symbolic link that loops"),
                );
                continue;
            }
        };
        if entry.depth() > 0 {
            if let Some(d) = crate::load::unusable_entry(root, &entry) {
                problems.push(d);
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let display = crate::load::display_path(root, entry.path());
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                into.insert(
                    rel.join("/"),
                    ThemeFile {
                        display_path: display,
                        bytes,
                    },
                );
            }
            Err(e) => problems.push(
                Diagnostic::error(
                    code::THEME_UNREADABLE,
                    format!("cannot read `{}`: {e}", display.display()),
                )
                .at(Location::file_only(&display))
                .help("check that the file is readable"),
            ),
        }
    }
}

/// Reads the images kept beside the pages (`content/articles/photo.jpg`) into `into`, by
/// their path inside `content/`, unless `static/` has a file of that path. Entries that
/// cannot be read are left out: loading the content reports them.
fn read_content_images(root: &Path, into: &mut BTreeMap<String, ThemeFile>) {
    let dir = root.join(crate::load::CONTENT_DIR);
    let walker = WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || crate::imagefile::Format::of_name(&name).is_none() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let Some(rel) = rel.to_str().map(|r| r.replace('\\', "/")) else {
            continue;
        };
        if into.contains_key(&rel) {
            continue;
        }
        if let Ok(bytes) = std::fs::read(entry.path()) {
            let display_path = crate::load::display_path(root, entry.path());
            into.insert(
                rel,
                ThemeFile {
                    display_path,
                    bytes,
                },
            );
        }
    }
}
