//! A write in progress: files handed over one by one as they are rendered, so no build holds
//! its whole output in memory. A file already up to date is left alone; every other one is
//! written under the staging folder, at its own path, and waits there for the commit.
//! Nothing outside the staging folder changes before [`Staged::commit`].

use std::collections::HashMap;
use std::io;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::commit::{self, Move, Pending, Place, TREE};
use super::fs::{Fs, RealFs};
use super::{err, interrupt, is_plain_relative, FileState, OutputFile, WriteError};
use super::{Written, MANIFEST, STAGING};

/// A write in progress; see the module docs.
pub(crate) struct Staged {
    place: Place,
    /// What is known of folders in the output, by path relative to it.
    dirs: Mutex<HashMap<String, Dir>>,
    state: Mutex<Pending>,
}

/// A folder of the output folder, as seen before the commit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dir {
    /// A real folder (not a link).
    Real,
    /// Not there: the commit moves it in whole.
    Missing,
}

/// What a file needs.
enum Need {
    Nothing(FileState),
    /// A file the commit moves into place; `replaces` when one is there now.
    File {
        replaces: bool,
    },
    /// A file in a folder the commit moves in whole: `dir` is the top folder that is missing.
    Dir(String),
}

impl Staged {
    /// Starts writing into `out_dir`, creating it when missing. A build that was killed
    /// during its commit is first finished or undone from its journal.
    pub(crate) fn begin(out_dir: &Path) -> Result<Staged, WriteError> {
        Staged::begin_with(out_dir, Arc::new(RealFs))
    }

    pub(super) fn begin_with(out_dir: &Path, fs: Arc<dyn Fs>) -> Result<Staged, WriteError> {
        let made_out_dir = std::fs::symlink_metadata(out_dir).is_err();
        fs.create_dir_all(out_dir).map_err(err(out_dir))?;
        let staging = out_dir.join(STAGING);
        commit::recover(out_dir, &staging, fs.as_ref())?;
        let tree = staging.join(TREE);
        if let Err(e) = fs.create_dir_all(&tree) {
            if made_out_dir {
                let _ = fs.remove_dir_all(&staging);
                let _ = fs.remove_dir(out_dir);
            }
            return Err(err(&tree)(e));
        }
        Ok(Staged {
            place: Place {
                out_dir: out_dir.to_path_buf(),
                made_out_dir,
                staging,
                fs,
            },
            dirs: Mutex::new(HashMap::new()),
            state: Mutex::new(Pending::default()),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Pending> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Hands over one file. An I/O error is kept and returned by [`Staged::commit`].
    pub(crate) fn put(&self, f: &OutputFile) {
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
        if interrupt::interrupted().is_some() {
            self.fail(err(&self.place.out_dir)(interrupt::error()));
            return;
        }
        let placed = self.need(&f.path, &f.bytes).and_then(|need| match need {
            Need::Nothing(state) => Ok((None, state)),
            need => {
                let state = self.stage(&f.path, &f.bytes)?;
                let mv = match need {
                    Need::Dir(dir) => Move::dir(dir),
                    _ => Move::file(
                        f.path.clone(),
                        matches!(need, Need::File { replaces: true }),
                    ),
                };
                Ok((Some(mv), state))
            }
        });
        let mut st = self.lock();
        match placed {
            Ok((None, state)) => {
                st.report.unchanged += 1;
                st.files.push((f.path.clone(), Some(state)));
            }
            Ok((Some(mv), state)) => {
                st.report.written += 1;
                st.moves.push(mv);
                st.files.push((f.path.clone(), Some(state)));
            }
            Err(e) => {
                st.error.get_or_insert(e);
            }
        }
    }

    /// False once the write has failed or was interrupted: the rest would be thrown away.
    pub(crate) fn wants_more(&self) -> bool {
        self.lock().error.is_none() && interrupt::interrupted().is_none()
    }

    fn fail(&self, e: WriteError) {
        self.lock().error.get_or_insert(e);
    }

    /// What the file at `rel` needs, looking at the output folder without changing it.
    fn need(&self, rel: &str, bytes: &[u8]) -> Result<Need, WriteError> {
        if let Some(dir) = self.missing_dir(rel)? {
            return Ok(Need::Dir(dir));
        }
        let target = self.place.out_dir.join(rel);
        let meta = match std::fs::symlink_metadata(&target) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Need::File { replaces: false })
            }
            Err(e) => return Err(err(&target)(e)),
        };
        if meta.is_dir() {
            return Err(in_the_way(
                &target,
                "a folder is where the build writes a file",
            ));
        }
        // A link is replaced by the file, never followed.
        if meta.is_file() && meta.len() == bytes.len() as u64 {
            if let Ok(existing) = std::fs::read(&target) {
                if existing == bytes {
                    return Ok(Need::Nothing(FileState::of(&meta)));
                }
            }
        }
        Ok(Need::File { replaces: true })
    }

    /// The topmost folder of `rel`'s that the output folder lacks. A link or a file where a
    /// folder must be is an error: nothing is ever written through a link.
    fn missing_dir(&self, rel: &str) -> Result<Option<String>, WriteError> {
        let folders = rel.match_indices('/').map(|(i, _)| &rel[..i]);
        if self.place.made_out_dir {
            return Ok(folders.into_iter().next().map(str::to_string));
        }
        for dir in folders {
            let known = self
                .dirs
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(dir)
                .copied();
            let state = match known {
                Some(s) => s,
                None => {
                    let s = self.look_at_dir(dir)?;
                    self.dirs
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .insert(dir.to_string(), s);
                    s
                }
            };
            if state == Dir::Missing {
                return Ok(Some(dir.to_string()));
            }
        }
        Ok(None)
    }

    fn look_at_dir(&self, dir: &str) -> Result<Dir, WriteError> {
        let path = self.place.out_dir.join(dir);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => Err(in_the_way(
                &path,
                "it is a link, and Pigment never writes through links in the output folder, so remove it (or build into another folder)",
            )),
            Ok(m) if m.is_dir() => Ok(Dir::Real),
            Ok(_) => Err(in_the_way(&path, "a file is where the build needs a folder")),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Dir::Missing),
            Err(e) => Err(err(&path)(e)),
        }
    }

    /// Writes `bytes` to `rel`'s place under the staging folder.
    fn stage(&self, rel: &str, bytes: &[u8]) -> Result<FileState, WriteError> {
        let path = self.place.staging.join(TREE).join(rel);
        if let Some(parent) = path.parent() {
            // The first file of a folder makes it; the others find it there.
            match self.place.fs.create_dir(parent) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    self.place.fs.create_dir_all(parent).map_err(err(parent))?;
                }
                Err(e) => return Err(err(parent)(e)),
            }
        }
        let meta = self.place.fs.write_new(&path, bytes).map_err(err(&path))?;
        Ok(FileState::of(&meta))
    }

    /// Puts every waiting file in place, removes stale files an earlier build wrote, and
    /// records the new file list; see [`commit`]. On an error during the build, undoes it
    /// instead.
    pub(crate) fn commit(self) -> Result<Written, WriteError> {
        let pending = std::mem::take(&mut *self.lock());
        commit::commit(&self.place, pending)
    }

    /// Leaves the output folder as it was: staged files dropped.
    pub(crate) fn abort(self) {
        commit::discard(&self.place);
    }
}

fn in_the_way(path: &Path, why: &str) -> WriteError {
    WriteError {
        path: path.to_path_buf(),
        error: io::Error::other(why.to_string()),
    }
}
