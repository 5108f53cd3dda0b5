//! The render stage's way out, as the driver sets it up: each file finished, checked for a
//! second claim on its path, and handed to memory, the write stage or nowhere.

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
    target: Target<'a>,
}

impl<'a> Outputs<'a> {
    pub(super) fn new(c: &config::Config, theme: &theme::Theme, target: Target<'a>) -> Outputs<'a> {
        Outputs {
            finish: render::Finish::new(c, theme),
            seen: Default::default(),
            clashes: Default::default(),
            target,
        }
    }

    /// Reports paths that two outputs claimed; returns the files kept in memory.
    pub(super) fn finish(
        self,
        diags: &mut Diagnostics,
        site: &Site,
        theme: &theme::Theme,
    ) -> Vec<OutputFile> {
        let clashes = self
            .clashes
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for path in clashes {
            diags.push(render::output_clash(site, theme, &path));
        }
        match self.target {
            Target::Memory(files) => files.into_files(),
            Target::Disk(_) | Target::Discard => Vec::new(),
        }
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
        if matches!(self.target, Target::Discard) {
            return;
        }
        self.finish.apply(&mut file);
        match &self.target {
            Target::Memory(files) => files.put(file),
            Target::Disk(staged) => staged.put(&file),
            Target::Discard => {}
        }
    }
}
