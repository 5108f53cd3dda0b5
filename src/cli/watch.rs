//! `pigment watch`

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args;

use pigment::incremental::{Rebuild, Rebuilder};
use pigment::watch::{Change, SiteWatcher};

use super::{counts, GlobalArgs, OutputArgs, SiteArgs, EXIT_IO};

/// Arguments of `pigment watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    site: SiteArgs,
    #[command(flatten)]
    out: OutputArgs,
    /// Poll files for changes (for network drives and containers where changes go unseen).
    #[arg(long)]
    poll: bool,
}

pub fn run(global: &GlobalArgs, args: WatchArgs) -> i32 {
    let opts = pigment::BuildOptions {
        root: args.site.root.clone(),
        output: args.out.output,
        base_url: args.out.base_url,
        drafts: args.out.drafts,
        today: None,
    };
    let stop = Arc::new(AtomicBool::new(false));
    if let Err(e) = on_ctrl_c(stop.clone()) {
        eprintln!("warning: cannot catch Ctrl-C ({e}); stop with a signal instead");
    }
    let mut rebuilder = Rebuilder::new(opts);
    let start = Instant::now();
    let first = rebuilder.rebuild(Vec::new());
    if let Some(code) = write(global, &args.site.root, &first, start, &[]) {
        return code;
    }
    let output = match &first.site {
        Some(s) => s.output_dir.clone(),
        None => args.site.root.join("public"),
    };
    let mut watcher = match SiteWatcher::new(&args.site.root, &output, args.poll) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch `{}`: {e}", args.site.root.display());
            return EXIT_IO;
        }
    };
    eprintln!(
        "Watching {} for changes (Ctrl-C to stop)",
        args.site.root.display()
    );
    while !stop.load(Ordering::Relaxed) {
        match watcher.next(Duration::from_millis(200)) {
            None => {}
            Some(Change::Error(e)) => eprintln!("warning: watching files: {e}"),
            Some(Change::Paths { paths, complete }) => {
                let start = Instant::now();
                let r = if complete {
                    rebuilder.rebuild_reported(paths.clone())
                } else {
                    rebuilder.rebuild(paths.clone())
                };
                if let Some(code) = write(global, &args.site.root, &r, start, &paths) {
                    return code;
                }
            }
        }
    }
    0
}

/// Writes a successful build and prints the outcome; `Some(exit code)` on an I/O failure.
fn write(
    global: &GlobalArgs,
    root: &Path,
    r: &Rebuild,
    start: Instant,
    trigger: &[PathBuf],
) -> Option<i32> {
    if let Some(site) = &r.site {
        if !r.changed.is_empty() {
            if let Err(e) = pigment::output::write(&site.output_dir, &site.to_output_files()) {
                eprintln!("error: {e}");
                return Some(EXIT_IO);
            }
        }
    }
    print_rebuild(global, root, r, start.elapsed(), trigger);
    None
}

/// Prints a build's problems and a one-line summary.
pub fn print_rebuild(
    global: &GlobalArgs,
    root: &Path,
    r: &Rebuild,
    took: Duration,
    trigger: &[PathBuf],
) {
    global.report(&r.diagnostics);
    let errors = r.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = r.diagnostics.len() - errors;
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let what = match trigger {
        [] => String::new(),
        [one] => format!(
            " after a change to {}",
            one.strip_prefix(&root).unwrap_or(one).display()
        ),
        many => format!(" after {} changes", many.len()),
    };
    if r.has_errors() {
        eprintln!(
            "error: build failed{what} ({}); keeping the last good site",
            counts(errors, warnings)
        );
    } else if !global.quiet {
        eprintln!(
            "Built in {} ms{what}: {} content files re-read, {} output files rendered, {} changed",
            took.as_millis(),
            r.reparsed,
            r.rendered,
            r.changed.len()
        );
    }
}

/// Sets `stop` on Ctrl-C so a write in progress finishes first.
fn on_ctrl_c(stop: Arc<AtomicBool>) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    std::thread::spawn(move || {
        rt.block_on(async {
            if tokio::signal::ctrl_c().await.is_ok() {
                stop.store(true, Ordering::Relaxed);
            }
        });
    });
    Ok(())
}
