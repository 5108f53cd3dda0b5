//! `pigment build`

use std::time::Instant;

use clap::Args;

use super::{counts, GlobalArgs, OutputArgs, SiteArgs, EXIT_CONTENT, EXIT_IO};

/// Arguments of `pigment build`.
#[derive(Debug, Args)]
pub(super) struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    #[command(flatten)]
    out: OutputArgs,
    /// Write page-relative URLs (`../faq/index.html`), so the output folder works opened
    /// from disk, search included; `--relative=false` turns off `[build] relative_urls`.
    /// Canonical, Open Graph, hreflang, feed, sitemap and JSON-LD URLs stay absolute.
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    relative: Option<bool>,
}

pub(super) fn run(global: &GlobalArgs, args: BuildArgs) -> i32 {
    let start = Instant::now();
    // Ctrl-C and SIGTERM undo the write instead of leaving it half done.
    if let Err(e) = pigment::watch_signals() {
        eprintln!("warning: cannot handle Ctrl-C during the build: {e}");
    }
    let opts = pigment::BuildOptions {
        root: args.site.root,
        output: args.out.output,
        base_url: args.out.base_url,
        drafts: args.out.drafts,
        today: global.today,
        relative_urls: args.relative,
        future: args.out.schedule.future,
        expired: args.out.schedule.expired,
    };
    let outcome = match pigment::build_if_changed(&opts) {
        Ok(pigment::Built::Built(o)) => *o,
        Ok(pigment::Built::UpToDate(up)) => {
            if !global.quiet {
                eprintln!(
                    "Built {} pages ({} files: 0 written, {} unchanged, 0 removed) into {} in {} ms; nothing changed since the last build",
                    up.pages,
                    up.files,
                    up.files,
                    up.output_dir.display(),
                    start.elapsed().as_millis(),
                );
            }
            return 0;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return e.signal().map_or(EXIT_IO, |sig| 128 + sig);
        }
    };
    if let (Some(sig), None) = (pigment::interrupted(), &outcome.written) {
        // Stopped before the write began (a signal after the commit changes nothing).
        eprintln!("error: interrupted; the output folder was left as it was");
        return 128 + sig;
    }
    global.report(&outcome.diagnostics);
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = outcome.diagnostics.len() - errors;
    if outcome.has_errors() {
        eprintln!(
            "error: build failed ({}); the output folder was not changed",
            counts(errors, warnings)
        );
        return EXIT_CONTENT;
    }
    if global.verbose {
        if let (Some(r), Some(w)) = (&outcome.rendered, &outcome.written) {
            report_verbose(r, w);
        }
    }
    if !global.quiet {
        if let (Some(r), Some(w)) = (&outcome.rendered, &outcome.written) {
            eprintln!(
                "Built {} pages ({} files: {} written, {} unchanged, {} removed) into {} in {} ms{}",
                w.pages,
                w.files,
                w.written,
                w.unchanged,
                w.removed,
                r.output_dir.display(),
                start.elapsed().as_millis(),
                if warnings > 0 { format!(", {}", counts(0, warnings).trim_start_matches("0 errors, ")) } else { String::new() },
            );
        }
        if let Some(c) = outcome
            .rendered
            .as_ref()
            .and_then(|r| r.next_change.as_ref())
        {
            eprintln!("{}", super::next_change_line(c));
        }
    }
    0
}

/// `-v`: what the site is made of.
fn report_verbose(r: &pigment::RenderedSite, w: &pigment::WriteReport) {
    use pigment::PageKind;
    let count = |k: PageKind| r.site.pages.iter().filter(|p| p.kind == k).count();
    let c = &r.site.config;
    eprintln!(
        "site: {} ({}), theme `{}`, {} articles, {} FAQs, {} list pages, {} topics, {} tags",
        c.title,
        c.base_url,
        c.theme,
        count(PageKind::Article),
        count(PageKind::Faq),
        count(PageKind::Section),
        c.topics.len(),
        r.site.tags.len(),
    );
    let stages: usize = r.site.pages.iter().map(|p| p.stages.len()).sum();
    let effects: usize = r.site.pages.iter().map(|p| p.side_effects.len()).sum();
    let costs: usize = r.site.pages.iter().map(|p| p.costs.len()).sum();
    eprintln!("health data: {stages} stages, {effects} side effects, {costs} cost items");
    eprintln!("output: {} files, {} KiB", w.files, w.bytes / 1024);
}
