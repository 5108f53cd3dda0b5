//! Catching a panic in a rebuild, so the dev loop can show it once as an error and go on.
//! The default panic hook would print it too, with a note about backtraces, from whichever
//! thread it happened on; while a guarded rebuild runs, the hook only keeps the message.

use std::any::Any;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once, PoisonError};

thread_local! {
    /// True on a thread inside [`catch_panic`].
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// The message of a panic on this guarded thread.
    static OWN: Cell<Option<String>> = const { Cell::new(None) };
}

/// How many [`catch_panic`] calls are running, on any thread.
static ACTIVE: AtomicUsize = AtomicUsize::new(0);

/// The first message of a panic on a build worker during a guarded call.
static CAUGHT: Mutex<Option<String>> = Mutex::new(None);

static HOOK: Once = Once::new();

/// Runs `f`. A panic in it, or in the worker threads it hands work to, comes back as its
/// message with where it happened, and is not printed: the caller shows it.
pub fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let was = GUARDED.replace(true);
    ACTIVE.fetch_add(1, Ordering::SeqCst);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    ACTIVE.fetch_sub(1, Ordering::SeqCst);
    GUARDED.set(was);
    let own = OWN.take();
    result.map_err(|payload| {
        own.or_else(|| CAUGHT.lock().unwrap_or_else(PoisonError::into_inner).take())
            .unwrap_or_else(|| payload_text(payload.as_ref()))
    })
}

/// Puts in a hook that keeps the messages of guarded panics and hands every other panic
/// to the hook that was there before (the default one prints it).
fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.get() {
                let first = OWN.take().unwrap_or_else(|| describe(info));
                OWN.set(Some(first));
            } else if on_guarded_worker() {
                let mut kept = CAUGHT.lock().unwrap_or_else(PoisonError::into_inner);
                kept.get_or_insert_with(|| describe(info));
            } else {
                previous(info);
            }
        }));
    });
}

/// True on a build worker while a guarded call runs: the worker's panic is handed on to
/// the thread that waits for it, which catches it.
fn on_guarded_worker() -> bool {
    ACTIVE.load(Ordering::SeqCst) > 0 && rayon::current_thread_index().is_some()
}

fn describe(info: &PanicHookInfo<'_>) -> String {
    let text = payload_text(info.payload());
    match info.location() {
        Some(at) => format!("{text} (at {}:{}:{})", at.file(), at.line(), at.column()),
        None => text,
    }
}

fn payload_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn a_panic_comes_back_as_its_message_and_place() {
        let r: Result<(), String> = catch_panic(|| panic!("boom {}", 7));
        let text = r.expect_err("caught");
        assert!(
            text.starts_with("boom 7 (at src/dev/devloop/guard.rs:"),
            "{text}"
        );
    }

    #[test]
    fn a_panic_on_a_worker_thread_is_caught_too() {
        let r = catch_panic(|| {
            (0..64)
                .into_par_iter()
                .map(|i| if i == 40 { panic!("worker {i}") } else { i })
                .sum::<i32>()
        });
        assert!(r.expect_err("caught").starts_with("worker 40"));
    }

    #[test]
    fn a_value_passes_through_and_nothing_is_left_behind() {
        assert_eq!(catch_panic(|| 5), Ok(5));
        assert!(!GUARDED.get());
        assert!(OWN.take().is_none());
    }
}
