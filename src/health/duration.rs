//! Offsets from treatment day: `0d`, `36h`, `-7d`, `2w`, `3mo`, `8y`.

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

use crate::i18n::Words;

/// The unit an offset was written in; kept so it reads back the way the writer wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// `h`
    Hours,
    /// `d`
    Days,
    /// `w`
    Weeks,
    /// `mo`, counted as 30 days
    Months,
    /// `y`, counted as 365 days
    Years,
}

impl Unit {
    fn hours(self) -> i64 {
        match self {
            Unit::Hours => 1,
            Unit::Days => 24,
            Unit::Weeks => 24 * 7,
            Unit::Months => 24 * 30,
            Unit::Years => 24 * 365,
        }
    }

    /// The unit's name in message keys: `duration_days`, `point_days`.
    fn key(self) -> &'static str {
        match self {
            Unit::Hours => "hours",
            Unit::Days => "days",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
            Unit::Years => "years",
        }
    }
}

/// A signed offset from treatment day; negative means before treatment.
#[derive(Debug, Clone, Copy)]
pub struct Offset {
    /// The number as written, with its sign.
    pub amount: i64,
    /// The unit as written.
    pub unit: Unit,
}

impl Offset {
    /// The offset in hours, used for ordering and comparison.
    pub fn hours(&self) -> i64 {
        self.amount.saturating_mul(self.unit.hours())
    }

    /// The offset in days (fractional for hours).
    pub fn days(&self) -> f64 {
        self.hours() as f64 / 24.0
    }

    /// How people read it in English: `3 days`, `36 hours`, `1 week before`.
    pub fn text(&self) -> String {
        self.text_in(&Words::english())
    }

    /// How people read it, in `words`' language.
    pub(crate) fn text_in(&self, words: &Words) -> String {
        if self.amount == 0 {
            return words.get("treatment_day");
        }
        let n = self.amount.unsigned_abs().min(i64::MAX as u64) as i64;
        let length = words.count(&format!("duration_{}", self.unit.key()), n, &[]);
        if self.amount < 0 {
            words.with("duration_before", &[("duration", &length)])
        } else {
            length
        }
    }
}

/// A point in time after treatment as people say it: `treatment day`, `day 3`, `week 2`,
/// `7 days before`.
fn point(o: &Offset, words: &Words) -> String {
    if o.amount <= 0 {
        return o.text_in(words);
    }
    words.count(&format!("point_{}", o.unit.key()), o.amount, &[])
}

/// A stage's span in English: `7 days before to treatment day`, `Day 3 to day 14`,
/// `Week 2 to week 6`.
pub fn range_text(from: &Offset, to: &Offset) -> String {
    range_text_in(from, to, &Words::english())
}

/// A stage's span in `words`' language, its first letter a capital.
pub(crate) fn range_text_in(from: &Offset, to: &Offset, words: &Words) -> String {
    let (from, to) = (point(from, words), point(to, words));
    let text = words.with("time_range", &[("from", &from), ("to", &to)]);
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

impl PartialEq for Offset {
    fn eq(&self, other: &Self) -> bool {
        self.hours() == other.hours()
    }
}

impl Eq for Offset {}

impl PartialOrd for Offset {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Offset {
    fn cmp(&self, other: &Self) -> Ordering {
        self.hours().cmp(&other.hours())
    }
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            Unit::Hours => "h",
            Unit::Days => "d",
            Unit::Weeks => "w",
            Unit::Months => "mo",
            Unit::Years => "y",
        };
        write!(f, "{}{unit}", self.amount)
    }
}

/// An offset as templates see it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct OffsetView {
    /// `3 days`, `1 week before`.
    pub text: String,
    /// Signed days from treatment day.
    pub days: f64,
    /// As written: `3d`.
    pub raw: String,
}

impl OffsetView {
    /// The view of `o`, its text in `words`' language.
    pub(crate) fn new(o: Offset, words: &Words) -> OffsetView {
        OffsetView {
            text: o.text_in(words),
            days: o.days(),
            raw: o.to_string(),
        }
    }
}

/// The hint shown for any offset that does not parse.
pub(crate) const OFFSET_HELP: &str =
    "write a whole number and a unit: `36h`, `3d`, `2w`, `3mo`, `8y`; a leading `-` means before treatment (`-7d`)";

/// Parses an offset. The error says what is wrong; `OFFSET_HELP` says how to write it.
pub fn parse_offset(s: &str) -> Result<Offset, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("empty duration".to_string());
    }
    let (negative, rest) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (digits, unit) = rest.split_at(digits_end);
    if digits.is_empty() {
        return Err(format!(
            "invalid duration `{s}`: it must start with a number"
        ));
    }
    let unit = match unit {
        "h" => Unit::Hours,
        "d" => Unit::Days,
        "w" => Unit::Weeks,
        "mo" => Unit::Months,
        "y" => Unit::Years,
        "" => return Err(format!("invalid duration `{s}`: the unit is missing")),
        other => return Err(format!("invalid duration `{s}`: unknown unit `{other}`")),
    };
    // Bounded so that hours never overflow and nobody writes a millennium by mistake.
    let amount: i64 = match digits.parse::<i64>() {
        Ok(n) if n.saturating_mul(unit.hours()) <= 24 * 365 * 200 => n,
        _ => {
            return Err(format!(
                "invalid duration `{s}`: too long, the longest is 200 years"
            ))
        }
    };
    Ok(Offset {
        amount: if negative { -amount } else { amount },
        unit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_unit() {
        for (s, hours) in [
            ("0d", 0),
            ("36h", 36),
            ("-7d", -168),
            ("2w", 336),
            ("6w", 1008),
            ("3mo", 2160),
            ("8y", 70080),
        ] {
            assert_eq!(parse_offset(s).unwrap().hours(), hours, "{s}");
        }
    }

    #[test]
    fn rejects_prose_and_bad_units() {
        for s in [
            "two weeks",
            "2 weeks",
            "2",
            "d",
            "-",
            "2m",
            "1.5d",
            "",
            "99999999999y",
        ] {
            assert!(parse_offset(s).is_err(), "{s}");
        }
    }

    #[test]
    fn reads_like_prose() {
        assert_eq!(parse_offset("1w").unwrap().text(), "1 week");
        assert_eq!(parse_offset("-7d").unwrap().text(), "7 days before");
        assert_eq!(parse_offset("0d").unwrap().text(), "treatment day");
    }

    #[test]
    fn ranges_read_like_prose() {
        let r = |a: &str, b: &str| range_text(&parse_offset(a).unwrap(), &parse_offset(b).unwrap());
        assert_eq!(r("-7d", "0d"), "7 days before to treatment day");
        assert_eq!(r("0d", "3d"), "Treatment day to day 3");
        assert_eq!(r("2w", "6w"), "Week 2 to week 6");
        assert_eq!(r("6w", "8y"), "Week 6 to year 8");
    }

    #[test]
    fn round_trips_through_display() {
        for s in ["0d", "-7d", "36h", "3mo", "8y", "2w"] {
            assert_eq!(parse_offset(s).unwrap().to_string(), s);
        }
    }
}
