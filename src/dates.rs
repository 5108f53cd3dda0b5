//! Calendar dates in front matter and config.

use serde::Serialize;

/// A calendar date (no time zone: pages are dated by day).
pub type Date = jiff::civil::Date;

/// Parses `2026-03-14` or an RFC 3339 timestamp (`2026-03-14T09:30:00Z`, whose UTC day is
/// taken). On failure returns a hint for the writer.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let s = s.trim();
    if let Ok(d) = s.parse::<Date>() {
        if s.len() == 10 {
            return Ok(d);
        }
    }
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        return Ok(ts.to_zoned(jiff::tz::TimeZone::UTC).date());
    }
    Err("write dates as YYYY-MM-DD, e.g. `2026-03-14`".to_string())
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
    fn displays_for_people() {
        let d = parse_date("2026-03-04").unwrap();
        assert_eq!(DateView::new(d).display, "4 March 2026");
    }
}
