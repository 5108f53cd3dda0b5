//! Templates compiled once, and Tera's errors turned into located diagnostics.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use tera::{Context, Tera};

use crate::config::Config;
use crate::diagnostics::code;
use crate::diagnostics::{Diagnostic, Location};
use crate::i18n::{Messages, Words};
use crate::load::theme::Theme;

mod literal;

const TEMPLATE_HELP: &str = "fix the template; docs/templates.md lists what templates can use";

/// Templates compiled once, with where each came from (for error locations).
pub(crate) struct Templates {
    tera: Tera,
    sources: HashMap<String, (std::path::PathBuf, String)>,
    /// The theme's and the site's words, which `t()` and generated pages use.
    messages: Arc<Messages>,
}

impl Templates {
    /// Compiles the theme's templates. Syntax errors come back located in the template file.
    pub(crate) fn compile(theme: &Theme) -> Result<Templates, Vec<Diagnostic>> {
        let mut sources = HashMap::new();
        let mut problems = Vec::new();
        for (name, file) in &theme.templates {
            match String::from_utf8(file.bytes.clone()) {
                Ok(text) => {
                    sources.insert(name.clone(), (file.display_path.clone(), text));
                }
                Err(_) => problems.push(
                    Diagnostic::error(
                        code::TEMPLATE_NOT_UTF8,
                        format!(
                            "template `{}` is not valid UTF-8",
                            file.display_path.display()
                        ),
                    )
                    .at(Location::file_only(&file.display_path))
                    .help("save the template as UTF-8"),
                ),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut tera = Tera::new();
        let messages = Arc::new(theme.messages.clone());
        super::translate::register(&mut tera, Arc::clone(&messages));
        let mut names: Vec<&String> = sources.keys().collect();
        names.sort();
        let result =
            tera.add_raw_templates(names.iter().map(|n| (n.as_str(), sources[*n].1.as_str())));
        let templates = Templates {
            tera,
            sources,
            messages,
        };
        match result {
            Ok(()) => Ok(templates),
            Err(e) => Err(vec![templates.error(&e, None)]),
        }
    }

    /// The words of the site's language, for what Pigment writes itself.
    pub(crate) fn words<'a>(&'a self, c: &'a Config) -> Words<'a> {
        Words::new(&self.messages, &c.language, c.default_language(), &c.locale)
    }

    /// True when a template of this name exists.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// Nothing when template `name` exists, else the one error (P0405) every page that
    /// needs a missing template reports; callers add where it was asked for.
    pub(crate) fn require(&self, name: &str) -> Result<(), Diagnostic> {
        if self.has(name) {
            return Ok(());
        }
        Err(Diagnostic::error(
            code::TEMPLATE_NOT_FOUND,
            format!("template `{name}` not found"),
        )
        .help(format!("add `templates/{name}` to the site or theme")))
    }

    /// Renders template `name`; errors are located in the template file.
    pub(crate) fn render(
        &self,
        name: &str,
        ctx: &Context,
        url: &str,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(name, ctx)
            .map_err(|e| self.error(&e, Some(url)))
    }

    /// A Tera error as a diagnostic, located in the template file when Tera says where.
    fn error(&self, e: &tera::Error, url: Option<&str>) -> Diagnostic {
        let while_ = url.map(|u| format!(" (rendering {u})")).unwrap_or_default();
        match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                let kind = if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
                    "template syntax error"
                } else {
                    "template error"
                };
                let d = Diagnostic::error(code::TEMPLATE_ERROR, format!("{kind}: {}{while_}", r.message()));
                let syntax = matches!(e.kind(), tera::ErrorKind::SyntaxError(_));
                match self.sources.get(r.filename()) {
                    Some((path, text)) if syntax => syntax_error(d, r, path, text),
                    Some((path, text)) => {
                        let span = r.span();
                        d.at(Location::at_offset(
                            path,
                            text,
                            span.range.start,
                            span.range.len().max(1),
                        ))
                        .help(TEMPLATE_HELP)
                    }
                    None => d.help(format!("in template `{}`", r.filename())),
                }
            }
            tera::ErrorKind::TemplateNotFound(name) => {
                Diagnostic::error(code::TEMPLATE_NOT_FOUND, format!("template `{name}` not found{while_}"))
                    .help("add it to the theme's or the site's `templates/` folder")
            }
            tera::ErrorKind::CircularInclude { tpl, include_chain } => {
                self.at_template(
                    Diagnostic::error(code::TEMPLATE_ERROR, format!("template `{tpl}` includes itself: {}", include_chain.join(" → "))),
                    tpl,
                )
                .help("break the cycle: a template must not include itself, directly or through others")
            }
            tera::ErrorKind::CircularExtend { tpl, inheritance_chain } => {
                self.at_template(
                    Diagnostic::error(code::TEMPLATE_ERROR, format!("template `{tpl}` extends itself: {}", inheritance_chain.join(" → "))),
                    tpl,
                )
                .help("break the cycle: `{% extends %}` must lead to a base template that extends nothing")
            }
            tera::ErrorKind::MissingParent { current, parent } => self
                .at_template(
                    Diagnostic::error(code::TEMPLATE_NOT_FOUND, format!("template `{current}` extends `{parent}`, which does not exist")),
                    current,
                )
                .help("add the parent template, or extend an existing one such as `base.html`"),
            _ => Diagnostic::error(code::TEMPLATE_ERROR, format!("template error: {e}{while_}"))
                .help(TEMPLATE_HELP),
        }
    }
}

