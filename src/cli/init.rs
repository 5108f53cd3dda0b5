//! `pigment init DIR`

use std::path::PathBuf;

use clap::Args;

use super::{GlobalArgs, EXIT_IO, EXIT_USAGE};
use pigment::scaffold::{self, ScaffoldError};

/// Arguments of `pigment init`.
#[derive(Debug, Args)]
pub(super) struct InitArgs {
    /// Folder for the new site; created if missing.
    dir: PathBuf,
}

pub(super) fn run(global: &GlobalArgs, args: InitArgs) -> i32 {
    match scaffold::init(&args.dir, global.today_or_now()) {
        Ok(files) => {
            if !global.quiet {
                for f in &files {
                    eprintln!("created {}", args.dir.join(f).display());
                }
                eprintln!(
                    "\nNext: cd {} && pigment build   (or `pigment serve` to preview)",
                    args.dir.display()
                );
            }
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            match e {
                ScaffoldError::Io { .. } => EXIT_IO,
                _ => EXIT_USAGE,
            }
        }
    }
}
