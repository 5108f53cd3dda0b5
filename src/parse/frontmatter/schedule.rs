//! `publish_date` and `expires`: when a page enters the build and when it leaves it.

use super::Locator;
use crate::dates::Date;
use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;

/// `expires` must not be before `publish_date`: the page is shown at least one day.
pub(super) fn check_order(
    publish: Option<Date>,
    expires: Option<Date>,
    loc: &Locator<'_>,
    problems: &mut Vec<Diagnostic>,
) {
    let (Some(p), Some(e)) = (publish, expires) else {
        return;
    };
    if e < p {
        problems.push(
            Diagnostic::error(
                code::EXPIRES_BEFORE_PUBLISH,
                format!("`expires` ({e}) is before `publish_date` ({p})"),
            )
            .at(loc.locate(0, "expires", None))
            .help("`expires` is the last day the page is shown; make it no earlier than `publish_date`"),
        );
    }
}
