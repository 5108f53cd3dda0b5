//! The `pigment` command.

// Nothing a user controls may end the program: errors are returned and reported.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod cli;

/// Builds allocate many small, short-lived values on every core; the system allocator's
/// per-thread arenas keep their freed memory, mimalloc gives it back for reuse.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::run());
}
