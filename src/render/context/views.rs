//! The view types templates see; `docs/templates.md` documents every field.

use serde::Serialize;

use crate::config::Address;
use crate::dates::DateView;
use crate::health::duration::OffsetView;
use crate::health::{Action, Frequency};
use crate::parse::frontmatter::Source;

/// `site` in templates.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
    /// Site title.
    pub title: String,
    /// Site description.
    pub description: String,
    /// Absolute base URL, no trailing slash.
    pub base_url: String,
    /// Home page URL (`/` or `/clinic/`).
    pub root: String,
    /// `<html lang>`.
    pub language: String,
    /// The site's default language (words missing in `language` come from it).
    pub default_language: String,
    /// The BCP 47 tag dates and numbers are formatted for; `t()` reads it.
    pub locale: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Stylesheet URL.
    pub stylesheet: String,
    /// Prefix for static files, ending in `/`.
    #[serde(rename = "static")]
    pub static_prefix: String,
    /// The clinic, when configured.
    pub clinic: Option<ClinicView>,
    /// Topics in display order.
    pub topics: Vec<TopicView>,
    /// Main navigation; `current` is set per page.
    pub menu: Vec<MenuView>,
    /// Absolute URL of the Atom feed.
    pub feed_url: String,
    /// URL of the search page, when the site has one.
    pub search_url: Option<String>,
}

/// The clinic's contact details.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ClinicView {
    /// Name.
    pub name: String,
    /// Phone as written.
    pub phone: Option<String>,
    /// `tel:` link.
    pub phone_href: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Booking link.
    pub booking_url: Option<String>,
    /// Opening hours text.
    pub opening_hours: Option<String>,
    /// Address with a one-line form.
    pub address: Option<AddressView>,
}

/// A postal address.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AddressView {
    /// Fields as configured.
    #[serde(flatten)]
    pub address: Address,
    /// "Street, Locality Postal code, Country".
    pub one_line: String,
}

/// A topic with its page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TopicView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// `/topics/ID/`.
    pub url: String,
    /// Pages on the topic.
    pub count: usize,
}

/// A menu entry.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MenuView {
    /// Link text.
    pub title: String,
    /// URL.
    pub url: String,
    /// True on the page it points to or below it.
    pub current: bool,
}

/// A link to a page.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Link text.
    pub title: String,
    /// URL.
    pub url: String,
}

/// A topic reference on a page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TopicRef {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
}

/// A tag reference on a page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagRef {
    /// As written.
    pub name: String,
    /// URL.
    pub url: String,
}

/// A table-of-contents entry.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TocEntry {
    /// Heading level.
    pub level: u8,
    /// Heading id.
    pub id: String,
    /// Heading text.
    pub title: String,
    /// Subheadings.
    pub children: Vec<TocEntry>,
}

/// Review information.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ReviewView {
    /// Reviewer.
    pub by: String,
    /// Reviewer's role.
    pub role: Option<String>,
    /// Last review.
    pub on: DateView,
    /// Next review.
    pub next: Option<DateView>,
    /// Past its due date on the build's day: the page shows a notice.
    pub overdue: bool,
}

/// A recovery stage.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StageView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Start.
    pub from: OffsetView,
    /// End.
    pub to: OffsetView,
    /// The span in words: "Day 3 to day 14".
    pub when: String,
    /// Link to the section it comes from.
    pub url: String,
    /// Summary.
    pub summary: Option<String>,
    /// What to expect.
    pub expect: Vec<String>,
    /// What to do.
    #[serde(rename = "do")]
    pub to_do: Vec<String>,
    /// What to avoid.
    pub avoid: Vec<AvoidView>,
    /// When to call the clinic.
    pub call_clinic_if: Vec<String>,
}

/// Something to avoid.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AvoidView {
    /// Activity.
    pub what: String,
    /// Until.
    pub until: OffsetView,
    /// The caveat (HTML), when the item has one.
    pub note: Option<String>,
}

/// A side effect.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SideEffectView {
    /// Name.
    pub name: String,
    /// Onset.
    pub onset: Option<OffsetView>,
    /// Duration.
    pub lasts: Option<OffsetView>,
    /// How common.
    pub frequency: Frequency,
    /// What to do.
    pub action: Action,
    /// Note.
    pub note: Option<String>,
}