impl Templates {
    /// Points a diagnostic at a template file, when the template is known.
    fn at_template(&self, d: Diagnostic, name: &str) -> Diagnostic {
        match self.sources.get(name) {
            Some((path, _)) => d.at(Location::file_only(path)),
            None => d,
        }
    }
}

/// A Tera syntax error located at its cause. Tera reports a tag left open at the end of the
/// template, and an end tag that closes the wrong one, without the opening tag's place, so
/// the template is scanned for it.
fn syntax_error(d: Diagnostic, r: &tera::ReportError, path: &Path, text: &str) -> Diagnostic {
    let src = Source { path, text };
    let span = r.span();
    let start = span.range.start.min(text.len());
    let error_at = src.at(start, span.range.len().max(1));
    let found = match r.message() {
        "Unexpected end of input" => left_open(&d, &src),
        "Unknown tag" => stray_end_tag(&d, &src, start, &error_at),
        m if m.ends_with("expected }}.") || m.ends_with("expected %}.") => {
            open_delimiter(&d, &src, start, &error_at)
        }
        _ => None,
    };
    found.unwrap_or_else(|| d.at(error_at).help(TEMPLATE_HELP))
}

/// A template's text and file, to locate offsets in.
struct Source<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Source<'_> {
    fn at(&self, offset: usize, len: usize) -> Location {
        Location::at_offset(self.path, self.text, offset, len)
    }
}

/// The end of the template came with a tag (or a `{{`) still open: points at it.
fn left_open(d: &Diagnostic, src: &Source) -> Option<Diagnostic> {
    let tag = match scan_tags(src.text, src.text.len()) {
        Scan::Unclosed(delim) => delim,
        Scan::Open(tags) => tags.last()?.clone(),
    };
    let message = format!("template syntax error: {} is never closed", tag.name());
    Some(
        Diagnostic {
            message,
            ..d.clone()
        }
        .at(src.at(tag.offset, tag.len))
        .label("opened here")
        .help(format!(
            "close it with {} before the end of the template",
            tag.closing()
        )),
    )
}

/// An end tag Tera did not expect: names the tag still open there, or says none is.
fn stray_end_tag(
    d: &Diagnostic,
    src: &Source,
    start: usize,
    error_at: &Location,
) -> Option<Diagnostic> {
    let word = src
        .text
        .get(start..)?
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .next()?;
    let closes = word.strip_prefix("end").filter(|k| !k.is_empty())?;
    let end_tag = format!("`{{% {word} %}}`");
    // The tags open just before the end tag's `{%`.
    let tag_start = src
        .text
        .get(..start)
        .and_then(|t| t.rfind("{%"))
        .unwrap_or(0);
    let Scan::Open(tags) = scan_tags(src.text, tag_start) else {
        return None;
    };
    let Some(open) = tags.last() else {
        let message = format!("template syntax error: {end_tag} closes no open tag");
        return Some(
            Diagnostic {
                message,
                ..d.clone()
            }
            .at(error_at.clone())
            .help(format!(
                "remove it, or add the `{{% {closes} %}}` it closes"
            )),
        );
    };
    let message = format!(
        "template syntax error: {end_tag} does not close {}",
        open.name()
    );
    Some(
        Diagnostic {
            message,
            ..d.clone()
        }
        .at(error_at.clone())
        .label(format!("{} is still open", open.name()))
        .also("the open tag", src.at(open.offset, open.len))
        .help(format!(
            "close {} with {} first",
            open.name(),
            open.closing()
        )),
    )
}

/// A `{{` (or `{%`) whose expression ran into something else on a later line: shows where
/// it was opened too.
fn open_delimiter(
    d: &Diagnostic,
    src: &Source,
    start: usize,
    error_at: &Location,
) -> Option<Diagnostic> {
    let (delim, close) = if d.message.contains("expected }}.") {
        ("{{", "}}")
    } else {
        ("{%", "%}")
    };
    let before = src.text.get(..start)?;
    let open = before
        .rfind(delim)
        .filter(|&o| before[o..].contains('\n'))?;
    Some(
        d.clone()
            .at(error_at.clone())
            .also(format!("`{delim}` opened here"), src.at(open, 2))
            .help(format!(
                "close the `{delim}` with `{close}` where its expression ends"
            )),
    )
}

