//! Stage 5, write: put rendered files in the output folder. Only files whose bytes changed
//! are written; files an earlier build wrote and this one did not are removed; files
//! Pigment never wrote are left alone.

use std::collections::BTreeSet;
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

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

/// Size and modification time of a file as the last write left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileState {
    /// Length in bytes.
    pub len: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: i128,
}

impl FileState {
    /// The state of a file from its metadata.
    pub fn of(meta: &std::fs::Metadata) -> FileState {
        FileState {
            len: meta.len(),
            mtime_ns: meta.modified().map_or(0, FileState::of_time),
        }
    }

    /// A time as nanoseconds since the epoch.
    pub fn of_time(t: std::time::SystemTime) -> i128 {
        match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => i128::try_from(d.as_nanos()).unwrap_or(i128::MAX),
            Err(e) => i128::try_from(e.duration().as_nanos()).map_or(i128::MIN, |n| -n),
        }
    }
}

/// Writes `files` into `out_dir`.
pub fn write(out_dir: &Path, files: &[OutputFile]) -> Result<WriteReport, WriteError> {
    write_tracked(out_dir, files).map(|(report, _)| report)
}

/// What happened to one file.
enum Outcome {
    Written,
    Unchanged,
}

/// [`write`], also returning the state each file was left in (in `files` order; `None` for
/// paths that are not plain relative paths), so a later build can tell whether the output
/// folder still holds exactly this build.
pub fn write_tracked(
    out_dir: &Path,
    files: &[OutputFile],
) -> Result<(WriteReport, Vec<Option<FileState>>), WriteError> {
    std::fs::create_dir_all(out_dir).map_err(err(out_dir))?;
    let manifest_path = out_dir.join(MANIFEST);
    let old: Vec<String> = match std::fs::read_to_string(&manifest_path) {
        Ok(text) => text.lines().map(str::to_string).collect(),
        Err(_) => Vec::new(),
    };
    let mut report = WriteReport::default();
    let new: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();

    // Files are independent (paths are unique), so they are written in parallel: most of
    // the time goes to the file system's per-file work, which overlaps across cores.
    let results: Vec<Result<Option<(Outcome, FileState)>, WriteError>> = files
        .par_iter()
        .map(|f| {
            if !is_plain_relative(&f.path) {
                return Ok(None);
            }
            write_one(&out_dir.join(&f.path), &f.bytes).map(Some)
        })
        .collect();
    let mut states = Vec::with_capacity(files.len());
    for r in results {
        match r? {
            Some((outcome, state)) => {
                match outcome {
                    Outcome::Written => report.written += 1,
                    Outcome::Unchanged => report.unchanged += 1,
                }
                states.push(Some(state));
            }
            None => states.push(None),
        }
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
    Ok((report, states))
}

/// Writes one file unless it already holds `bytes`.
fn write_one(path: &Path, bytes: &[u8]) -> Result<(Outcome, FileState), WriteError> {
    // A folder made just now holds nothing, so the file needs no look first: on a clean
    // build that saves a `stat` per file. Otherwise compare with what is there.
    let fresh_dir = match path.parent() {
        Some(parent) => match std::fs::create_dir(parent) {
            Ok(()) => true,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                std::fs::create_dir_all(parent).map_err(err(parent))?;
                true
            }
            // A file in the parent's place shows up as an error when creating the file.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => false,
            Err(e) => return Err(err(parent)(e)),
        },
        None => false,
    };
    if !fresh_dir {
        if let Ok(meta) = std::fs::symlink_metadata(path) {
            if meta.is_file() && meta.len() == bytes.len() as u64 {
                if let Ok(existing) = std::fs::read(path) {
                    if existing == bytes {
                        return Ok((Outcome::Unchanged, FileState::of(&meta)));
                    }
                }
            }
            if meta.file_type().is_symlink() {
                // Never write through a link into a place outside the output folder.
                std::fs::remove_file(path).map_err(err(path))?;
            }
        }
    }
    let mut file = std::fs::File::create(path).map_err(err(path))?;
    file.write_all(bytes).map_err(err(path))?;
    let meta = file.metadata().map_err(err(path))?;
    Ok((Outcome::Written, FileState::of(&meta)))
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
