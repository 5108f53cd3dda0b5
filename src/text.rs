//! Text helpers every stage may use: escaping for HTML.

/// `s` with `&`, `"` and `<` escaped, safe in HTML text and in double-quoted attributes.
pub(crate) fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_ampersand_quote_and_less_than_only() {
        assert_eq!(
            escape_html(r#"a & <b> "c" 'd' &amp;"#),
            r#"a &amp; &lt;b> &quot;c&quot; 'd' &amp;amp;"#
        );
    }
}
