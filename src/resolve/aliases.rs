//! Aliases, the old URLs that redirect to a page: one may not land on a page or on another
//! alias.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;
use crate::parse::ParsedPage;
use crate::paths::alias_output_path;
use crate::resolve::model::Page;

/// Reports and drops every alias whose output file is a page's or an earlier alias's.
pub(super) fn check_aliases(
    pages: &mut [Page],
    parsed: &[ParsedPage],
    by_source: &HashMap<String, usize>,
    by_path: &BTreeMap<String, usize>,
    problems: &mut Vec<Diagnostic>,
) {
    let mut alias_files: HashMap<String, usize> = HashMap::new();
    for p in parsed {
        let i = by_source[p.file.path.as_str()];
        for a in &p.front_matter.aliases {
            let Some(file) = alias_output_path(&a.value) else {
                continue;
            };
            let as_path = format!("/{}", file.trim_end_matches("index.html"));
            if by_path.contains_key(&as_path) || alias_files.insert(file, i).is_some() {
                // Dropped so the clash is reported once, not again as two outputs.
                pages[i].aliases.retain(|x| x != &a.value);
                problems.push(
                    Diagnostic::error(
                        code::ALIAS_CLASH,
                        format!("alias `{}` is already a page or another alias", a.value),
                    )
                    .at(a.location.clone())
                    .help("an alias must be an old URL that no page uses now"),
                );
            }
        }
    }
}
