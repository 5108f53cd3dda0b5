//! `--link-check`: what checking every internal link costs `pigment check` on the
//! generated site, timed with the check on and switched off (`PIGMENT_BENCH_NO_LINK_CHECK`,
//! which only benchmarks set), in alternating order.

use std::path::Path;
use std::process::Command;

use crate::measure::{self, median, Sample};

/// Times `pigment check` on `site` `runs` times each way; returns the report lines.
pub(crate) fn compare(pigment: &Path, site: &Path, runs: usize) -> Result<String, String> {
    let command = |off: bool| {
        let mut c = Command::new(pigment);
        c.arg("check").arg("--root").arg(site);
        if off {
            c.env("PIGMENT_BENCH_NO_LINK_CHECK", "1");
        }
        c
    };
    // Warm-up, and the check must pass on the generated site.
    measure::run(command(false), false)?;
    let (mut on, mut off): (Vec<Sample>, Vec<Sample>) = (Vec::new(), Vec::new());
    for r in 0..runs {
        for with_check in if r % 2 == 0 {
            [true, false]
        } else {
            [false, true]
        } {
            let s = measure::run(command(!with_check), false)?;
            eprintln!(
                "  run {r}: link check {}: {s}",
                if with_check { "on " } else { "off" }
            );
            if with_check {
                on.push(s)
            } else {
                off.push(s)
            }
        }
    }
    let wall = |v: &[Sample]| median(v.iter().map(|s| s.wall));
    let cpu = |v: &[Sample]| median(v.iter().map(|s| s.cpu));
    let rss = |v: &[Sample]| median(v.iter().map(|s| s.rss_kib as f64 / 1024.0));
    let pct = |a: f64, b: f64| (a / b - 1.0) * 100.0;
    Ok(format!(
        "| `pigment check` | wall (median) | CPU user+sys | peak RSS |\n| --- | ---: | ---: | ---: |\n\
         | link check off | {:.3} s | {:.2} s | {:.0} MiB |\n\
         | link check on | {:.3} s | {:.2} s | {:.0} MiB |\n\
         | difference | {:+.1} % | {:+.1} % | {:+.1} % |\n",
        wall(&off), cpu(&off), rss(&off),
        wall(&on), cpu(&on), rss(&on),
        pct(wall(&on), wall(&off)), pct(cpu(&on), cpu(&off)), pct(rss(&on), rss(&off)),
    ))
}
