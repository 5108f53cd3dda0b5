//! The medical facts of `site.toml` that structured data states: the site's procedure
//! (`[procedure]`), the conditions pages are about (`[[conditions]]`) and the clinic's
//! structured opening hours (`[[clinic.hours]]`), checked from their raw types in
//! [`raw`](super::raw) into what [`Config`](super::Config) carries.

use toml::Spanned;

use super::check::SiteToml;
use super::is_slug;
use super::raw::{MedicalCode, ProcedureType, RawCondition, RawHours, RawProcedure, Weekday};
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};

/// The procedure the site is about: the structured data's `MedicalTherapy` node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Procedure {
    /// Its name, e.g. "Scalp micropigmentation (SMP)".
    pub name: String,
    /// One or two sentences on what it is; the site's description when left out.
    pub description: Option<String>,
    /// How it enters the body.
    pub procedure_type: Option<ProcedureType>,
    /// Where on the body it is done (`bodyLocation`).
    pub body_location: Option<String>,
    /// What a patient does before it (`preparation`).
    pub preparation: Option<String>,
    /// The care after it (`followup`).
    pub followup: Option<String>,
    /// How it is done (`howPerformed`).
    pub how_performed: Option<String>,
}

/// A medical condition pages can say they are about (`conditions:` in front matter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// Identifier used in front matter.
    pub id: String,
    /// Its name, e.g. "Androgenetic alopecia".
    pub name: String,
    /// Other names patients know it by.
    pub alternate_names: Vec<String>,
    /// Its code in a medical coding system.
    pub code: Option<MedicalCode>,
}

/// The clinic's hours on some days: `opens` and `closes` are `HH:MM`, opening first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpeningHours {
    /// The days these hours hold.
    pub days: Vec<Weekday>,
    /// Opening time, `10:00`.
    pub opens: String,
    /// Closing time, `18:00`.
    pub closes: String,
}

/// `[procedure]`, checked.
pub(super) fn procedure(raw: Option<RawProcedure>) -> Option<Procedure> {
    let RawProcedure {
        name,
        description,
        procedure_type,
        body_location,
        preparation,
        followup,
        how_performed,
    } = raw?;
    Some(Procedure {
        name,
        description,
        procedure_type,
        body_location,
        preparation,
        followup,
        how_performed,
    })
}

/// The `[[conditions]]`, each with a valid id of its own (P0120).
pub(super) fn conditions(
    raw: Vec<RawCondition>,
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Condition> {
    let mut conditions: Vec<Condition> = Vec::new();
    for RawCondition {
        id,
        name,
        alternate_names,
        code,
    } in raw
    {
        let at = spanned_at(file, &id);
        let id = id.into_inner();
        let problem = if !is_slug(&id) {
            Some((
                format!("condition id `{id}` is not a valid id"),
                "use lowercase letters, digits and `-`, e.g. `androgenetic-alopecia`",
            ))
        } else if conditions.iter().any(|c| c.id == id) {
            Some((
                format!("condition id `{id}` is defined twice"),
                "give every [[conditions]] entry its own id",
            ))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            problems.push(
                Diagnostic::error(code::CONDITION_ID, message)
                    .at(at)
                    .help(help),
            );
        }
        conditions.push(Condition {
            id,
            name,
            alternate_names,
            code,
        });
    }
    conditions
}

/// `[[clinic.hours]]`, each with days and an opening before its closing time (P0119).
pub(super) fn hours(
    raw: Vec<RawHours>,
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<OpeningHours> {
    let mut all = Vec::new();
    for RawHours {
        days,
        opens,
        closes,
    } in raw
    {
        let mut ok = true;
        let mut problem = |at: Location, message: String, help: &str| {
            ok = false;
            problems.push(
                Diagnostic::error(code::OPENING_HOURS, message)
                    .at(at)
                    .help(help.to_string()),
            );
        };
        let mut sorted = days.get_ref().clone();
        sorted.sort();
        sorted.dedup();
        if days.get_ref().is_empty() {
            problem(
                spanned_at(file, &days),
                "opening hours for no days".to_string(),
                "list the days these hours hold, e.g. `days = [\"Mo\", \"Tu\", \"We\"]`",
            );
        } else if sorted.len() != days.get_ref().len() {
            problem(
                spanned_at(file, &days),
                "a day is listed twice in these opening hours".to_string(),
                "name each day once; give a day with a break two [[clinic.hours]] entries",
            );
        }
        let open = minutes(opens.get_ref());
        let close = minutes(closes.get_ref());
        for (written, at) in [(&opens, open), (&closes, close)] {
            if at.is_none() {
                problem(
                    spanned_at(file, written),
                    format!("`{}` is not a time of day", written.get_ref()),
                    "write 24-hour time as `HH:MM`, e.g. `09:30` or `18:00`",
                );
            }
        }
        if let (Some(o), Some(c)) = (open, close) {
            if o >= c {
                problem(
                    spanned_at(file, &closes),
                    format!(
                        "the clinic closes at {} but opens at {}",
                        closes.get_ref(),
                        opens.get_ref()
                    ),
                    "`closes` is after `opens` on the same day",
                );
            }
        }
        if ok {
            all.push(OpeningHours {
                days: days.into_inner(),
                opens: opens.into_inner(),
                closes: closes.into_inner(),
            });
        }
    }
    all
}

/// Minutes after midnight of `HH:MM` (00:00 to 24:00).
fn minutes(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    let digits = |x: &str| x.len() == 2 && x.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !digits(m) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    let total = h * 60 + m;
    (m < 60 && total <= 24 * 60).then_some(total)
}

/// Where a spanned value is written in `site.toml`.
fn spanned_at<T>(file: &SiteToml<'_>, value: &Spanned<T>) -> Location {
    let span = value.span();
    Location::at_offset(file.rel, file.text, span.start, span.len())
}

#[cfg(test)]
mod tests {
    use super::minutes;

    #[test]
    fn times_of_day_are_hh_mm() {
        assert_eq!(minutes("09:30"), Some(570));
        assert_eq!(minutes("24:00"), Some(1440));
        for bad in ["9:30", "24:01", "10:60", "10h", "", "ab:cd"] {
            assert_eq!(minutes(bad), None, "{bad}");
        }
    }
}
