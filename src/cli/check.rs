//! `pigment check`

use clap::{Args, ValueEnum};

use super::{counts, GlobalArgs, ScheduleArgs, SiteArgs, EXIT_CONTENT};

/// Arguments of `pigment check`.
#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Fail on warnings too.
    #[arg(long)]
    strict: bool,
    /// Check drafts as well.
    #[arg(long)]
    drafts: bool,
    #[command(flatten)]
    schedule: ScheduleArgs,
    /// List, per language, the pages that have no translation into it (not a warning).
    #[arg(long)]
    translations: bool,
    /// Fetch every link to another site (bodies, sources, site.toml) and report the broken
    /// and moved ones; results are cached in `.pigment-cache/`.
    #[arg(long)]
    external: bool,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Print the reading grade (Flesch–Kincaid) of every English page, with its words and
    /// sentences (not a warning).
    #[arg(long)]
    readability: bool,
}

/// Output format of `pigment check`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// Compiler-style messages with snippets, on stderr.
    Human,
    /// One JSON object per line, on stdout.
    Json,
    /// GitHub Actions workflow commands, on stdout.
    Github,
}

pub(super) fn run(global: &GlobalArgs, args: CheckArgs) -> i32 {
    let opts = pigment::BuildOptions {
        root: args.site.root,
        output: None,
        base_url: None,
        drafts: args.drafts,
        today: global.today,
        relative_urls: None,
        future: args.schedule.future,
        expired: args.schedule.expired,
    };
    let mut outcome = pigment::check_site(&opts);
    let checks = pigment::ExternalChecks {
        sources_without_url: args.strict,
        fetch: args.external,
    };
    if checks.sources_without_url || checks.fetch {
        outcome
            .diagnostics
            .extend(pigment::check_external(&opts, checks));
    }
    let next_change = outcome
        .rendered
        .as_ref()
        .and_then(|r| r.next_change.as_ref());
    if args.strict {
        pigment::strict_placeholders(&mut outcome.diagnostics);
    }
    match args.format {
        Format::Human => {
            global.report(&outcome.diagnostics);
            if let Some(c) = next_change.filter(|_| !global.quiet) {
                eprintln!("{}", super::next_change_line(c));
            }
        }
        Format::Json => {
            for d in &outcome.diagnostics {
                println!("{}", d.to_json());
            }
            if let Some(c) = next_change {
                println!("{}", super::next_change_json(c));
            }
        }
        Format::Github => {
            for d in &outcome.diagnostics {
                println!("{}", d.to_github());
            }
            if let Some(c) = next_change {
                println!("::notice::{}", super::next_change_line(c));
            }
        }
    }
    if args.translations {
        print_untranslated(outcome.rendered.as_ref());
    }
    if args.readability {
        print_grades(outcome.rendered.as_ref());
    }
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = outcome.diagnostics.len() - errors;
    let failed = errors > 0 || (args.strict && warnings > 0);
    if failed || !global.quiet {
        eprintln!(
            "{}: {}",
            if failed {
                "check failed"
            } else {
                "check passed"
            },
            counts(errors, warnings)
        );
    }
    if failed {
        EXIT_CONTENT
    } else {
        0
    }
}

/// The `--translations` report, on stdout.
fn print_untranslated(rendered: Option<&pigment::RenderedSite>) {
    let Some(r) = rendered else {
        return;
    };
    let total = r.site.pages.iter().filter(|p| !p.source.is_empty()).count();
    let report = r.untranslated();
    if report.is_empty() {
        println!("translations: the site has one language");
    }
    for (code, missing) in report {
        println!(
            "translations: `{code}` has {} of {total} pages; {} not translated{}",
            total - missing.len(),
            missing.len(),
            if missing.is_empty() { "" } else { ":" }
        );
        for path in missing {
            println!("  {}", path.display());
        }
    }
}

/// The `--readability` table, on stdout: page, grade, words, sentences; then a note for each
/// language that is not graded.
fn print_grades(rendered: Option<&pigment::RenderedSite>) {
    let Some(r) = rendered else {
        return;
    };
    let report = r.reading_grades();
    let width = report
        .pages
        .iter()
        .map(|p| p.path.display().to_string().chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    println!("{:<width$}  grade  words  sentences", "page");
    for p in &report.pages {
        let path = p.path.display().to_string().replace('\\', "/");
        println!(
            "{path:<width$}  {:>5.1}  {:>5}  {:>9}",
            p.grade, p.words, p.sentences
        );
    }
    for (language, pages) in &report.ungraded {
        println!(
            "readability: `{language}` pages not graded ({pages}): the Flesch–Kincaid grade is for English only"
        );
    }
}
