//! Edit-to-reload latency over a generated site (default 10,000 articles).
//!
//! `cargo bench --bench reload [-- PAGES [ROUNDS]]` prints the median time of an
//! incremental rebuild in process, and, end to end, from a file write to the `reload`
//! message of a running `pigment serve` (watcher, debounce, rebuild and all), for a
//! one-paragraph edit, a title edit (changes list pages) and a template edit.

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

/// The three edits: (name, file, contents for round `r`).
fn edits(root: &Path, n: usize) -> Vec<Edit> {
    let i = n / 2;
    let template = bundled_article_template();
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
            root.join("templates/article.html"),
            Box::new(move |r| template.replacen("</h1>", &format!("</h1><p>edit {r}</p>"), 1)),
        ),
    ]
}

fn bundled_article_template() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/clinic/templates/article.html");
    std::fs::read_to_string(p).expect("bundled article template")
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
    let mut rb = pigment::incremental::Rebuilder::new(opts);
    let t = Instant::now();
    let first = rb.rebuild(Vec::new());
    assert!(!first.has_errors(), "{:?}", first.diagnostics.first());
    println!("in process: first build {:?}", t.elapsed());
    for (name, file, text) in edits(root, n) {
        let original = std::fs::read_to_string(&file).ok();
        let mut times = Vec::new();
        let mut last = (0, 0, 0);
        for r in 0..rounds {
            std::fs::write(&file, text(r + 1)).expect("write");
            let t = Instant::now();
            let out = rb.rebuild(vec![file.clone()]);
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

fn end_to_end(root: &Path, n: usize, rounds: usize) {
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
    for (name, file, text) in edits(root, n) {
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
        println!("end to end: {name:<9} median {:>8.1?}", median(times));
    }
    let _ = child.kill();
    let _ = child.wait();
    let mut rest = Vec::new();
    let _ = events.get_mut().set_nonblocking(true);
    let _ = events.read_to_end(&mut rest);
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
    if std::env::var_os("PIGMENT_BENCH_NO_SERVE").is_none() {
        end_to_end(&root, n, rounds);
    }
}
