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

/// A finished write: what changed, and each file's path with the state it was left in
/// (sorted by path; `None` for paths that are not plain relative paths).
pub type Written = (WriteReport, Vec<(String, Option<FileState>)>);

/// Writes `files` into `out_dir`.
pub fn write(out_dir: &Path, files: &[OutputFile]) -> Result<WriteReport, WriteError> {
    write_tracked(out_dir, files).map(|(report, _)| report)
}

/// [`write`], also returning each file's path with the state it was left in (sorted by
/// path; `None` for paths that are not plain relative paths), so a later build can tell
/// whether the output folder still holds exactly this build.
pub fn write_tracked(out_dir: &Path, files: &[OutputFile]) -> Result<Written, WriteError> {
    let staged = Staged::begin(out_dir)?;
    files.par_iter().for_each(|f| staged.put(f));
    staged.commit()
}

/// Staging folder inside the output folder for files that replace different ones.
const STAGING: &str = ".pigment-staging";

/// A write in progress: files are handed over one by one as they are rendered, so no
/// build holds its whole output in memory, and nothing a reader could notice changes
/// until [`Staged::commit`]. A file that is new goes straight to its place (and is removed
/// again by [`Staged::abort`]); a file that replaces different bytes waits in a staging
/// folder and is renamed over the old one on commit; a file already up to date is left
/// alone.
pub struct Staged {
    out_dir: PathBuf,
    /// True when the output folder did not exist before.
    made_out_dir: bool,
    staging: PathBuf,
    state: std::sync::Mutex<StagedState>,
}

#[derive(Default)]
struct StagedState {
    /// Files written in place, new to the output folder.
    created: Vec<PathBuf>,
    /// Staged copies and the files they replace.
    replacing: Vec<(PathBuf, PathBuf, String)>,
    /// Every file handed over, with its state when already known.
    files: Vec<(String, Option<FileState>)>,
    report: WriteReport,
    error: Option<WriteError>,
    next: usize,
}

