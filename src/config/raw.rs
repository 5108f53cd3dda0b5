//! The serde types that mirror `site.toml`. The rule: a raw type is as close to the file
//! as possible (its tables and keys, `Option` where a key may be left out, no defaults
//! filled in, nothing checked); [`Config`](super::Config) is derived from it, ready to use.
//! `deny_unknown_fields` catches typos.

use std::path::PathBuf;

use serde::Deserialize;

/// The whole file: top-level keys and its tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub(super) title: String,
    pub(super) base_url: String,
    #[serde(default)]
    pub(super) language: Option<String>,
    #[serde(default)]
    pub(super) locale: Option<String>,
    #[serde(default)]
    pub(super) theme: Option<String>,
    #[serde(default)]
    pub(super) description: Option<String>,
    #[serde(default)]
    pub(super) clinic: Option<RawClinic>,
    #[serde(default)]
    pub(super) topics: Vec<RawTopic>,
    #[serde(default)]
    pub(super) menu: Vec<MenuItem>,
    #[serde(default)]
    pub(super) review: Option<RawReview>,
    #[serde(default)]
    pub(super) costs: Option<RawCosts>,
    #[serde(default)]
    pub(super) build: Option<RawBuild>,
    #[serde(default)]
    pub(super) markdown: Option<RawMarkdown>,
    #[serde(default)]
    pub(super) check: Option<RawCheck>,
    #[serde(default)]
    pub(super) images: Option<RawImages>,
    #[serde(default)]
    pub(super) languages: std::collections::BTreeMap<String, RawLanguage>,
    #[serde(default)]
    pub(super) readability: Option<RawReadability>,
    pub(super) procedure: Option<RawProcedure>,
    #[serde(default)]
    pub(super) conditions: Vec<RawCondition>,
}

/// `[clinic]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClinic {
    pub(super) name: String,
    #[serde(default)]
    pub(super) phone: Option<String>,
    #[serde(default)]
    pub(super) email: Option<String>,
    #[serde(default)]
    pub(super) booking_url: Option<String>,
    #[serde(default)]
    pub(super) opening_hours: Option<String>,
    #[serde(default)]
    pub(super) address: Option<Address>,
    #[serde(default)]
    pub(super) hours: Vec<RawHours>,
}

/// One `[[topics]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTopic {
    pub(super) id: String,
    pub(super) title: String,
    #[serde(default)]
    pub(super) description: String,
}

/// `[review]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReview {
    #[serde(default)]
    pub(super) interval: Option<String>,
    #[serde(default)]
    pub(super) policy: std::collections::BTreeMap<String, RawSectionPolicy>,
}

/// `[review.policy.<section>]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSectionPolicy {
    #[serde(default)]
    pub(super) require: Vec<String>,
    #[serde(default)]
    pub(super) summary_max_words: Option<i64>,
    #[serde(default)]
    pub(super) interval: Option<String>,
}

/// `[costs]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCosts {
    #[serde(default)]
    pub(super) as_of: Option<TomlDate>,
    #[serde(default)]
    pub(super) disclaimer: Option<String>,
    #[serde(default)]
    pub(super) stale_after: Option<String>,
}

/// A date written as a TOML date (`2026-03-01`) or as text (`"2026-03-01"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum TomlDate {
    Date(toml::value::Datetime),
    Text(String),
}

/// `[build]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBuild {
    #[serde(default)]
    pub(super) output: Option<PathBuf>,
    #[serde(default)]
    pub(super) minify: Option<bool>,
    #[serde(default)]
    pub(super) drafts: Option<bool>,
    #[serde(default)]
    pub(super) relative_urls: Option<bool>,
}

/// `[check]`: how `pigment check --external` fetches links.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCheck {
    #[serde(default)]
    pub(super) external_timeout: Option<u64>,
    #[serde(default)]
    pub(super) external_cache_ttl: Option<u64>,
    #[serde(default)]
    pub(super) external_skip: Vec<String>,
}

/// `[images]`: the widths and quality responsive images are made at, and how long the
/// consent pictures are published under lasts.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawImages {
    #[serde(default)]
    pub(super) consent_renew_after: Option<String>,
    #[serde(default)]
    pub(super) widths: Option<Vec<i64>>,
    #[serde(default)]
    pub(super) quality: Option<i64>,
}

/// `[markdown]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMarkdown {
    #[serde(default)]
    pub(super) raw_html: Option<RawHtml>,
}

/// What markdown bodies do with HTML written in them (`<script>`, `<img onerror=…>`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Passed through as written: writers are trusted.
    #[default]
    Allow,
    /// Shown as text, so no markup or script in a body reaches the page.
    Escape,
}

