//! The list of files the last build wrote, kept in the output folder so the next build can
//! remove the ones no source asks for any more. It is JSON, so no file name — a newline in
//! it included — can break it; the older one-path-per-line form is still read.

use std::collections::BTreeSet;
use std::path::Path;

use super::MANIFEST;

#[derive(serde::Serialize, serde::Deserialize)]
struct Manifest {
    #[serde(rename = "pigment-manifest")]
    version: u32,
    files: Vec<String>,
}

const VERSION: u32 = 2;

/// The files the manifest in `out_dir` lists; none when there is none or it cannot be read.
pub(super) fn read(out_dir: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(out_dir.join(MANIFEST)) else {
        return Vec::new();
    };
    parse(&text)
}

fn parse(text: &str) -> Vec<String> {
    if text.starts_with('{') {
        return serde_json::from_str::<Manifest>(text)
            .map(|m| m.files)
            .unwrap_or_default();
    }
    text.lines().map(str::to_string).collect()
}

/// The manifest listing `files`.
pub(super) fn encode(files: &BTreeSet<&str>) -> String {
    let m = Manifest {
        version: VERSION,
        files: files.iter().map(|f| f.to_string()).collect(),
    };
    let mut text = serde_json::to_string(&m).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_file_name_survives_a_round_trip() {
        let names = [
            "a\nb.html",
            "c\r\n\"d\".html",
            "é/ü.html",
            "plain/index.html",
        ];
        let set: BTreeSet<&str> = names.into_iter().collect();
        let back: BTreeSet<String> = parse(&encode(&set)).into_iter().collect();
        assert_eq!(back, set.iter().map(|s| s.to_string()).collect());
    }

    #[test]
    fn the_line_form_is_still_read() {
        assert_eq!(parse("a.html\nb/index.html\n"), ["a.html", "b/index.html"]);
    }
}
