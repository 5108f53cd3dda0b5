//! The render stage's way out, as the driver sets it up: each file finished, checked for a
//! second claim on its path, scanned for the link check, and handed to memory, the write
//! stage or nowhere.

use crate::config;
use crate::diagnostics::Diagnostics;
use crate::load::theme;
use crate::output;
use crate::render::{self, OutputFile};
use crate::resolve::model::Site;

/// Where rendered files go.
pub(super) enum Target<'a> {
    /// Kept, for callers that look at them (`serve`, `check`, tests).
    Memory(render::Collect),
    /// Written as they come.
    Disk(&'a output::Staged),
    /// Dropped: only problems are looked for.
    Discard,
}

/// The render stage's way out: finishes each HTML file (image sizes, minifying), refuses
/// a second file for a path, and passes files on to the target.
pub(super) struct Outputs<'a> {
    finish: render::Finish,
    seen: std::sync::Mutex<std::collections::HashSet<String>>,
    clashes: std::sync::Mutex<std::collections::BTreeSet<String>>,
    links: render::LinkCheck,
    target: Target<'a>,
}

/// What the link check needs once rendering is over: the HTML files' links and every
/// path written.
pub(super) struct Links {
    /// The links and ids of the HTML files.
    pub(super) check: render::LinkCheck,
    /// Every output path handed over.
    pub(super) written: std::collections::HashSet<String>,
}

impl<'a> Outputs<'a> {
    pub(super) fn new(c: &config::Config, theme: &theme::Theme, target: Target<'a>) -> Outputs<'a> {
        Outputs {
            finish: render::Finish::new(c, theme),
            seen: Default::default(),
            clashes: Default::default(),
            links: render::LinkCheck::default(),
            target,
        }
    }

    /// Reports paths that two outputs claimed; returns the files kept in memory and what
    /// the link check needs.
    pub(super) fn finish(
        self,
        diags: &mut Diagnostics,
        site: &Site,
        theme: &theme::Theme,
    ) -> (Vec<OutputFile>, Links) {
        let clashes = self
            .clashes
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for path in clashes {
            diags.push(render::output_clash(site, theme, &path));
        }
        let links = Links {
            check: self.links,
            written: self
                .seen
                .into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        };
        let files = match self.target {
            Target::Memory(files) => files.into_files(),
            Target::Disk(_) | Target::Discard => Vec::new(),
        };
        (files, links)
    }
}

impl render::Sink for Outputs<'_> {
    fn wants_more(&self) -> bool {
        match &self.target {
            Target::Disk(staged) => staged.wants_more(),
            Target::Memory(_) | Target::Discard => true,
        }
    }

    fn keeps_files(&self) -> bool {
        !matches!(self.target, Target::Discard)
    }

    fn put(&self, mut file: OutputFile) {
        let first = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(file.path.clone());
        if !first {
            self.clashes
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(file.path);
            return;
        }
        // `check` drops the files, so it skips the finishing (which adds no URL) and only
        // checks their links.
        if matches!(self.target, Target::Discard) {
            self.links.scan(&file);
            return;
        }
        self.finish.apply(&mut file);
        self.links.scan(&file);
        match &self.target {
            Target::Memory(files) => files.put(file),
            Target::Disk(staged) => staged.put(&file),
            Target::Discard => {}
        }
    }
}
