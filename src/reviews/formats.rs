//! The report as an aligned table, RFC 4180 CSV and JSON.

use super::ReviewEntry;

const HEADER: [&str; 7] = [
    "STATUS",
    "DUE",
    "LAST REVIEW",
    "REVIEWER",
    "LANG",
    "FILE",
    "TITLE",
];

/// A text column, `-` when empty.
fn or_dash<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "-".to_string(), |v| v.to_string())
}

/// Aligned columns, one page a line, the title last.
pub(super) fn table(entries: &[ReviewEntry]) -> String {
    let rows: Vec<[String; 7]> = entries
        .iter()
        .map(|e| {
            [
                e.status.name().to_string(),
                or_dash(e.next_due),
                or_dash(e.last_reviewed),
                or_dash(e.reviewer.as_deref()),
                e.language.clone(),
                e.file.clone(),
                e.title.clone(),
            ]
        })
        .collect();
    let mut widths = HEADER.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let header = HEADER.map(str::to_string);
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (cell, w) in row.iter().zip(widths) {
            line.push_str(cell);
            let pad = w.saturating_sub(cell.chars().count()) + 2;
            line.extend(std::iter::repeat_n(' ', pad));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// RFC 4180: a header line, CRLF line ends, fields with `,`, `"` or a line break quoted
/// and their quotes doubled.
pub(super) fn csv(entries: &[ReviewEntry]) -> String {
    let mut out =
        String::from("title,file,url,language,reviewer,role,last_reviewed,next_due,status\r\n");
    for e in entries {
        let fields = [
            e.title.clone(),
            e.file.clone(),
            e.url.clone(),
            e.language.clone(),
            e.reviewer.clone().unwrap_or_default(),
            e.role.clone().unwrap_or_default(),
            e.last_reviewed.map(|d| d.to_string()).unwrap_or_default(),
            e.next_due.map(|d| d.to_string()).unwrap_or_default(),
            e.status.name().to_string(),
        ];
        let quoted: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(f: &str) -> String {
    if f.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_string()
    }
}

/// A JSON array, one object a page; absent values are `null`.
pub(super) fn json(entries: &[ReviewEntry]) -> String {
    let list: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "title": e.title,
                "file": e.file,
                "url": e.url,
                "language": e.language,
                "reviewer": e.reviewer,
                "role": e.role,
                "last_reviewed": e.last_reviewed.map(|d| d.to_string()),
                "next_due": e.next_due.map(|d| d.to_string()),
                "status": e.status.name(),
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}
