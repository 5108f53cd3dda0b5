//! Whole-process build benchmark: Pigment against Hugo (and against a floor of plain
//! pulldown-cmark rendering plus file writes) on the same generated site.
//!
//! `cargo bench --bench site_build -- [--sizes 1000,10000] [--runs 5] [--no-hugo]
//! [--no-floor] [--dir DIR] [--pigment BINARY]` generates each site, then alternates the
//! contestants run by run: clean (output folder removed first), into the existing output
//! folder, and into it again after one source file was saved unchanged. It prints medians
//! of wall time, CPU time and peak memory measured by `/usr/bin/time`. `--link-check`
//! instead times `pigment check` with and without the internal link check. See
//! BENCHMARKS.md.

mod floor;
mod generate;
mod hugo;
mod linkcheck;
mod measure;
mod text;

use std::path::{Path, PathBuf};
use std::process::Command;

use measure::{median, Sample};

struct Options {
    sizes: Vec<usize>,
    runs: usize,
    hugo: bool,
    floor: bool,
    dir: PathBuf,
    pigment: PathBuf,
    link_check: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        sizes: vec![1_000, 10_000],
        runs: 5,
        hugo: true,
        floor: true,
        dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/site-bench"),
        pigment: PathBuf::from(env!("CARGO_BIN_EXE_pigment")),
        link_check: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            // `cargo bench` passes `--bench` to every bench target.
            "--bench" => {}
            "--sizes" => {
                let v = args.next().ok_or("--sizes needs a list, e.g. 1000,10000")?;
                o.sizes = v
                    .split(',')
                    .map(|s| s.trim().parse::<usize>())
                    .collect::<Result<_, _>>()
                    .map_err(|e| format!("--sizes {v}: {e}"))?;
            }
            "--runs" => {
                let v = args.next().ok_or("--runs needs a number")?;
                o.runs = v.parse().map_err(|e| format!("--runs {v}: {e}"))?;
            }
            "--dir" => o.dir = PathBuf::from(args.next().ok_or("--dir needs a folder")?),
            "--pigment" => {
                o.pigment = PathBuf::from(args.next().ok_or("--pigment needs a binary")?)
            }
            "--no-hugo" => o.hugo = false,
            "--no-floor" => o.floor = false,
            "--link-check" => o.link_check = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if o.runs == 0 {
        return Err("--runs must be at least 1".into());
    }
    Ok(o)
}

/// One program under test.
#[derive(Clone, Copy, PartialEq)]
enum Tool {
    Pigment,
    Hugo,
    Floor,
}

impl Tool {
    fn name(self) -> &'static str {
        match self {
            Tool::Pigment => "pigment",
            Tool::Hugo => "hugo",
            Tool::Floor => "floor",
        }
    }

    fn command(self, site: &Site, out: &Path) -> Command {
        match self {
            Tool::Pigment => {
                let mut c = Command::new(&site.pigment_bin);
                c.arg("build")
                    .arg("--root")
                    .arg(&site.pigment)
                    .arg("--output")
                    .arg(out);
                c
            }
            Tool::Hugo => {
                let mut c = Command::new("hugo");
                c.arg("--quiet")
                    .arg("--source")
                    .arg(&site.hugo)
                    .arg("--destination")
                    .arg(out);
                c
            }
            Tool::Floor => {
                let mut c = Command::new(std::env::current_exe().unwrap_or_default());
                c.arg("--floor").arg(site.pigment.join("content")).arg(out);
                c
            }
        }
    }
}

struct Site {
    pigment_bin: PathBuf,
    pigment: PathBuf,
    hugo: PathBuf,
}

