//! The loop `watch` and `serve` share: wait for a change, rebuild, hand the build to a
//! [`Sink`] (the output folder, or the server), and keep going whatever a rebuild does.
//! A rebuild that failed on an I/O error (a file that could not be read, an output folder
//! that could not be written) is tried again at growing intervals until it works or
//! another change arrives; errors in the site's files wait for an edit. A rebuild that
//! panics is caught and shown as an error, and the next build starts from nothing, since
//! the panic may have left what it kept half-updated.

mod guard;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::dev::incremental::{Rebuild, Rebuilder};
use crate::dev::watch::{Change, SiteWatcher};
use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;

pub use guard::catch_panic;

/// Codes of diagnostics that mean a file could not be read: the file system's doing (too
/// many open files, a file mid-copy), so worth trying again, unlike a mistake in a file.
const READ_ERRORS: [&str; 3] = [
    code::CONFIG_UNREADABLE,
    code::CONTENT_UNREADABLE,
    code::THEME_UNREADABLE,
];

/// The wait before the first new try of a failed rebuild; each further one waits twice as
/// long, up to [`LAST_RETRY`].
const FIRST_RETRY: Duration = Duration::from_millis(250);

/// The longest wait between tries.
const LAST_RETRY: Duration = Duration::from_secs(4);

/// The longest wait for a change in one go, so a stop request is seen.
const TICK: Duration = Duration::from_millis(200);

