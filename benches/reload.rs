//! Edit-to-reload latency over a generated site (default 10,000 articles).
//!
//! `cargo bench --bench reload [-- PAGES [ROUNDS]]` prints the median time of an
//! incremental rebuild in process, and, end to end, from a file write to the `reload`
//! message of a running `pigment serve` (watcher, debounce, rebuild and all), for a
//! one-paragraph edit, a title edit (changes list pages) and a template edit. With `hugo`
//! on PATH it also times `hugo server` on the same markdown (`PIGMENT_BENCH_NO_HUGO=1`
//! skips that) and prints both side by side.

#[path = "reload/hugo.rs"]
mod hugo;
#[path = "reload/hugo_site.rs"]
mod hugo_site;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TOPICS: [&str; 4] = ["recovery", "costs", "treatment", "aftercare"];

fn article(i: usize, n: usize, title: &str, para: &str) -> String {
    let body: Vec<String> = (0..4)
        .map(|j| {
            format!(
                "Paragraph {j} of article {i}. {}",
                "Scalp care words. ".repeat(5)
            )
        })
        .collect();
    format!(
        "---\ntitle: {title}\ndescription: About thing {i}\ndate: 2026-0{m}-1{d}\ntopics: [{t}]\ntags: [t{tag}]\n---\n# Section\n\n{para}\n\n{}\n\nSee [previous](a{p:05}.md) and [next](a{x:05}.md).\n",
        body.join("\n\n"),
        m = 1 + i % 9,
        d = i % 9,
        t = TOPICS[i % 4],
        tag = i % 50,
        p = (i + n - 1) % n,
        x = (i + 1) % n,
    )
}

fn generate(root: &Path, n: usize) {
    let _ = std::fs::remove_dir_all(root);
    std::fs::create_dir_all(root.join("content/articles")).expect("mkdir");
    std::fs::create_dir_all(root.join("content/faq")).expect("mkdir");
    std::fs::create_dir_all(root.join("templates")).expect("mkdir");
    let mut toml = String::from("title = \"Bench\"\nbase_url = \"https://bench.example\"\n");
    for t in TOPICS {
        toml.push_str(&format!("[[topics]]\nid = \"{t}\"\ntitle = \"{t}\"\n"));
    }
    std::fs::write(root.join("site.toml"), toml).expect("write");
    for i in 0..n {
        let text = article(i, n, &format!("Article {i}"), "First paragraph.");
        std::fs::write(root.join(format!("content/articles/a{i:05}.md")), text).expect("write");
    }
    for i in 0..20 {
        let text = format!(
            "---\nquestion: Question {i}?\ntopics: [{}]\n---\nAnswer {i}.\n",
            TOPICS[i % 4]
        );
        std::fs::write(root.join(format!("content/faq/q{i:02}.md")), text).expect("write");
    }
}

