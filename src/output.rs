//! Stage 5, write: put rendered files in the output folder. Only files whose bytes changed
//! are written; files an earlier build wrote and this one did not are removed; files
//! Pigment never wrote are left alone.

use std::collections::{BTreeSet, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};

/// One file of the built site, in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path inside the output folder, `/`-separated, no `..`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// The list of files the last build wrote, kept in the output folder.
pub const MANIFEST: &str = ".pigment-manifest";

/// What a write changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or overwritten.
    pub written: usize,
    /// Files already up to date.
    pub unchanged: usize,
    /// Stale files removed.
    pub removed: usize,
}

/// An I/O failure with the path it happened on.
#[derive(Debug)]
pub struct WriteError {
    /// The file or folder.
    pub path: PathBuf,
    /// What went wrong.
    pub error: io::Error,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write `{}`: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for WriteError {}

fn err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |error| WriteError {
        path: path.to_path_buf(),
        error,
    }
}

/// True for a relative path made only of plain names.
pub fn is_plain_relative(p: &str) -> bool {
    !p.is_empty()
        && !p.contains('\\')
        && Path::new(p)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Writes `files` into `out_dir`.
pub fn write(out_dir: &Path, files: &[OutputFile]) -> Result<WriteReport, WriteError> {
    std::fs::create_dir_all(out_dir).map_err(err(out_dir))?;
    let manifest_path = out_dir.join(MANIFEST);
    let old: Vec<String> = match std::fs::read_to_string(&manifest_path) {
        Ok(text) => text.lines().map(str::to_string).collect(),
        Err(_) => Vec::new(),
    };
    let mut report = WriteReport::default();
    let mut made_dirs: HashSet<PathBuf> = HashSet::new();
    let new: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();

    for f in files {
        if !is_plain_relative(&f.path) {
            continue;
        }
        let path = out_dir.join(&f.path);
        if let Ok(meta) = std::fs::symlink_metadata(&path) {
            if meta.is_file() && meta.len() == f.bytes.len() as u64 {
                if let Ok(existing) = std::fs::read(&path) {
                    if existing == f.bytes {
                        report.unchanged += 1;
                        continue;
                    }
                }
            }
            if meta.file_type().is_symlink() {
                // Never write through a link into a place outside the output folder.
                std::fs::remove_file(&path).map_err(err(&path))?;
            }
        }
        if let Some(parent) = path.parent() {
            if !made_dirs.contains(parent) {
                std::fs::create_dir_all(parent).map_err(err(parent))?;
                made_dirs.insert(parent.to_path_buf());
            }
        }
        std::fs::write(&path, &f.bytes).map_err(err(&path))?;
        report.written += 1;
    }

    for stale in old.iter().filter(|p| !new.contains(p.as_str())) {
        if !is_plain_relative(stale) || stale == MANIFEST {
            continue;
        }
        let path = out_dir.join(stale);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() || meta.file_type().is_symlink() => {
                std::fs::remove_file(&path).map_err(err(&path))?;
                report.removed += 1;
                remove_empty_parents(out_dir, &path);
            }
            _ => {}
        }
    }

    let listing: String = new
        .iter()
        .filter(|p| is_plain_relative(p))
        .map(|p| format!("{p}\n"))
        .collect();
    let old_listing: String = old.iter().map(|p| format!("{p}\n")).collect();
    if listing != old_listing {
        let tmp = out_dir.join(format!("{MANIFEST}.tmp"));
        std::fs::write(&tmp, listing).map_err(err(&tmp))?;
        std::fs::rename(&tmp, &manifest_path).map_err(err(&manifest_path))?;
    }
    Ok(report)
}

/// Removes folders left empty by removing `file`, up to (not including) `out_dir`.
fn remove_empty_parents(out_dir: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out_dir || !d.starts_with(out_dir) {
            break;
        }
        if std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}
