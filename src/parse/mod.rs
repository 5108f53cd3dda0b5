//! Stage 2, parse: each loaded file's front matter into checked, typed fields and its
//! markdown into HTML with its headings and links. A parse-stage type knows no URLs: links
//! are kept as written, for the resolve stage to turn into URLs.

pub(crate) mod frontmatter;
pub(crate) mod markdown;
pub(crate) mod readability;

use crate::load::SourceFile;
use frontmatter::FrontMatter;
use markdown::Body;

/// A page after parsing, before resolving.
#[derive(Debug, Clone)]
pub struct ParsedPage {
    /// The file.
    pub file: SourceFile,
    /// Its checked front matter.
    pub front_matter: FrontMatter,
    /// Its rendered body.
    pub body: Body,
}
