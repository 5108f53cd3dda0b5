//! Text rules every stage shares: escaping for HTML.

/// Escapes `s` for HTML text and double-quoted attribute values: `&`, `"` and `<` become
/// entities; everything else, `>` and `'` included, is kept as written.
pub(crate) fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_ampersands_quotes_and_open_brackets() {
        assert_eq!(
            escape_html(r#"/a?b=1&c="<x>'"#),
            "/a?b=1&amp;c=&quot;&lt;x>'"
        );
        assert_eq!(escape_html("&amp;"), "&amp;amp;");
        assert_eq!(escape_html("plain"), "plain");
    }
}
