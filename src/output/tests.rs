//! Fault injection through the writer: every call that changes the disk is made to fail in
//! turn (a full disk half way through a file, a refused rename), or to stop everything from
//! there on, as `kill -9` would. After a failure the output folder is exactly as before;
//! after a crash the next build's recovery leaves it as before or as the new build.

use std::collections::BTreeMap;
use std::fs::Metadata;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use proptest::prelude::*;

use super::fs::{Fs, RealFs};
use super::*;

#[derive(Clone, Copy, Debug)]
enum Fault {
    /// Call number N fails; the others work (a full disk, a refused rename).
    Fail(usize),
    /// Call number N and every one after it fail (the process died there).
    Crash(usize),
}

struct Faulty {
    fault: Fault,
    calls: AtomicUsize,
    hit: AtomicBool,
}

impl Faulty {
    fn new(fault: Fault) -> Arc<Faulty> {
        Arc::new(Faulty {
            fault,
            calls: AtomicUsize::new(0),
            hit: AtomicBool::new(false),
        })
    }

    /// Whether this call fails.
    fn fails(&self) -> bool {
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        let fails = match self.fault {
            Fault::Fail(at) => n == at,
            Fault::Crash(at) => n >= at,
        };
        if fails {
            self.hit.store(true, Ordering::SeqCst);
        }
        fails
    }

    fn check(&self, kind: io::ErrorKind) -> io::Result<()> {
        if self.fails() {
            Err(io::Error::new(kind, "injected fault"))
        } else {
            Ok(())
        }
    }
}

impl Fs for Faulty {
    fn create_dir(&self, path: &Path) -> io::Result<()> {
        self.check(io::ErrorKind::StorageFull)?;
        RealFs.create_dir(path)
    }
    fn create_dir_all(&self, path: &Path) -> io::Result<()> {
        self.check(io::ErrorKind::StorageFull)?;
        RealFs.create_dir_all(path)
    }
    fn write_new(&self, path: &Path, bytes: &[u8]) -> io::Result<Metadata> {
        if self.fails() {
            // The disk fills half way through the file: the part written stays behind.
            if !matches!(self.fault, Fault::Crash(at) if self.calls.load(Ordering::SeqCst) > at + 1)
            {
                let _ = RealFs.write_new(path, &bytes[..bytes.len() / 2]);
            }
            return Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "injected: disk full",
            ));
        }
        RealFs.write_new(path, bytes)
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.check(io::ErrorKind::PermissionDenied)?;
        RealFs.rename(from, to)
    }
    fn hard_link(&self, original: &Path, link: &Path) -> io::Result<()> {
        self.check(io::ErrorKind::Unsupported)?;
        RealFs.hard_link(original, link)
    }
    fn remove_file(&self, path: &Path) -> io::Result<()> {
        self.check(io::ErrorKind::PermissionDenied)?;
        RealFs.remove_file(path)
    }
    fn remove_dir(&self, path: &Path) -> io::Result<()> {
        self.check(io::ErrorKind::PermissionDenied)?;
        RealFs.remove_dir(path)
    }
    fn remove_dir_all(&self, path: &Path) -> io::Result<()> {
        self.check(io::ErrorKind::PermissionDenied)?;
        RealFs.remove_dir_all(path)
    }
}

/// What is in a folder: files with their bytes, folders, links.
#[derive(Debug, PartialEq, Eq, Clone)]
enum Entry {
    File(String),
    Dir,
    Link(PathBuf),
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Entry> {
    let mut m = BTreeMap::new();
    if !dir.exists() {
        return m;
    }
    for e in walkdir::WalkDir::new(dir).min_depth(1) {
        let e = e.expect("walk");
        let rel = e.path().strip_prefix(dir).expect("prefix").to_path_buf();
        let kind = if e.path_is_symlink() {
            Entry::Link(std::fs::read_link(e.path()).expect("link"))
        } else if e.file_type().is_dir() {
            Entry::Dir
        } else {
            Entry::File(
                String::from_utf8_lossy(&std::fs::read(e.path()).expect("read")).into_owned(),
            )
        };
        m.insert(rel, kind);
    }
    m
}

fn files(list: &[(&str, &str)]) -> Vec<OutputFile> {
    list.iter()
        .map(|(p, b)| OutputFile {
            path: p.to_string(),
            bytes: b.as_bytes().to_vec(),
        })
        .collect()
}

fn write_with(out: &Path, files: &[OutputFile], fs: Arc<dyn Fs>) -> Result<Written, WriteError> {
    let staged = Staged::begin_with(out, fs)?;
    for f in files {
        staged.put(f);
    }
    staged.commit()
}

/// A folder as an earlier build left it, with a file Pigment did not write.
fn earlier(dir: &Path, old: &[OutputFile], first_build: bool) -> PathBuf {
    let out = dir.join("public");
    if !first_build {
        write_with(&out, old, Arc::new(RealFs)).expect("earlier build");
        std::fs::write(out.join("CNAME"), "clinic.example\n").expect("foreign file");
    }
    out
}

fn one_thread() -> &'static rayon::ThreadPool {
    static POOL: std::sync::OnceLock<rayon::ThreadPool> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("pool")
    })
}

