//! Stage 5, write: put rendered files in the output folder, as one transaction. Only files
//! whose bytes changed are written; files an earlier build wrote and this one did not are
//! removed; files Pigment never wrote are left alone.
//!
//! Every new or changed file is first written to a staging folder inside the output folder;
//! nothing a reader can see changes until the commit, which renames them into place after
//! recording what it is about to do in a journal (see [`commit`]). Whatever stops a build —
//! an error, a full disk, a failed rename, Ctrl-C — the output folder is left as it was or
//! holds the whole new build; after `kill -9` the next build finishes or undoes the
//! interrupted commit from the journal before doing anything else.

mod commit;
mod fs;
mod interrupt;
mod manifest;
mod staged;
#[cfg(test)]
mod tests;

use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

pub use interrupt::{interrupted, watch_signals};
pub(crate) use staged::Staged;

use crate::render::OutputFile;

/// The list of files the last build wrote, kept in the output folder.
pub(crate) const MANIFEST: &str = ".pigment-manifest";

/// What a write changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or overwritten.
    pub written: usize,
    /// Files already up to date.
    pub unchanged: usize,
    /// Stale files removed.
    pub removed: usize,
    /// Files the build made, written or not.
    pub files: usize,
    /// Of those, HTML pages.
    pub pages: usize,
    /// Their size in bytes.
    pub bytes: u64,
}

/// An I/O failure with the path it happened on.
#[derive(Debug)]
pub struct WriteError {
    /// The file or folder.
    pub path: PathBuf,
    /// What went wrong.
    pub error: io::Error,
}

impl WriteError {
    /// The signal number, when the write stopped because the process was asked to stop.
    pub fn signal(&self) -> Option<i32> {
        if self.error.kind() == io::ErrorKind::Interrupted {
            interrupted()
        } else {
            None
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.error.kind() == io::ErrorKind::Interrupted {
            return write!(f, "{}", self.error);
        }
        write!(f, "cannot write `{}`: {}", self.path.display(), self.error)
    }
}

impl std::error::Error for WriteError {}

pub(crate) fn err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |error| WriteError {
        path: path.to_path_buf(),
        error,
    }
}

/// True for a relative path made only of plain names.
pub(crate) fn is_plain_relative(p: &str) -> bool {
    !p.is_empty()
        && !p.contains('\\')
        && Path::new(p)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Size and modification time of a file as the last write left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileState {
    /// Length in bytes.
    pub len: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: i128,
}

impl FileState {
    /// The state of a file from its metadata.
    pub(crate) fn of(meta: &std::fs::Metadata) -> FileState {
        FileState {
            len: meta.len(),
            mtime_ns: meta.modified().map_or(0, FileState::of_time),
        }
    }

    /// A time as nanoseconds since the epoch.
    pub(crate) fn of_time(t: std::time::SystemTime) -> i128 {
        match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => i128::try_from(d.as_nanos()).unwrap_or(i128::MAX),
            Err(e) => i128::try_from(e.duration().as_nanos()).map_or(i128::MIN, |n| -n),
        }
    }
}

/// A finished write: what changed, and each file's path with the state it was left in
/// (sorted by path; `None` for paths that are not plain relative paths).
pub(crate) type Written = (WriteReport, Vec<(String, Option<FileState>)>);

/// Writes `files` into `out_dir`.
pub fn write(out_dir: &Path, files: &[OutputFile]) -> Result<WriteReport, WriteError> {
    write_tracked(out_dir, files).map(|(report, _)| report)
}

/// [`write`], also returning each file's path with the state it was left in (sorted by
/// path; `None` for paths that are not plain relative paths), so a later build can tell
/// whether the output folder still holds exactly this build.
pub(crate) fn write_tracked(out_dir: &Path, files: &[OutputFile]) -> Result<Written, WriteError> {
    let staged = Staged::begin(out_dir)?;
    files.par_iter().for_each(|f| staged.put(f));
    staged.commit()
}

/// Staging folder inside the output folder: files waiting for the commit, the journal.
pub(crate) const STAGING: &str = ".pigment-staging";