/// A cost item, with amounts formatted.
#[derive(Debug, Clone, Serialize)]
pub struct CostView {
    /// Item.
    pub item: String,
    /// `$400`.
    pub min: String,
    /// `$1,000`.
    pub max: String,
    /// ISO code.
    pub currency: String,
    /// Unit.
    pub per: String,
    /// `2–4`.
    pub count: String,
    /// Note.
    pub note: Option<String>,
    /// The last day the price holds, when the clinic gives one.
    pub valid_until: Option<DateView>,
    /// True when `valid_until` has passed on the build's day.
    pub expired: bool,
}

/// A page in a list.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct ListItem {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// Description.
    pub description: String,
    /// Summary.
    pub summary: String,
    /// Published.
    pub date: Option<DateView>,
    /// Updated.
    pub updated: Option<DateView>,
    /// Kind name.
    pub kind: &'static str,
    /// Topics.
    pub topics: Vec<TopicRef>,
    /// Tags.
    pub tags: Vec<TagRef>,
    /// For term lists: how many pages.
    pub count: Option<usize>,
    /// The page's picture, for its card.
    pub image: Option<ImageView>,
}

/// A picture named in front matter.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ImageView {
    /// URL (with the base path), for `<img src>`.
    pub url: String,
    /// Absolute URL, for `og:image`.
    pub permalink: String,
    /// Alt text.
    pub alt: String,
}

/// A before/after pair.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PairView {
    /// Before treatment.
    pub before: ImageView,
    /// After treatment.
    pub after: ImageView,
    /// What the pair shows.
    pub caption: String,
    /// Sessions between the photos.
    pub sessions: Option<u32>,
    /// Time since treatment when the after photo was taken.
    pub since: Option<OffsetView>,
    /// When the after photo was taken.
    pub taken: DateView,
    /// The clinic's reference for the signed consent form.
    pub consent_ref: String,
    /// When consent was given.
    pub consent_on: DateView,
}

/// `page` in templates, the same shape on every page: a content page fills it from the
/// page, a page Pigment generates (lists, health pages, 404, search) gives its kind, title,
/// description, URLs, breadcrumbs and JSON-LD and leaves the rest empty.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct PageView<'a> {
    /// Kind name.
    pub kind: &'static str,
    /// Title.
    pub title: &'a str,
    /// Description.
    pub description: &'a str,
    /// URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Body HTML, callout labels filled in.
    pub content: std::borrow::Cow<'a, str>,
    /// Summary.
    pub summary: &'a str,
    /// Published.
    pub date: Option<DateView>,
    /// Updated.
    pub updated: Option<DateView>,
    /// A translation made from an older version of its original, or not saying which.
    pub translation_outdated: bool,
    /// Minutes to read, at 200 words a minute.
    pub reading_minutes: usize,
    /// Words.
    pub word_count: usize,
    /// Topics.
    pub topics: Vec<TopicRef>,
    /// Tags.
    pub tags: Vec<TagRef>,
    /// Table of contents.
    pub toc: Vec<TocEntry>,
    /// Home to parent.
    pub breadcrumbs: Vec<LinkView>,
    /// Review.
    pub reviewed: Option<ReviewView>,
    /// References.
    pub sources: &'a [Source],
    /// JSON-LD `<script>` element (HTML).
    pub jsonld: String,
    /// Free-form data; `None` (`null`, as a page without `extra`) on generated pages.
    pub extra: Option<&'a serde_json::Value>,
    /// Stages.
    pub stages: Vec<StageView>,
    /// Side effects.
    pub side_effects: Vec<SideEffectView>,
    /// Costs.
    pub costs: Vec<CostView>,
    /// The page's picture (`image:`).
    pub image: Option<ImageView>,
    /// Before/after pairs (`gallery:`).
    pub gallery: Vec<PairView>,
    /// The question (FAQs).
    pub question: Option<&'a str>,
    /// Related pages.
    pub related: Vec<LinkView>,
    /// Pages whose bodies link here.
    pub backlinks: Vec<LinkView>,
    /// FAQs on this page's topics or naming it in `related`.
    pub faqs: Vec<LinkView>,
    /// Articles on this page's topics (FAQ pages).
    pub articles: Vec<LinkView>,
}
