//! The image pipeline on a site of large photos: `cargo bench --bench images -- [--photos
//! 200] [--dir DIR] [--no-hugo] [--pigment BINARY]` generates a site with N photos of
//! 4000×3000 (JPEG, noise plus shapes, so they do not compress to nothing), each shown by
//! one page, then times a first build (empty image cache), and a second one into an empty
//! output folder with the cache warm, which must encode nothing: no file in the cache may
//! be added or rewritten. Peak memory comes from GNU time. When `hugo` is on PATH, the same
//! photos are resized to the same widths by Hugo's `.Resize` (WebP and JPEG), for the
//! ratio. `--codecs` instead times the crates the pipeline was chosen from on one photo.
//! See BENCHMARKS.md.

mod codecs;
mod hugo;
mod photos;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Instant, SystemTime};

/// The widths both generators make.
pub(crate) const WIDTHS: [u32; 4] = [480, 800, 1200, 1600];

struct Options {
    photos: usize,
    dir: PathBuf,
    hugo: bool,
    codecs: bool,
    pigment: PathBuf,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        photos: 200,
        dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/image-bench"),
        hugo: true,
        codecs: false,
        pigment: PathBuf::from(env!("CARGO_BIN_EXE_pigment")),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--bench" => {}
            "--photos" => {
                let v = args.next().ok_or("--photos needs a number")?;
                o.photos = v.parse().map_err(|e| format!("--photos {v}: {e}"))?;
            }
            "--dir" => o.dir = PathBuf::from(args.next().ok_or("--dir needs a folder")?),
            "--no-hugo" => o.hugo = false,
            "--codecs" => o.codecs = true,
            "--pigment" => {
                o.pigment = PathBuf::from(args.next().ok_or("--pigment needs a binary")?)
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

/// Wall seconds, CPU seconds (user + system) and peak resident set (KiB) of one process.
struct Sample {
    wall: f64,
    cpu: f64,
    rss_kib: u64,
}

impl std::fmt::Display for Sample {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "wall {:7.2} s  cpu {:7.2} s  peak RSS {:7.1} MiB",
            self.wall,
            self.cpu,
            self.rss_kib as f64 / 1024.0
        )
    }
}

/// Runs `program args` under GNU time in `dir`.
fn measure(dir: &Path, program: &Path, args: &[&str]) -> Result<Sample, String> {
    let _ = Command::new("sync").status();
    let stats = std::env::temp_dir().join(format!("image-bench-time-{}", std::process::id()));
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%U %S %M", "-o"])
        .arg(&stats)
        .arg(program)
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let wall = start.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!(
            "{} failed:\n{}",
            program.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let text = std::fs::read_to_string(&stats).map_err(|e| e.to_string())?;
    let fields: Vec<f64> = text
        .lines()
        .last()
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    let [user, sys, rss] = fields[..] else {
        return Err(format!("unexpected GNU time output: {text}"));
    };
    Ok(Sample {
        wall,
        cpu: user + sys,
        rss_kib: rss as u64,
    })
}

/// Every file of the image cache with its modification time.
fn cache_state(dir: &Path) -> Vec<(PathBuf, SystemTime)> {
    let mut files: Vec<(PathBuf, SystemTime)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.path(), e.metadata().ok()?.modified().ok()?)))
        .collect();
    files.sort();
    files
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let o = parse_args()?;
    if o.codecs {
        return codecs::run();
    }
    let site = o.dir.join("pigment");
    let _ = std::fs::remove_dir_all(&o.dir);
    let started = Instant::now();
    photos::write_site(&site, o.photos).map_err(|e| e.to_string())?;
    eprintln!(
        "generated {} photos in {:.1} s",
        o.photos,
        started.elapsed().as_secs_f64()
    );
    let bin = &o.pigment;
    let first = measure(&site, bin, &["build"])?;
    let cache = site.join(".pigment-cache/images");
    let before = cache_state(&cache);
    std::fs::remove_dir_all(site.join("public")).map_err(|e| e.to_string())?;
    let second = measure(&site, bin, &["build"])?;
    let after = cache_state(&cache);
    if before != after || before.is_empty() {
        return Err(format!(
            "the second build encoded images: cache had {} files, now {} (or some were rewritten)",
            before.len(),
            after.len()
        ));
    }
    println!("photos: {} of 4000×3000, widths {WIDTHS:?}", o.photos);
    println!("pigment first build:  {first}");
    println!(
        "pigment second build: {second}  (encoded nothing: {} cache files unchanged)",
        after.len()
    );
    if o.hugo {
        match hugo::bench(&o.dir, &site, o.photos)? {
            Some(h) => println!(
                "hugo first build:     {h}  (pigment / hugo: wall {:.2}, cpu {:.2})",
                first.wall / h.wall,
                first.cpu / h.cpu
            ),
            None => println!("hugo: not on PATH, skipped"),
        }
    }
    Ok(())
}
