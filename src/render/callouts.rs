//! Callout labels in the page's language: the empty label element the parse stage leaves in
//! each callout gets its visible words ("Note", "Warning", "Call the clinic"), and the
//! call-the-clinic callout the clinic's number as a `tel:` link.

use std::borrow::Cow;

use crate::config::Clinic;
use crate::i18n::Words;
use crate::parse::markdown::{CALLOUT_KINDS, CALLOUT_LABEL_ATTR};
use crate::text::escape_html;

/// `html` with every callout label filled in; the same text, not copied, when it has none.
pub(crate) fn label_callouts<'a>(
    html: &'a str,
    words: &Words<'_>,
    clinic: Option<&Clinic>,
) -> Cow<'a, str> {
    if !html.contains(CALLOUT_LABEL_ATTR) {
        return Cow::Borrowed(html);
    }
    let mut out = html.to_string();
    for kind in CALLOUT_KINDS {
        let empty = format!("<p class=\"callout__label\" {CALLOUT_LABEL_ATTR}=\"{kind}\"></p>");
        if out.contains(&empty) {
            let label = format!(
                "<p class=\"callout__label\">{}</p>",
                label(kind, words, clinic)
            );
            out = out.replace(&empty, &label);
        }
    }
    Cow::Owned(out)
}

/// The words of a label, as HTML.
fn label(kind: &str, words: &Words<'_>, clinic: Option<&Clinic>) -> String {
    let key = format!("callout_{kind}");
    match clinic.and_then(|c| c.phone.as_deref()) {
        Some(phone) if kind == "call" => {
            let link = format!(
                "<a class=\"callout__phone\" href=\"{}\" dir=\"ltr\">{}</a>",
                escape_html(&phone_href(phone)),
                escape_html(phone)
            );
            // The number is markup of ours; the message's own text is the theme's HTML.
            words.with("callout_call_phone", &[("phone", &link)])
        }
        _ => words.get(&key),
    }
}

/// The `tel:` URL of a phone number as written (`+92 51 555 0142` → `tel:+92515550142`).
pub(crate) fn phone_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|ch| ch.is_ascii_digit() || *ch == '+')
        .collect();
    format!("tel:{digits}")
}
