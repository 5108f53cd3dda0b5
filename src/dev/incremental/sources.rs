//! Content files kept between builds: a file is read and parsed again only when its size or
//! modification time changed, a watcher reported it, or the configuration changed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::load::{self, SourceFile};
use crate::parse::ParsedPage;

/// What a file looked like when it was read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

/// What a file looked like when it was read, for [`SourceCache::keep`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct FileStamp(Stamp);

fn stamp_of(path: &Path) -> Option<Stamp> {
    std::fs::metadata(path).ok().map(|m| Stamp {
        len: m.len(),
        modified: m.modified().ok(),
    })
}

/// A file as last read and parsed.
struct Cached {
    stamp: Stamp,
    parsed: Result<(ParsedPage, Vec<Diagnostic>), Diagnostic>,
}

/// Parsed content files by absolute path.
#[derive(Default)]
pub(crate) struct SourceCache {
    /// The configuration the cached files were parsed with.
    config: Option<Config>,
    files: HashMap<PathBuf, Cached>,
    /// Files to read again whatever their stamp says.
    dirty: HashSet<PathBuf>,
    /// Files read and parsed by the last build.
    pub reparsed: usize,
}

impl SourceCache {
    /// Marks files to read again on the next build.
    pub(crate) fn mark_dirty(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.dirty.extend(paths);
    }

    /// The content files that changed since they were read, without reading them: `None`
    /// when files were added or removed (or never read), so the caller must load them all.
    pub(crate) fn changed_files(&self, root: &Path) -> Option<Vec<PathBuf>> {
        let (paths, problems) = load::find_content(root);
        if !problems.is_empty() || paths.len() != self.files.len() {
            return None;
        }
        let files = &self.files;
        let dirty = &self.dirty;
        let checked: Vec<Option<Option<PathBuf>>> = paths
            .into_par_iter()
            .map(|path| {
                let known = files.get(&path)?;
                let stamp = stamp_of(&path);
                let same = stamp == Some(known.stamp) && !dirty.contains(&path);
                Some((!same).then_some(path))
            })
            .collect();
        checked
            .into_iter()
            .collect::<Option<Vec<_>>>()
            .map(|v| v.into_iter().flatten().collect())
    }

    /// The content files among `reported` (every file that changed, as a watcher saw
    /// them), under the names [`SourceCache::changed_files`] uses. `None` when a content
    /// file was added or removed. Paths that are gone and were never read (an editor's
    /// temporary file) are left out; so are files outside `content/`.
    pub(crate) fn reported_changes(
        &self,
        root: &Path,
        reported: &[PathBuf],
    ) -> Option<Vec<PathBuf>> {
        let content = root.join(load::CONTENT_DIR);
        let abs_content = std::path::absolute(&content).ok()?;
        let mut changed = Vec::new();
        for p in reported {
            let abs = std::path::absolute(p).ok()?;
            let Ok(rel) = abs.strip_prefix(&abs_content) else {
                continue;
            };
            let key = content.join(rel);
            let meta = std::fs::symlink_metadata(&key);
            let known = self.files.contains_key(&key);
            match (known, meta) {
                (true, Ok(m)) if m.is_file() => changed.push(key),
                (false, Err(_)) => {}
                (false, Ok(m)) if m.is_file() && key.extension().is_none_or(|x| x != "md") => {}
                _ => return None,
            }
        }
        changed.sort();
        changed.dedup();
        Some(changed)
    }

    /// The page `path` was parsed into last time, when it parsed without a problem.
    pub(crate) fn clean_page(&self, path: &Path) -> Option<&ParsedPage> {
        match &self.files.get(path)?.parsed {
            Ok((page, problems)) if problems.is_empty() => Some(page),
            _ => None,
        }
    }

    /// Reads and parses one file, as a full load would; `None` when it cannot be read or has
    /// a problem.
    pub(crate) fn parse_clean(
        root: &Path,
        path: &Path,
        config: &Config,
        parse: fn(SourceFile, &Config) -> (ParsedPage, Vec<Diagnostic>),
    ) -> Option<(ParsedPage, FileStamp)> {
        let stamp = stamp_of(path)?;
        let content = root.join(load::CONTENT_DIR);
        let (page, problems) = parse(load::read_source(root, &content, path).ok()?, config);
        problems.is_empty().then_some((page, FileStamp(stamp)))
    }

    /// Keeps `page` as the parse of `path`, read when the file looked like `stamp`.
    pub(crate) fn keep(&mut self, path: PathBuf, page: ParsedPage, stamp: FileStamp) {
        self.dirty.remove(&path);
        self.files.insert(
            path,
            Cached {
                stamp: stamp.0,
                parsed: Ok((page, Vec::new())),
            },
        );
    }

    /// Walks `content/`, reads and parses the files that changed, and returns every page
    /// with the problems found in it, like a full load and parse would.
    pub(crate) fn load_and_parse(
        &mut self,
        root: &Path,
        config: &Config,
        parse: fn(SourceFile, &Config) -> (ParsedPage, Vec<Diagnostic>),
    ) -> (Vec<ParsedPage>, Vec<Diagnostic>) {
        // Parsing depends on the configuration (topics, base path), so a new one re-parses all.
        if self.config.as_ref() != Some(config) {
            self.files.clear();
            self.config = Some(config.clone());
        }
        let (paths, mut problems) = load::find_content(root);
        let content = root.join(load::CONTENT_DIR);
        let dirty = std::mem::take(&mut self.dirty);
        let files = &self.files;
        let fresh: Vec<(PathBuf, Option<Cached>)> = paths
            .into_par_iter()
            .map(|path| {
                let stamp = stamp_of(&path);
                let known = files.get(&path);
                let unchanged = matches!((known, stamp), (Some(c), Some(s)) if c.stamp == s)
                    && !dirty.contains(&path);
                if unchanged {
                    return (path, None);
                }
                let stamp = stamp.unwrap_or_default();
                let parsed = load::read_source(root, &content, &path).map(|f| parse(f, config));
                (path, Some(Cached { stamp, parsed }))
            })
            .collect();

        let present: HashSet<&PathBuf> = fresh.iter().map(|(p, _)| p).collect();
        let gone: Vec<PathBuf> = self
            .files
            .keys()
            .filter(|p| !present.contains(p))
            .cloned()
            .collect();
        for p in gone {
            self.files.remove(&p);
        }
        self.reparsed = 0;
        let mut order = Vec::with_capacity(fresh.len());
        for (path, new) in fresh {
            if let Some(c) = new {
                self.reparsed += 1;
                self.files.insert(path.clone(), c);
            }
            order.push(path);
        }

        // Same order and same problems as a full load: files sorted by name, read errors
        // first, then each page's parse problems.
        let mut pages = Vec::with_capacity(order.len());
        let mut parse_problems = Vec::new();
        for path in &order {
            match self.files.get(path).map(|c| &c.parsed) {
                Some(Ok((page, probs))) => {
                    pages.push(page.clone());
                    parse_problems.extend(probs.iter().cloned());
                }
                Some(Err(d)) => problems.push(d.clone()),
                None => {}
            }
        }
        problems.extend(parse_problems);
        (pages, problems)
    }
}
