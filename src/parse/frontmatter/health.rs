//! The health fields of front matter as written (`stages`, `side_effects`, `costs`) and
//! their checks, which turn them into the health domain's types with their locations.

use serde::Deserialize;

use super::Locator;
use crate::config::is_slug;
use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;
use crate::health::duration::{parse_offset, Offset, OFFSET_HELP};
use crate::health::{parse_count, MAX_AMOUNT, MAX_AMOUNT_TEXT};
use crate::health::{Action, Avoid, CostItem, Frequency, SideEffect, Stage};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawStage {
    id: String,
    title: String,
    from: String,
    to: String,
    #[serde(default)]
    section: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    expect: Vec<String>,
    #[serde(default, rename = "do")]
    to_do: Vec<String>,
    #[serde(default)]
    avoid: Vec<RawAvoid>,
    #[serde(default)]
    call_clinic_if: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAvoid {
    what: String,
    until: String,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSideEffect {
    name: String,
    #[serde(default)]
    onset: Option<String>,
    #[serde(default)]
    lasts: Option<String>,
    frequency: Frequency,
    action: Action,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCost {
    item: String,
    min: f64,
    max: f64,
    currency: String,
    per: String,
    #[serde(default)]
    count: Option<Count>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    valid_until: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Count {
    Number(u32),
    Text(String),
}

/// The offset written under `field` (searched from `from`), or its problem.
pub(super) fn offset(
    raw: &str,
    field: &str,
    from: usize,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Offset> {
    match parse_offset(raw) {
        Ok(o) => Some(o),
        Err(message) => {
            problems.push(
                Diagnostic::error(code::INVALID_DURATION, message)
                    .at(loc.locate(from, field, Some(raw)))
                    .help(OFFSET_HELP),
            );
            None
        }
    }
}

pub(crate) fn check_stages(
    raw: &[RawStage],
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Stage> {
    let mut stages: Vec<Stage> = Vec::new();
    for s in raw {
        let at = loc.item("stages", "id", &s.id);
        let location = loc.locate(at, "id", Some(&s.id));
        if !is_slug(&s.id) {
            problems.push(
                Diagnostic::error(
                    code::STAGE_ID,
                    format!("stage id `{}` is not a valid id", s.id),
                )
                .at(location.clone())
                .help("use lowercase letters, digits and `-`, e.g. `first-days`"),
            );
        }
        if stages.iter().any(|x| x.id == s.id) {
            problems.push(
                Diagnostic::error(
                    code::STAGE_ID,
                    format!("stage id `{}` is used twice in this page", s.id),
                )
                .at(location.clone())
                .help("give every stage of a page its own id"),
            );
        }
        let from = offset(&s.from, "from", at, loc, problems);
        let to = offset(&s.to, "to", at, loc, problems);
        let mut avoid = Vec::new();
        for a in &s.avoid {
            let a_at = loc.value(at, &a.what).unwrap_or(at);
            if let Some(until) = offset(&a.until, "until", a_at, loc, problems) {
                avoid.push(Avoid {
                    what: a.what.clone(),
                    until,
                    location: loc.locate(a_at, "until", Some(&a.until)),
                    note: a.note.clone().filter(|n| !n.trim().is_empty()),
                });
            }
        }
        if let (Some(from), Some(to)) = (from, to) {
            stages.push(Stage {
                id: s.id.clone(),
                title: s.title.clone(),
                from,
                to,
                section: s.section.clone(),
                summary: s.summary.clone(),
                expect: s.expect.clone(),
                to_do: s.to_do.clone(),
                avoid,
                call_clinic_if: s.call_clinic_if.clone(),
                location,
                bounds_location: (
                    loc.locate(at, "from", Some(&s.from)),
                    loc.locate(at, "to", Some(&s.to)),
                ),
            });
        }
    }
    stages
}

pub(crate) fn check_side_effects(
    raw: &[RawSideEffect],
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<SideEffect> {
    raw.iter()
        .map(|s| {
            let at = loc.item("side_effects", "name", &s.name);
            SideEffect {
                name: s.name.clone(),
                onset: s
                    .onset
                    .as_deref()
                    .and_then(|o| offset(o, "onset", at, loc, problems)),
                lasts: s
                    .lasts
                    .as_deref()
                    .and_then(|o| offset(o, "lasts", at, loc, problems)),
                frequency: s.frequency,
                action: s.action,
                note: s.note.clone(),
                location: loc.locate(at, "name", Some(&s.name)),
            }
        })
        .collect()
}

pub(crate) fn check_costs(
    raw: &[RawCost],
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<CostItem> {
    let mut items = Vec::new();
    for c in raw {
        let at = loc.item("costs", "item", &c.item);
        let mut ok = true;
        if !crate::health::currency::is_iso_4217(&c.currency) {
            ok = false;
            let help = match crate::health::currency::suggest(&c.currency) {
                Some(s) => {
                    format!("did you mean `{s}`? Use an ISO 4217 code such as USD, EUR, GBP or PKR")
                }
                None => "use an ISO 4217 code such as USD, EUR, GBP or PKR".to_string(),
            };
            problems.push(
                Diagnostic::error(
                    code::UNKNOWN_CURRENCY,
                    format!("unknown currency code `{}`", c.currency),
                )
                .at(loc.locate(at, "currency", Some(&c.currency)))
                .help(help),
            );
        }
        if !(c.min.is_finite() && c.max.is_finite()) || c.min < 0.0 || c.min > c.max {
            ok = false;
            problems.push(
                Diagnostic::error(
                    code::COST_RANGE,
                    format!("cost range {} to {} is not valid", c.min, c.max),
                )
                .at(loc.locate(at, "min", None))
                .help(
                    "`min` and `max` are prices of zero or more, with `min` no larger than `max`",
                ),
            );
        }
        let count = match &c.count {
            None => Some((1, 1)),
            Some(Count::Number(n)) if *n > 0 => Some((*n, *n)),
            Some(Count::Number(_)) => None,
            Some(Count::Text(t)) => parse_count(t),
        };
        if count.is_none() {
            ok = false;
            let written = match &c.count {
                Some(Count::Number(n)) => n.to_string(),
                Some(Count::Text(t)) => t.clone(),
                None => String::new(),
            };
            problems.push(
                Diagnostic::error(code::SESSION_COUNT, format!("session count `{written}` is not understood"))
                    .at(loc.locate(at, "count", Some(&written)))
                    .help("write a whole number (`\"1\"`) or a range (`\"2-4\"`), fewest first, at least 1"),
            );
        }
        let valid_until = match c.valid_until.as_deref().map(|s| valid_until(s, at, loc)) {
            Some(Err(problem)) => {
                ok = false;
                problems.push(problem);
                None
            }
            Some(Ok(d)) => Some(d),
            None => None,
        };
        if let (true, Some(count)) = (ok, count) {
            if let Some(problem) = too_large(c, count, at, loc) {
                problems.push(problem);
                continue;
            }
            items.push(CostItem {
                item: c.item.clone(),
                min: c.min,
                max: c.max,
                currency: c.currency.clone(),
                per: c.per.clone(),
                count,
                note: c.note.clone(),
                location: loc.locate(at, "item", Some(&c.item)),
                valid_until,
            });
        }
    }
    items
}

/// A cost item's `valid_until` date (under the item at `at`), or the date error.
fn valid_until(s: &str, at: usize, loc: &Locator<'_>) -> Result<crate::dates::Date, Diagnostic> {
    crate::dates::parse_date(s).map_err(|help| {
        Diagnostic::error(
            code::INVALID_DATE,
            format!("invalid date `{s}` in `costs.valid_until`"),
        )
        .at(loc.locate(at, "valid_until", Some(s)))
        .help(help)
    })
}

/// A price above [`MAX_AMOUNT`], or one whose total for the most units is.
fn too_large(c: &RawCost, count: (u32, u32), at: usize, loc: &Locator<'_>) -> Option<Diagnostic> {
    let total = c.max * f64::from(count.1);
    let (message, key) = if c.max > MAX_AMOUNT {
        (format!("price {} is too large", amount_text(c.max)), "max")
    } else if total > MAX_AMOUNT {
        (
            format!(
                "total {} for {} × `{}` is too large",
                amount_text(total),
                count.1,
                c.per
            ),
            "count",
        )
    } else {
        return None;
    };
    Some(
        Diagnostic::error(code::AMOUNT_TOO_LARGE, message)
            .at(loc.locate(at, key, None))
            .help(format!(
                "prices and totals go up to {MAX_AMOUNT_TEXT}; check for extra digits, or give the price in a larger unit"
            )),
    )
}

/// A huge amount in a form people can read: `1e30`, not thirty-one digits.
fn amount_text(amount: f64) -> String {
    if amount >= 1e17 {
        format!("{amount:e}")
    } else {
        amount.to_string()
    }
}
