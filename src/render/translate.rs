//! The templates' `t(key="…", name=value, n=number)` function: the message `key` in the
//! language of the page being rendered (`site.language` in its context), placeholders
//! filled from the named arguments, the plural form picked by `n`, numbers formatted for
//! the site's locale.

use std::sync::Arc;

use tera::{Kwargs, State, TeraResult, Value};

use crate::i18n::{Messages, Words, BASE_LANGUAGE};

/// Registers `t` with `tera`, looking words up in `messages`.
pub(super) fn register(tera: &mut tera::Tera, messages: Arc<Messages>) {
    tera.register_function("t", move |kwargs: Kwargs, state: &State| {
        translate(&messages, &kwargs, state)
    });
}

/// One call of `t`. The message text is the theme's own HTML, as a template's text is;
/// each value is escaped as `{{ value }}` would be, so a value marked safe (a link built
/// with `{% set %}…{% endset %}`) is put in as it is.
fn translate(messages: &Messages, kwargs: &Kwargs, state: &State) -> TeraResult<Value> {
    let key: String = kwargs.must_get("key")?;
    let site: Option<Value> = state.get("site")?;
    let site_str = |field: &str| {
        site.as_ref()
            .and_then(|s| s.get_from_path(field))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let language = site_str("language").unwrap_or_else(|| BASE_LANGUAGE.to_string());
    let fallback = site_str("default_language").unwrap_or_else(|| BASE_LANGUAGE.to_string());
    let locale = site_str("locale").unwrap_or_else(|| language.clone());
    let words = Words::new(messages, &language, &fallback, &locale);
    let n = match kwargs.get::<Value>("n")? {
        Some(v) => Some(v.as_f64().ok_or_else(|| {
            tera::Error::message(format!("t(key=\"{key}\"): `n` must be a number"))
        })?),
        None => None,
    };
    let text = words
        .format(&key, n, |arg| {
            let value = kwargs.get::<Value>(arg).ok()??;
            shown(&value, words.locale(), state)
        })
        .map_err(|e| tera::Error::message(format!("t(key=\"{key}\"): {e}")))?;
    Ok(Value::safe_string(&text))
}

/// A value as a message shows it: a number in the locale's digits, a list joined the
/// locale's way ("a, b and c"), anything else escaped as `{{ value }}` would be.
fn shown(value: &Value, locale: &str, state: &State) -> Option<String> {
    if let Some(items) = value.as_array() {
        let items: Vec<String> = items
            .iter()
            .map(|v| shown(v, locale, state))
            .collect::<Option<_>>()?;
        return Some(crate::i18n::with_formats(locale, |f| f.list(&items)));
    }
    match value.as_f64() {
        Some(number) if value.is_number() => {
            Some(crate::i18n::with_formats(locale, |f| f.number(number)))
        }
        _ => state.escape_if_needed(value).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `template` rendered as HTML with `t` and a site in `language`.
    fn render(template: &str, language: &str) -> String {
        let mut tera = tera::Tera::new();
        register(&mut tera, Arc::new(Messages::english()));
        tera.add_raw_template("t.html", template)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                let mut ctx = tera::Context::new();
                ctx.insert(
                    "site",
                    &serde_json::json!({ "language": language, "locale": "en-GB" }),
                );
                tera.render("t.html", &ctx).map_err(|e| format!("{e:?}"))
            })
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn fills_placeholders_and_picks_plural_forms() {
        assert_eq!(render(r#"{{ t(key="pages_count", n=1) }}"#, "en"), "1 page");
        assert_eq!(
            render(r#"{{ t(key="pages_count", n=1200) }}"#, "en"),
            "1,200 pages"
        );
        assert_eq!(
            render(r#"{{ t(key="call_phone", phone="+92 51") }}"#, "en"),
            "Call +92 51"
        );
        // A language without messages falls back to English.
        assert_eq!(render(r#"{{ t(key="related") }}"#, "ur"), "Related");
    }

    #[test]
    fn values_are_escaped_unless_safe() {
        let plain = r#"{{ t(key="call_phone", phone="<b>&") }}"#;
        assert_eq!(render(plain, "en"), "Call &lt;b&gt;&amp;");
        let safe =
            r#"{% set link %}<a href="/x">x</a>{% endset %}{{ t(key="from_page", link=link) }}"#;
        assert_eq!(render(safe, "en"), r#"From <a href="/x">x</a>"#);
    }

    #[test]
    fn lists_are_joined_for_the_locale() {
        let t = r#"{{ t(key="faq_related", links=["a", "b", "c"]) }}"#;
        assert_eq!(render(t, "en"), "Related: a, b and c.");
    }

    #[test]
    fn mistakes_are_errors_not_panics() {
        assert!(render(r#"{{ t(key="nope") }}"#, "en").contains("no message `nope`"));
        assert!(render(r#"{{ t(key="pages_count") }}"#, "en").contains("give the number as `n=`"));
        assert!(render(r#"{{ t(key="call_phone") }}"#, "en").contains("needs a value for `phone`"));
        assert!(render(r#"{{ t(key="pages_count", n="x") }}"#, "en").contains("must be a number"));
        assert!(render(r#"{{ t() }}"#, "en").starts_with("error:"));
    }
}
