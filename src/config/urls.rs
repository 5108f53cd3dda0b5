//! Whether a URL written by a writer is one a reader can follow.

/// Whether `url` is an absolute `http://` or `https://` URL with a host: no spaces, a
/// host of letters, digits, `-` and `.` (or a bracketed IPv6 address), an optional port.
pub(crate) fn is_http_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = if let Some(v6) = host_port.strip_prefix('[') {
        match v6.split_once(']') {
            Some((h, p))
                if !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit() || c == ':') =>
            {
                ("v6", p.strip_prefix(':'))
            }
            _ => return false,
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, None),
        }
    };
    let host_ok = !host.is_empty()
        && !host.starts_with(['.', '-'])
        && !host.contains("..")
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.'));
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
    host_ok && port_ok
}

#[cfg(test)]
mod tests {
    use super::is_http_url;

    #[test]
    fn only_absolute_web_addresses_pass() {
        for ok in [
            "https://www.nhs.uk/conditions/",
            "HTTP://a.org",
            "http://127.0.0.1:8080/x?q=1#f",
            "https://[::1]:443/",
            "https://bücher.example/",
        ] {
            assert!(is_http_url(ok), "{ok}");
        }
        for bad in [
            "htp:/nhs.uk",
            "www.nhs.uk/x",
            "https:///x",
            "https://",
            "https:/nhs.uk",
            "https://nhs .uk/",
            "https://a..b/",
            "https://a.org:port/",
            "mailto:a@b.org",
            "/articles/",
        ] {
            assert!(!is_http_url(bad), "{bad}");
        }
    }
}
