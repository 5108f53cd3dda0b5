//! Watching a site folder: `content/`, `static/`, `templates/`, `themes/` and `site.toml`.
//! Events are debounced (editors' atomic saves and bursts arrive as one batch), editor temp
//! files and the output folder are ignored, and a watcher error never ends the watch.
//! The input folders are checked on every call, so one replaced whole (renamed away and
//! another renamed into place, or removed and copied back) is watched afresh.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::event::ModifyKind;
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, NoCache};

use crate::load::is_ignored_name;

/// Folders of a site that hold build input.
pub(crate) const WATCHED_DIRS: [&str; 5] = ["content", "static", "templates", "themes", "i18n"];

/// How long events settle before a rebuild starts. Short, so a save reloads quickly; an
/// atomic save (write a temp file, rename it) lands well inside it.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// How often the polling watcher looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// A batch of changes, or a problem the watcher met (it keeps watching).
#[derive(Debug)]
pub enum Change {
    /// Input files that changed (created, written, renamed or removed). `complete` is
    /// false when the watcher may have missed some (its queue overflowed, or an input
    /// folder was replaced whole), so every file must be checked.
    Paths {
        /// The files, sorted.
        paths: Vec<PathBuf>,
        /// True when these are all the files that changed.
        complete: bool,
    },
    /// A watcher error, to print.
    Error(String),
    /// News about the watch itself, to print (an input folder went away or came back).
    Notice(String),
}

