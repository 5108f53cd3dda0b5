//! Watching a site folder: `content/`, `static/`, `templates/`, `themes/` and `site.toml`.
//! Events are debounced (editors' atomic saves and bursts arrive as one batch), editor temp
//! files and the output folder are ignored, and a watcher error never ends the watch.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, NoCache};

use crate::load::is_ignored_name;

/// Folders of a site that hold build input.
pub const WATCHED_DIRS: [&str; 4] = ["content", "static", "templates", "themes"];

/// How long events settle before a rebuild starts. Short, so a save reloads quickly; an
/// atomic save (write a temp file, rename it) lands well inside it.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// How often the polling watcher looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// A batch of changes, or a problem the watcher met (it keeps watching).
#[derive(Debug)]
pub enum Change {
    /// Input files that changed (created, written, renamed or removed). `complete` is
    /// false when the watcher may have missed some (its queue overflowed), so every file
    /// must be checked.
    Paths {
        /// The files, sorted.
        paths: Vec<PathBuf>,
        /// True when these are all the files that changed.
        complete: bool,
    },
    /// A watcher error, to print.
    Error(String),
}

enum Backend {
    Native(Debouncer<RecommendedWatcher, NoCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

/// Watches a site; dropping it stops the watch.
pub struct SiteWatcher {
    backend: Backend,
    root: PathBuf,
    rx: Receiver<DebounceEventResult>,
    output: PathBuf,
    watched: Vec<PathBuf>,
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
        };
        w.watch(&w.root.clone(), RecursiveMode::NonRecursive)?;
        w.watch_input_dirs();
        Ok(w)
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match &mut self.backend {
            Backend::Native(d) => d.watch(path, mode)?,
            Backend::Poll(d) => d.watch(path, mode)?,
        }
        self.watched.push(path.to_path_buf());
        Ok(())
    }

    /// Watches input folders that exist and are not watched yet (a folder created later,
    /// such as a first `templates/`, is picked up on the next change in the root).
    fn watch_input_dirs(&mut self) {
        for d in WATCHED_DIRS {
            let dir = self.root.join(d);
            if dir.is_dir() && !self.watched.contains(&dir) {
                let _ = self.watch(&dir, RecursiveMode::Recursive);
            }
        }
        self.watched.retain(|p| p.exists());
    }

    /// Waits up to `timeout` for the next batch of relevant changes. `None` when nothing
    /// relevant happened in that time or the watcher is gone.
    pub fn next(&mut self, timeout: Duration) -> Option<Change> {
        let batch = match self.rx.recv_timeout(timeout) {
            Ok(b) => b,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        };
        let mut batches = vec![batch];
        // Take whatever else is queued so a burst becomes one rebuild.
        while let Ok(b) = self.rx.try_recv() {
            batches.push(b);
        }
        let mut paths = Vec::new();
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
                        paths.extend(e.event.paths.into_iter().filter(|p| self.is_input(p)));
                    }
                }
                Err(errs) => {
                    complete = false;
                    errors.extend(errs.into_iter().map(|e| e.to_string()));
                }
            }
        }
        self.watch_input_dirs();
        paths.sort();
        paths.dedup();
        if !paths.is_empty() {
            Some(Change::Paths { paths, complete })
        } else if !errors.is_empty() {
            Some(Change::Error(errors.join("; ")))
        } else {
            None
        }
    }

    /// True for a path whose change can alter the build.
    pub fn is_input(&self, path: &Path) -> bool {
        is_input(&self.root, &self.output, path)
    }
}

/// True for a path under `root` whose change can alter the build: `site.toml` or a file in
/// an input folder, not in `output`, and not an editor's temp or hidden file.
pub fn is_input(root: &Path, output: &Path, path: &Path) -> bool {
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
