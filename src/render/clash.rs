//! Two outputs writing one file: the error that names every claimant.

use super::html_file;
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};
use crate::load::theme::Theme;
use crate::resolve::model::Site;

/// The problem of two outputs claiming output file `path`, naming what writes there: a
/// content file (its page or an alias), a static file, or a page Pigment generates.
pub(crate) fn output_clash(site: &Site, theme: &Theme, path: &str) -> Diagnostic {
    let mut claims: Vec<(String, Location)> = Vec::new();
    for p in site.pages.iter().filter(|p| !p.source.is_empty()) {
        let file = crate::diagnostics::shown_path(&p.display_path);
        if html_file(&p.path) == path {
            claims.push((format!("`{file}`"), Location::file_only(&p.display_path)));
        }
        for a in &p.aliases {
            if crate::paths::alias_output_path(a).as_deref() == Some(path) {
                let what = format!("the alias `{a}` of `{file}`");
                claims.push((what, Location::file_only(&p.display_path)));
            }
        }
    }
    if let Some(f) = theme.statics.get(path) {
        let file = crate::diagnostics::shown_path(&f.display_path);
        claims.push((
            format!("static file `{file}`"),
            Location::file_only(&f.display_path),
        ));
    }
    let (message, help) = match claims.as_slice() {
        [] => (
            format!("two outputs would be written to `{path}`"),
            "a content file, alias or static file uses a path Pigment generates; rename it",
        ),
        [(one, _)] => (
            format!("{one} would be written to `{path}`, where Pigment generates a page"),
            "list, feed and search pages have fixed paths (docs/templates.md); rename the file, or give the page another `slug` or the alias another path",
        ),
        [(a, _), (b, _), ..] => (
            format!("{a} and {b} would both be written to `{path}`"),
            "rename or move one of them, or give the page another `slug`",
        ),
    };
    let mut places = claims.into_iter().map(|(_, at)| at);
    let mut d = Diagnostic::error(code::OUTPUT_CLASH, message).help(help);
    if let Some(first) = places.next() {
        d = d.at(first);
    }
    places.fold(d, |d, at| d.also("also written there", at))
}
