//! Every diagnostic code, named. A code never changes meaning once released; each has an
//! entry with an example and the fix in `docs/diagnostics.md`.

/// P0101: Cannot read site.toml.
pub(crate) const CONFIG_UNREADABLE: &str = "P0101";
/// P0102: Invalid site.toml.
pub(crate) const CONFIG_INVALID: &str = "P0102";
/// P0103: base_url is not an absolute URL.
pub(crate) const BASE_URL: &str = "P0103";
/// P0104: language is not a language tag.
pub(crate) const LANGUAGE: &str = "P0104";
/// P0105: Invalid topic id.
pub(crate) const TOPIC_ID: &str = "P0105";
/// P0106: Topic defined twice.
pub(crate) const TOPIC_TWICE: &str = "P0106";
/// P0107: Invalid review interval.
pub(crate) const REVIEW_INTERVAL: &str = "P0107";
/// P0108: Invalid "prices as of" date.
pub(crate) const PRICES_AS_OF: &str = "P0108";
/// P0109: Invalid theme name.
pub(crate) const THEME_NAME: &str = "P0109";
/// P0110: Script URL in site.toml.
pub(crate) const CONFIG_SCRIPT_URL: &str = "P0110";
/// P0111: A `[languages]` table that cannot be used.
pub(crate) const LANGUAGE_TABLE: &str = "P0111";
/// P0115: Invalid `[costs] stale_after`.
pub(crate) const COSTS_STALE_AFTER: &str = "P0115";
/// P0117: `[readability] max_grade` is not a grade from 1 to 20.
pub(crate) const READABILITY_MAX_GRADE: &str = "P0117";
/// P0119: Invalid `[[clinic.hours]]`.
pub(crate) const OPENING_HOURS: &str = "P0119";
/// P0120: Invalid or repeated condition id.
pub(crate) const CONDITION_ID: &str = "P0120";
/// P0112: A review policy for a section pages do not belong to.
pub(crate) const POLICY_SECTION: &str = "P0112";
/// P0113: A review policy requires a field it does not know.
pub(crate) const POLICY_FIELD: &str = "P0113";
/// P0114: A review policy value that cannot be used.
pub(crate) const POLICY_VALUE: &str = "P0114";
/// P0201: No content folder.
pub(crate) const NO_CONTENT: &str = "P0201";
/// P0202: Cannot read a content file.
pub(crate) const CONTENT_UNREADABLE: &str = "P0202";
/// P0203: File is not UTF-8.
pub(crate) const NOT_UTF8: &str = "P0203";
/// P0204: Front matter not closed.
pub(crate) const FRONT_MATTER_UNCLOSED: &str = "P0204";
/// P0205: No front matter.
pub(crate) const NO_FRONT_MATTER: &str = "P0205";
/// P0206: Invalid YAML.
pub(crate) const INVALID_YAML: &str = "P0206";
/// P0207: Unknown front-matter field.
pub(crate) const UNKNOWN_FIELD: &str = "P0207";
/// P0208: Wrong type.
pub(crate) const WRONG_TYPE: &str = "P0208";
/// P0209: Missing title or question.
pub(crate) const MISSING_TITLE: &str = "P0209";
/// P0210: Invalid date.
pub(crate) const INVALID_DATE: &str = "P0210";
/// P0211: Unknown topic.
pub(crate) const UNKNOWN_TOPIC: &str = "P0211";
/// P0212: Invalid slug.
pub(crate) const INVALID_SLUG: &str = "P0212";
/// P0213: Invalid alias.
pub(crate) const INVALID_ALIAS: &str = "P0213";
/// P0214: Control character in a file name.
pub(crate) const CONTROL_CHARACTER: &str = "P0214";
/// P0215: Symbolic link skipped (warning).
pub(crate) const SYMLINK_SKIPPED: &str = "P0215";
/// P0216: Heading id used twice.
pub(crate) const HEADING_ID_TWICE: &str = "P0216";
/// P0217: Script URL in a page.
pub(crate) const SCRIPT_URL: &str = "P0217";
/// P0218: `expires` before `publish_date`.
pub(crate) const EXPIRES_BEFORE_PUBLISH: &str = "P0218";
/// P0230: Invalid message file.
pub(crate) const MESSAGES_INVALID: &str = "P0230";
/// P0231: Message is not a text or plural forms.
pub(crate) const MESSAGE_WRONG_TYPE: &str = "P0231";
/// P0232: Plural message without `other`.
pub(crate) const PLURAL_WITHOUT_OTHER: &str = "P0232";
/// P0233: Invalid placeholder.
pub(crate) const MESSAGE_PLACEHOLDER: &str = "P0233";
/// P0234: Unknown placeholder.
pub(crate) const UNKNOWN_PLACEHOLDER: &str = "P0234";
/// P0235: Message missing from a translation (warning).
pub(crate) const MISSING_MESSAGE: &str = "P0235";
/// P0236: No message file for a language (warning).
pub(crate) const NO_MESSAGES: &str = "P0236";
/// P0237: A source's URL is not an absolute `http(s)` URL.
pub(crate) const SOURCE_URL: &str = "P0237";
/// P0238: A source without a URL (warning, `check --strict` only).
pub(crate) const SOURCE_WITHOUT_URL: &str = "P0238";
/// P0239: A `mailto:` or `tel:` link that is not an address or a number.
pub(crate) const CONTACT_LINK: &str = "P0239";
/// P0280: Unknown callout kind (warning).
pub(crate) const UNKNOWN_CALLOUT: &str = "P0280";
/// P0260: A page reads above the site's highest grade (warning).
pub(crate) const READING_GRADE: &str = "P0260";
/// P0270: Unknown condition.
pub(crate) const UNKNOWN_CONDITION: &str = "P0270";
/// P0240: A page without a field its section's review policy requires.
pub(crate) const REQUIRED_FIELD: &str = "P0240";
/// P0241: A summary longer than its section's review policy allows.
pub(crate) const SUMMARY_TOO_LONG: &str = "P0241";
/// P0301: Link to a missing page.
pub(crate) const MISSING_PAGE: &str = "P0301";
/// P0302: Link to a missing heading.
pub(crate) const MISSING_HEADING: &str = "P0302";
/// P0303: related entry is not a page.
pub(crate) const RELATED_NOT_A_PAGE: &str = "P0303";
/// P0304: Two pages with one URL.
pub(crate) const URL_CLASH: &str = "P0304";
/// P0305: Alias clashes.
pub(crate) const ALIAS_CLASH: &str = "P0305";
/// P0306: Two outputs for one file.
pub(crate) const OUTPUT_CLASH: &str = "P0306";
/// P0310: A translation's stages differ from the original's (warning).
pub(crate) const TRANSLATION_STAGES: &str = "P0310";
/// P0311: A translation's side effects differ from the original's (warning).
pub(crate) const TRANSLATION_SIDE_EFFECTS: &str = "P0311";
/// P0312: A translation's costs differ from the original's (warning).
pub(crate) const TRANSLATION_COSTS: &str = "P0312";
/// P0313: Translation out of date (warning).
pub(crate) const TRANSLATION_OUTDATED: &str = "P0313";
/// P0314: Translation without `translation_of` (warning).
pub(crate) const TRANSLATION_UNDATED: &str = "P0314";
/// P0315: `translation_of` names a version the original never had (warning).
pub(crate) const TRANSLATION_AHEAD: &str = "P0315";
/// P0316: `translation_of` on a page that is not a translation (warning).
pub(crate) const NOT_A_TRANSLATION: &str = "P0316";
/// P0320: A file name names a language the site does not have.
pub(crate) const UNKNOWN_LANGUAGE: &str = "P0320";
/// P0321: A translation with no original (warning).
pub(crate) const TRANSLATION_WITHOUT_ORIGINAL: &str = "P0321";
/// P0322: Two files are the same translation.
pub(crate) const TRANSLATION_TWICE: &str = "P0322";
/// P0330: A link into the site goes to no file the build writes.
pub(crate) const LINK_TARGET_MISSING: &str = "P0330";
/// P0331: A link's `#fragment` is no id of the page it goes to.
pub(crate) const LINK_FRAGMENT_MISSING: &str = "P0331";
/// P0332: A link on the site's host is outside its base path.
pub(crate) const LINK_OUTSIDE_SITE: &str = "P0332";
/// P0333: A link to a page not yet published.
pub(crate) const LINK_TO_UNPUBLISHED: &str = "P0333";
/// P0334: A link to a page that has expired.
pub(crate) const LINK_TO_EXPIRED: &str = "P0334";
/// P0340: An image a page shows is not a file of the site.
pub(crate) const IMAGE_NOT_FOUND: &str = "P0340";
/// P0341: An image file that cannot be read.
pub(crate) const IMAGE_UNREADABLE: &str = "P0341";
/// P0342: An image without alt text.
pub(crate) const IMAGE_NO_ALT: &str = "P0342";
/// P0343: An image far larger than any width it is shown at (warning).
pub(crate) const IMAGE_TOO_LARGE: &str = "P0343";
/// P0344: An image that holds GPS coordinates (warning).
pub(crate) const IMAGE_GPS: &str = "P0344";
/// P0401: Theme not found.
pub(crate) const THEME_NOT_FOUND: &str = "P0401";
/// P0402: Cannot read a theme file.
pub(crate) const THEME_UNREADABLE: &str = "P0402";
/// P0403: Template is not UTF-8.
pub(crate) const TEMPLATE_NOT_UTF8: &str = "P0403";
/// P0404: Template error.
pub(crate) const TEMPLATE_ERROR: &str = "P0404";
/// P0405: Template not found.
pub(crate) const TEMPLATE_NOT_FOUND: &str = "P0405";
/// P0501: Invalid duration.
pub(crate) const INVALID_DURATION: &str = "P0501";
/// P0502: Invalid or repeated stage id.
pub(crate) const STAGE_ID: &str = "P0502";
/// P0503: Unknown currency.
pub(crate) const UNKNOWN_CURRENCY: &str = "P0503";
/// P0504: Invalid cost range.
pub(crate) const COST_RANGE: &str = "P0504";
/// P0505: Invalid session count.
pub(crate) const SESSION_COUNT: &str = "P0505";
/// P0506: Price or total too large.
pub(crate) const AMOUNT_TOO_LARGE: &str = "P0506";
/// P0507: A price past its `valid_until` (warning).
pub(crate) const PRICE_EXPIRED: &str = "P0507";
/// P0508: `[costs] as_of` older than `stale_after` (warning).
pub(crate) const PRICES_STALE: &str = "P0508";
/// P0510: Stage ends before it starts (warning).
pub(crate) const STAGE_BACKWARDS: &str = "P0510";
/// P0511: Contradicting advice (warning).
pub(crate) const CONTRADICTION: &str = "P0511";
/// P0520: Review overdue (warning).
pub(crate) const REVIEW_OVERDUE: &str = "P0520";
/// P0521: Review older than the interval (warning).
pub(crate) const REVIEW_INTERVAL_PASSED: &str = "P0521";
/// P0522: A front-matter value still holding a placeholder (warning; error under `--strict`).
pub(crate) const PLACEHOLDER: &str = "P0522";
/// P0550: A front-matter image without alt text.
pub(crate) const IMAGE_ALT: &str = "P0550";
/// P0551: A front-matter image whose file does not exist.
pub(crate) const IMAGE_MISSING: &str = "P0551";
/// P0552: A gallery entry without a consent record, or with an empty reference.
pub(crate) const CONSENT_MISSING: &str = "P0552";
/// P0553: Consent given after the photo was taken.
pub(crate) const CONSENT_AFTER_PHOTO: &str = "P0553";
/// P0554: Consent older than `[images] consent_renew_after` (warning).
pub(crate) const CONSENT_RENEW: &str = "P0554";
/// P0555: Invalid `[images] consent_renew_after`.
pub(crate) const CONSENT_RENEW_AFTER: &str = "P0555";
/// P0601: Output folder would overwrite the site.
pub(crate) const OUTPUT_IS_SITE: &str = "P0601";
/// P0701: An external link that does not answer, or answers with an error.
pub(crate) const EXTERNAL_BROKEN: &str = "P0701";
/// P0702: An external link permanently moved (warning).
pub(crate) const EXTERNAL_MOVED: &str = "P0702";
/// P0901: A rebuild stopped on an internal error.
pub(crate) const REBUILD_PANICKED: &str = "P0901";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_documented_once() {
        let docs = include_str!("../../docs/diagnostics.md");
        for c in [
            CONFIG_UNREADABLE,
            CONFIG_INVALID,
            BASE_URL,
            LANGUAGE,
            TOPIC_ID,
            TOPIC_TWICE,
            REVIEW_INTERVAL,
            PRICES_AS_OF,
            THEME_NAME,
            CONFIG_SCRIPT_URL,
            LANGUAGE_TABLE,
            READABILITY_MAX_GRADE,
            POLICY_SECTION,
            POLICY_FIELD,
            POLICY_VALUE,
            UNKNOWN_LANGUAGE,
            TRANSLATION_WITHOUT_ORIGINAL,
            TRANSLATION_TWICE,
            NO_CONTENT,
            CONTENT_UNREADABLE,
            NOT_UTF8,
            FRONT_MATTER_UNCLOSED,
            NO_FRONT_MATTER,
            INVALID_YAML,
            UNKNOWN_FIELD,
            WRONG_TYPE,
            MISSING_TITLE,
            INVALID_DATE,
            UNKNOWN_TOPIC,
            INVALID_SLUG,
            INVALID_ALIAS,
            CONTROL_CHARACTER,
            SYMLINK_SKIPPED,
            HEADING_ID_TWICE,
            SCRIPT_URL,
            SOURCE_URL,
            SOURCE_WITHOUT_URL,
            CONTACT_LINK,
            READING_GRADE,
            EXTERNAL_BROKEN,
            EXTERNAL_MOVED,
            MISSING_PAGE,
            MISSING_HEADING,
            RELATED_NOT_A_PAGE,
            URL_CLASH,
            ALIAS_CLASH,
            OUTPUT_CLASH,
            TRANSLATION_STAGES,
            TRANSLATION_SIDE_EFFECTS,
            TRANSLATION_COSTS,
            TRANSLATION_OUTDATED,
            TRANSLATION_UNDATED,
            TRANSLATION_AHEAD,
            NOT_A_TRANSLATION,
            THEME_NOT_FOUND,
            THEME_UNREADABLE,
            TEMPLATE_NOT_UTF8,
            TEMPLATE_ERROR,
            TEMPLATE_NOT_FOUND,
            INVALID_DURATION,
            STAGE_ID,
            UNKNOWN_CURRENCY,
            COST_RANGE,
            SESSION_COUNT,
            AMOUNT_TOO_LARGE,
            STAGE_BACKWARDS,
            CONTRADICTION,
            REVIEW_OVERDUE,
            REVIEW_INTERVAL_PASSED,
            PLACEHOLDER,
            REQUIRED_FIELD,
            SUMMARY_TOO_LONG,
            IMAGE_ALT,
            IMAGE_MISSING,
            CONSENT_MISSING,
            CONSENT_AFTER_PHOTO,
            CONSENT_RENEW,
            CONSENT_RENEW_AFTER,
            OUTPUT_IS_SITE,
            REBUILD_PANICKED,
        ] {
            let heading = format!("## {c}: ");
            assert_eq!(
                docs.matches(&heading).count(),
                1,
                "{c} in docs/diagnostics.md"
            );
        }
    }
}
