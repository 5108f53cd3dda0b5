//! `pigment check`

use clap::Args;

use super::{counts, GlobalArgs, SiteArgs, EXIT_CONTENT};

/// Arguments of `pigment check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Fail on warnings too.
    #[arg(long)]
    strict: bool,
    /// Check drafts as well.
    #[arg(long)]
    drafts: bool,
}

pub fn run(global: &GlobalArgs, args: CheckArgs) -> i32 {
    let opts = pigment::BuildOptions {
        root: args.site.root,
        output: None,
        base_url: None,
        drafts: args.drafts,
        today: None,
    };
    let outcome = pigment::render_site(&opts);
    global.report(&outcome.diagnostics);
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
