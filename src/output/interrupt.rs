//! Ctrl-C and `kill` during a build: the first SIGINT or SIGTERM asks the write to stop and
//! undo what it did (the build then exits 130 or 143); a second one ends the process at
//! once, and the next build undoes the interrupted one from its journal.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The signal that asked the build to stop; 0 while none did.
static SIGNAL: AtomicUsize = AtomicUsize::new(0);
/// Set by the first signal: the next one ends the process.
static ASKED: AtomicBool = AtomicBool::new(false);

/// Installs the handlers for SIGINT and SIGTERM. Until it is called (in library use, tests,
/// `serve`), signals keep their default effect.
pub fn watch_signals() -> std::io::Result<()> {
    #[cfg(unix)]
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // The shutdown goes first, so it sees the flag as the previous signal left it.
        signal_hook::flag::register_conditional_shutdown(sig, 128 + sig, &ASKED)?;
        signal_hook::flag::register_usize(sig, &SIGNAL, sig as usize)?;
        signal_hook::flag::register(sig, &ASKED)?;
    }
    Ok(())
}

/// The signal number when a build was asked to stop.
pub fn interrupted() -> Option<i32> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        n => i32::try_from(n).ok(),
    }
}

/// The error a write stops with when asked to.
pub(crate) fn error() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::Interrupted,
        "interrupted; the output folder was left as it was",
    )
}