fn main() {
    let argv: Vec<String> = std::env::args().collect();
    if argv.get(1).map(String::as_str) == Some("--floor") && argv.len() == 4 {
        std::process::exit(floor::run(Path::new(&argv[2]), Path::new(&argv[3])));
    }
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!(
                "usage: cargo bench --bench site_build -- [--sizes 1000,10000] [--runs 5] [--no-hugo] [--no-floor] [--link-check] [--dir DIR] [--pigment BINARY]"
            );
            std::process::exit(2);
        }
    };
    if !Path::new(measure::TIME).exists() {
        eprintln!(
            "error: {} is missing; install it with `apt-get install time`",
            measure::TIME
        );
        std::process::exit(2);
    }
    let hugo = opts.hugo && Command::new("hugo").arg("version").output().is_ok();
    if opts.hugo && !hugo {
        eprintln!("note: hugo not found (`apt-get install hugo`); timing Pigment alone");
    }
    let mut tools = vec![Tool::Pigment];
    if hugo {
        tools.push(Tool::Hugo);
    }
    if opts.floor {
        tools.push(Tool::Floor);
    }

    let mut report = measure::environment(&opts.pigment, hugo);
    report.push_str(&format!(
        "\nCommand: `cargo bench --bench site_build -- --sizes {} --runs {}{}`\n",
        opts.sizes
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(","),
        opts.runs,
        if hugo { "" } else { " --no-hugo" }
    ));
    eprint!("{report}");

    let mut summary: Vec<(usize, Vec<Row>)> = Vec::new();
    for &n in &opts.sizes {
        let root = opts.dir.join(format!("n{n}"));
        let site = Site {
            pigment_bin: opts.pigment.clone(),
            pigment: root.join("pigment-site"),
            hugo: root.join("hugo-site"),
        };
        eprintln!("\n# {n} pages: generating into {}", root.display());
        let shape = match generate::generate(n, &site.pigment, &site.hugo) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: cannot generate the site: {e}");
                std::process::exit(3);
            }
        };
        eprintln!(
            "  {} pages: {} articles in {} folders, {} FAQs, {} topics, {} tags",
            shape.pages, shape.articles, shape.sections, shape.faqs, shape.topics, shape.tags
        );
        // Pigment does not stamp a build whose inputs changed in the last 2 s (see
        // `src/stamp.rs`); let the fresh sources age past that, as real ones are.
        std::thread::sleep(std::time::Duration::from_millis(2_100));
        if opts.link_check {
            match linkcheck::compare(&opts.pigment, &site.pigment, opts.runs) {
                Ok(t) => println!("\n## {n} pages: the internal link check\n\n{t}"),
                Err(e) => {
                    eprintln!("error: {e}");
                    std::process::exit(1);
                }
            }
            continue;
        }
        let rows = match bench_size(&tools, &site, &root, opts.runs) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(1);
            }
        };
        summary.push((n, rows));
    }
    let table = measure::table(&summary);
    report.push('\n');
    report.push_str(&table);
    println!("{report}");
    let _ = std::fs::create_dir_all(&opts.dir);
    let file = opts.dir.join("results.md");
    if std::fs::write(&file, &report).is_ok() {
        eprintln!("written to {}", file.display());
    }
}

/// Medians of one tool in one scenario.
pub struct Row {
    /// Pigment, Hugo or the floor.
    pub tool: &'static str,
    /// Clean build, touched, unchanged…
    pub scenario: &'static str,
    /// Median wall time, seconds.
    pub wall: f64,
    /// Median user + system time, seconds.
    pub cpu: f64,
    /// Median peak resident memory.
    pub rss_mib: f64,
    /// Files written, when the tool says.
    pub written: Option<usize>,
    /// Every run's wall time.
    pub walls: Vec<f64>,
}

/// Gives `file` a new modification time (an hour ago, a little different each run) without
/// changing its bytes.
fn touch(file: &Path, run: usize) -> Result<(), String> {
    let when =
        std::time::SystemTime::now() - std::time::Duration::from_secs(3600 + run as u64 * 7 + 1);
    std::fs::File::options()
        .append(true)
        .open(file)
        .and_then(|f| f.set_modified(when))
        .map_err(|e| format!("{}: {e}", file.display()))
}

fn bench_size(tools: &[Tool], site: &Site, root: &Path, runs: usize) -> Result<Vec<Row>, String> {
    let out = |t: Tool| root.join(format!("out-{}", t.name()));
    // Warm the page cache with the sources and check every tool builds the site.
    for &t in tools {
        let s = measure::run(t.command(site, &out(t)), true)?;
        eprintln!("  warm-up {}: {:.2} s", t.name(), s.wall);
    }
    let mut clean: Vec<Vec<Sample>> = vec![Vec::new(); tools.len()];
    let mut existing: Vec<Vec<Sample>> = vec![Vec::new(); tools.len()];
    let mut touched: Vec<Vec<Sample>> = vec![Vec::new(); tools.len()];
    for r in 0..runs {
        // Alternate the order so neither tool always runs on a warmer machine.
        let order: Vec<usize> = if r % 2 == 0 {
            (0..tools.len()).collect()
        } else {
            (0..tools.len()).rev().collect()
        };
        for &i in &order {
            let dir = out(tools[i]);
            if dir.exists() {
                std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            let s = measure::run(tools[i].command(site, &dir), true)?;
            eprintln!("  run {r} {:8} clean    {s}", tools[i].name());
            clean[i].push(s);
        }
        for &i in &order {
            let s = measure::run(tools[i].command(site, &out(tools[i])), true)?;
            eprintln!("  run {r} {:8} existing {s}", tools[i].name());
            existing[i].push(s);
        }
        for &i in &order {
            // A source saved again unchanged: Pigment must render everything once more, and
            // still write nothing.
            touch(&site.pigment.join("content/_index.md"), r)?;
            let s = measure::run(tools[i].command(site, &out(tools[i])), true)?;
            eprintln!("  run {r} {:8} touched  {s}", tools[i].name());
            touched[i].push(s);
        }
    }
    let mut rows = Vec::new();
    for (scenario, samples) in [
        ("clean", &clean),
        ("existing", &existing),
        ("touched", &touched),
    ] {
        for (i, t) in tools.iter().enumerate() {
            let s = &samples[i];
            rows.push(Row {
                tool: t.name(),
                scenario,
                wall: median(s.iter().map(|x| x.wall)),
                cpu: median(s.iter().map(|x| x.cpu)),
                rss_mib: median(s.iter().map(|x| x.rss_kib as f64 / 1024.0)),
                written: s.last().and_then(|x| x.written),
                walls: s.iter().map(|x| x.wall).collect(),
            });
        }
    }
    Ok(rows)
}
