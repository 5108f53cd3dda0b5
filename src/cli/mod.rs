//! Command-line parsing; every subcommand calls into the library.

mod build;
mod check;
mod init;
mod new;
mod reviews;
mod serve;
mod watch;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use pigment::Diagnostic;

/// Exit code: content or config errors.
pub(crate) const EXIT_CONTENT: i32 = 1;
/// Exit code: usage errors (including refusing to overwrite a file).
pub(crate) const EXIT_USAGE: i32 = 2;
/// Exit code: I/O failure.
pub(crate) const EXIT_IO: i32 = 3;

/// Today's date in the local time zone.
pub(crate) fn today() -> pigment::Date {
    jiff::Zoned::now().date()
}

/// Names the day to use as "today" instead of the calendar's; `--today` wins over it.
pub(crate) const TODAY_VAR: &str = "PIGMENT_TODAY";

/// Parses the value of `--today` or `PIGMENT_TODAY`.
fn parse_today(s: &str) -> Result<pigment::Date, String> {
    pigment::parse_date(s).map_err(|hint| format!("not a date: {hint}"))
}

/// The date `PIGMENT_TODAY` pins, if it is set and not empty.
fn today_from_env() -> Result<Option<pigment::Date>, String> {
    match std::env::var(TODAY_VAR) {
        Err(std::env::VarError::NotPresent) => Ok(None),
        Ok(v) if v.is_empty() => Ok(None),
        Ok(v) => parse_today(&v)
            .map(Some)
            .map_err(|e| format!("invalid {TODAY_VAR} value {v:?}: {e}")),
        Err(std::env::VarError::NotUnicode(v)) => {
            Err(format!("invalid {TODAY_VAR} value {v:?}: not UTF-8"))
        }
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "pigment",
    version,
    about = "A static site generator for health-information sites"
)]
struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

/// Flags every subcommand takes.
#[derive(Debug, Args, Clone)]
pub(crate) struct GlobalArgs {
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Colour output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Pins "today" (YYYY-MM-DD) for review dates and new pages; also PIGMENT_TODAY.
    /// For reproducible builds and tests.
    #[arg(long, global = true, hide = true, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub today: Option<pigment::Date>,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ColorChoice {
    /// When printing to a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl GlobalArgs {
    /// The pinned date, or the calendar's.
    pub(crate) fn today_or_now(&self) -> pigment::Date {
        self.today.unwrap_or_else(today)
    }

    fn color(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stderr().is_terminal()
            }
        }
    }

    /// Prints diagnostics to stderr (warnings only unless quiet).
    pub(crate) fn report(&self, diagnostics: &[Diagnostic]) {
        let color = self.color();
        for d in diagnostics {
            if self.quiet && !d.is_error() {
                continue;
            }
            eprintln!("{}\n", d.render(color));
        }
    }
}

/// Where the site is.
#[derive(Debug, Args, Clone)]
pub(crate) struct SiteArgs {
    /// The site folder, holding site.toml.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// What to build: flags shared by `build` and `watch`.
#[derive(Debug, Args, Clone)]
pub(crate) struct OutputArgs {
    /// Output folder (default: `[build] output` in site.toml, or `public`).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Base URL to build for, e.g. https://user.github.io/clinic
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    #[command(flatten)]
    pub schedule: ScheduleArgs,
}

/// Pages outside their dates: flags shared by `build`, `watch`, `check` and `serve`.
#[derive(Debug, Args, Clone, Copy)]
pub(crate) struct ScheduleArgs {
    /// Include pages whose `publish_date` is still to come.
    #[arg(long)]
    pub future: bool,
    /// Include pages whose `expires` day has passed.
    #[arg(long)]
    pub expired: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build(build::BuildArgs),
    /// Check the whole site and print every problem; writes nothing.
    Check(check::CheckArgs),
    /// Create a new site in DIR that builds as it is.
    Init(init::InitArgs),
    /// Create a new article or FAQ with valid front matter.
    New(new::NewArgs),
    /// List every page's clinical review, due date and status (table, CSV, JSON or iCalendar).
    Reviews(reviews::ReviewsArgs),
    /// Build, serve on 127.0.0.1, rebuild on change and reload the browser.
    Serve(serve::ServeArgs),
    /// Rebuild the output folder on every change, until Ctrl-C.
    Watch(watch::WatchArgs),
}

/// Parses the command line, runs the command, and returns the exit code.
pub(crate) fn run() -> i32 {
    let mut cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { 0 };
        }
    };
    if cli.global.today.is_none() {
        match today_from_env() {
            Ok(d) => cli.global.today = d,
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_USAGE;
            }
        }
    }
    match cli.command {
        Command::Build(args) => build::run(&cli.global, args),
        Command::Check(args) => check::run(&cli.global, args),
        Command::Init(args) => init::run(&cli.global, args),
        Command::New(args) => new::run(&cli.global, args),
        Command::Reviews(args) => reviews::run(&cli.global, args),
        Command::Serve(args) => serve::run(&cli.global, args),
        Command::Watch(args) => watch::run(&cli.global, args),
    }
}

/// "next scheduled change: 2027-01-15, `content/x.md` is published", for CI to schedule a
/// rebuild by.
pub(crate) fn next_change_line(c: &pigment::ScheduledChange) -> String {
    let more = match c.others {
        0 => String::new(),
        1 => " (and 1 more page)".to_string(),
        n => format!(" (and {n} more pages)"),
    };
    format!(
        "next scheduled change: {}, `{}` {}{more}",
        c.date,
        c.path.display(),
        c.change.verb()
    )
}

/// The next scheduled change as one JSON object, for `check --format json`.
pub(crate) fn next_change_json(c: &pigment::ScheduledChange) -> String {
    let change = match c.change {
        pigment::Change::Published => "published",
        pigment::Change::Expires => "expires",
    };
    serde_json::json!({
        "next_scheduled_change": {
            "date": c.date.to_string(),
            "path": c.path.display().to_string(),
            "change": change,
            "others": c.others,
        }
    })
    .to_string()
}

/// "1 error, 2 warnings".
pub(crate) fn counts(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}
