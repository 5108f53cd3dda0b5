//! `sitemap.xml`, `atom.xml` and `robots.txt`. Dates come from the content, never from the
//! clock, so builds stay byte-identical.

use std::fmt::Write as _;

mod absolute;

use crate::config::Config;
use crate::dates::Date;
use crate::render::context::is_listed;
use crate::render::languages::{page_key, Languages};
use crate::render::OutputFile;
use crate::resolve::model::Site;
use crate::text::escape_html;

/// Escapes text for XML: [`escape_html`], and also `>` and `'` (as `&apos;`), which the
/// feeds have always escaped; kept so their bytes do not change.
pub(crate) fn xml_escape(s: &str) -> String {
    escape_html(s).replace('>', "&gt;").replace('\'', "&apos;")
}

/// The sitemap of every HTML page, with `lastmod` where a page has a date.
fn sitemap(c: &Config, pages: &[(String, Option<Date>)]) -> OutputFile {
    let mut pages: Vec<&(String, Option<Date>)> = pages.iter().collect();
    pages.sort();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, lastmod) in pages {
        let _ = write!(
            xml,
            "  <url><loc>{}</loc>",
            xml_escape(&encoded(&c.permalink(path)))
        );
        if let Some(d) = lastmod {
            let _ = write!(xml, "<lastmod>{d}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".to_string(),
        bytes: xml.into_bytes(),
    }
}

/// `url` with every character outside ASCII percent-encoded as UTF-8, as the sitemap
/// protocol asks: `/ur/tags/الکحل/` → `/ur/tags/%D8%A7%D9%84…/`.
fn encoded(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// The sitemap of every language's pages: each site's content pages and the generated
/// pages at `generated` (same order as `sites`). On a site in several languages each URL
/// lists its translations as `xhtml:link` alternates, its own included.
pub(crate) fn sitemap_of(
    sites: &[Site],
    generated: Vec<Vec<String>>,
    languages: Option<&Languages>,
) -> OutputFile {
    let Some(languages) = languages else {
        let site = &sites[0];
        let mut paths: Vec<(String, Option<Date>)> = site
            .pages
            .iter()
            .map(|p| (p.path.clone(), p.last_modified()))
            .collect();
        paths.extend(generated.into_iter().flatten().map(|p| (p, None)));
        return sitemap(&site.config, &paths);
    };
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for (site, generated) in sites.iter().zip(generated) {
        let mut entries: Vec<(String, Option<Date>, String)> = site
            .pages
            .iter()
            .map(|p| {
                (
                    p.path.clone(),
                    p.last_modified(),
                    page_key(&p.source, &p.path),
                )
            })
            .collect();
        entries.extend(generated.into_iter().map(|g| {
            let key = page_key("", &g);
            (g, None, key)
        }));
        entries.sort();
        for (path, lastmod, key) in entries {
            let _ = write!(
                xml,
                "  <url><loc>{}</loc>",
                xml_escape(&encoded(&site.config.permalink(&path)))
            );
            if let Some(d) = lastmod {
                let _ = write!(xml, "<lastmod>{d}</lastmod>");
            }
            for a in languages.alternates(&key) {
                let _ = write!(
                    xml,
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    xml_escape(&a.code),
                    xml_escape(&encoded(&a.permalink))
                );
            }
            xml.push_str("</url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".to_string(),
        bytes: xml.into_bytes(),
    }
}

/// The Atom feed of the newest articles and answers.
pub(crate) fn atom(site: &Site) -> OutputFile {
    let c = &site.config;
    let mut entries: Vec<(Date, &crate::resolve::model::Page)> = site
        .pages
        .iter()
        .filter(|p| is_listed(p.kind))
        .filter_map(|p| p.last_modified().map(|d| (d, &**p)))
        .collect();
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.path.cmp(&b.1.path)));
    entries.truncate(20);
    let updated = entries.first().map(|(d, _)| *d);
    let author = c
        .clinic
        .as_ref()
        .map_or(c.title.as_str(), |k| k.name.as_str());
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    let _ = writeln!(xml, " xml:lang=\"{}\">", xml_escape(&c.language));
    let _ = writeln!(xml, "  <title>{}</title>", xml_escape(&c.title));
    if !c.description.is_empty() {
        let _ = writeln!(xml, "  <subtitle>{}</subtitle>", xml_escape(&c.description));
    }
    let _ = writeln!(xml, "  <id>{}</id>", xml_escape(&c.permalink("/")));
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&c.permalink("/atom.xml"))
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&c.permalink("/"))
    );
    let _ = writeln!(xml, "  <updated>{}</updated>", rfc3339(updated));
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        xml_escape(author)
    );
    for (d, p) in entries {
        let link = c.permalink(&p.path);
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", xml_escape(&p.title));
        let _ = writeln!(
            xml,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml_escape(&link)
        );
        let _ = writeln!(xml, "    <id>{}</id>", xml_escape(&link));
        if let Some(pd) = p.date {
            let _ = writeln!(xml, "    <published>{}</published>", rfc3339(Some(pd)));
        }
        let _ = writeln!(xml, "    <updated>{}</updated>", rfc3339(Some(d)));
        if !p.summary.is_empty() {
            let _ = writeln!(xml, "    <summary>{}</summary>", xml_escape(&p.summary));
        }
        let _ = writeln!(
            xml,
            "    <content type=\"html\">{}</content>",
            xml_escape(&absolute::absolute_urls(&p.html, &link))
        );
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    OutputFile {
        path: "atom.xml".to_string(),
        bytes: xml.into_bytes(),
    }
}

fn rfc3339(d: Option<Date>) -> String {
    match d {
        Some(d) => format!("{d}T00:00:00Z"),
        None => "1970-01-01T00:00:00Z".to_string(),
    }
}

/// `robots.txt` that allows everything and names the sitemap.
pub(crate) fn robots(c: &Config) -> OutputFile {
    let text = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        c.permalink("/sitemap.xml")
    );
    OutputFile {
        path: "robots.txt".to_string(),
        bytes: text.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_urls_are_percent_encoded() {
        assert_eq!(
            encoded("https://x.example/ur/tags/بال/"),
            "https://x.example/ur/tags/%D8%A8%D8%A7%D9%84/"
        );
        assert_eq!(
            encoded("https://x.example/a-b/?q=1"),
            "https://x.example/a-b/?q=1"
        );
    }

    #[test]
    fn xml_escape_also_escapes_greater_than_and_apostrophe() {
        assert_eq!(
            xml_escape(r#"a & <b> "c" 'd'"#),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;"
        );
    }
}