impl Staged {
    /// Starts writing into `out_dir`, creating it when missing.
    pub fn begin(out_dir: &Path) -> Result<Staged, WriteError> {
        let made_out_dir = std::fs::symlink_metadata(out_dir).is_err();
        std::fs::create_dir_all(out_dir).map_err(err(out_dir))?;
        let staging = out_dir.join(STAGING);
        // Left over from a build that was killed; it is ours alone.
        if std::fs::symlink_metadata(&staging).is_ok_and(|m| m.is_dir()) {
            std::fs::remove_dir_all(&staging).map_err(err(&staging))?;
        }
        Ok(Staged {
            out_dir: out_dir.to_path_buf(),
            made_out_dir,
            staging,
            state: std::sync::Mutex::new(StagedState::default()),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, StagedState> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Hands over one file. An I/O error is kept and returned by [`Staged::commit`].
    pub fn put(&self, f: &OutputFile) {
        {
            let mut st = self.lock();
            st.report.files += 1;
            st.report.pages += usize::from(f.path.ends_with(".html"));
            st.report.bytes += f.bytes.len() as u64;
        }
        if !is_plain_relative(&f.path) || f.path == MANIFEST || f.path.starts_with(STAGING) {
            self.lock().files.push((f.path.clone(), None));
            return;
        }
        if self.lock().error.is_some() {
            return;
        }
        let target = self.out_dir.join(&f.path);
        match self.place(&target, &f.bytes) {
            Ok(Placed::Unchanged(state)) => {
                let mut st = self.lock();
                st.report.unchanged += 1;
                st.files.push((f.path.clone(), Some(state)));
            }
            Ok(Placed::Created(state)) => {
                let mut st = self.lock();
                st.report.written += 1;
                st.created.push(target);
                st.files.push((f.path.clone(), Some(state)));
            }
            Ok(Placed::Differs) => {
                let n = {
                    let mut st = self.lock();
                    st.next += 1;
                    st.next
                };
                let staged = self.staging.join(n.to_string());
                let written = std::fs::create_dir_all(&self.staging)
                    .map_err(err(&self.staging))
                    .and_then(|()| std::fs::write(&staged, &f.bytes).map_err(err(&staged)));
                let mut st = self.lock();
                match written {
                    Ok(()) => {
                        st.report.written += 1;
                        st.replacing.push((staged, target, f.path.clone()));
                    }
                    Err(e) => {
                        st.error.get_or_insert(e);
                    }
                }
            }
            Err(e) => {
                self.lock().error.get_or_insert(e);
            }
        }
    }

    /// Where a file goes: nowhere when it is up to date, straight to `target` when nothing
    /// is there yet, else to staging.
    fn place(&self, target: &Path, bytes: &[u8]) -> Result<Placed, WriteError> {
        // A folder made just now holds nothing, so the file needs no look first: on a
        // clean build that saves a `stat` per file.
        let fresh_dir = match target.parent() {
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
            if let Ok(meta) = std::fs::symlink_metadata(target) {
                if meta.is_file() && meta.len() == bytes.len() as u64 {
                    if let Ok(existing) = std::fs::read(target) {
                        if existing == bytes {
                            return Ok(Placed::Unchanged(FileState::of(&meta)));
                        }
                    }
                }
                // Also a symlink: the rename on commit replaces the link, never its target.
                return Ok(Placed::Differs);
            }
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(target)
            .map_err(err(target))?;
        file.write_all(bytes).map_err(err(target))?;
        let meta = file.metadata().map_err(err(target))?;
        Ok(Placed::Created(FileState::of(&meta)))
    }

    /// Puts every staged file in place, removes stale files an earlier build wrote, and
    /// records the new file list. On an I/O error during the build, undoes it instead.
    pub fn commit(self) -> Result<Written, WriteError> {
        let mut st = std::mem::take(&mut *self.lock());
        if let Some(e) = st.error.take() {
            self.undo(&st);
            return Err(e);
        }
        let replaced: Vec<Result<(String, FileState), WriteError>> = st
            .replacing
            .par_iter()
            .map(|(staged, target, path)| {
                std::fs::rename(staged, target).map_err(err(target))?;
                let meta = std::fs::symlink_metadata(target).map_err(err(target))?;
                Ok((path.clone(), FileState::of(&meta)))
            })
            .collect();
        for r in replaced {
            let (path, state) = r?;
            st.files.push((path, Some(state)));
        }
        let _ = std::fs::remove_dir_all(&self.staging);
        st.files.sort_by(|a, b| a.0.cmp(&b.0));

        let manifest_path = self.out_dir.join(MANIFEST);
        let old: Vec<String> = match std::fs::read_to_string(&manifest_path) {
            Ok(text) => text.lines().map(str::to_string).collect(),
            Err(_) => Vec::new(),
        };
        let new: BTreeSet<&str> = st.files.iter().map(|(p, _)| p.as_str()).collect();
        for stale in old.iter().filter(|p| !new.contains(p.as_str())) {
            if !is_plain_relative(stale) || stale == MANIFEST {
                continue;
            }
            let path = self.out_dir.join(stale);
            match std::fs::symlink_metadata(&path) {
                Ok(meta) if meta.is_file() || meta.file_type().is_symlink() => {
                    std::fs::remove_file(&path).map_err(err(&path))?;
                    st.report.removed += 1;
                    remove_empty_parents(&self.out_dir, &path);
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
            let tmp = self.out_dir.join(format!("{MANIFEST}.tmp"));
            std::fs::write(&tmp, listing).map_err(err(&tmp))?;
            std::fs::rename(&tmp, &manifest_path).map_err(err(&manifest_path))?;
        }
        Ok((st.report, st.files))
    }

    /// Leaves the output folder as it was: new files removed, staged ones dropped.
    pub fn abort(self) {
        let st = std::mem::take(&mut *self.lock());
        self.undo(&st);
    }

    fn undo(&self, st: &StagedState) {
        for f in &st.created {
            let _ = std::fs::remove_file(f);
            remove_empty_parents(&self.out_dir, f);
        }
        let _ = std::fs::remove_dir_all(&self.staging);
        if self.made_out_dir {
            // Only when empty: nothing else can be in a folder this build made.
            let _ = std::fs::remove_dir(&self.out_dir);
        }
    }
}

/// Where [`Staged::place`] put a file.
enum Placed {
    Unchanged(FileState),
    Created(FileState),
    Differs,
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