/// Runs the new write with `fault`, on one thread so a failing case replays exactly, and
/// checks the promise. Returns false once the fault no longer hit any call.
fn check_fault(
    old: &[OutputFile],
    new: &[OutputFile],
    first_build: bool,
    expected: &BTreeMap<PathBuf, Entry>,
    fault: Fault,
) -> bool {
    let dir = tempfile::tempdir().expect("tmp");
    let out = earlier(dir.path(), old, first_build);
    let before = snapshot(&out);
    let fs = Faulty::new(fault);
    let result = one_thread().install(|| write_with(&out, new, fs.clone()));
    let after = snapshot(&out);
    match fault {
        Fault::Fail(_) => match &result {
            Err(e) => assert_eq!(after, before, "{fault:?} ({e}) left the folder changed"),
            Ok(_) => {
                // A best-effort clean-up may have failed; the next build clears it.
                let mut seen = after.clone();
                seen.retain(|p, _| !p.starts_with(STAGING));
                assert_eq!(&seen, expected, "{fault:?} succeeded with other output")
            }
        },
        Fault::Crash(_) => {
            // The next build's recovery, then nothing else.
            Staged::begin(&out).expect("recovery").abort();
            let recovered = snapshot(&out);
            assert!(
                recovered == before || recovered == *expected,
                "after {fault:?} recovery gave neither the old nor the new output: {recovered:#?}"
            );
        }
    }
    // Whatever happened, the next build converges.
    write_with(&out, new, Arc::new(RealFs)).expect("next build");
    assert_eq!(
        &snapshot(&out),
        expected,
        "the build after {fault:?} converges"
    );
    fs.hit.load(Ordering::SeqCst)
}

/// Every call of the write, failed in turn and crashed at in turn.
fn check_every_fault(old: &[OutputFile], new: &[OutputFile], first_build: bool) {
    let expected = {
        let dir = tempfile::tempdir().expect("tmp");
        let out = earlier(dir.path(), old, first_build);
        write_with(&out, new, Arc::new(RealFs)).expect("clean write");
        snapshot(&out)
    };
    for mode in [Fault::Fail as fn(usize) -> Fault, Fault::Crash] {
        let mut n = 0;
        while check_fault(old, new, first_build, &expected, mode(n)) {
            n += 1;
            assert!(n < 500, "the write never finished");
        }
    }
}

#[test]
fn every_failure_point_leaves_the_output_as_before() {
    let old = files(&[
        ("index.html", "home v1"),
        ("articles/a/index.html", "a v1"),
        ("articles/b/index.html", "b v1"),
        ("tags/x/index.html", "x"),
        ("style.css", "body{}"),
    ]);
    let new = files(&[
        ("index.html", "home v2"),
        ("articles/a/index.html", "a v1"),
        ("articles/b/index.html", "b v2, longer"),
        ("articles/c/index.html", "c new"),
        ("faq/index.html", "faq new"),
        ("faq/q/index.html", "q new"),
        ("style.css", "body{}"),
    ]);
    check_every_fault(&old, &new, false);
    check_every_fault(&[], &new, true);
}

fn arb_files() -> impl Strategy<Value = Vec<(String, String)>> {
    let paths = [
        "index.html",
        "a.css",
        "x/index.html",
        "x/y/index.html",
        "x/y/z.txt",
        "q/index.html",
        "q/r/index.html",
    ];
    proptest::sample::subsequence(paths.to_vec(), 0..=paths.len()).prop_flat_map(|ps| {
        let n = ps.len();
        (Just(ps), proptest::collection::vec(0..3u8, n)).prop_map(|(ps, vs)| {
            ps.into_iter()
                .zip(vs)
                .map(|(p, v)| (p.to_string(), format!("v{v}").repeat(usize::from(v) + 1)))
                .collect()
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]
    #[test]
    fn any_failure_point_of_any_write_is_undone(old in arb_files(), new in arb_files()) {
        let to = |v: &Vec<(String, String)>| -> Vec<OutputFile> {
            v.iter().map(|(p, b)| OutputFile { path: p.clone(), bytes: b.clone().into_bytes() }).collect()
        };
        check_every_fault(&to(&old), &to(&new), false);
    }
}

#[test]
fn a_file_name_with_a_newline_cannot_corrupt_the_manifest() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("public");
    write(
        &out,
        &files(&[("a\nb.html", "odd"), ("index.html", "home")]),
    )
    .expect("write");
    // Files Pigment did not write, named like the two halves of the odd name.
    std::fs::write(out.join("a"), "mine").expect("write");
    std::fs::write(out.join("b.html"), "mine").expect("write");
    let report = write(&out, &files(&[("index.html", "home")])).expect("write");
    assert_eq!(report.removed, 1);
    assert!(
        !out.join("a\nb.html").exists(),
        "the stale odd page is removed"
    );
    assert!(out.join("a").exists() && out.join("b.html").exists());
}

#[cfg(unix)]
#[test]
fn a_link_where_a_file_goes_is_replaced_never_followed() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("public");
    write(&out, &files(&[("index.html", "home")])).expect("write");
    let precious = dir.path().join("precious.txt");
    std::fs::write(&precious, "keep").expect("write");
    std::fs::remove_file(out.join("index.html")).expect("rm");
    std::os::unix::fs::symlink(&precious, out.join("index.html")).expect("link");
    write(&out, &files(&[("index.html", "home")])).expect("write");
    assert_eq!(std::fs::read_to_string(&precious).expect("read"), "keep");
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).expect("read"),
        "home"
    );
    assert!(!std::fs::symlink_metadata(out.join("index.html"))
        .expect("meta")
        .file_type()
        .is_symlink());
}

#[cfg(unix)]
#[test]
fn stale_removal_never_crosses_a_link() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("public");
    write(
        &out,
        &files(&[("index.html", "h"), ("old/index.html", "o")]),
    )
    .expect("write");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("mkdir");
    std::fs::write(elsewhere.join("index.html"), "not ours").expect("write");
    std::fs::remove_dir_all(out.join("old")).expect("rm");
    std::os::unix::fs::symlink(&elsewhere, out.join("old")).expect("link");
    write(&out, &files(&[("index.html", "h")])).expect("write");
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("index.html")).expect("read"),
        "not ours"
    );
}