/// A tag of a template that opens a body (`{% if %}`, `{% for %}`…), or a `{{`/`{%` left open.
#[derive(Debug, Clone, PartialEq, Eq)]
struct OpenTag {
    /// The tag's keyword (`if`, `for`, `block`…), or the delimiter itself (`{{`, `{%`).
    keyword: String,
    /// Byte offset of its `{%` (or `{{`).
    offset: usize,
    /// Its length in bytes, up to the closing `%}`.
    len: usize,
}

impl OpenTag {
    /// `{% if %}`, or `` `{{` `` for a delimiter.
    fn name(&self) -> String {
        if self.keyword.starts_with('{') {
            format!("`{}`", self.keyword)
        } else {
            format!("`{{% {} %}}`", self.keyword)
        }
    }

    /// What closes it: `{% endif %}`, or `}}`.
    fn closing(&self) -> String {
        match self.keyword.as_str() {
            "{{" => "`}}`".to_string(),
            "{%" => "`%}`".to_string(),
            k => format!("`{{% end{k} %}}`"),
        }
    }
}

/// What is open at a place of a template.
#[derive(Debug, PartialEq, Eq)]
enum Scan {
    /// A `{{` or `{%` without its closing delimiter.
    Unclosed(OpenTag),
    /// The body tags still open, outermost first.
    Open(Vec<OpenTag>),
}

/// The tags of `text` still open at byte `upto`. Comments and `{% raw %}` bodies are skipped.
fn scan_tags(text: &str, upto: usize) -> Scan {
    let mut open: Vec<OpenTag> = Vec::new();
    let mut i = 0;
    while let Some(found) = text[i..].find('{') {
        let start = i + found;
        if start >= upto {
            break;
        }
        let rest = &text[start..];
        let close = if rest.starts_with("{{") {
            "}}"
        } else if rest.starts_with("{%") {
            "%}"
        } else if rest.starts_with("{#") {
            "#}"
        } else {
            i = start + 1;
            continue;
        };
        let Some(len) = rest[2..].find(close).map(|n| n + 4) else {
            if close == "#}" {
                break;
            }
            let keyword = rest[..2].to_string();
            return Scan::Unclosed(OpenTag {
                keyword,
                offset: start,
                len: 2,
            });
        };
        i = start + len;
        if close != "%}" {
            continue;
        }
        let inner = rest[2..len - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let mut words = inner.split_whitespace();
        let keyword = words.next().unwrap_or("");
        match keyword {
            "raw" => match text[i..].find("endraw") {
                Some(n) => i += n,
                None => {
                    open.push(OpenTag {
                        keyword: "raw".into(),
                        offset: start,
                        len,
                    });
                    break;
                }
            },
            "if" | "for" | "block" | "filter" | "component" => {
                open.push(OpenTag {
                    keyword: keyword.into(),
                    offset: start,
                    len,
                });
            }
            "set" | "set_global" if !inner.contains('=') => {
                open.push(OpenTag {
                    keyword: "set".into(),
                    offset: start,
                    len,
                });
            }
            k if k.starts_with("end") && open.last().is_some_and(|t| t.keyword == k[3..]) => {
                open.pop();
            }
            _ => {}
        }
    }
    Scan::Open(open)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open_keywords(text: &str) -> Vec<String> {
        match scan_tags(text, text.len()) {
            Scan::Open(tags) => tags.into_iter().map(|t| t.keyword).collect(),
            Scan::Unclosed(t) => vec![format!("unclosed {}", t.keyword)],
        }
    }

    #[test]
    fn scanning_any_mix_of_delimiters_does_not_panic() {
        let parts = ["{", "%", "}", "#", "-", "é", "\n", " if ", "endif", "raw"];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            texts = texts
                .iter()
                .flat_map(|t| parts.iter().map(move |p| format!("{t}{p}")))
                .collect();
            for t in &texts {
                for upto in 0..=t.len() {
                    scan_tags(t, upto);
                }
            }
        }
        // And every syntax error Tera finds in them turns into a diagnostic.
        for t in texts.iter().filter(|t| t.len() <= 6) {
            let mut theme = Theme::default();
            let file = crate::load::theme::ThemeFile {
                display_path: "templates/t.html".into(),
                bytes: t.clone().into_bytes(),
            };
            theme.templates.insert("t.html".into(), file);
            let _ = Templates::compile(&theme);
        }
    }

    #[test]
    fn finds_the_tags_left_open() {
        assert_eq!(
            open_keywords("{% if a %}{% for x in y %}{% endfor %}"),
            ["if"]
        );
        assert_eq!(
            open_keywords("{%- if a -%}x{%- endif -%}"),
            Vec::<String>::new()
        );
        assert_eq!(open_keywords("{# {% if a %} #}{% block b %}"), ["block"]);
        assert_eq!(
            open_keywords("{% raw %}{% if %}{% endraw %}"),
            Vec::<String>::new()
        );
        assert_eq!(open_keywords("{% set x = 1 %}{% set y %}"), ["set"]);
        assert_eq!(open_keywords("<p>{{ a </p>"), ["unclosed {{"]);
        assert_eq!(open_keywords("{ not a tag } {% if é %}"), ["if"]);
    }
}
