//! Pages the calendar keeps out of a build (their `publish_date` still to come, or their
//! `expires` day passed) and the problem with a link into one.

use std::collections::HashMap;
use std::path::Path;

use crate::config::{Change, HeldBack, Schedule, ScheduledChange};
use crate::dates::Date;
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};
use crate::parse::ParsedPage;

/// The content paths of the pages held back, with why.
pub(super) type Held = HashMap<String, HeldBack>;

/// The pages to build, and those held back by their own dates or, for a translation, by
/// its original's (`originals`, the default language's held pages, which the result
/// includes). Drafts a build leaves out anyway stay for the draft step to drop, so a link
/// to one still says it is a draft.
pub(super) fn hold_back(
    parsed: Vec<ParsedPage>,
    schedule: &Schedule,
    drafts: bool,
    originals: &Held,
) -> (Vec<ParsedPage>, Held) {
    let mut held = originals.clone();
    let mut kept = Vec::with_capacity(parsed.len());
    for p in parsed {
        let fm = &p.front_matter;
        let why = if fm.draft && !drafts {
            None
        } else {
            schedule
                .holds_back(fm.publish_date, fm.expires)
                .or_else(|| originals.get(&p.file.path).copied())
        };
        match why {
            Some(why) => {
                held.insert(p.file.path.clone(), why);
            }
            None => kept.push(p),
        }
    }
    (kept, held)
}

/// The problem with a link written `written` at `location` to a page held back for `why`.
pub(super) fn link_problem(why: HeldBack, written: &str, location: Location) -> Diagnostic {
    match why {
        HeldBack::Unpublished(on) => Diagnostic::error(
            code::LINK_TO_UNPUBLISHED,
            format!("link `{written}` points to a page not published until {on}"),
        )
        .at(location)
        .label(format!("published on {on}"))
        .help(format!(
            "publish both on the same day (`publish_date: {on}` on this page too), remove the link, or preview with `--future`"
        )),
        HeldBack::Expired(on) => Diagnostic::error(
            code::LINK_TO_EXPIRED,
            format!("link `{written}` points to a page that expired after {on}"),
        )
        .at(location)
        .label(format!("last shown on {on}"))
        .help("remove the link, move the page's `expires` later, or build with `--expired`"),
    }
}

/// The next day the calendar alone changes the site (a page is published or expires), the
/// first page by path that day, and how many more change with it. Drafts count only when
/// the build includes them: a draft stays out whatever its dates.
pub(crate) fn next_change(
    parsed: &[ParsedPage],
    schedule: &Schedule,
    drafts: bool,
) -> Option<ScheduledChange> {
    let mut changes: Vec<(Date, &Path, Change)> = parsed
        .iter()
        .filter(|p| drafts || !p.front_matter.draft)
        .filter_map(|p| {
            let fm = &p.front_matter;
            let (date, change) = schedule.next_change(fm.publish_date, fm.expires)?;
            Some((date, p.file.display_path.as_path(), change))
        })
        .collect();
    changes.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let &(date, path, change) = changes.first()?;
    let others = changes.iter().filter(|c| c.0 == date).count() - 1;
    Some(ScheduledChange {
        date,
        path: path.to_path_buf(),
        change,
        others,
    })
}
