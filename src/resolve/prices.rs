//! Prices that may be out of date: an item past its `valid_until`, and `[costs] as_of`
//! older than `stale_after`.

use std::path::Path;

use crate::config::{Config, CONFIG_FILE};
use crate::dates::{Date, IntervalUnit};
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};
use crate::resolve::model::Site;

/// A warning for each cost item whose `valid_until` day passed before `today`.
pub(crate) fn expired_prices(site: &Site, today: Date) -> Vec<Diagnostic> {
    site.pages
        .iter()
        .flat_map(|p| &p.costs)
        .filter_map(|k| {
            let until = k.valid_until.filter(|d| *d < today)?;
            Some(
                Diagnostic::warning(
                    code::PRICE_EXPIRED,
                    format!("the price of `{}` was valid until {until}", k.item),
                )
                .at(k.location.clone())
                .help("check the price with the clinic, then update it and `valid_until`; the costs page marks it as expired meanwhile"),
            )
        })
        .collect()
}

/// A warning when `[costs] as_of` is more than `[costs] stale_after` before `today`.
pub(crate) fn stale_prices(config: &Config, today: Date) -> Option<Diagnostic> {
    let as_of = config.costs_as_of?;
    let interval = config.costs_stale_after;
    // A date past the end of the calendar is never stale.
    let stale_on = interval.due_after(as_of)?;
    if stale_on >= today {
        return None;
    }
    let unit = match interval.unit {
        IntervalUnit::Days => "day",
        IntervalUnit::Weeks => "week",
        IntervalUnit::Months => "month",
        IntervalUnit::Years => "year",
    };
    let plural = if interval.count == 1 { "" } else { "s" };
    let location = config
        .costs_as_of_at
        .clone()
        .unwrap_or_else(|| Location::file_only(Path::new(CONFIG_FILE)));
    Some(
        Diagnostic::warning(
            code::PRICES_STALE,
            format!(
                "prices as of {as_of} are more than {} {unit}{plural} old; they may be stale",
                interval.count
            ),
        )
        .at(location)
        .help("check the prices with the clinic, then update them and `as_of`; `stale_after` sets how old prices may get"),
    )
}
