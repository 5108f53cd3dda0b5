//! The commit: place files renamed into place, as a transaction a crash cannot tear.
//!
//! 1. The new manifest is written into the staging folder, then the journal: every move
//!    the commit will make, and the stale files it will take away.
//! 2. Each move renames a place file (or a whole place folder the output lacks) into
//!    place; a file it replaces is first kept in the staging folder (a hard link, or a
//!    rename where links are not supported).
//! 3. Each stale file (one an earlier build wrote and this one did not) is renamed into the
//!    staging folder, never through a link, and the folders it leaves empty are removed.
//! 4. Renaming the new manifest into place is the commit point.
//! 5. The staging folder goes.
//!
//! A failure before step 4 undoes steps 2 and 3 in reverse from what is on disk (a place
//! file still waiting was not moved; a kept or taken file goes back, its folders made
//! again). After `kill -9` the next build reads the journal: a manifest still in the
//! staging folder means the commit point was not reached, so it undoes; otherwise it only
//! removes the staging folder.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::fs::Fs;
use super::{err, interrupt, is_plain_relative, manifest, FileState, WriteError, WriteReport};
use super::{Written, MANIFEST, STAGING};

/// Where a write goes: the output folder, its staging folder, and the calls that change
/// them.
pub(super) struct Place {
    pub(super) out_dir: PathBuf,
    /// True when the output folder did not exist before.
    pub(super) made_out_dir: bool,
    pub(super) staging: PathBuf,
    pub(super) fs: Arc<dyn Fs>,
}

/// What the staged files leave for the commit.
#[derive(Default)]
pub(super) struct Pending {
    /// What the commit moves into place.
    pub(super) moves: Vec<Move>,
    /// Every file handed over, with its state when already known.
    pub(super) files: Vec<(String, Option<FileState>)>,
    pub(super) report: WriteReport,
    pub(super) error: Option<WriteError>,
}

/// Where, under the staging folder, new files wait.
pub(super) const TREE: &str = "tree";

/// One rename of the commit, as the journal records it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub(super) struct Move {
    /// Path in the output folder (and under the staging folder's tree).
    path: String,
    /// A whole folder that the output folder lacks.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    dir: bool,
    /// A file is there now, and is kept until the commit point.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    replaces: bool,
}

impl Move {
    pub(super) fn file(path: String, replaces: bool) -> Move {
        Move {
            path,
            dir: false,
            replaces,
        }
    }

