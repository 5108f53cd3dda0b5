//! When each page is due for review and where it stands: the one rule the overdue
//! warnings, the notice in the page and `pigment reviews` share.

use crate::config::{Config, PolicySection};
use crate::dates::Date;
use crate::load::SourceFile;
use crate::resolve::model::{Page, PageKind};

/// How many days before its due date a review counts as due soon.
pub(crate) const DUE_SOON_DAYS: i64 = 30;

/// Where a page's review stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReviewStatus {
    /// The page has no `reviewed`.
    NeverReviewed,
    /// Past `reviewed.next`, or the last review is older than the interval.
    Overdue,
    /// Due within the next 30 days.
    DueSoon,
    /// Reviewed, and not due within 30 days.
    Ok,
}

impl ReviewStatus {
    /// The status as `pigment reviews` writes it.
    pub fn name(self) -> &'static str {
        match self {
            ReviewStatus::NeverReviewed => "never reviewed",
            ReviewStatus::Overdue => "overdue",
            ReviewStatus::DueSoon => "due soon",
            ReviewStatus::Ok => "ok",
        }
    }
}

/// The policy section of a page kind.
pub(crate) fn section_of(kind: PageKind) -> PolicySection {
    match kind {
        PageKind::Home => PolicySection::Home,
        PageKind::Section => PolicySection::Lists,
        PageKind::Article => PolicySection::Articles,
        PageKind::Faq => PolicySection::Faq,
    }
}

/// The policy section of a content file, before it is a page (a translation's file name
/// still carries its language).
pub(crate) fn section_of_file(file: &SourceFile) -> PolicySection {
    if file.is_index() {
        if file.path.contains('/') {
            PolicySection::Lists
        } else {
            PolicySection::Home
        }
    } else if crate::resolve::is_faq(file) {
        PolicySection::Faq
    } else {
        PolicySection::Articles
    }
}

/// A page's review dates: when it is due (`reviewed.next`, else the last review plus the
/// section's interval) and the date the interval alone makes it due, if any.
pub(crate) fn due_dates(page: &Page, config: &Config) -> (Option<Date>, Option<Date>) {
    let Some(r) = &page.reviewed else {
        return (None, None);
    };
    let by_interval = config
        .review_interval_for(section_of(page.kind))
        .and_then(|i| i.due_after(r.on));
    (r.next.or(by_interval), by_interval)
}

/// Where `page`'s review stands `today`, and its due date.
pub(crate) fn status(page: &Page, config: &Config, today: Date) -> (ReviewStatus, Option<Date>) {
    if page.reviewed.is_none() {
        return (ReviewStatus::NeverReviewed, None);
    }
    let (due, by_interval) = due_dates(page, config);
    let passed = |d: Option<Date>| d.is_some_and(|d| d < today);
    if passed(due) || passed(by_interval) {
        return (ReviewStatus::Overdue, due);
    }
    let soon = today
        .checked_add(jiff::Span::new().days(DUE_SOON_DAYS))
        .unwrap_or(today);
    match due {
        Some(d) if d <= soon => (ReviewStatus::DueSoon, due),
        _ => (ReviewStatus::Ok, due),
    }
}
