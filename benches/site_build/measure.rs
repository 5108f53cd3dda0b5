//! Timing whole processes with GNU time, and the report.

use std::fmt::Write as _;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::Row;

/// GNU time: CPU and peak memory of the child, which `std` cannot report.
pub(crate) const TIME: &str = "/usr/bin/time";

/// One measured run.
#[derive(Debug, Clone)]
pub(crate) struct Sample {
    /// Seconds, measured here around the whole process.
    pub wall: f64,
    /// User + system seconds.
    pub cpu: f64,
    /// Peak resident set, KiB.
    pub rss_kib: u64,
    /// Files written, as Pigment reports them.
    pub written: Option<usize>,
}

impl std::fmt::Display for Sample {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "wall {:6.3} s  cpu {:6.2} s  rss {:7.1} MiB",
            self.wall,
            self.cpu,
            self.rss_kib as f64 / 1024.0
        )?;
        if let Some(w) = self.written {
            write!(f, "  written {w}")?;
        }
        Ok(())
    }
}

/// Runs `cmd` under GNU time. `sync` first, so one run's write-back does not land in the
/// next run's time.
pub(crate) fn run(cmd: Command, sync: bool) -> Result<Sample, String> {
    if sync {
        let _ = Command::new("sync").status();
    }
    let stats = std::env::temp_dir().join(format!("site-bench-time-{}", std::process::id()));
    let mut timed = Command::new(TIME);
    timed
        .arg("-f")
        .arg("%U %S %M")
        .arg("-o")
        .arg(&stats)
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let output = timed
        .output()
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    let wall = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!(
            "{:?} failed ({}):\n{stderr}",
            cmd.get_program(),
            output.status
        ));
    }
    let text = std::fs::read_to_string(&stats).map_err(|e| format!("{}: {e}", stats.display()))?;
    let _ = std::fs::remove_file(&stats);
    let fields: Vec<&str> = text
        .lines()
        .last()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let num = |i: usize| fields.get(i).and_then(|s| s.parse::<f64>().ok());
    let (Some(user), Some(sys), Some(rss)) = (num(0), num(1), num(2)) else {
        return Err(format!("cannot read GNU time's output: {text}"));
    };
    Ok(Sample {
        wall,
        cpu: user + sys,
        rss_kib: rss as u64,
        written: written(&stderr),
    })
}

/// "… (12 files: 3 written, …" from Pigment's summary line.
fn written(stderr: &str) -> Option<usize> {
    let i = stderr.find(" written,")?;
    let head = &stderr[..i];
    let start = head.rfind(' ').map_or(0, |j| j + 1);
    head[start..].parse().ok()
}

/// The median of some numbers (0 for none).
pub(crate) fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = values.collect();
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

fn first_line(cmd: &str, args: &[&str]) -> String {
    Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.lines().next().map(str::to_string))
        .unwrap_or_else(|| "?".to_string())
}

/// Machine and versions, as a markdown list.
pub(crate) fn environment(pigment: &std::path::Path, hugo: bool) -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "?".to_string());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .next()
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string())
        })
        .and_then(|k| k.parse::<u64>().ok())
        .map_or("?".to_string(), |k| {
            format!("{:.0} GiB", k as f64 / 1024.0 / 1024.0)
        });
    let mut s = String::new();
    let _ = writeln!(
        s,
        "- machine: {cpu}, {cores} cores, {mem} memory, kernel {}",
        first_line("uname", &["-r"])
    );
    let _ = writeln!(
        s,
        "- file system: {}",
        first_line("sh", &["-c", "df -T . | tail -1 | awk '{print $2}'"])
    );
    let _ = writeln!(
        s,
        "- pigment: {}",
        first_line(&pigment.to_string_lossy(), &["--version"])
    );
    let _ = writeln!(s, "- rustc: {}", first_line("rustc", &["-V"]));
    if hugo {
        let _ = writeln!(s, "- hugo: {}", first_line("hugo", &["version"]));
    }
    s
}

fn ratio(a: f64, b: f64) -> String {
    if b > 0.0 {
        format!("{:.2}", a / b)
    } else {
        "–".to_string()
    }
}

/// The results as markdown tables, with the ratios the targets are stated in.
pub(crate) fn table(summary: &[(usize, Vec<Row>)]) -> String {
    let mut s = String::from(
        "| pages | scenario | tool | wall (median) | CPU user+sys | peak RSS | files written | wall, every run |\n| ---: | --- | --- | ---: | ---: | ---: | ---: | --- |\n",
    );
    for (n, rows) in summary {
        for r in rows {
            let walls: Vec<String> = r.walls.iter().map(|w| format!("{w:.2}")).collect();
            let _ = writeln!(
                s,
                "| {n} | {} | {} | {:.3} s | {:.2} s | {:.0} MiB | {} | {} |",
                r.scenario,
                r.tool,
                r.wall,
                r.cpu,
                r.rss_mib,
                r.written.map_or("–".to_string(), |w| w.to_string()),
                walls.join(" ")
            );
        }
    }
    s.push_str("\n| pages | scenario | pigment / hugo wall | pigment / floor wall |\n| ---: | --- | ---: | ---: |\n");
    let find = |rows: &[Row], tool: &str, sc: &str| {
        rows.iter()
            .find(|r| r.tool == tool && r.scenario == sc)
            .map_or(0.0, |r| r.wall)
    };
    for (n, rows) in summary {
        for sc in ["clean", "existing", "touched"] {
            let p = find(rows, "pigment", sc);
            let _ = writeln!(
                s,
                "| {n} | {sc} | {} | {} |",
                ratio(p, find(rows, "hugo", sc)),
                ratio(p, find(rows, "floor", sc))
            );
        }
    }
    if summary.len() >= 2 {
        let (n0, r0) = &summary[0];
        let (n1, r1) = &summary[summary.len() - 1];
        let _ = writeln!(
            s,
            "\nScaling, pigment clean wall {n1} / {n0} pages: {}",
            ratio(find(r1, "pigment", "clean"), find(r0, "pigment", "clean"))
        );
    }
    s
}
