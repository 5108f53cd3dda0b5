//! The `pigment` command.

mod cli;

/// Builds allocate many small, short-lived values on every core; the system allocator's
/// per-thread arenas keep their freed memory, mimalloc gives it back for reuse.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::run());
}
