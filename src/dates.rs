//! Calendar dates in front matter and config.

use serde::Serialize;

/// A calendar date (no time zone: pages are dated by day).
pub type Date = jiff::civil::Date;

/// The earliest year a date may have: anything before is a typo (`0026` for `2026`).
pub const MIN_YEAR: i16 = 1900;
/// The latest year a date may have, so that a date plus an interval still fits a calendar.
pub const MAX_YEAR: i16 = 9999;

/// Parses `2026-03-14` or an RFC 3339 timestamp (`2026-03-14T09:30:00Z`, whose UTC day is
/// taken), in the years [`MIN_YEAR`] to [`MAX_YEAR`]. On failure returns a hint for the writer.
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
    /// `14 March 2026`, for people.
    pub display: String,
}

impl DateView {
    /// The view of `d`.
    pub fn new(d: Date) -> DateView {
        DateView {
            iso: d.to_string(),
            display: d.strftime("%-d %B %Y").to_string(),
        }
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
        assert_eq!(DateView::new(d).display, "4 March 2026");
    }
}