    pub(super) fn dir(path: String) -> Move {
        Move {
            path,
            dir: true,
            replaces: false,
        }
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Journal {
    moves: Vec<Move>,
    stale: Vec<String>,
}

const JOURNAL: &str = "journal";
/// The new manifest, waiting in the staging folder until the commit point.
const NEW_MANIFEST: &str = "manifest";
/// Files being replaced, kept by their move's number until the commit point.
const KEPT: &str = "kept";
/// Stale files, taken away by their number in the journal until the commit point.
const TAKEN: &str = "taken";

pub(super) fn commit(place: &Place, mut st: Pending) -> Result<Written, WriteError> {
    if let Some(e) = st.error.take() {
        discard(place);
        return Err(e);
    }
    if interrupt::interrupted().is_some() {
        discard(place);
        return Err(err(&place.out_dir)(interrupt::error()));
    }
    st.moves.sort();
    st.moves.dedup();
    st.files.sort_by(|a, b| a.0.cmp(&b.0));

    let old = manifest::read(&place.out_dir);
    let new: BTreeSet<&str> = st
        .files
        .iter()
        .map(|(p, _)| p.as_str())
        .filter(|p| is_plain_relative(p))
        .collect();
    let stale: Vec<String> = old
        .iter()
        .filter(|p| !new.contains(p.as_str()))
        .cloned()
        .collect();
    let same_list = old.len() == new.len() && stale.is_empty();
    if st.moves.is_empty() && same_list {
        let _ = place.fs.remove_dir_all(&place.staging);
        return Ok((st.report, st.files));
    }
    let journal = Journal {
        moves: std::mem::take(&mut st.moves),
        stale,
    };
    if let Err(e) = prepare(place, &journal, &manifest::encode(&new)) {
        discard(place);
        return Err(e);
    }
    let done = apply(place, &journal.moves)
        .and_then(|()| take_stale(place, &journal.stale))
        .and_then(|taken| {
            if interrupt::interrupted().is_some() {
                return Err(err(&place.out_dir)(interrupt::error()));
            }
            let from = place.staging.join(NEW_MANIFEST);
            let to = place.out_dir.join(MANIFEST);
            place.fs.rename(&from, &to).map_err(err(&to))?;
            Ok(taken)
        });
    match done {
        Ok(taken) => {
            st.report.removed = taken;
            // Best effort: a staging folder left behind is cleared by the next build.
            let _ = place.fs.remove_dir_all(&place.staging);
            Ok((st.report, st.files))
        }
        Err(e) => Err(undo(place, &journal, e)),
    }
}

/// Step 1: the new manifest and the journal, in the staging folder.
fn prepare(place: &Place, journal: &Journal, listing: &str) -> Result<(), WriteError> {
    let fs = place.fs.as_ref();
    let path = place.staging.join(NEW_MANIFEST);
    fs.write_new(&path, listing.as_bytes())
        .map_err(err(&path))?;
    if journal.moves.iter().any(|m| m.replaces) {
        let kept = place.staging.join(KEPT);
        fs.create_dir(&kept).map_err(err(&kept))?;
    }
    if !journal.stale.is_empty() {
        let taken = place.staging.join(TAKEN);
        fs.create_dir(&taken).map_err(err(&taken))?;
    }
    let text = serde_json::to_vec(journal).map_err(|e| err(&path)(io::Error::other(e)))?;
    let tmp = place.staging.join(format!("{JOURNAL}.tmp"));
    fs.write_new(&tmp, &text).map_err(err(&tmp))?;
    let path = place.staging.join(JOURNAL);
    fs.rename(&tmp, &path).map_err(err(&path))
}

/// Step 2: every move.
fn apply(place: &Place, moves: &[Move]) -> Result<(), WriteError> {
    let fs = place.fs.as_ref();
    moves.par_iter().enumerate().try_for_each(|(i, m)| {
        let target = place.out_dir.join(&m.path);
        if m.replaces {
            let kept = place.staging.join(KEPT).join(i.to_string());
            if fs.hard_link(&target, &kept).is_err() {
                fs.rename(&target, &kept).map_err(err(&target))?;
            }
        }
        let waiting = place.staging.join(TREE).join(&m.path);
        fs.rename(&waiting, &target).map_err(err(&target))
    })
}

/// Step 3: takes each stale file into the staging folder. Returns how many there were.
fn take_stale(place: &Place, stale: &[String]) -> Result<usize, WriteError> {
    let mut taken = 0;
    for (i, rel) in stale.iter().enumerate() {
        if !is_plain_relative(rel)
            || rel == MANIFEST
            || rel.starts_with(STAGING)
            || crosses_link(&place.out_dir, rel)
        {
            continue;
        }
        let path = place.out_dir.join(rel);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() || meta.file_type().is_symlink() => {
                let to = place.staging.join(TAKEN).join(i.to_string());
                place.fs.rename(&path, &to).map_err(err(&path))?;
                remove_empty_parents(place.fs.as_ref(), &place.out_dir, &path)?;
                taken += 1;
            }
            _ => {}
        }
    }
    Ok(taken)
}

/// Undoes the moves after `cause`; the staging folder stays when that fails too, so the
/// next build can try again.
fn undo(place: &Place, journal: &Journal, cause: WriteError) -> WriteError {
    match roll_back(&place.out_dir, &place.staging, place.fs.as_ref(), journal) {
        Ok(()) => {
            discard(place);
            cause
        }
        Err(e) => WriteError {
            path: e.path,
            error: io::Error::other(format!(
                "{cause}; undoing it failed too: {}; the next build finishes undoing it",
                e.error
            )),
        },
    }
}

/// Removes the staging folder, and the output folder when this build made it and it is
/// empty.
pub(super) fn discard(place: &Place) {
    let _ = place.fs.remove_dir_all(&place.staging);
    if place.made_out_dir {
        let _ = place.fs.remove_dir(&place.out_dir);
    }
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Puts back what the journal's moves replaced and its stale files, and removes what the
/// moves brought, judging each by what is on disk, so it works both right after a failure
/// and after a crash.
fn roll_back(
    out_dir: &Path,
    staging: &Path,
    fs: &dyn Fs,
    journal: &Journal,
) -> Result<(), WriteError> {
    let mut first = None;
    for (i, rel) in journal.stale.iter().enumerate().rev() {
        let taken = staging.join(TAKEN).join(i.to_string());
        if exists(&taken) && is_plain_relative(rel) {
            let path = out_dir.join(rel);
            let back = match path.parent() {
                Some(parent) => fs.create_dir_all(parent),
                None => Ok(()),
            }
            .and_then(|()| fs.rename(&taken, &path));
            if let Err(e) = back {
                first.get_or_insert(err(&path)(e));
            }
        }
    }
    for (i, m) in journal.moves.iter().enumerate().rev() {
        let target = out_dir.join(&m.path);
        let kept = staging.join(KEPT).join(i.to_string());
        let moved = !exists(&staging.join(TREE).join(&m.path));
        let has_kept = m.replaces && exists(&kept);
        let undone = if moved && has_kept {
            fs.rename(&kept, &target)
        } else if moved {
            remove_brought(fs, &target, m.dir)
        } else if has_kept && !exists(&target) {
            fs.rename(&kept, &target)
        } else {
            Ok(())
        };
        if let Err(e) = undone {
            first.get_or_insert(err(&target)(e));
        }
    }
    first.map_or(Ok(()), Err)
}

/// Removes a file or folder a move brought in; a link in its place is left alone.
fn remove_brought(fs: &dyn Fs, target: &Path, dir: bool) -> io::Result<()> {
    match std::fs::symlink_metadata(target) {
        Ok(m) if dir && m.is_dir() => fs.remove_dir_all(target),
        Ok(m) if !dir && m.is_file() => fs.remove_file(target),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// True when a folder on the way to `rel` is a link (or not a folder).
fn crosses_link(out_dir: &Path, rel: &str) -> bool {
    rel.match_indices('/').any(|(i, _)| {
        std::fs::symlink_metadata(out_dir.join(&rel[..i])).map_or(true, |m| !m.is_dir())
    })
}

/// Removes folders left empty by removing `file`, up to (not including) `out_dir`.
fn remove_empty_parents(fs: &dyn Fs, out_dir: &Path, file: &Path) -> Result<(), WriteError> {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out_dir || !d.starts_with(out_dir) {
            break;
        }
        match fs.remove_dir(d) {
            Ok(()) => dir = d.parent(),
            Err(e) if is_not_empty(&e) => break,
            Err(e) => return Err(err(d)(e)),
        }
    }
    Ok(())
}

fn is_not_empty(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::DirectoryNotEmpty
        || matches!(e.raw_os_error(), Some(code) if code == libc_enotempty())
}

/// The platform's "directory not empty" code, for systems where std maps it otherwise.
const fn libc_enotempty() -> i32 {
    if cfg!(target_os = "linux") {
        39
    } else {
        66
    }
}

/// Finishes or undoes a build that was killed during its commit (see the module docs),
/// then removes what is left of its staging folder.
pub(super) fn recover(out_dir: &Path, staging: &Path, fs: &dyn Fs) -> Result<(), WriteError> {
    match std::fs::symlink_metadata(staging) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(err(staging)(e)),
        // Not ours as it is (a link, a file): the link goes, never what it points at.
        Ok(m) if !m.is_dir() => return fs.remove_file(staging).map_err(err(staging)),
        Ok(_) => {}
    }
    let journal = std::fs::read(staging.join(JOURNAL))
        .ok()
        .and_then(|text| serde_json::from_slice::<Journal>(&text).ok());
    match journal {
        Some(j) if exists(&staging.join(NEW_MANIFEST)) => roll_back(out_dir, staging, fs, &j)?,
        Some(_) | None => {}
    }
    fs.remove_dir_all(staging).map_err(err(staging))
}
