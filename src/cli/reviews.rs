//! `pigment reviews`

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{GlobalArgs, SiteArgs, EXIT_CONTENT, EXIT_IO};

/// Arguments of `pigment reviews`.
#[derive(Debug, Args)]
pub(super) struct ReviewsArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// How to write the list.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// List drafts as well.
    #[arg(long)]
    drafts: bool,
}

/// Output format of `pigment reviews`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Aligned columns.
    Table,
    /// RFC 4180 CSV.
    Csv,
    /// A JSON array.
    Json,
    /// An iCalendar file to subscribe to, one event per page due.
    Ics,
}

pub(super) fn run(global: &GlobalArgs, args: ReviewsArgs) -> i32 {
    let opts = pigment::BuildOptions {
        root: args.site.root,
        drafts: args.drafts,
        today: Some(global.today_or_now()),
        ..pigment::BuildOptions::default()
    };
    let report = match pigment::review_report(&opts) {
        Ok(r) => r,
        Err(problems) => {
            global.report(&problems);
            return EXIT_CONTENT;
        }
    };
    let text = report.write(match args.format {
        Format::Table => pigment::ReviewFormat::Table,
        Format::Csv => pigment::ReviewFormat::Csv,
        Format::Json => pigment::ReviewFormat::Json,
        Format::Ics => pigment::ReviewFormat::Ics,
    });
    match &args.output {
        None => {
            print!("{text}");
            0
        }
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("error: cannot write `{}`: {e}", path.display());
                EXIT_IO
            }
        },
    }
}
