//! The build stamp: what the output folder was last built from. `build` writes it after a
//! build without any problem; when every input file, the options, the binary and every
//! output file are still exactly as the stamp records, the next `build` has nothing to do
//! and renders nothing (like `make`). Any difference, or any doubt, means a full build.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::build::BuildOptions;
use crate::output::FileState;

/// The stamp's file name in the output folder.
pub const STAMP: &str = ".pigment-stamp";

const HEADER: &str = "pigment-stamp 1";

/// Inputs changed within this many nanoseconds before a build leave it unstamped.
const RACY_NS: i128 = 2_000_000_000;

/// What an up-to-date output folder holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpToDate {
    /// HTML pages.
    pub pages: usize,
    /// All files.
    pub files: usize,
    /// The output folder.
    pub output_dir: PathBuf,
}

/// The inputs of a build, listed so two builds can be compared exactly.
#[derive(Debug)]
pub(crate) struct Inputs {
    output_dir: PathBuf,
    listing: String,
    /// True when an input changed so recently that a further change could keep the same
    /// times (coarse file system clocks); such a build is not stamped.
    racy: bool,
}

/// Lists what a build with `opts` reads. `None` when something cannot be listed (the
/// build then runs in full and reports the problem itself).
pub(crate) fn inputs(opts: &BuildOptions, today: crate::dates::Date) -> Option<Inputs> {
    let root = &opts.root;
    let config = crate::config::load(root, opts.base_url.as_deref()).ok()?;
    let output_dir = match &opts.output {
        Some(o) => o.clone(),
        None => root.join(&config.output),
    };
    let now_ns = FileState::of_time(std::time::SystemTime::now());
    let mut racy = false;
    let mut listing = String::new();
    // The theme built into the binary and the code itself are inputs too.
    let exe = std::env::current_exe().ok()?;
    let _ = writeln!(
        listing,
        "binary {} {}",
        env!("CARGO_PKG_VERSION"),
        file_line(&std::fs::metadata(&exe).ok()?)
    );
    let _ = writeln!(
        listing,
        "options {:?} {} {:?} {:?} {today} {} {}",
        opts.base_url,
        opts.drafts,
        opts.relative_urls,
        std::path::absolute(&output_dir).ok()?,
        opts.future,
        opts.expired
    );
    for rel in [
        crate::config::CONFIG_FILE,
        "content",
        "static",
        "templates",
        "themes",
    ] {
        let start = root.join(rel);
        if !start.exists() {
            continue;
        }
        for entry in WalkDir::new(&start).follow_links(true).sort_by_file_name() {
            let entry = entry.ok()?;
            let meta = entry.metadata().ok()?;
            // Files only: an added, removed or renamed file changes the listing anyway.
            if meta.is_dir() {
                continue;
            }
            let path = entry.path().strip_prefix(root).ok()?.to_str()?;
            if path.contains('\n') {
                return None;
            }
            racy |= FileState::of(&meta).mtime_ns > now_ns - RACY_NS;
            let _ = writeln!(listing, "{path}\t{}", file_line(&meta));
        }
    }
    Some(Inputs {
        output_dir,
        listing,
        racy,
    })
}

/// Size, times and identity: an edit, a replacement or a touch changes at least one.
fn file_line(meta: &std::fs::Metadata) -> String {
    let state = FileState::of(meta);
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        format!(
            "{} {} {}.{} {}",
            state.len,
            state.mtime_ns,
            meta.ctime(),
            meta.ctime_nsec(),
            meta.ino()
        )
    }
    #[cfg(not(unix))]
    {
        format!("{} {}", state.len, state.mtime_ns)
    }
}

impl Inputs {
    /// The output folder these inputs build into.
    pub(crate) fn output_dir(&self) -> &Path {
        &self.output_dir
    }

    /// `Some` when the output folder holds the build of exactly these inputs.
    pub(crate) fn up_to_date(&self) -> Option<UpToDate> {
        let text = std::fs::read_to_string(self.output_dir.join(STAMP)).ok()?;
        let rest = text.strip_prefix(HEADER)?.strip_prefix('\n')?;
        let (counts, rest) = rest.split_once('\n')?;
        let rest = rest.strip_prefix(self.listing.as_str())?;
        let outputs = rest.strip_prefix("--\n")?;
        let (pages, files) = counts.split_once(' ')?;
        let (pages, files) = (pages.parse().ok()?, files.parse().ok()?);
        let mut seen = 0;
        for line in outputs.lines() {
            let mut parts = line.splitn(3, ' ');
            let len: u64 = parts.next()?.parse().ok()?;
            let mtime_ns: i128 = parts.next()?.parse().ok()?;
            let path = parts.next()?;
            let meta = std::fs::symlink_metadata(self.output_dir.join(path)).ok()?;
            if !meta.is_file() || FileState::of(&meta) != (FileState { len, mtime_ns }) {
                return None;
            }
            seen += 1;
        }
        (seen == files).then(|| UpToDate {
            pages,
            files,
            output_dir: self.output_dir.clone(),
        })
    }

    /// Records that the output folder now holds `files`, each in the state the write left it.
    pub(crate) fn save(&self, files: &[(String, Option<FileState>)]) {
        if self.racy {
            return;
        }
        let mut text = format!(
            "{HEADER}\n{} {}\n{}--\n",
            files.iter().filter(|(p, _)| p.ends_with(".html")).count(),
            files.len(),
            self.listing
        );
        for (path, state) in files {
            let Some(s) = state else {
                // A file the write skipped cannot be checked later: no stamp, full builds.
                return;
            };
            if path.contains('\n') {
                return;
            }
            let _ = writeln!(text, "{} {} {path}", s.len, s.mtime_ns);
        }
        let tmp = self.output_dir.join(format!("{STAMP}.tmp"));
        // A stamp that cannot be written only costs the next build its shortcut.
        if std::fs::write(&tmp, text).is_ok() {
            let _ = std::fs::rename(&tmp, self.output_dir.join(STAMP));
        }
    }
}

/// Forgets the stamp, before the output folder changes.
pub(crate) fn clear(output_dir: &Path) {
    let _ = std::fs::remove_file(output_dir.join(STAMP));
}
