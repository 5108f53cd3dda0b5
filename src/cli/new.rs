//! `pigment new article TITLE`, `pigment new faq QUESTION`

use clap::{Args, Subcommand};

use super::{GlobalArgs, SiteArgs, EXIT_IO, EXIT_USAGE};
use pigment::scaffold::{self, NewKind, ScaffoldError};

/// Arguments of `pigment new`.
#[derive(Debug, Args)]
pub(super) struct NewArgs {
    #[command(flatten)]
    site: SiteArgs,
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, Subcommand)]
enum What {
    /// A new article in content/articles/, named after its title.
    Article {
        /// The article's title.
        title: String,
    },
    /// A new question in content/faq/, named after the question.
    Faq {
        /// The question, e.g. "Does it hurt?".
        question: String,
    },
}

pub(super) fn run(global: &GlobalArgs, args: NewArgs) -> i32 {
    let (kind, title) = match &args.what {
        What::Article { title } => (NewKind::Article, title),
        What::Faq { question } => (NewKind::Faq, question),
    };
    match scaffold::new_page(&args.site.root, kind, title, global.today_or_now()) {
        Ok(rel) => {
            if !global.quiet {
                eprintln!("created {}", args.site.root.join(rel).display());
            }
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            match e {
                ScaffoldError::Io { .. } => EXIT_IO,
                _ => EXIT_USAGE,
            }
        }
    }
}
