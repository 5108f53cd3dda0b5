//! The report as an RFC 5545 iCalendar file: one all-day event per page with a due date,
//! its UID stable across runs, text escaped, lines folded at 75 octets without splitting
//! a character, CRLF line ends.

use super::{ReviewEntry, ReviewReport};
use crate::dates::Date;

/// The longest line, in octets, before it is folded.
const MAX_LINE: usize = 75;

/// The whole calendar.
pub(super) fn calendar(report: &ReviewReport) -> String {
    let host = host_of(&report.base_url);
    let mut out = String::new();
    let mut line = |l: &str| out.push_str(&fold(l));
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Pigment//Clinical reviews//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!(
        "X-WR-CALNAME:{}",
        text(&format!("{}: clinical reviews", report.site_title))
    ));
    for e in &report.entries {
        let Some(due) = e.next_due else { continue };
        for l in event(e, due, report.today, host) {
            line(&l);
        }
    }
    line("END:VCALENDAR");
    out
}

/// The lines of one page's event, unfolded.
fn event(e: &ReviewEntry, due: Date, today: Date, host: &str) -> Vec<String> {
    let end = due.tomorrow().unwrap_or(due);
    let mut description = format!("Reviewer: {}", e.reviewer.as_deref().unwrap_or("-"));
    if let Some(role) = &e.role {
        description.push_str(&format!(" ({role})"));
    }
    if let Some(on) = e.last_reviewed {
        description.push_str(&format!("\nLast reviewed: {on}"));
    }
    description.push_str(&format!("\nFile: {}", e.file));
    vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:review-{}-{}@{host}", e.language, uid_path(&e.file)),
        format!("DTSTAMP:{}T000000Z", compact(today)),
        format!("DTSTART;VALUE=DATE:{}", compact(due)),
        format!("DTEND;VALUE=DATE:{}", compact(end)),
        format!("SUMMARY:{}", text(&format!("Review due: {}", e.title))),
        format!("URL:{}", e.url),
        format!("DESCRIPTION:{}", text(&description)),
        "END:VEVENT".to_string(),
    ]
}

/// `20271006` for 2027-10-06.
fn compact(d: Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

/// The host of a base URL, for UIDs.
fn host_of(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    rest.split(['/', ':']).next().unwrap_or(rest)
}

/// The content file as a UID part: stable while the file keeps its name.
fn uid_path(file: &str) -> String {
    file.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// A TEXT value escaped (RFC 5545 3.3.11): backslash, `;`, `,` and line breaks.
pub(super) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line folded (RFC 5545 3.1): at most 75 octets a line, continuation lines
/// starting with a space, never inside a UTF-8 character and, where the line allows, not
/// beside a blank (some readers trim the blanks that end or start a folded line); each
/// line ends in CRLF.
pub(super) fn fold(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut start = 0;
    let mut room = MAX_LINE;
    while start < chars.len() {
        let end = line_end(&chars, start, room);
        out.extend(&chars[start..end]);
        out.push_str("\r\n");
        if end < chars.len() {
            out.push(' ');
        }
        start = end;
        room = MAX_LINE - 1;
    }
    if chars.is_empty() {
        out.push_str("\r\n");
    }
    out
}

/// Where the line that starts at `start` ends: as many characters as fit in `room`
/// octets, moved back (at most 16 characters) to a place with no blank on either side.
fn line_end(chars: &[char], start: usize, room: usize) -> usize {
    let mut end = start;
    let mut used = 0;
    while end < chars.len() && used + chars[end].len_utf8() <= room {
        used += chars[end].len_utf8();
        end += 1;
    }
    if end == chars.len() {
        return end;
    }
    let beside_blank = |i: usize| chars[i - 1].is_whitespace() || chars[i].is_whitespace();
    (end.saturating_sub(16).max(start + 1)..=end)
        .rev()
        .find(|&i| !beside_blank(i))
        .unwrap_or(end)
        .max(start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        let line = format!("SUMMARY:{}", "ب".repeat(60));
        let folded = fold(&line);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= MAX_LINE, "{l:?}");
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
        for l in fold("ab ".repeat(60).trim_end())
            .split("\r\n")
            .filter(|l| !l.is_empty())
        {
            assert!(!l.starts_with("  ") && !l.ends_with(' '), "{l:?}");
        }
    }

    #[test]
    fn escapes_text() {
        assert_eq!(text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