/// What the loop tells its caller (the command line prints these).
pub enum Report<'a> {
    /// A build finished (the first one or a rebuild), with the files that triggered it.
    Built {
        /// The outcome.
        rebuild: &'a Rebuild,
        /// How long it took.
        took: Duration,
        /// Files whose change started it (empty for the first build).
        trigger: &'a [PathBuf],
    },
    /// The watcher met a problem and keeps going.
    WatchError(&'a str),
    /// News about the watch (a watched folder went away or came back).
    WatchNotice(&'a str),
    /// The build failed on this I/O problem; it is tried again until it works or a file
    /// changes. Said once per problem, however many tries it takes.
    Retrying(&'a str),
}

/// Where the builds go.
pub trait Sink {
    /// Takes a build: puts its site in place, or shows its errors. `Err` says why the site
    /// could not be put in place (an I/O failure, such as an output folder that cannot be
    /// written); the loop tries again later.
    fn deliver(&mut self, rebuild: &Rebuild) -> Result<(), String>;
}

/// The usual rebuild step: the files the watcher saw change, and whether they are all of
/// them. Tests put in steps of their own.
pub fn rebuild_step(rebuilder: &mut Rebuilder, paths: Vec<PathBuf>, complete: bool) -> Rebuild {
    if complete {
        rebuilder.rebuild_reported(paths)
    } else {
        rebuilder.rebuild(paths)
    }
}

/// Runs one build. A panic in it becomes a failed build with a P0901 error, and the
/// rebuilder forgets what it kept (the last good site stays), so the next build is whole.
pub fn guarded(rebuilder: &mut Rebuilder, step: impl FnOnce(&mut Rebuilder) -> Rebuild) -> Rebuild {
    match catch_panic(|| step(rebuilder)) {
        Ok(r) => r,
        Err(message) => {
            rebuilder.forget_caches();
            crashed(message)
        }
    }
}

/// A failed build saying that it panicked.
fn crashed(message: String) -> Rebuild {
    let error = Diagnostic::error(
        code::REBUILD_PANICKED,
        format!("the rebuild stopped on an internal error: {message}"),
    )
    .help("this is a bug in Pigment; the last good site stays, and the next change rebuilds everything. Please report it with the change that caused it");
    Rebuild {
        diagnostics: vec![error],
        site: None,
        changed: Vec::new(),
        reparsed: 0,
        rendered: 0,
        quick: false,
    }
}

/// The first I/O problem of a build: a file it could not read.
fn read_problem(r: &Rebuild) -> Option<String> {
    r.diagnostics
        .iter()
        .find(|d| d.is_error() && READ_ERRORS.contains(&d.code))
        .map(|d| d.message.clone())
}

/// A build that failed on an I/O problem, waiting to be tried again.
struct Retry {
    at: Instant,
    wait: Duration,
    problem: String,
    trigger: Vec<PathBuf>,
}

/// Rebuilds on change with `step` (usually [`rebuild_step`]), retrying I/O failures.
pub struct DevLoop<S> {
    rebuilder: Rebuilder,
    step: S,
    retry: Option<Retry>,
}

impl<S: FnMut(&mut Rebuilder, Vec<PathBuf>, bool) -> Rebuild> DevLoop<S> {
    /// A loop around `rebuilder`; nothing is built yet.
    pub fn new(rebuilder: Rebuilder, step: S) -> DevLoop<S> {
        DevLoop {
            rebuilder,
            step,
            retry: None,
        }
    }

    /// The rebuilder (for its options and last good site).
    pub fn rebuilder(&self) -> &Rebuilder {
        &self.rebuilder
    }

    /// True while a failed build waits to be tried again.
    pub fn retrying(&self) -> bool {
        self.retry.is_some()
    }

    /// Rebuilds on every change `watcher` reports until `stop` is set.
    pub fn run(
        &mut self,
        watcher: &mut SiteWatcher,
        stop: &AtomicBool,
        sink: &mut impl Sink,
        report: &impl Fn(Report<'_>),
    ) {
        while !stop.load(Ordering::Relaxed) {
            let wait = self.retry.as_ref().map_or(TICK, |r| {
                r.at.saturating_duration_since(Instant::now()).min(TICK)
            });
            match watcher.next(wait) {
                Some(Change::Error(e)) => report(Report::WatchError(&e)),
                Some(Change::Notice(n)) => report(Report::WatchNotice(&n)),
                Some(Change::Paths { paths, complete }) => {
                    self.change(paths, complete, sink, report);
                }
                None => self.retry_if_due(sink, report),
            }
        }
    }

    /// Builds after a change; a failed build waiting to be tried again is dropped, since
    /// this one takes its place.
    pub fn change(
        &mut self,
        paths: Vec<PathBuf>,
        complete: bool,
        sink: &mut impl Sink,
        report: &impl Fn(Report<'_>),
    ) {
        self.retry = None;
        self.attempt(paths, complete, sink, report);
    }

    /// Tries a failed build again when its time has come.
    pub fn retry_if_due(&mut self, sink: &mut impl Sink, report: &impl Fn(Report<'_>)) {
        let Some(retry) = &self.retry else { return };
        if Instant::now() >= retry.at {
            let trigger = retry.trigger.clone();
            self.attempt(trigger, false, sink, report);
        }
    }

    fn attempt(
        &mut self,
        paths: Vec<PathBuf>,
        complete: bool,
        sink: &mut impl Sink,
        report: &impl Fn(Report<'_>),
    ) {
        let start = Instant::now();
        let step = &mut self.step;
        let trigger = paths.clone();
        let r = guarded(&mut self.rebuilder, |rb| step(rb, paths, complete));
        let took = start.elapsed();
        let read = read_problem(&r);
        if read.is_some() {
            // The file that failed to read must be read again, whatever its stamp says.
            self.rebuilder.forget_caches();
        }
        let seen = |p: &Option<String>| {
            p.is_some() && self.retry.as_ref().map(|x| &x.problem) == p.as_ref()
        };
        // A failure seen on the last try too was shown already; only its end is news.
        let problem = if seen(&read) {
            read
        } else {
            let delivered = sink.deliver(&r);
            read.or(delivered.err())
        };
        let again = seen(&problem);
        if !again {
            report(Report::Built {
                rebuild: &r,
                took,
                trigger: &trigger,
            });
        }
        self.retry = problem.map(|problem| {
            if !again {
                report(Report::Retrying(&problem));
            }
            let wait = self
                .retry
                .as_ref()
                .map_or(FIRST_RETRY, |x| (x.wait * 2).min(LAST_RETRY));
            Retry {
                at: Instant::now() + wait,
                wait,
                problem,
                trigger,
            }
        });
    }
}

#[cfg(test)]
mod tests;
