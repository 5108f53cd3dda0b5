//! What `pigment check` adds about links to other sites: with `--strict`, the sources that
//! give no URL; with `--external`, every `http(s)` URL of the bodies, the front matter
//! (`sources[].url`) and `site.toml` fetched (bounded, cached) and the broken or moved
//! ones reported where they are written. Reads the site again on its own, so a check
//! without these flags stays as fast as before.

use std::collections::BTreeSet;

use crate::build::BuildOptions;
use crate::config::{self, is_http_url, CheckSettings, Config};
use crate::diagnostics::{code, Diagnostic, Diagnostics, Location};
use crate::load;
use crate::parse::{frontmatter, markdown};

mod cache;
mod fetch;
mod pool;

use fetch::Outcome;

/// What to look at besides the site check.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExternalChecks {
    /// Warn on sources without a URL (`check --strict`).
    pub sources_without_url: bool,
    /// Fetch every external URL (`check --external`).
    pub fetch: bool,
}

/// An external URL and where it is written.
struct Link {
    url: String,
    location: Location,
}

/// The problems `checks` asks for, sorted by place; none when the site cannot be read
/// (the site check reports why).
pub fn check_external(opts: &BuildOptions, checks: ExternalChecks) -> Vec<Diagnostic> {
    let Ok(config) = config::load(&opts.root, opts.base_url.as_deref()) else {
        return Vec::new();
    };
    let drafts = opts.drafts || config.drafts;
    let (links, unsourced) = gather(opts, &config, drafts);
    let mut diags = Diagnostics::new();
    if checks.sources_without_url {
        diags.extend(unsourced.into_iter().map(source_without_url));
    }
    if checks.fetch {
        diags.extend(fetch_all(opts, &config.check, &links));
    }
    diags.sorted()
}

/// Every external link of the site, and where each source without a URL is written.
fn gather(opts: &BuildOptions, config: &Config, drafts: bool) -> (Vec<Link>, Vec<Location>) {
    let mut links: Vec<Link> = config
        .site_links
        .iter()
        .map(|l| Link {
            url: l.url.clone(),
            location: l.location.clone(),
        })
        .collect();
    let mut unsourced = Vec::new();
    let (files, _) = load::load_content(&opts.root);
    for file in files {
        let is_faq = crate::resolve::is_faq(&file);
        let Ok(fm) = frontmatter::parse(&file, config, is_faq) else {
            continue;
        };
        if fm.draft && !drafts {
            continue;
        }
        for source in fm.source_links {
            match source.value {
                Some(url) if is_http_url(&url) => links.push(Link {
                    url,
                    location: source.location,
                }),
                Some(_) => {}
                None => unsourced.push(source.location),
            }
        }
        let body = markdown::render(&file, &config.base_path, config.raw_html);
        links.extend(body.external.into_iter().map(|l| Link {
            url: l.url,
            location: l.location,
        }));
    }
    (links, unsourced)
}

fn source_without_url(location: Location) -> Diagnostic {
    Diagnostic::warning(code::SOURCE_WITHOUT_URL, "source has no URL")
        .at(location)
        .label("no `url`")
        .help("add `url: https://…` so a reviewer can follow the source, or cite it in full in the title")
}

/// Fetches every link not skipped and not cached (each URL once), saves the cache, and
/// reports the broken and moved ones.
fn fetch_all(opts: &BuildOptions, settings: &CheckSettings, links: &[Link]) -> Vec<Diagnostic> {
    let mut cache = cache::Cache::open(&opts.root, settings.external_cache_ttl);
    let wanted: BTreeSet<&str> = links
        .iter()
        .map(|l| without_fragment(&l.url))
        .filter(|u| !skipped(u, &settings.external_skip))
        .collect();
    let to_fetch: Vec<String> = wanted
        .iter()
        .filter(|u| cache.get(u).is_none())
        .map(|u| u.to_string())
        .collect();
    if !to_fetch.is_empty() {
        let agent = fetch::agent(settings.external_timeout);
        for (url, outcome) in pool::run(to_fetch, |u| fetch::fetch(&agent, u)) {
            cache.insert(url, outcome);
        }
    }
    let mut problems = Vec::new();
    if let Err(e) = cache.save() {
        problems.push(
            Diagnostic::warning(
                code::EXTERNAL_BROKEN,
                format!("cannot save the link cache: {e}"),
            )
            .at(Location::file_only(std::path::Path::new(cache::CACHE_DIR)))
            .help("the next `check --external` fetches every link again"),
        );
    }
    for link in links {
        let url = without_fragment(&link.url);
        if let Some(problem) = cache.get(url).and_then(|o| report(&link.url, o)) {
            problems.push(problem.at(link.location.clone()));
        }
    }
    problems
}

/// The problem an outcome is, if any (to be located by the caller).
fn report(url: &str, outcome: &Outcome) -> Option<Diagnostic> {
    match outcome {
        Outcome::Ok => None,
        Outcome::Moved { to } => Some(
            Diagnostic::warning(code::EXTERNAL_MOVED, format!("`{url}` has moved permanently to `{to}`"))
                .label("permanent redirect")
                .help(format!("link to `{to}` instead")),
        ),
        Outcome::Broken { reason } => Some(
            Diagnostic::error(code::EXTERNAL_BROKEN, format!("external link `{url}` is broken: {reason}"))
                .label(reason.clone())
                .help("fix or remove the link; a site that refuses link checkers can be listed in `[check] external_skip` in site.toml"),
        ),
    }
}

fn without_fragment(url: &str) -> &str {
    url.split('#').next().unwrap_or(url)
}

/// Whether `url` matches an `external_skip` pattern: a glob when it has `*`, else a prefix.
fn skipped(url: &str, patterns: &[String]) -> bool {
    patterns.iter().any(|p| {
        if p.contains('*') {
            glob_matches(p, url)
        } else {
            url.starts_with(p.as_str())
        }
    })
}

/// `*` matches any run of characters, everything else itself.
fn glob_matches(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        if i == parts.len() - 1 {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::{glob_matches, skipped};

    #[test]
    fn skip_patterns_are_prefixes_or_globs() {
        let patterns = [
            "https://www.linkedin.com/".to_string(),
            "*.example/*".to_string(),
        ];
        assert!(skipped("https://www.linkedin.com/in/x", &patterns));
        assert!(skipped("https://clinic.example/book", &patterns));
        assert!(!skipped("https://www.nhs.uk/", &patterns));
        assert!(glob_matches("https://*/a", "https://x.org/a"));
        assert!(!glob_matches("https://*/a", "https://x.org/ab"));
        assert!(glob_matches("abc", "abc"));
    }
}
