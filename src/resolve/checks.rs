//! Checks that need the whole site at once: advice that contradicts itself across pages,
//! totals too large to show exactly, and reviews that are overdue.

use std::collections::BTreeMap;

use crate::dates::Date;
use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;
use crate::health::activity_key;
use crate::resolve::model::Site;

/// Errors for currencies whose total on the costs page would pass
/// [`MAX_AMOUNT`](crate::health::MAX_AMOUNT), pointing at the item that takes it over.
pub fn cost_totals_problems(site: &Site) -> Vec<Diagnostic> {
    use crate::health::{MAX_AMOUNT, MAX_AMOUNT_TEXT};
    let mut problems = Vec::new();
    let mut totals: BTreeMap<&str, f64> = BTreeMap::new();
    for k in site.pages.iter().flat_map(|p| &p.costs) {
        let total = totals.entry(k.currency.as_str()).or_insert(0.0);
        let before = *total;
        *total += k.max * f64::from(k.count.1);
        if before <= MAX_AMOUNT && *total > MAX_AMOUNT {
            problems.push(
                Diagnostic::error(
                    code::AMOUNT_TOO_LARGE,
                    format!("the {} total on the costs page is too large", k.currency),
                )
                .at(k.location.clone())
                .label("this item takes it over")
                .help(format!(
                    "the costs page adds up every item's highest price; totals go up to {MAX_AMOUNT_TEXT}, so check `max` and `count` for extra digits"
                )),
            );
        }
    }
    problems
}

/// Warnings for advice that contradicts itself across pages, and stages that end before
/// they start.
pub fn contradictions(site: &Site) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: BTreeMap<String, Vec<&crate::health::Avoid>> = BTreeMap::new();
    for p in &site.pages {
        for s in &p.stages {
            if s.to < s.from {
                problems.push(
                    Diagnostic::warning(
                        code::STAGE_BACKWARDS,
                        format!(
                            "stage `{}` ends ({}) before it starts ({})",
                            s.id, s.to, s.from
                        ),
                    )
                    .at(s.location.clone())
                    .help("swap `from` and `to`, or correct one of them"),
                );
            }
            for a in &s.avoid {
                seen.entry(activity_key(&a.what)).or_default().push(a);
            }
        }
    }
    for (what, list) in seen {
        let first = list[0];
        for other in list.iter().skip(1) {
            if other.until != first.until {
                problems.push(
                    Diagnostic::warning(
                        code::CONTRADICTION,
                        format!("contradicting advice: avoid `{what}` until {} here, but until {} elsewhere", other.until, first.until),
                    )
                    .at(other.location.clone())
                    .label(format!("until {}", other.until))
                    .also(format!("until {}", first.until), first.location.clone())
                    .help("patients see both; agree on one `until` for this activity in every article"),
                );
            }
        }
    }
    problems
}

/// Warnings for reviews older than the configured interval or past their `next` date.
pub fn overdue_reviews(site: &Site, today: Date) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for p in &site.pages {
        let Some(r) = &p.reviewed else { continue };
        if let Some(next) = r.next {
            if next < today {
                problems.push(
                    Diagnostic::warning(code::REVIEW_OVERDUE, format!("review was due on {next}"))
                        .at(r.location.clone())
                        .help("review the page, then update `reviewed.on` and `reviewed.next`"),
                );
                continue;
            }
        }
        let section = crate::resolve::review::section_of(p.kind);
        if let Some(interval) = site.config.review_interval_for(section) {
            // A due date past the end of the calendar is never overdue.
            if let Some(due) = interval.due_after(r.on) {
                if due < today {
                    problems.push(
                        Diagnostic::warning(
                            code::REVIEW_INTERVAL_PASSED,
                            format!(
                                "last reviewed on {}, more than {} {} ago",
                                r.on,
                                interval.count,
                                unit_name(interval.unit, interval.count)
                            ),
                        )
                        .at(r.location.clone())
                        .help("review the page, then update `reviewed.on`"),
                    );
                }
            }
        }
    }
    problems
}

fn unit_name(u: crate::config::IntervalUnit, count: i64) -> &'static str {
    use crate::config::IntervalUnit;
    let (one, many) = match u {
        IntervalUnit::Days => ("day", "days"),
        IntervalUnit::Weeks => ("week", "weeks"),
        IntervalUnit::Months => ("month", "months"),
        IntervalUnit::Years => ("year", "years"),
    };
    if count == 1 {
        one
    } else {
        many
    }
}
