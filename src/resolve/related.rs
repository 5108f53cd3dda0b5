//! The `related` front matter: each entry becomes the index of the page it names.

use std::collections::HashMap;

use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;
use crate::parse::markdown;
use crate::parse::ParsedPage;
use crate::resolve::links::Targets;
use crate::resolve::model::Page;

/// Sets every page's `related` from its front matter, reporting entries that name no page
/// or the page itself.
pub(super) fn set_related(
    pages: &mut [Page],
    parsed: &[ParsedPage],
    by_source: &HashMap<String, usize>,
    targets: &Targets<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    for p in parsed {
        let from = by_source[p.file.path.as_str()];
        let mut related = Vec::new();
        for r in &p.front_matter.related {
            let target = markdown::resolve_content_path(
                &p.file.path,
                r.value.split('#').next().unwrap_or(""),
            );
            match target.as_deref().and_then(|t| by_source.get(t)) {
                Some(&to) if to != from => {
                    if !related.contains(&to) {
                        related.push(to);
                    }
                }
                Some(_) => problems.push(
                    Diagnostic::error(
                        code::RELATED_NOT_A_PAGE,
                        "a page cannot be related to itself",
                    )
                    .at(r.location.clone())
                    .help("remove this entry from `related`"),
                ),
                None => {
                    let target = target.unwrap_or_default();
                    if let Some(mut d) = targets.missing_page(&target, &r.value, r.location.clone())
                    {
                        // A page held back by its dates keeps its own code.
                        if d.code == code::MISSING_PAGE {
                            d.code = code::RELATED_NOT_A_PAGE;
                            d.message =
                                format!("`related` entry `{}` is not a content file", r.value);
                        } else {
                            d.message = d.message.replacen("link", "`related` entry", 1);
                        }
                        problems.push(d);
                    }
                }
            }
        }
        pages[from].related = related;
    }
}
