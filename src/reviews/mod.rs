//! `pigment reviews`: every page of every language with its reviewer, last review, next
//! due date and status, sorted by due date (never-reviewed pages first), written as an
//! aligned table, CSV, JSON or an iCalendar file a clinic can subscribe to. Reads and
//! resolves the site on its own, rendering nothing.

use crate::build::{parse_page, BuildOptions};
use crate::dates::Date;
use crate::diagnostics::Diagnostic;
use crate::resolve::model::Site;
use crate::resolve::review;
use crate::{config, load, resolve};

mod formats;
mod ics;

pub use crate::resolve::review::ReviewStatus;

/// One page's review, as `pigment reviews` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewEntry {
    /// The page's title (the question, for FAQs).
    pub title: String,
    /// The content file, relative to the site root.
    pub file: String,
    /// The page's absolute URL.
    pub url: String,
    /// The page's language code.
    pub language: String,
    /// Who last reviewed it.
    pub reviewer: Option<String>,
    /// The reviewer's role.
    pub role: Option<String>,
    /// The last review.
    pub last_reviewed: Option<Date>,
    /// When the next review is due: `reviewed.next`, else the last review plus the interval.
    pub next_due: Option<Date>,
    /// Where the review stands on the report's day.
    pub status: ReviewStatus,
}

/// Every page's review on one day, for one site.
#[derive(Debug, Clone)]
pub struct ReviewReport {
    /// The site's title.
    pub site_title: String,
    /// The site's base URL, whose host names the calendar's events.
    pub base_url: String,
    /// The day the statuses are for.
    pub today: Date,
    /// The pages, never-reviewed first, then by due date.
    pub entries: Vec<ReviewEntry>,
}

/// How `pigment reviews` writes its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFormat {
    /// Aligned columns, for a terminal.
    Table,
    /// RFC 4180 CSV, for a spreadsheet.
    Csv,
    /// A JSON array of objects.
    Json,
    /// An RFC 5545 iCalendar file, one all-day event per page due.
    Ics,
}

impl ReviewReport {
    /// The report in `format`.
    pub fn write(&self, format: ReviewFormat) -> String {
        match format {
            ReviewFormat::Table => formats::table(&self.entries),
            ReviewFormat::Csv => formats::csv(&self.entries),
            ReviewFormat::Json => formats::json(&self.entries),
            ReviewFormat::Ics => ics::calendar(self),
        }
    }
}

/// Reads and resolves the site in `opts.root` and lists every page's review on `opts.today`
/// (the calendar's day when unset). Fails only when `site.toml` cannot be used.
pub fn review_report(opts: &BuildOptions) -> Result<ReviewReport, Vec<Diagnostic>> {
    let mut config = config::load(&opts.root, opts.base_url.as_deref())?;
    opts.apply_to(&mut config);
    let today = config.schedule.today.unwrap_or_else(crate::build::today);
    let (site_title, base_url) = (config.title.clone(), config.base_url.clone());
    let (files, problems) = load::load_content(&opts.root);
    let unloaded = load::unloaded(&problems);
    let pages = files
        .into_iter()
        .map(|f| parse_page(f, &config).0)
        .collect();
    let drafts = config.drafts;
    let (sites, _) = resolve::resolve_languages(config, pages, drafts, &unloaded);
    let mut entries: Vec<ReviewEntry> = sites.iter().flat_map(|s| entries_of(s, today)).collect();
    entries.sort_by(|a, b| {
        (a.status != ReviewStatus::NeverReviewed)
            .cmp(&(b.status != ReviewStatus::NeverReviewed))
            .then_with(|| a.next_due.cmp(&b.next_due))
            .then_with(|| a.file.cmp(&b.file))
    });
    Ok(ReviewReport {
        site_title,
        base_url,
        today,
        entries,
    })
}

/// The entries of one language's pages that come from a file.
fn entries_of(site: &Site, today: Date) -> Vec<ReviewEntry> {
    let c = &site.config;
    site.pages
        .iter()
        .filter(|p| !p.source.is_empty())
        .map(|p| {
            let (status, next_due) = review::status(p, c, today);
            ReviewEntry {
                title: p.title.clone(),
                file: p.display_path.to_string_lossy().replace('\\', "/"),
                url: c.permalink(&p.path),
                language: c.language.clone(),
                reviewer: p.reviewed.as_ref().map(|r| r.by.clone()),
                role: p.reviewed.as_ref().and_then(|r| r.role.clone()),
                last_reviewed: p.reviewed.as_ref().map(|r| r.on),
                next_due,
                status,
            }
        })
        .collect()
}
