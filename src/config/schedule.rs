//! Which pages the calendar lets into a build: a page's `publish_date` and `expires`
//! against the build's "today".

use crate::dates::Date;

/// The build's day and whether pages outside their dates are built anyway.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Schedule {
    /// The build's "today"; `None` builds every page whatever its dates.
    pub today: Option<Date>,
    /// Build pages whose `publish_date` is still to come (`--future`).
    pub future: bool,
    /// Build pages whose `expires` has passed (`--expired`).
    pub expired: bool,
}

/// Why the calendar keeps a page out of the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeldBack {
    /// Its `publish_date` is still to come.
    Unpublished(Date),
    /// Its `expires` day has passed.
    Expired(Date),
}

impl Schedule {
    /// Why a page dated so is kept out of this build; `None` when it is built.
    /// `publish_date` is the first day it is shown, `expires` the last.
    pub(crate) fn holds_back(
        &self,
        publish: Option<Date>,
        expires: Option<Date>,
    ) -> Option<HeldBack> {
        let today = self.today?;
        match (publish, expires) {
            (Some(p), _) if p > today && !self.future => Some(HeldBack::Unpublished(p)),
            (_, Some(e)) if e < today && !self.expired => Some(HeldBack::Expired(e)),
            _ => None,
        }
    }
}

/// The next day a build of the site changes by the calendar alone: a page is published or
/// expires. CI can schedule a rebuild for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledChange {
    /// The first day the change shows in a build.
    pub date: Date,
    /// The page that changes (`content/articles/x.md`); the first by path that day.
    pub path: std::path::PathBuf,
    /// What happens to it.
    pub change: Change,
    /// How many other pages change that day.
    pub others: usize,
}

/// What a [`ScheduledChange`] does to its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Its `publish_date` comes: it enters the build.
    Published,
    /// The day after its `expires`: it leaves the build.
    Expires,
}

impl Change {
    /// `is published`, `expires`: what the page does, for messages.
    pub fn verb(self) -> &'static str {
        match self {
            Change::Published => "is published",
            Change::Expires => "expires",
        }
    }
}

impl Schedule {
    /// The day this page next changes a build, and how; `None` when it never will (no
    /// dates, or `--future`/`--expired` already build it whatever they say).
    pub(crate) fn next_change(
        &self,
        publish: Option<Date>,
        expires: Option<Date>,
    ) -> Option<(Date, Change)> {
        let today = self.today?;
        if let Some(p) = publish.filter(|p| *p > today && !self.future) {
            return Some((p, Change::Published));
        }
        let e = expires.filter(|e| *e >= today && !self.expired)?;
        // The last day of the calendar has no day after it.
        Some((e.tomorrow().ok()?, Change::Expires))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publish_day_is_shown_and_expiry_day_is_the_last() {
        let today = jiff::civil::date(2027, 1, 15);
        let s = Schedule {
            today: Some(today),
            ..Schedule::default()
        };
        assert_eq!(s.holds_back(Some(today), Some(today)), None);
        let tomorrow = jiff::civil::date(2027, 1, 16);
        let yesterday = jiff::civil::date(2027, 1, 14);
        assert_eq!(
            s.holds_back(Some(tomorrow), None),
            Some(HeldBack::Unpublished(tomorrow))
        );
        assert_eq!(
            s.holds_back(None, Some(yesterday)),
            Some(HeldBack::Expired(yesterday))
        );
        let both = Schedule {
            future: true,
            expired: true,
            ..s
        };
        assert_eq!(both.holds_back(Some(tomorrow), Some(yesterday)), None);
        assert_eq!(Schedule::default().holds_back(Some(tomorrow), None), None);
    }

    #[test]
    fn next_change_is_publication_then_the_day_after_expiry() {
        let today = jiff::civil::date(2027, 1, 15);
        let s = Schedule {
            today: Some(today),
            ..Schedule::default()
        };
        let later = jiff::civil::date(2027, 3, 1);
        assert_eq!(
            s.next_change(Some(later), Some(later)),
            Some((later, Change::Published))
        );
        assert_eq!(
            s.next_change(Some(today), Some(today)),
            Some((jiff::civil::date(2027, 1, 16), Change::Expires))
        );
        assert_eq!(
            s.next_change(None, Some(jiff::civil::date(2027, 1, 14))),
            None
        );
        assert_eq!(s.next_change(None, None), None);
    }
}
