//! Dates, numbers, plural categories and lists in a locale's own way, from CLDR data
//! compiled into the binary (ICU4X). Nothing here knows a month name or a plural rule.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use icu_calendar::{Date as IcuDate, Gregorian};
use icu_datetime::fieldsets::YMD;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use icu_list::options::{ListFormatterOptions, ListLength};
use icu_list::ListFormatter;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

use jiff::civil::Date;

/// The formatters of one locale. A formatter whose data cannot be had (it never happens
/// with the compiled data, which falls back to the root locale) is left out, and its
/// output falls back to a plain, locale-free form.
pub(crate) struct Formats {
    dates: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    numbers: Option<DecimalFormatter>,
    plurals: Option<PluralRules>,
    lists: Option<ListFormatter>,
}

thread_local! {
    /// Formatters are costly to make and every page needs them: one set per locale and thread.
    static CACHE: RefCell<HashMap<String, Rc<Formats>>> = RefCell::new(HashMap::new());
}

/// Runs `f` with the formatters of `locale` (a BCP 47 tag such as `en-GB` or `ur`). A tag
/// that does not parse formats as the root locale.
pub(crate) fn with_formats<R>(locale: &str, f: impl FnOnce(&Formats) -> R) -> R {
    let formats = CACHE.with(|cache| {
        Rc::clone(
            cache
                .borrow_mut()
                .entry(locale.to_string())
                .or_insert_with(|| Rc::new(Formats::new(locale))),
        )
    });
    f(&formats)
}

impl Formats {
    /// The formatters of `tag`.
    fn new(tag: &str) -> Formats {
        let locale = Locale::try_from_str(tag).unwrap_or(Locale::UNKNOWN);
        Formats {
            dates: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::long()).ok(),
            numbers: DecimalFormatter::try_new((&locale).into(), Default::default()).ok(),
            plurals: PluralRules::try_new_cardinal((&locale).into()).ok(),
            lists: ListFormatter::try_new_and(
                (&locale).into(),
                ListFormatterOptions::default().with_length(ListLength::Wide),
            )
            .ok(),
        }
    }

    /// A date written out in full: `14 March 2026` (en-GB), `March 14, 2026` (en).
    pub(crate) fn long_date(&self, d: Date) -> String {
        let date = IcuDate::try_new_gregorian(
            i32::from(d.year()),
            d.month().unsigned_abs(),
            d.day().unsigned_abs(),
        );
        match (&self.dates, date) {
            (Some(f), Ok(date)) => f.format(&date).to_string(),
            _ => d.to_string(),
        }
    }

    /// A whole number with the locale's digits and grouping: `1,234`.
    pub(crate) fn integer(&self, n: i64) -> String {
        match &self.numbers {
            Some(f) => f.format(&Decimal::from(n)).to_string(),
            None => n.to_string(),
        }
    }

    /// A number with a fraction as written by Rust (`2.5`), in the locale's way.
    pub(crate) fn number(&self, n: f64) -> String {
        if n.fract() == 0.0 && n.abs() < 9.0e15 {
            return self.integer(n as i64);
        }
        match (&self.numbers, Decimal::try_from_str(&n.to_string())) {
            (Some(f), Ok(d)) => f.format(&d).to_string(),
            _ => n.to_string(),
        }
    }

    /// A decimal written with ASCII digits and a `.` (`1250.50`), in the locale's digits and
    /// grouping, its fraction digits kept: `1,250.50`.
    pub(crate) fn decimal(&self, written: &str) -> String {
        match (&self.numbers, Decimal::try_from_str(written)) {
            (Some(f), Ok(d)) => f.format(&d).to_string(),
            _ => written.to_string(),
        }
    }

    /// The CLDR plural category of `n`: `one`, `few`, `other`…
    pub(crate) fn plural_category(&self, n: f64) -> &'static str {
        let category = match &self.plurals {
            Some(rules) if n.fract() == 0.0 && n.abs() < 9.0e15 => rules.category_for(n as i64),
            Some(rules) => match Decimal::try_from_str(&n.to_string()) {
                Ok(d) => rules.category_for(&d),
                Err(_) => PluralCategory::Other,
            },
            None => PluralCategory::Other,
        };
        category_name(category)
    }

    /// Items joined as a list: `a, b and c` (en).
    pub(crate) fn list(&self, items: &[String]) -> String {
        match &self.lists {
            Some(f) => f.format_to_string(items.iter()),
            None => items.join(", "),
        }
    }
}

/// The CLDR name of a plural category.
fn category_name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// The plural category names CLDR uses, in its order.
pub(crate) const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> Date {
        jiff::civil::date(y, m, d)
    }

    #[test]
    fn long_dates_follow_the_locale() {
        with_formats("en-GB", |f| {
            assert_eq!(f.long_date(date(2026, 3, 14)), "14 March 2026");
        });
        with_formats("en", |f| {
            assert_eq!(f.long_date(date(2026, 3, 14)), "March 14, 2026");
        });
        with_formats("not a tag!", |f| {
            assert!(!f.long_date(date(2026, 3, 14)).is_empty());
        });
    }

    #[test]
    fn plural_categories_come_from_cldr() {
        with_formats("en", |f| {
            assert_eq!(f.plural_category(1.0), "one");
            assert_eq!(f.plural_category(2.0), "other");
            assert_eq!(f.plural_category(1.5), "other");
        });
        with_formats("ar", |f| {
            assert_eq!(f.plural_category(0.0), "zero");
            assert_eq!(f.plural_category(3.0), "few");
        });
    }

    #[test]
    fn numbers_and_lists() {
        with_formats("en", |f| {
            assert_eq!(f.integer(1234), "1,234");
            assert_eq!(f.number(2.5), "2.5");
            let items = ["a".to_string(), "b".to_string(), "c".to_string()];
            assert_eq!(f.list(&items), "a, b, and c");
        });
        with_formats("en-GB", |f| {
            let items = ["a".to_string(), "b".to_string(), "c".to_string()];
            assert_eq!(f.list(&items), "a, b and c");
        });
    }
}
