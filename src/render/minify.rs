//! `[build] minify = true`: a conservative HTML whitespace minifier. Runs of whitespace in
//! text collapse to one space (or one newline when they held one), which renders the same;
//! tags, attribute values, comments and the contents of `<pre>`, `<textarea>`, `<script>`
//! and `<style>` are copied unchanged, so the output stays valid.

use crate::render::OutputFile;

/// Elements whose contents are copied byte for byte.
const RAW_ELEMENTS: [&str; 4] = ["pre", "textarea", "script", "style"];

/// Minifies `f` in place when it is an HTML file.
pub(crate) fn html_file(f: &mut OutputFile) {
    if !f.path.ends_with(".html") {
        return;
    }
    if let Ok(text) = std::str::from_utf8(&f.bytes) {
        f.bytes = html(text).into_bytes();
    }
}

/// `input` with whitespace in text collapsed.
pub(crate) fn html(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            collapse_into(&mut out, rest);
            break;
        };
        collapse_into(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(rest.len(), |i| i + 3);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        let end = tag_end(rest);
        let tag = &rest[..end];
        out.push_str(tag);
        rest = &rest[end..];
        if let Some(name) = raw_element(tag) {
            let close = find_close(rest, name).unwrap_or(rest.len());
            out.push_str(&rest[..close]);
            rest = &rest[close..];
        }
    }
    out
}

/// Appends `text` with each whitespace run as one space, or one newline if it had one.
fn collapse_into(out: &mut String, text: &str) {
    let mut run: Option<bool> = None;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C') {
            let newline = c == '\n' || c == '\r';
            run = Some(run.unwrap_or(false) || newline);
        } else {
            if let Some(nl) = run.take() {
                out.push(if nl { '\n' } else { ' ' });
            }
            out.push(c);
        }
    }
    if let Some(nl) = run {
        out.push(if nl { '\n' } else { ' ' });
    }
}

/// The length of the tag at the start of `s`, through its `>`, skipping quoted values.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The raw-text element a start tag opens, if any.
fn raw_element(tag: &str) -> Option<&'static str> {
    let name = tag.get(1..)?;
    RAW_ELEMENTS.into_iter().find(|el| {
        name.len() > el.len()
            && name[..el.len()].eq_ignore_ascii_case(el)
            && name[el.len()..]
                .starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
    })
}

/// Where `</name` starts in `s`, ignoring case.
fn find_close(s: &str, name: &str) -> Option<usize> {
    let needle = format!("</{name}");
    let lower = s.to_ascii_lowercase();
    lower.find(&needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_text_whitespace_only() {
        let input = "<ul>\n    <li>One   two</li>\n    <li  class=\"a   b\">x</li>\n</ul>\n";
        assert_eq!(
            html(input),
            "<ul>\n<li>One two</li>\n<li  class=\"a   b\">x</li>\n</ul>\n"
        );
    }

    #[test]
    fn leaves_raw_elements_and_comments_alone() {
        let input = "<p> a </p>\n<pre><code>fn  main() {\n    x\n}</code></pre>\n<script type=\"application/ld+json\">{\n  \"a\":  1\n}</script><!--  keep   -->  <TEXTAREA name=t>\n  x</TEXTAREA>";
        assert_eq!(
            html(input),
            "<p> a </p>\n<pre><code>fn  main() {\n    x\n}</code></pre>\n<script type=\"application/ld+json\">{\n  \"a\":  1\n}</script><!--  keep   --> <TEXTAREA name=t>\n  x</TEXTAREA>"
        );
    }

    #[test]
    fn a_greater_than_sign_in_an_attribute_does_not_end_the_tag() {
        assert_eq!(
            html("<a title=\"a > b\">  x  </a>"),
            "<a title=\"a > b\"> x </a>"
        );
    }

    #[test]
    fn minifying_twice_changes_nothing() {
        let input = "<div>\n\n  <p>a\n  b</p>  </div>";
        let once = html(input);
        assert_eq!(html(&once), once);
    }
}