/// A main-navigation entry.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// Link text.
    pub title: String,
    /// Site path (`/faq/`) or absolute URL.
    pub url: String,
}

/// A postal address, as written in `site.toml`.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Street and number.
    #[serde(default)]
    pub street: String,
    /// Town or city.
    #[serde(default)]
    pub locality: String,
    /// State, province or region.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    /// Postal code.
    #[serde(default)]
    pub postal_code: String,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default)]
    pub country: String,
}

/// `[languages.<code>]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLanguage {
    #[serde(default)]
    pub(super) name: Option<String>,
    #[serde(default)]
    pub(super) locale: Option<String>,
    #[serde(default)]
    pub(super) title: Option<String>,
    #[serde(default)]
    pub(super) description: Option<String>,
    #[serde(default)]
    pub(super) menu: Option<Vec<MenuItem>>,
    #[serde(default)]
    pub(super) clinic: Option<RawClinicText>,
    #[serde(default)]
    pub(super) topics: std::collections::BTreeMap<String, RawTopicText>,
    #[serde(default)]
    pub(super) costs: Option<RawCostsText>,
}

/// The clinic's details that read differently in another language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawClinicText {
    #[serde(default)]
    pub(super) name: Option<String>,
    #[serde(default)]
    pub(super) opening_hours: Option<String>,
    #[serde(default)]
    pub(super) address: Option<Address>,
}

/// A topic's title and description in another language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTopicText {
    pub(super) title: String,
    #[serde(default)]
    pub(super) description: Option<String>,
}

/// `[languages.<code>.costs]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCostsText {
    #[serde(default)]
    pub(super) disclaimer: Option<String>,
}

/// `[readability]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReadability {
    #[serde(default)]
    pub(super) enabled: Option<bool>,
    #[serde(default)]
    pub(super) max_grade: Option<f64>,
}

/// `[procedure]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProcedure {
    pub(super) name: String,
    #[serde(default)]
    pub(super) description: Option<String>,
    #[serde(default)]
    pub(super) procedure_type: Option<ProcedureType>,
    #[serde(default)]
    pub(super) body_location: Option<String>,
    #[serde(default)]
    pub(super) preparation: Option<String>,
    #[serde(default)]
    pub(super) followup: Option<String>,
    #[serde(default)]
    pub(super) how_performed: Option<String>,
}

/// One `[[conditions]]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCondition {
    pub(super) id: toml::Spanned<String>,
    pub(super) name: String,
    #[serde(default)]
    pub(super) alternate_names: Vec<String>,
    #[serde(default)]
    pub(super) code: Option<MedicalCode>,
}

/// One `[[clinic.hours]]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHours {
    pub(super) days: toml::Spanned<Vec<Weekday>>,
    pub(super) opens: toml::Spanned<String>,
    pub(super) closes: toml::Spanned<String>,
}

/// schema.org's `MedicalProcedureType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProcedureType {
    /// Through the skin with a needle or similar (`PercutaneousProcedure`).
    Percutaneous,
    /// Without entering the body (`NoninvasiveProcedure`).
    Noninvasive,
    /// With an incision (`SurgicalProcedure`).
    Surgical,
}

impl ProcedureType {
    /// The schema.org enumeration member's URL.
    pub(crate) fn url(self) -> &'static str {
        match self {
            ProcedureType::Percutaneous => "https://schema.org/PercutaneousProcedure",
            ProcedureType::Noninvasive => "https://schema.org/NoninvasiveProcedure",
            ProcedureType::Surgical => "https://schema.org/SurgicalProcedure",
        }
    }
}

/// A code such as ICD-10 `L64` (`{ system = "ICD-10", value = "L64" }`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicalCode {
    /// The coding system, e.g. `ICD-10` or `SNOMED-CT`.
    pub system: String,
    /// The code in it.
    pub value: String,
}

/// A day of the week as schema.org abbreviates it (`Mo` … `Su`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum Weekday {
    /// Monday.
    Mo,
    /// Tuesday.
    Tu,
    /// Wednesday.
    We,
    /// Thursday.
    Th,
    /// Friday.
    Fr,
    /// Saturday.
    Sa,
    /// Sunday.
    Su,
}

impl Weekday {
    /// The schema.org `DayOfWeek` member's URL.
    pub(crate) fn url(self) -> &'static str {
        match self {
            Weekday::Mo => "https://schema.org/Monday",
            Weekday::Tu => "https://schema.org/Tuesday",
            Weekday::We => "https://schema.org/Wednesday",
            Weekday::Th => "https://schema.org/Thursday",
            Weekday::Fr => "https://schema.org/Friday",
            Weekday::Sa => "https://schema.org/Saturday",
            Weekday::Su => "https://schema.org/Sunday",
        }
    }
}
