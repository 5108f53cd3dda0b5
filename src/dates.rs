//! Calendar dates in front matter and config, and the review interval added to them.

use serde::Serialize;

/// A calendar date (no time zone: pages are dated by day).
pub type Date = jiff::civil::Date;

/// The earliest year a date may have: anything before is a typo (`0026` for `2026`).
pub(crate) const MIN_YEAR: i16 = 1900;
/// The latest year a date may have: the calendar Pigment computes with ends there.
pub(crate) const MAX_YEAR: i16 = 9999;

/// Parses `2026-03-14` or an RFC 3339 timestamp (`2026-03-14T09:30:00Z`, whose UTC day is
/// taken), in the years `MIN_YEAR` to `MAX_YEAR`. On failure returns a hint for the writer.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let d = parse_any_year(s.trim())
        .ok_or_else(|| "write dates as YYYY-MM-DD, e.g. `2026-03-14`".to_string())?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&d.year()) {
        return Err(format!(
            "the year must be between {MIN_YEAR} and {MAX_YEAR}; write dates as YYYY-MM-DD, e.g. `2026-03-14`"
        ));
    }
    Ok(d)
}

fn parse_any_year(s: &str) -> Option<Date> {
    if let Ok(d) = s.parse::<Date>() {
        if s.len() == 10 {
            return Some(d);
        }
    }
    let ts = s.parse::<jiff::Timestamp>().ok()?;
    Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// A date as templates see it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DateView {
    /// `2026-03-14`, for `<time datetime>` and JSON-LD.
    pub iso: String,
    /// `14 March 2026` (en-GB), for people, in the locale's long form.
    pub display: String,
}

impl DateView {
    /// The view of `d`, written out for `locale` (a BCP 47 tag such as `en-GB`).
    pub fn new(d: Date, locale: &str) -> DateView {
        DateView {
            iso: d.to_string(),
            display: crate::i18n::with_formats(locale, |f| f.long_date(d)),
        }
    }
}

/// How often pages must be reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewInterval {
    /// How many units.
    pub count: i64,
    /// Which unit.
    pub unit: IntervalUnit,
}

/// The unit of a [`ReviewInterval`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntervalUnit {
    /// Calendar days.
    Days,
    /// Weeks of seven days.
    Weeks,
    /// Calendar months.
    Months,
    /// Calendar years.
    Years,
}

/// Why a review interval is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IntervalError {
    /// Not a number and a unit.
    NotUnderstood,
    /// Longer than 100 years.
    TooLong,
}

/// Parses `12 months`, `1 year`, `26 weeks`, `180 days`: at least one unit, at most 100 years.
pub(crate) fn parse_interval(s: &str) -> Result<ReviewInterval, IntervalError> {
    let mut parts = s.split_whitespace();
    let number = parts.next().ok_or(IntervalError::NotUnderstood)?;
    let unit = parts.next().ok_or(IntervalError::NotUnderstood)?;
    let unit = match unit.to_ascii_lowercase().trim_end_matches('s') {
        "day" => IntervalUnit::Days,
        "week" => IntervalUnit::Weeks,
        "month" => IntervalUnit::Months,
        "year" => IntervalUnit::Years,
        _ => return Err(IntervalError::NotUnderstood),
    };
    let digits = number.strip_prefix('+').unwrap_or(number);
    if parts.next().is_some() || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IntervalError::NotUnderstood);
    }
    // All digits: a number too big for i64 is too long, not misunderstood.
    let count: i64 = digits.parse().map_err(|_| IntervalError::TooLong)?;
    if count == 0 {
        return Err(IntervalError::NotUnderstood);
    }
    if count > unit.most() {
        return Err(IntervalError::TooLong);
    }
    Ok(ReviewInterval { count, unit })
}

impl IntervalUnit {
    /// The most of this unit an interval may have: 100 years.
    fn most(self) -> i64 {
        match self {
            IntervalUnit::Days => 36_525,
            IntervalUnit::Weeks => 5_218,
            IntervalUnit::Months => 1_200,
            IntervalUnit::Years => 100,
        }
    }
}

impl ReviewInterval {
    /// The interval as a calendar span; `None` only for counts `site.toml` never accepts.
    pub fn span(self) -> Option<jiff::Span> {
        let span = jiff::Span::new();
        match self.unit {
            IntervalUnit::Days => span.try_days(self.count),
            IntervalUnit::Weeks => span.try_weeks(self.count),
            IntervalUnit::Months => span.try_months(self.count),
            IntervalUnit::Years => span.try_years(self.count),
        }
        .ok()
    }

    /// When a review done on `on` is due again; `None` past the end of the calendar.
    pub fn due_after(self, on: Date) -> Option<Date> {
        on.checked_add(self.span()?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_days_and_timestamps() {
        assert_eq!(parse_date("2026-03-14").unwrap().to_string(), "2026-03-14");
        assert_eq!(
            parse_date("2026-03-14T23:30:00-02:00").unwrap().to_string(),
            "2026-03-15"
        );
        assert!(parse_date("14/03/2026").is_err());
        assert!(parse_date("2026-02-30").is_err());
    }

    #[test]
    fn refuses_years_outside_1900_to_9999() {
        for s in ["0000-01-01", "1899-12-31", "0001-01-01T00:00:00Z"] {
            let help = parse_date(s).unwrap_err();
            assert!(help.contains("between 1900 and 9999"), "{s}: {help}");
        }
        assert!(parse_date("1900-01-01").is_ok());
        assert!(parse_date("9999-12-31").is_ok());
    }

    #[test]
    fn displays_for_people() {
        let d = parse_date("2026-03-04").unwrap();
        assert_eq!(DateView::new(d, "en-GB").display, "4 March 2026");
        assert_eq!(DateView::new(d, "en").display, "March 4, 2026");
    }

    #[test]
    fn intervals() {
        assert_eq!(
            parse_interval("12 months"),
            Ok(ReviewInterval {
                count: 12,
                unit: IntervalUnit::Months
            })
        );
        for s in [
            "a while",
            "0 days",
            "-3 months",
            "1.5 years",
            "12",
            "12 months ago",
        ] {
            assert_eq!(parse_interval(s), Err(IntervalError::NotUnderstood), "{s}");
        }
    }

    #[test]
    fn intervals_beyond_a_century_are_too_long() {
        for s in [
            "19999 years",
            "239977 months",
            "1043498 weeks",
            "7304485 days",
            "101 years",
            "99999999999999999999999 days",
        ] {
            assert_eq!(parse_interval(s), Err(IntervalError::TooLong), "{s}");
        }
        let latest = Date::constant(9999, 12, 31);
        for s in ["100 years", "1200 months", "5218 weeks", "36525 days"] {
            let i = parse_interval(s).unwrap();
            assert!(i.span().is_some(), "{s}");
            assert!(i.due_after(Date::constant(1900, 1, 1)).is_some(), "{s}");
            assert_eq!(i.due_after(latest), None, "{s}");
        }
    }
}
