//! `pigment watch`

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use clap::Args;

use pigment::devloop::{self, DevLoop, Report, Sink};
use pigment::SiteWatcher;
use pigment::{Rebuild, Rebuilder};

use super::{counts, GlobalArgs, OutputArgs, SiteArgs, EXIT_IO};

/// Arguments of `pigment watch`.
#[derive(Debug, Args)]
pub(super) struct WatchArgs {
    #[command(flatten)]
    site: SiteArgs,
    #[command(flatten)]
    out: OutputArgs,
    /// Poll files for changes (for network drives and containers where changes go unseen).
    #[arg(long)]
    poll: bool,
}

pub(super) fn run(global: &GlobalArgs, args: WatchArgs) -> i32 {
    let opts = pigment::BuildOptions {
        root: args.site.root.clone(),
        output: args.out.output,
        base_url: args.out.base_url,
        drafts: args.out.drafts,
        today: Some(global.today_or_now()),
        relative_urls: None,
        future: args.out.schedule.future,
        expired: args.out.schedule.expired,
    };
    let stop = Arc::new(AtomicBool::new(false));
    if let Err(e) = on_ctrl_c(stop.clone()) {
        eprintln!("warning: cannot catch Ctrl-C ({e}); stop with a signal instead");
    }
    let root = args.site.root.clone();
    let report = |r: Report<'_>| print_report(global, &root, r);
    let mut dev = DevLoop::new(Rebuilder::new(opts), devloop::rebuild_step);
    let mut sink = OutputFolder { unwritten: false };
    dev.change(Vec::new(), false, &mut sink, &report);
    let output = match dev.rebuilder().current() {
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
    dev.run(&mut watcher, &stop, &mut sink, &report);
    0
}

/// Puts each good build into the output folder.
struct OutputFolder {
    /// True when the last write failed, so the next build is written whole even when
    /// nothing changed since.
    unwritten: bool,
}

impl Sink for OutputFolder {
    fn deliver(&mut self, r: &Rebuild) -> Result<(), String> {
        let Some(site) = &r.site else {
            return Ok(());
        };
        if r.changed.is_empty() && !self.unwritten {
            return Ok(());
        }
        let written = pigment::write_output(&site.output_dir, &site.to_output_files());
        self.unwritten = written.is_err();
        written.map(|_| ()).map_err(|e| e.to_string())
    }
}

/// Prints what the dev loop reports (`watch` and `serve` alike).
pub(super) fn print_report(global: &GlobalArgs, root: &Path, r: Report<'_>) {
    match r {
        Report::Built {
            rebuild,
            took,
            trigger,
        } => print_rebuild(global, root, rebuild, took, trigger),
        Report::WatchError(e) => eprintln!("warning: watching files: {e}"),
        Report::WatchNotice(n) => eprintln!("note: {n}"),
        Report::Retrying(problem) => {
            eprintln!("error: {problem}; trying again until it works or a file changes")
        }
    }
}

/// Prints a build's problems and a one-line summary.
pub(super) fn print_rebuild(
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
