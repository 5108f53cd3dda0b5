//! The health domain: recovery stages, side effects and costs as the site knows them,
//! with their durations and currencies. Plain types and rules, no file formats: the
//! front-matter shape and its checks live in the parse stage.

pub(crate) mod currency;
pub(crate) mod duration;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Location;
use duration::Offset;

/// One recovery stage of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    /// Unique within the article.
    pub id: String,
    /// Heading for the stage.
    pub title: String,
    /// Start, from treatment day.
    pub from: Offset,
    /// End, from treatment day.
    pub to: Offset,
    /// Heading id in the article this stage comes from.
    pub section: Option<String>,
    /// One or two sentences.
    pub summary: Option<String>,
    /// What patients will notice.
    pub expect: Vec<String>,
    /// What to do.
    pub to_do: Vec<String>,
    /// What to avoid, and until when.
    pub avoid: Vec<Avoid>,
    /// When to call the clinic.
    pub call_clinic_if: Vec<String>,
    /// Where the stage is written.
    pub location: Location,
    /// Where `from` and `to` are written.
    pub bounds_location: (Location, Location),
}

/// Something to avoid until an offset from treatment day.
#[derive(Debug, Clone, PartialEq)]
pub struct Avoid {
    /// The activity.
    pub what: String,
    /// Until when.
    pub until: Offset,
    /// Where `until` is written.
    pub location: Location,
    /// The caveat that goes with it wherever it is shown (short inline markdown).
    pub note: Option<String>,
}

/// How often a side effect happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    /// Most patients.
    Common,
    /// Some patients.
    Uncommon,
    /// Few patients.
    Rare,
}

/// What to do about a side effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Look after it at home.
    SelfCare,
    /// Call the clinic.
    ContactClinic,
    /// Seek urgent care.
    Urgent,
}

/// One possible side effect.
#[derive(Debug, Clone, PartialEq)]
pub struct SideEffect {
    /// Its name.
    pub name: String,
    /// When it starts.
    pub onset: Option<Offset>,
    /// How long it lasts.
    pub lasts: Option<Offset>,
    /// How common it is.
    pub frequency: Frequency,
    /// What to do.
    pub action: Action,
    /// More detail.
    pub note: Option<String>,
    /// Where it is written.
    pub location: Location,
}

/// One cost line.
#[derive(Debug, Clone, PartialEq)]
pub struct CostItem {
    /// What is paid for.
    pub item: String,
    /// Lowest price per unit.
    pub min: f64,
    /// Highest price per unit.
    pub max: f64,
    /// ISO 4217 code.
    pub currency: String,
    /// The unit, e.g. "session".
    pub per: String,
    /// Fewest and most units.
    pub count: (u32, u32),
    /// More detail.
    pub note: Option<String>,
    /// Where it is written.
    pub location: Location,
    /// The last day the price holds (`valid_until`), when the clinic gives one.
    pub valid_until: Option<crate::dates::Date>,
}

/// The largest price or total shown exactly: 2^53, beyond which whole numbers no longer
/// have their own value and totals silently round.
pub const MAX_AMOUNT: f64 = 9_007_199_254_740_992.0;

/// `MAX_AMOUNT` as people read it.
pub(crate) const MAX_AMOUNT_TEXT: &str = "9,007,199,254,740,992";

/// Parses `"3"` or `"2-4"` (also with an en dash).
pub(crate) fn parse_count(s: &str) -> Option<(u32, u32)> {
    let s = s.trim();
    let (a, b) = match s.split_once(['-', '–']) {
        Some((a, b)) => (a.trim().parse().ok()?, b.trim().parse().ok()?),
        None => {
            let n = s.parse().ok()?;
            (n, n)
        }
    };
    (a >= 1 && a <= b).then_some((a, b))
}

/// Activities are the same when their words are (case and spacing aside).
pub(crate) fn activity_key(what: &str) -> String {
    what.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        assert_eq!(parse_count("2-4"), Some((2, 4)));
        assert_eq!(parse_count("2–4"), Some((2, 4)));
        assert_eq!(parse_count("3"), Some((3, 3)));
        assert_eq!(parse_count("4-2"), None);
        assert_eq!(parse_count("0"), None);
        assert_eq!(parse_count("a few"), None);
    }
}