enum Backend {
    Native(Debouncer<RecommendedWatcher, NoCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

/// An input folder being watched, and which folder it was when the watch began: a folder
/// renamed away and another renamed into its place has the same path, not the same identity.
struct WatchedDir {
    path: PathBuf,
    identity: Option<DirIdentity>,
}

/// Watches a site; dropping it stops the watch.
pub struct SiteWatcher {
    backend: Backend,
    root: PathBuf,
    rx: Receiver<DebounceEventResult>,
    output: PathBuf,
    watched: Vec<WatchedDir>,
    /// Input folders that were watched and are gone (reported once, watched again when back).
    missing: Vec<PathBuf>,
    /// Failures to watch a folder, already reported.
    unwatchable: Vec<String>,
    /// What `next` found and has still to hand out, oldest first.
    pending: VecDeque<Change>,
}

impl SiteWatcher {
    /// Starts watching the site at `root` (build output in `output` is ignored). With `poll`,
    /// files are polled instead of using the system's notifications, for network drives and
    /// containers where notifications never arrive.
    pub fn new(root: &Path, output: &Path, poll: bool) -> notify::Result<SiteWatcher> {
        let (tx, rx) = mpsc::channel();
        let handler = move |r: DebounceEventResult| {
            let _ = tx.send(r);
        };
        let backend = if poll {
            // The poller keeps modification times in whole seconds; comparing contents
            // also catches a second save within the same second.
            let config = notify::Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(true);
            Backend::Poll(new_debouncer_opt(DEBOUNCE, None, handler, NoCache, config)?)
        } else {
            Backend::Native(new_debouncer_opt(
                DEBOUNCE,
                None,
                handler,
                NoCache,
                notify::Config::default(),
            )?)
        };
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let output = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
        let mut w = SiteWatcher {
            backend,
            root,
            rx,
            output,
            watched: Vec::new(),
            missing: Vec::new(),
            unwatchable: Vec::new(),
            pending: VecDeque::new(),
        };
        // The root itself, not recursively: it tells when an input folder is created,
        // removed or renamed, so a folder replaced whole is watched again.
        let root = w.root.clone();
        w.watch(&root, RecursiveMode::NonRecursive)?;
        w.refresh_dirs(&[]);
        Ok(w)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.backend {
            Backend::Native(d) => d.watch(path, mode),
            Backend::Poll(d) => d.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) {
        // The system may have dropped the watch already (the folder is gone); either way
        // nothing is watched there afterwards.
        let _ = match &mut self.backend {
            Backend::Native(d) => d.unwatch(path),
            Backend::Poll(d) => d.unwatch(path),
        };
    }

    /// Brings the watches in line with the input folders on disk: a folder that is gone is
    /// no longer watched, one that is new or back is watched, and one replaced by another
    /// folder (`touched` names folders events were seen for) is watched afresh. Returns the
    /// folders whose watch changed: their files must all be checked again.
    fn refresh_dirs(&mut self, touched: &[PathBuf]) -> Vec<PathBuf> {
        let mut renewed = Vec::new();
        for d in WATCHED_DIRS {
            let dir = self.root.join(d);
            let now = dir.is_dir().then(|| identity(&dir));
            let known = self.watched.iter().position(|w| w.path == dir);
            match (known, now) {
                (Some(i), None) => {
                    self.watched.remove(i);
                    self.unwatch(&dir);
                    self.missing.push(dir.clone());
                    self.pending.push_back(Change::Notice(format!(
                        "`{d}/` is gone; it will be watched again when it is back"
                    )));
                    renewed.push(dir);
                }
                (Some(i), Some(id)) if self.watched[i].identity != id || touched.contains(&dir) => {
                    self.watched.remove(i);
                    self.unwatch(&dir);
                    self.watch_dir(dir.clone(), id);
                    renewed.push(dir);
                }
                (None, Some(id)) => {
                    if !self.watch_dir(dir.clone(), id) {
                        continue;
                    }
                    if self.missing.contains(&dir) {
                        self.missing.retain(|m| *m != dir);
                        self.pending.push_back(Change::Notice(format!(
                            "`{d}/` is back; watching it again"
                        )));
                    }
                    renewed.push(dir);
                }
                _ => {}
            }
        }
        renewed
    }

    /// Watches an input folder; false (with the error queued) when that failed.
    fn watch_dir(&mut self, path: PathBuf, identity: Option<DirIdentity>) -> bool {
        match self.watch(&path, RecursiveMode::Recursive) {
            Ok(()) => {
                let said = format!("cannot watch `{}`: ", path.display());
                self.unwatchable.retain(|t| !t.starts_with(&said));
                self.watched.push(WatchedDir { path, identity });
                true
            }
            Err(e) => {
                // Tried again on every check; said once.
                let text = format!("cannot watch `{}`: {e}", path.display());
                if !self.unwatchable.contains(&text) {
                    self.unwatchable.push(text.clone());
                    self.pending.push_back(Change::Error(text));
                }
                false
            }
        }
    }

    /// Waits up to `timeout` for the next batch of relevant changes. `None` when nothing
    /// relevant happened in that time.
    pub fn next(&mut self, timeout: Duration) -> Option<Change> {
        if let Some(c) = self.pending.pop_front() {
            return Some(c);
        }
        let mut batches = Vec::new();
        match self.rx.recv_timeout(timeout) {
            Ok(b) => batches.push(b),
            Err(RecvTimeoutError::Timeout) => {}
            // The notifier is gone: wait as asked rather than spin (folders are still
            // checked below).
            Err(RecvTimeoutError::Disconnected) => std::thread::sleep(timeout),
        }
        // Take whatever else is queued so a burst becomes one rebuild.
        while let Ok(b) = self.rx.try_recv() {
            batches.push(b);
        }
        self.take(batches);
        self.pending.pop_front()
    }

    /// Turns batches of events into changes on the pending queue. The input folders are
    /// checked every time, events or not, so a replaced folder never goes unwatched.
    fn take(&mut self, batches: Vec<DebounceEventResult>) {
        let mut paths = Vec::new();
        let mut moved = Vec::new();
        let mut errors = Vec::new();
        let mut complete = true;
        for b in batches {
            match b {
                Ok(events) => {
                    for e in events {
                        complete &= !e.event.need_rescan();
                        if matches!(e.kind, EventKind::Access(_)) {
                            continue;
                        }
                        if moves_folders(&e.kind) {
                            moved.extend(e.event.paths.iter().cloned());
                        }
                        paths.extend(e.event.paths.into_iter().filter(|p| self.is_input(p)));
                    }
                }
                Err(errs) => {
                    complete = false;
                    // A path that vanished is a removal the events and the folder check
                    // report; the poller would say so every time it looks.
                    errors.extend(errs.into_iter().filter(|e| !is_not_found(e)));
                }
            }
        }
        let renewed = self.refresh_dirs(&moved);
        complete &= renewed.is_empty();
        paths.extend(renewed);
        paths.sort();
        paths.dedup();
        if !errors.is_empty() {
            let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
            self.pending.push_back(Change::Error(text.join("; ")));
        }
        if !paths.is_empty() {
            self.pending.push_back(Change::Paths { paths, complete });
        }
    }

    /// True for a path whose change can alter the build.
    pub fn is_input(&self, path: &Path) -> bool {
        is_input(&self.root, &self.output, path)
    }
}

/// Which folder a path names: device and inode where the system has them.
type DirIdentity = (u64, u64);

#[cfg(unix)]
fn identity(path: &Path) -> Option<DirIdentity> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// Elsewhere folders are told apart by the events on their path alone.
#[cfg(not(unix))]
fn identity(_path: &Path) -> Option<DirIdentity> {
    None
}

/// True for an event that can mean a folder was created, removed or renamed.
fn moves_folders(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Name(_))
            | EventKind::Any
            | EventKind::Other
    )
}

fn is_not_found(e: &notify::Error) -> bool {
    match &e.kind {
        notify::ErrorKind::PathNotFound => true,
        notify::ErrorKind::Io(io) => io.kind() == std::io::ErrorKind::NotFound,
        _ => false,
    }
}

/// True for a path under `root` whose change can alter the build: `site.toml` or a file in
/// an input folder, not in `output`, and not an editor's temp or hidden file.
pub(crate) fn is_input(root: &Path, output: &Path, path: &Path) -> bool {
    if path.starts_with(output) {
        return false;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = parts.next() else {
        return false;
    };
    if first == crate::config::CONFIG_FILE {
        return true;
    }
    WATCHED_DIRS.contains(&first.as_ref())
        && !rel
            .components()
            .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_and_noise() {
        let root = Path::new("/site");
        let out = Path::new("/site/public");
        let yes = [
            "/site/site.toml",
            "/site/content/a.md",
            "/site/templates/x.html",
        ];
        for p in yes {
            assert!(is_input(root, out, Path::new(p)), "{p}");
        }
        let no = [
            "/site/public/index.html",
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/content/4913",
            "/site/target/x",
            "/site/.git/index",
            "/elsewhere/content/a.md",
        ];
        for p in no {
            assert!(!is_input(root, out, Path::new(p)), "{p}");
        }
    }
}
