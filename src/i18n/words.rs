//! The messages of one language with its locale: a key and its values in, the words out.

use crate::i18n::catalog::Message;
use crate::i18n::{with_formats, Messages};

/// The messages of one language, ready to fill in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Words<'a> {
    messages: &'a Messages,
    language: &'a str,
    fallback: &'a str,
    locale: &'a str,
}

impl<'a> Words<'a> {
    /// The words of `language` (falling back to `fallback`, the site's default language,
    /// then English), with numbers and dates formatted for `locale`.
    pub(crate) fn new(
        messages: &'a Messages,
        language: &'a str,
        fallback: &'a str,
        locale: &'a str,
    ) -> Words<'a> {
        Words {
            messages,
            language,
            fallback,
            locale,
        }
    }

    /// The formatting locale.
    pub(crate) fn locale(&self) -> &'a str {
        self.locale
    }

    /// Message `key` with its placeholders filled by `value`; a plural message takes its
    /// form from `n`, and `{n}` is `n` formatted for the locale. The error says what is
    /// wrong: an unknown key, a placeholder without a value, a plural without `n`.
    pub(crate) fn format(
        &self,
        key: &str,
        n: Option<f64>,
        mut value: impl FnMut(&str) -> Option<String>,
    ) -> Result<String, String> {
        let message = self
            .messages
            .lookup(self.language, self.fallback, key)
            .ok_or_else(|| format!("no message `{key}` in any message file"))?;
        with_formats(self.locale, |f| {
            let pattern = match (message, n) {
                (Message::Text(p), _) => p,
                (Message::Plural(forms), Some(n)) => {
                    let form = forms.get(f.plural_category(n)).or(forms.get("other"));
                    form.ok_or_else(|| format!("message `{key}` has no `other` form"))?
                }
                (Message::Plural(_), None) => {
                    return Err(format!(
                        "message `{key}` has plural forms: give the number as `n=`"
                    ))
                }
            };
            pattern
                .fill(|arg| match n {
                    Some(n) if arg == "n" => Some(f.number(n)),
                    _ => value(arg),
                })
                .map_err(|arg| format!("message `{key}` needs a value for `{arg}`"))
        })
    }
}

/// Pigment's own words on generated pages come through these.
impl Words<'_> {
    /// Message `key` with `args` (name, value). Never fails: a problem shows the key, as
    /// the bundled English words have every key Pigment itself asks for.
    pub(crate) fn with(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.format(key, None, |a| find(args, a))
            .unwrap_or_else(|_| key.to_string())
    }

    /// Message `key`, without placeholders.
    pub(crate) fn get(&self, key: &str) -> String {
        self.with(key, &[])
    }

    /// The plural message `key` for the number `n`, with `args`.
    pub(crate) fn count(&self, key: &str, n: i64, args: &[(&str, &str)]) -> String {
        self.format(key, Some(n as f64), |a| find(args, a))
            .unwrap_or_else(|_| key.to_string())
    }
}

impl Words<'static> {
    /// The bundled English words, for callers without a site.
    pub(crate) fn english() -> Words<'static> {
        static ENGLISH: std::sync::OnceLock<Messages> = std::sync::OnceLock::new();
        let messages = ENGLISH.get_or_init(Messages::english);
        Words::new(messages, "en", "en", "en")
    }
}

/// The value of `name` in `args`.
fn find(args: &[(&str, &str)], name: &str) -> Option<String> {
    args.iter()
        .find(|(a, _)| *a == name)
        .map(|(_, v)| v.to_string())
}
