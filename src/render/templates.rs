//! Templates compiled once, and Tera's errors turned into located diagnostics.

use std::collections::HashMap;

use tera::{Context, Tera};

use crate::diagnostics::{Diagnostic, Location};
use crate::theme::Theme;

/// Templates compiled once, with where each came from (for error locations).
pub struct Templates {
    tera: Tera,
    sources: HashMap<String, (std::path::PathBuf, String)>,
}

impl Templates {
    /// Compiles the theme's templates. Syntax errors come back located in the template file.
    pub fn compile(theme: &Theme) -> Result<Templates, Vec<Diagnostic>> {
        let mut sources = HashMap::new();
        let mut problems = Vec::new();
        for (name, file) in &theme.templates {
            match String::from_utf8(file.bytes.clone()) {
                Ok(text) => {
                    sources.insert(name.clone(), (file.display_path.clone(), text));
                }
                Err(_) => problems.push(
                    Diagnostic::error(
                        "P0403",
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
        let mut names: Vec<&String> = sources.keys().collect();
        names.sort();
        let result =
            tera.add_raw_templates(names.iter().map(|n| (n.as_str(), sources[*n].1.as_str())));
        let templates = Templates { tera, sources };
        match result {
            Ok(()) => Ok(templates),
            Err(e) => Err(vec![templates.error(&e, None)]),
        }
    }

    /// True when a template of this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
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
                let d = Diagnostic::error("P0404", format!("{kind}: {}{while_}", r.message()));
                match self.sources.get(r.filename()) {
                    Some((path, text)) => {
                        let span = r.span();
                        d.at(Location::at_offset(
                            path,
                            text,
                            span.range.start,
                            span.range.len().max(1),
                        ))
                        .help("fix the template; docs/templates.md lists what templates can use")
                    }
                    None => d.help(format!("in template `{}`", r.filename())),
                }
            }
            tera::ErrorKind::TemplateNotFound(name) => {
                Diagnostic::error("P0405", format!("template `{name}` not found{while_}"))
                    .help("add it to the theme's or the site's `templates/` folder")
            }
            tera::ErrorKind::CircularInclude { tpl, include_chain } => {
                self.at_template(
                    Diagnostic::error("P0404", format!("template `{tpl}` includes itself: {}", include_chain.join(" → "))),
                    tpl,
                )
                .help("break the cycle: a template must not include itself, directly or through others")
            }
            tera::ErrorKind::CircularExtend { tpl, inheritance_chain } => {
                self.at_template(
                    Diagnostic::error("P0404", format!("template `{tpl}` extends itself: {}", inheritance_chain.join(" → "))),
                    tpl,
                )
                .help("break the cycle: `{% extends %}` must lead to a base template that extends nothing")
            }
            tera::ErrorKind::MissingParent { current, parent } => self
                .at_template(
                    Diagnostic::error("P0405", format!("template `{current}` extends `{parent}`, which does not exist")),
                    current,
                )
                .help("add the parent template, or extend an existing one such as `base.html`"),
            _ => Diagnostic::error("P0404", format!("template error: {e}{while_}"))
                .help("fix the template; docs/templates.md lists what templates can use"),
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
