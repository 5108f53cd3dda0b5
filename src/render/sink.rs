//! Where rendered files go ([`Sink`], [`Collect`]) and which pages a render may leave out
//! ([`PageMemo`]).

use tera::Context;

use super::OutputFile;

/// Remembers pages between builds (`serve`, `watch`) so unchanged pages are not rendered again.
pub(crate) trait PageMemo: Sync {
    /// True when output `out` was rendered before from `template` and an equal context; the
    /// page is then left out of the files this render returns.
    fn reuse(&self, out: &str, template: &str, ctx: &Context) -> bool;
}

/// Where rendered files go, one at a time and from several threads: kept in memory, or
/// written out as they come so a large site is never held whole.
pub(crate) trait Sink: Sync {
    /// Takes one finished file.
    fn put(&self, file: OutputFile);

    /// False once the files would be thrown away (the write failed or was interrupted), so
    /// rendering can stop early.
    fn wants_more(&self) -> bool {
        true
    }

    /// False when files are only looked at for problems and then dropped (`check`), so
    /// costly files (encoded images) need not be made.
    fn keeps_files(&self) -> bool {
        true
    }
}

/// A [`Sink`] that keeps every file.
#[derive(Debug, Default)]
pub(crate) struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl Collect {
    /// The files, sorted by path.
    pub(crate) fn into_files(self) -> Vec<OutputFile> {
        let mut files = self
            .0
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Collect {
    fn put(&self, file: OutputFile) {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(file);
    }
}

/// The way out for the pages of one language of a site in several: every file goes under
/// `prefix` (`ur/`), and the memo is asked about the file's path under it.
pub(crate) struct Prefixed<'a> {
    /// Folder of the language, ending in `/`.
    pub(crate) prefix: String,
    /// Where the files go.
    pub(crate) sink: &'a dyn Sink,
    /// The memo of the whole site.
    pub(crate) memo: Option<&'a dyn PageMemo>,
}

impl Sink for Prefixed<'_> {
    fn put(&self, mut file: OutputFile) {
        file.path.insert_str(0, &self.prefix);
        self.sink.put(file);
    }

    fn wants_more(&self) -> bool {
        self.sink.wants_more()
    }
}

impl PageMemo for Prefixed<'_> {
    fn reuse(&self, out: &str, template: &str, ctx: &Context) -> bool {
        self.memo
            .is_some_and(|m| m.reuse(&format!("{}{out}", self.prefix), template, ctx))
    }
}
