//! Pigment: a static site generator for health-information sites.
//!
//! The build is a pipeline, one folder per stage, plain data between them: `load` (walk
//! and read files) → `parse` (front matter, markdown) → `resolve` (URLs, links, the site
//! graph, site-wide checks) → `render` (templates, in memory) → `output` (write only what
//! changed), driven by `build`; `dev` (incremental rebuilds, watching, serving) and
//! `external` (`check --external`: links to other sites fetched) sit on top. The modules are private; this page lists what the `pigment` command, the tests and
//! the fuzz targets use. `ARCHITECTURE.md` is the map of the code.

// Nothing a user controls may end the program: errors are returned and reported.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod build;
mod config;
mod dates;
mod dev;
mod diagnostics;
mod external;
mod health;
mod i18n;
mod imagefile;
mod load;
mod output;
mod parse;
mod paths;
mod render;
mod resolve;
mod reviews;
mod text;

pub mod scaffold;

pub use build::stamp::STAMP;
pub use build::{
    build, build_if_changed, check_site, render_site, BuildOptions, BuildOutcome, Built,
    RenderedSite,
};
pub use config::{Change, ScheduledChange};
pub use dates::{parse_date, Date};
pub use dev::incremental::{Rebuild, Rebuilder};
pub use dev::watch::SiteWatcher;
pub use dev::{devloop, serve};
pub use diagnostics::{strict_placeholders, Diagnostic};
pub use external::{check_external, ExternalChecks};
pub use output::{interrupted, watch_signals, write as write_output, WriteError, WriteReport};
pub use resolve::model::{Page, PageKind, Site};
pub use resolve::readability::{GradeReport, GradeRow};
pub use reviews::{review_report, ReviewEntry, ReviewFormat, ReviewReport, ReviewStatus};

/// The parsers and checks a writer's input goes through, one at a time, for the fuzz
/// targets and property tests; not a stable interface.
#[doc(hidden)]
pub mod stages {
    pub use crate::config::{
        parse as parse_config, Config, ImageSettings, Language, RawHtml, ReadabilitySettings,
        Schedule,
    };
    pub use crate::health::currency::format_money;
    pub use crate::health::duration::{parse_offset, range_text};
    pub use crate::health::MAX_AMOUNT;
    pub use crate::load::{split_front_matter, SourceFile, Split};
    pub use crate::parse::frontmatter::{
        fallback as fallback_front_matter, parse as parse_front_matter,
    };
    pub use crate::parse::markdown::{render as render_markdown, resolve_content_path, LinkTarget};
    pub use crate::parse::ParsedPage;
    pub use crate::render::health_pages::costs;
    pub use crate::resolve::checks::{contradictions, cost_totals_problems, overdue_reviews};
    pub use crate::resolve::resolve;
}
