//! Feed entries carry a page's body away from the page: its root- and page-relative URLs
//! are made absolute, so links and images work in a feed reader.

/// `html` with every relative `href`, `src` and `srcset` URL made absolute against `page`,
/// the page's absolute URL (`https://clinic.example/articles/recovery/`).
pub(super) fn absolute_urls(html: &str, page: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some((start, attr, quote)) = next_attribute(rest) {
        let value_start = start + attr.len() + 2;
        let Some(len) = rest[value_start..].find(quote) else {
            break;
        };
        out.push_str(&rest[..start]);
        let value = &rest[value_start..value_start + len];
        out.push_str(&rest[start..value_start]);
        if attr == "srcset" {
            let candidates: Vec<String> = value
                .split(',')
                .map(|c| {
                    let c = c.trim_start();
                    let (url, descriptor) =
                        c.split_at(c.find(char::is_whitespace).unwrap_or(c.len()));
                    format!("{}{descriptor}", absolute(url, page))
                })
                .collect();
            out.push_str(&candidates.join(", "));
        } else {
            out.push_str(&absolute(value, page));
        }
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

/// The next ` href="`, ` src="` or ` srcset="` (either quote) in `s`: where its name
/// starts, the name and the quote.
fn next_attribute(s: &str) -> Option<(usize, &'static str, char)> {
    let mut from = 0;
    while let Some(i) = s[from..].find('=') {
        let eq = from + i;
        from = eq + 1;
        let quote = match s.as_bytes().get(eq + 1) {
            Some(b'"') => '"',
            Some(b'\'') => '\'',
            _ => continue,
        };
        for attr in ["href", "srcset", "src"] {
            let Some(start) = eq.checked_sub(attr.len()) else {
                continue;
            };
            let before = start.checked_sub(1).and_then(|b| s.as_bytes().get(b));
            if s.get(start..eq) == Some(attr) && before.is_some_and(u8::is_ascii_whitespace) {
                return Some((start, attr, quote));
            }
        }
    }
    None
}

/// `url` made absolute against `page`; absolute URLs, `mailto:` and the like unchanged.
fn absolute(url: &str, page: &str) -> String {
    let scheme = url.find(':').is_some_and(|i| {
        url[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && i > 0
    });
    if url.is_empty() || scheme || url.starts_with("//") {
        return url.to_string();
    }
    let origin_end = page
        .find("://")
        .and_then(|i| page[i + 3..].find('/').map(|j| i + 3 + j))
        .unwrap_or(page.len());
    let (origin, page_path) = page.split_at(origin_end);
    if url.starts_with('#') {
        return format!("{page}{url}");
    }
    if url.starts_with('/') {
        return format!("{origin}{url}");
    }
    let dir = &page_path[..page_path.rfind('/').map_or(0, |i| i + 1)];
    format!("{origin}{}", dot_segments(&format!("{dir}{url}")))
}

/// `/a/b/../c` → `/a/c`, never above `/`; a query or fragment is left as it is.
fn dot_segments(path: &str) -> String {
    let end = path.find(['?', '#']).unwrap_or(path.len());
    let (path, tail) = path.split_at(end);
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "." => {}
            ".." => {
                if parts.len() > 1 {
                    parts.pop();
                }
            }
            s => parts.push(s),
        }
        if last && (*seg == "." || *seg == "..") {
            parts.push("");
        }
    }
    format!("{}{tail}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_become_absolute() {
        let page = "https://clinic.example/articles/recovery/";
        let html = r##"<a href="/faq/">f</a><a href="../costs/#x">c</a><img src="scab.png" srcset="s-480.png 480w, /img/s-800.png 800w"><a href="#part">p</a><a href="https://other.example/">o</a><a href="mailto:a@b.c">m</a><a class='x' href='t.html?a=1&amp;b=2'>t</a>"##;
        assert_eq!(
            absolute_urls(html, page),
            r##"<a href="https://clinic.example/faq/">f</a><a href="https://clinic.example/articles/costs/#x">c</a><img src="https://clinic.example/articles/recovery/scab.png" srcset="https://clinic.example/articles/recovery/s-480.png 480w, https://clinic.example/img/s-800.png 800w"><a href="https://clinic.example/articles/recovery/#part">p</a><a href="https://other.example/">o</a><a href="mailto:a@b.c">m</a><a class='x' href='https://clinic.example/articles/recovery/t.html?a=1&amp;b=2'>t</a>"##
        );
    }

    #[test]
    fn climbing_stops_at_the_root_and_text_is_left_alone() {
        let page = "https://clinic.example/a/";
        assert_eq!(absolute("../../../x", page), "https://clinic.example/x");
        assert_eq!(absolute("..", page), "https://clinic.example/");
        // Markdown text has its quotes escaped, so it never looks like an attribute.
        let text = "<p>x href=&quot;y&quot; and src = 'z'</p><a href=\"b";
        assert_eq!(absolute_urls(text, page), text);
    }
}
