//! `[readability]`: whether `check` grades English pages' reading level, and the highest
//! Flesch–Kincaid grade a page may have before it is reported.

use super::check::SiteToml;
use super::raw::RawReadability;
use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;

/// The grade pages may reach by default: UK and US public-health guidance aim at a reading
/// age of about 9 to 14 (grades 6–8).
const DEFAULT_MAX_GRADE: f64 = 8.0;

/// How `check` grades pages' reading level.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadabilitySettings {
    /// Grades are checked (`enabled`, true by default).
    pub enabled: bool,
    /// The highest grade a page may have without a warning (`max_grade`, 8 by default).
    pub max_grade: f64,
}

impl Default for ReadabilitySettings {
    fn default() -> ReadabilitySettings {
        ReadabilitySettings {
            enabled: true,
            max_grade: DEFAULT_MAX_GRADE,
        }
    }
}

/// The settings of `[readability]`; a `max_grade` outside 1–20 is a problem.
pub(super) fn settings(
    raw: Option<RawReadability>,
    file: &SiteToml<'_>,
    problems: &mut Vec<Diagnostic>,
) -> ReadabilitySettings {
    let RawReadability { enabled, max_grade } = raw.unwrap_or_default();
    let default = ReadabilitySettings::default();
    let max_grade = match max_grade {
        None => default.max_grade,
        Some(g) if (1.0..=20.0).contains(&g) => g,
        Some(g) => {
            problems.push(
                Diagnostic::error(
                    code::READABILITY_MAX_GRADE,
                    format!("`max_grade` is {g}, not a school grade"),
                )
                .at(file.at_key("max_grade"))
                .help("give the highest Flesch–Kincaid grade a page may have, from 1 to 20; patient information aims at 6 to 8 (8 when left out)"),
            );
            default.max_grade
        }
    };
    ReadabilitySettings {
        enabled: enabled.unwrap_or(default.enabled),
        max_grade,
    }
}
