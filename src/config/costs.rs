//! `[costs] stale_after`: how old the "prices as of" date may get before a build warns
//! that the prices may be out of date.

use super::check::SiteToml;
use super::raw::RawCosts;
use crate::dates::{parse_interval, IntervalUnit, ReviewInterval};
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};

/// How old prices may get when `site.toml` does not say: 12 months.
pub(super) const DEFAULT_STALE_AFTER: ReviewInterval = ReviewInterval {
    count: 12,
    unit: IntervalUnit::Months,
};

/// `stale_after` (12 months unless written), and where `as_of` is written, for the
/// warning a build gives when the prices are older.
pub(super) fn staleness(
    raw: Option<&RawCosts>,
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) -> (ReviewInterval, Option<Location>) {
    let Some(raw) = raw else {
        return (DEFAULT_STALE_AFTER, None);
    };
    let as_of_at = raw.as_of.as_ref().map(|_| file.at_key("as_of"));
    let Some(written) = raw.stale_after.as_deref() else {
        return (DEFAULT_STALE_AFTER, as_of_at);
    };
    match parse_interval(written) {
        Ok(i) => (i, as_of_at),
        Err(_) => {
            problems.push(
                Diagnostic::error(
                    code::COSTS_STALE_AFTER,
                    format!("`stale_after` `{written}` is not understood"),
                )
                .at(file.at_key("stale_after"))
                .help("write a number and a unit, at most 100 years: `12 months`, `6 months`, `1 year`, `26 weeks`"),
            );
            (DEFAULT_STALE_AFTER, as_of_at)
        }
    }
}