/// An edit: its name, the file it writes, and the file's text for round `r`.
type Edit = (&'static str, PathBuf, Box<dyn Fn(usize) -> String>);

/// The three edits: (name, file, contents for round `r`); `template` is the article
/// template's path and original text.
fn edits(root: &Path, n: usize, template: (PathBuf, String)) -> Vec<Edit> {
    let i = n / 2;
    let (template_file, template) = template;
    vec![
        (
            "paragraph",
            root.join(format!("content/articles/a{i:05}.md")),
            Box::new(move |r| {
                article(
                    i,
                    n,
                    &format!("Article {i}"),
                    &format!("Edited paragraph {r}."),
                )
            }),
        ),
        (
            "title",
            root.join(format!("content/articles/a{i:05}.md")),
            Box::new(move |r| article(i, n, &format!("Article {i} take {r}"), "First paragraph.")),
        ),
        (
            "template",
            template_file,
            Box::new(move |r| template.replacen("</h1>", &format!("</h1><p>edit {r}</p>"), 1)),
        ),
    ]
}

/// Pigment's template edit: a site override of the bundled `article.html`.
fn article_template(root: &Path) -> (PathBuf, String) {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/clinic/templates/article.html");
    let text = std::fs::read_to_string(p).expect("bundled article template");
    (root.join("templates/article.html"), text)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn in_process(root: &Path, n: usize, rounds: usize) {
    let opts = pigment::BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let mut rb = pigment::Rebuilder::new(opts);
    let t = Instant::now();
    let first = rb.rebuild(Vec::new());
    assert!(!first.has_errors(), "{:?}", first.diagnostics.first());
    println!("in process: first build {:?}", t.elapsed());
    for (name, file, text) in edits(root, n, article_template(root)) {
        let original = std::fs::read_to_string(&file).ok();
        let mut times = Vec::new();
        let mut last = (0, 0, 0);
        for r in 0..rounds {
            std::fs::write(&file, text(r + 1)).expect("write");
            let t = Instant::now();
            let out = rb.rebuild_reported(vec![file.clone()]);
            times.push(t.elapsed());
            assert!(!out.has_errors(), "{:?}", out.diagnostics.first());
            last = (out.reparsed, out.rendered, out.changed.len());
        }
        restore(&file, original);
        rb.rebuild(vec![file.clone()]);
        println!(
            "in process: {name:<9} median {:>8.1?} (re-parsed {}, rendered {}, changed {} files)",
            median(times),
            last.0,
            last.1,
            last.2
        );
    }
}

fn restore(file: &Path, original: Option<String>) {
    match original {
        Some(t) => std::fs::write(file, t).expect("restore"),
        None => {
            let _ = std::fs::remove_file(file);
        }
    }
}

/// Starts `pigment serve --port 0` and returns it with its address.
fn serve(root: &Path) -> (Child, String) {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/pigment");
    let bin = std::env::var_os("PIGMENT_BIN").map_or(bin, PathBuf::from);
    let mut child = Command::new(bin)
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("start pigment serve (build it with `cargo build --release` or set PIGMENT_BIN)");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let line = lines.next().expect("serve exited").expect("read");
        if let Some(rest) = line.strip_prefix("Serving at http://") {
            break rest.split('/').next().unwrap_or_default().to_string();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, addr)
}

/// Times each edit against `pigment serve` and returns the medians.
fn end_to_end(root: &Path, n: usize, rounds: usize) -> Vec<(&'static str, Duration)> {
    let (mut child, addr) = serve(root);
    let mut stream = TcpStream::connect(&addr).expect("connect");
    write!(
        stream,
        "GET /__pigment/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .expect("request");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    let mut events = BufReader::new(stream);
    let wait_reload = |events: &mut BufReader<TcpStream>| loop {
        let mut line = String::new();
        if events.read_line(&mut line).expect("read event") == 0 {
            panic!("event stream closed");
        }
        if line.starts_with("event: reload") {
            return;
        }
    };
    let mut medians = Vec::new();
    for (name, file, text) in edits(root, n, article_template(root)) {
        let original = std::fs::read_to_string(&file).ok();
        let mut times = Vec::new();
        for r in 0..rounds {
            std::thread::sleep(Duration::from_millis(300));
            let t = Instant::now();
            std::fs::write(&file, text(r + 1)).expect("write");
            wait_reload(&mut events);
            times.push(t.elapsed());
        }
        restore(&file, original);
        wait_reload(&mut events);
        let m = median(times);
        println!("end to end: {name:<9} median {m:>8.1?}");
        medians.push((name, m));
    }
    let _ = child.kill();
    let _ = child.wait();
    let mut rest = Vec::new();
    let _ = events.get_mut().set_nonblocking(true);
    let _ = events.read_to_end(&mut rest);
    medians
}

/// Runs Hugo in each mode on a copy of the site's markdown; a failure skips Hugo.
fn hugo_figures(site: &Path, work: &Path, n: usize, rounds: usize) -> Vec<HugoRun> {
    let root = work.join("hugo");
    if let Err(e) = hugo_site::write_project(site, &root) {
        println!("hugo: skipped, could not write its project: {e}");
        return Vec::new();
    }
    let mut runs = Vec::new();
    for mode in hugo::MODES {
        match hugo::measure(&root, n, rounds, mode) {
            Ok(figures) => runs.push((mode.0, figures)),
            Err(e) => println!("{}: skipped: {e}", mode.0),
        }
    }
    runs
}

/// One Hugo mode's label and per-edit medians.
type HugoRun = (&'static str, Vec<(&'static str, hugo::Figures)>);

/// Prints, per edit, the medians from file write to reload for Pigment and Hugo.
fn summary(pigment: &[(&str, Duration)], hugo: &[HugoRun]) {
    let mut head = format!("{:<10}{:>12}", "median", "pigment");
    for (label, _) in hugo {
        head.push_str(&format!("{label:>30}"));
    }
    println!(
        "\nfile write to reload message (Hugo: to its `Total in` line; Hugo's own figure)\n{head}"
    );
    for name in ["paragraph", "title", "template"] {
        let mut row = format!("{name:<10}");
        let p = pigment.iter().find(|(e, _)| *e == name);
        row.push_str(&p.map_or(format!("{:>12}", "-"), |(_, d)| format!("{d:>12.1?}")));
        for (_, figures) in hugo {
            let cell = figures
                .iter()
                .find(|(e, _)| *e == name)
                .map_or("-".into(), |(_, f)| {
                    let reload = f.reload.map_or("-".into(), |d| format!("{d:.1?}"));
                    format!("{reload} ({:.1?}; {:.1?})", f.logged, f.own)
                });
            row.push_str(&format!("{cell:>30}"));
        }
        println!("{row}");
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let rounds: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(9);
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    generate(&root, n);
    println!("site: {n} articles + 20 FAQs in {}", root.display());
    in_process(&root, n, rounds);
    let pigment = match std::env::var_os("PIGMENT_BENCH_NO_SERVE") {
        None => end_to_end(&root, n, rounds),
        Some(_) => Vec::new(),
    };
    let hugo = if std::env::var_os("PIGMENT_BENCH_NO_HUGO").is_some() {
        Vec::new()
    } else if !hugo::available() {
        println!("hugo: not on PATH, skipped");
        Vec::new()
    } else {
        hugo_figures(&root, dir.path(), n, rounds)
    };
    if !pigment.is_empty() || !hugo.is_empty() {
        summary(&pigment, &hugo);
    }
}
