//! `pigment serve` for real: a fixture site served on port 0, edited on disk, and read back
//! over HTTP and the live-reload event stream. Generous timeouts, no timing assertions.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

use crate::support::{TestSite, SITE_TOML};

const WAIT: Duration = Duration::from_secs(60);

fn article(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndescription: About {title}.\ntopics: [recovery]\n---\n{body}\n")
}

fn site() -> TestSite {
    TestSite::with(&[
        (
            "content/articles/recovery.md",
            &article("Recovery", "Rest well."),
        ),
        (
            "content/articles/costs.md",
            &article("Pricing guide", "It costs money."),
        ),
        (
            "content/faq/does-it-hurt.md",
            "---\nquestion: Does it hurt?\n---\nA little.\n",
        ),
    ])
}

/// A running `pigment serve` and the address it printed.
struct Serve {
    running: crate::support::Running,
    addr: String,
}

fn serve(site: &TestSite, extra: &[&str]) -> Serve {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pigment"));
    cmd.args(["serve", "--port", "0"])
        .args(extra)
        .args(["--color", "never"]);
    serve_command(site, cmd)
}

fn serve_command(site: &TestSite, cmd: Command) -> Serve {
    let running = site.spawn_command(cmd);
    let line = running.wait_line("Serving at http://", WAIT);
    let addr = line
        .split_once("Serving at http://")
        .and_then(|(_, rest)| rest.split('/').next())
        .expect("address")
        .to_string();
    Serve { running, addr }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

/// One HTTP/1.1 request with the raw request target, as a browser or attacker would send it.
fn get(addr: &str, target: &str) -> Reply {
    request(addr, "GET", target)
}

fn request(addr: &str, method: &str, target: &str) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(WAIT)).expect("timeout");
    write!(
        s,
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read reply");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("header end");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .expect("status");
    Reply {
        status,
        head: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

/// The live-reload stream; `next` returns the next event's name and data.
struct Events(BufReader<TcpStream>);

fn events(addr: &str) -> Events {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(WAIT)).expect("timeout");
    write!(s, "GET /__pigment/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").expect("send");
    let mut r = BufReader::new(s);
    let mut line = String::new();
    r.read_line(&mut line).expect("status line");
    assert!(line.contains(" 200 "), "{line}");
    Events(r)
}

impl Events {
    fn next(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let mut line = String::new();
            let n = self
                .0
                .read_line(&mut line)
                .expect("event within the timeout");
            assert!(n > 0, "event stream closed");
            let line = line.trim_end();
            if let Some(v) = line.strip_prefix("event: ") {
                name = v.to_string();
            } else if let Some(v) = line.strip_prefix("data: ") {
                data = v.to_string();
            } else if line.is_empty() && !name.is_empty() {
                return (name, data);
            }
        }
    }
}

#[test]
fn serves_pages_and_reloads_after_edits_additions_deletions_and_renames() {
    let site = site();
    let s = serve(&site, &[]);
    let page = get(&s.addr, "/articles/recovery/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Rest well."));
    assert!(
        page.body.contains("/__pigment/events"),
        "live-reload snippet"
    );
    assert!(page.head.contains("content-type: text/html"));

    let mut ev = events(&s.addr);
    site.write(
        "content/articles/recovery.md",
        &article("Recovery", "Sleep on your back."),
    );
    assert_eq!(ev.next().0, "reload");
    let page = get(&s.addr, "/articles/recovery/");
    assert!(page.body.contains("Sleep on your back."), "{}", page.body);
    assert!(!page.body.contains("Rest well."));

    site.write(
        "content/articles/aftercare.md",
        &article("Aftercare", "Moisturise."),
    );
    assert_eq!(ev.next().0, "reload");
    assert!(get(&s.addr, "/articles/aftercare/")
        .body
        .contains("Moisturise."));
    assert!(
        get(&s.addr, "/articles/").body.contains("Aftercare"),
        "list page updated"
    );

    std::fs::rename(
        site.root().join("content/articles/aftercare.md"),
        site.root().join("content/articles/after-care.md"),
    )
    .expect("rename");
    assert_eq!(ev.next().0, "reload");
    assert_eq!(get(&s.addr, "/articles/aftercare/").status, 404);
    assert_eq!(get(&s.addr, "/articles/after-care/").status, 200);

    site.remove("content/articles/costs.md");
    assert_eq!(ev.next().0, "reload");
    let gone = get(&s.addr, "/articles/costs/");
    assert_eq!(gone.status, 404);
    assert!(!get(&s.addr, "/articles/").body.contains("Pricing guide"));
}

#[test]
fn a_failed_rebuild_keeps_the_last_site_and_reports_the_error() {
    let site = site();
    let s = serve(&site, &[]);
    let mut ev = events(&s.addr);
    site.write(
        "content/articles/recovery.md",
        "---\ntitle: Recovery\nreveiwed: yesterday\n---\nBroken.\n",
    );
    let (name, data) = ev.next();
    assert_eq!(name, "build-error");
    assert!(data.contains("content/articles/recovery.md:3:1"), "{data}");
    let page = get(&s.addr, "/articles/recovery/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Rest well."),
        "last good page still served"
    );
    let new_connection = events(&s.addr).next();
    assert_eq!(
        new_connection.0, "build-error",
        "pages opened later see it too"
    );

    site.write(
        "content/articles/recovery.md",
        &article("Recovery", "Fixed."),
    );
    assert_eq!(ev.next().0, "reload");
    assert!(get(&s.addr, "/articles/recovery/").body.contains("Fixed."));
}

#[test]
fn pretty_urls_content_types_and_the_404_page() {
    let site = site();
    site.write("static/notes.txt", "plain");
    let s = serve(&site, &[]);
    let r = get(&s.addr, "/articles/recovery");
    assert_eq!(r.status, 301);
    assert!(
        r.head.contains("location: /articles/recovery/"),
        "{}",
        r.head
    );
    let r = get(&s.addr, "/notes.txt");
    assert_eq!((r.status, r.body.as_str()), (200, "plain"));
    assert!(r.head.contains("content-type: text/plain"));
    assert!(get(&s.addr, "/sitemap.xml")
        .head
        .contains("content-type: application/xml"));
    let r = get(&s.addr, "/no/such/page/");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("Page not found"), "the site's own 404 page");
    assert!(r.body.contains("/__pigment/events"));
}

#[test]
fn serves_root_paths_even_when_site_toml_asks_for_relative_urls() {
    let site = site();
    site.write(
        "site.toml",
        &format!("{SITE_TOML}\n[build]\nrelative_urls = true\n"),
    );
    let s = serve(&site, &[]);
    let r = get(&s.addr, "/articles/recovery/");
    assert_eq!(r.status, 200);
    assert!(r.body.contains(r#"href="/articles/""#), "{}", r.body);
    assert_eq!(get(&s.addr, "/search-index.js").status, 404);
}

#[test]
fn paths_outside_the_site_are_refused() {
    let site = site();
    let secret = tempfile::tempdir().expect("temp dir");
    std::fs::write(secret.path().join("secret.txt"), "TOP SECRET").expect("write");
    std::fs::create_dir_all(site.root().join("static")).expect("mkdir");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        secret.path().join("secret.txt"),
        site.root().join("static/leak.txt"),
    )
    .expect("symlink");
    site.write("content/../secret.md", "TOP SECRET");
    let s = serve(&site, &[]);
    for target in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/articles/..%2f..%2fsite.toml",
        "/..%5csite.toml",
        "/leak.txt",
        "/content/articles/recovery.md",
        "/site.toml",
        "//etc/passwd",
        "/%00",
    ] {
        let r = get(&s.addr, target);
        assert!(r.status == 400 || r.status == 404, "{target}: {}", r.status);
        assert!(
            !r.body.contains("TOP SECRET") && !r.body.contains("base_url"),
            "{target}"
        );
        assert!(!r.body.contains("root:"), "{target}");
    }
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let site = site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let run = site.run(&["serve", "--port", &port]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("already in use"), "{}", run.stderr);
    assert!(run.stderr.contains("--port 0"), "{}", run.stderr);
}

#[test]
fn redirects_use_the_normalised_path() {
    let site = site();
    let s = serve(&site, &[]);
    for (target, to) in [
        ("//articles/recovery", "/articles/recovery/"),
        ("///articles//recovery", "/articles/recovery/"),
        ("//articles/recovery?a=1", "/articles/recovery/?a=1"),
    ] {
        let r = get(&s.addr, target);
        assert_eq!(r.status, 301, "{target}");
        assert!(
            r.head.contains(&format!("location: {to}\r\n")),
            "{target}: {}",
            r.head
        );
    }
}

#[test]
fn other_methods_are_refused_with_the_allowed_ones() {
    let site = site();
    let s = serve(&site, &[]);
    for method in ["POST", "PUT", "DELETE"] {
        let r = request(&s.addr, method, "/");
        assert_eq!(r.status, 405, "{method}");
        assert!(
            r.head.contains("allow: get, head\r\n"),
            "{method}: {}",
            r.head
        );
    }
}

/// `pigment serve` with at most `fds` open files, as on a system with a low limit.
#[cfg(unix)]
fn serve_with_file_limit(site: &TestSite, fds: u32) -> Serve {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -n {fds} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_pigment"))
        .args(["serve", "--port", "0", "--color", "never"]);
    serve_command(site, cmd)
}

#[test]
#[cfg(unix)]
fn idle_connections_cannot_starve_other_clients() {
    let site = site();
    let s = serve_with_file_limit(&site, 64);
    // More silent connections than the server has files for.
    let idle: Vec<TcpStream> = (0..100)
        .map(|_| TcpStream::connect(&s.addr).expect("connect"))
        .collect();
    let mut client = TcpStream::connect(&s.addr).expect("connect");
    client
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    write!(
        client,
        "GET /articles/recovery/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        s.addr
    )
    .expect("send");
    let mut reply = String::new();
    client
        .read_to_string(&mut reply)
        .expect("answered while idle connections are open");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    drop(idle);
}

#[test]
fn at_the_connection_cap_the_oldest_idle_connection_makes_room() {
    let site = site();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pigment"));
    cmd.args(["serve", "--port", "0", "--color", "never"])
        .env("PIGMENT_SERVE_MAX_CONNECTIONS", "4");
    let s = serve_command(&site, cmd);
    let idle: Vec<TcpStream> = (0..10)
        .map(|_| TcpStream::connect(&s.addr).expect("connect"))
        .collect();
    for _ in 0..3 {
        assert_eq!(get(&s.addr, "/articles/recovery/").status, 200);
    }
    drop(idle);
}

#[test]
fn at_the_cap_a_long_busy_connection_makes_room_when_none_is_idle() {
    let site = site();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pigment"));
    cmd.args(["serve", "--port", "0", "--color", "never"])
        .env("PIGMENT_SERVE_MAX_CONNECTIONS", "2")
        .env("PIGMENT_SERVE_HEADER_TIMEOUT_MS", "200");
    let s = serve_command(&site, cmd);
    // Replies that never end fill every place.
    let streams = [events(&s.addr), events(&s.addr)];
    assert_eq!(get(&s.addr, "/articles/recovery/").status, 200);
    drop(streams);
}

#[test]
fn slow_and_idle_connections_are_closed_after_the_header_timeout() {
    let site = site();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pigment"));
    cmd.args(["serve", "--port", "0", "--color", "never"])
        .env("PIGMENT_SERVE_HEADER_TIMEOUT_MS", "300");
    let s = serve_command(&site, cmd);
    let bounded = Some(Duration::from_secs(20));

    // Half a request header, then nothing.
    let mut slow = TcpStream::connect(&s.addr).expect("connect");
    slow.set_read_timeout(bounded).expect("timeout");
    write!(slow, "GET / HTTP/1.1\r\nHost: {}\r\n", s.addr).expect("send");
    let mut rest = Vec::new();
    slow.read_to_end(&mut rest)
        .expect("the server closes a connection whose header never ends");
    assert!(!String::from_utf8_lossy(&rest).contains(" 200 "));

    // One whole request on a kept-alive connection, then silence.
    let mut idle = TcpStream::connect(&s.addr).expect("connect");
    idle.set_read_timeout(bounded).expect("timeout");
    write!(idle, "GET /robots.txt HTTP/1.1\r\nHost: {}\r\n\r\n", s.addr).expect("send");
    let mut raw = Vec::new();
    idle.read_to_end(&mut raw)
        .expect("the server closes a kept-alive connection left idle");
    assert!(String::from_utf8_lossy(&raw).starts_with("HTTP/1.1 200"));

    assert_eq!(get(&s.addr, "/articles/recovery/").status, 200);
}

// Load: many clients at once against the demo site, with the server's memory sampled.

/// The demo site of this repository, copied so that builds in the repository go unseen.
#[cfg(target_os = "linux")]
fn demo_site() -> TestSite {
    let site = TestSite::new();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for top in ["site.toml", "content", "themes", "static"] {
        for e in walkdir::WalkDir::new(repo.join(top)).into_iter().flatten() {
            if e.file_type().is_file() {
                let rel = e.path().strip_prefix(repo).expect("inside the repository");
                let to = site.root().join(rel);
                std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
                std::fs::copy(e.path(), to).expect("copy");
            }
        }
    }
    site
}

/// Resident memory (MB) and thread count of a process.
#[cfg(target_os = "linux")]
#[derive(Debug, Clone, Copy, Default)]
struct Usage {
    rss_mb: f64,
    threads: u64,
}

#[cfg(target_os = "linux")]
fn usage(pid: u32) -> Usage {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("process status");
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {status}"))
    };
    Usage {
        rss_mb: field("VmRSS:") as f64 / 1024.0,
        threads: field("Threads:"),
    }
}

/// A kept-alive connection that reads whole replies (they carry a `content-length`).
#[cfg(target_os = "linux")]
struct Client {
    addr: String,
    conn: Option<BufReader<TcpStream>>,
}

#[cfg(target_os = "linux")]
impl Client {
    /// The status of `GET path`, reconnecting once when the server closed the connection.
    fn get(&mut self, path: &str) -> Result<u16, String> {
        match self.try_get(path) {
            Ok(status) => Ok(status),
            Err(_) => {
                self.conn = None;
                self.try_get(path).map_err(|e| format!("{path}: {e}"))
            }
        }
    }

    fn try_get(&mut self, path: &str) -> std::io::Result<u16> {
        if self.conn.is_none() {
            let s = TcpStream::connect(&self.addr)?;
            s.set_read_timeout(Some(WAIT))?;
            self.conn = Some(BufReader::new(s));
        }
        let r = self.conn.as_mut().expect("connected");
        write!(
            r.get_mut(),
            "GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n",
            self.addr
        )?;
        let mut line = String::new();
        r.read_line(&mut line)?;
        let status = line.split(' ').nth(1).and_then(|c| c.parse().ok());
        let mut length = None;
        loop {
            line.clear();
            if r.read_line(&mut line)? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let l = line.trim_end().to_ascii_lowercase();
            if l.is_empty() {
                break;
            }
            if let Some(v) = l.strip_prefix("content-length:") {
                length = v.trim().parse::<usize>().ok();
            }
        }
        let (Some(status), Some(length)) = (status, length) else {
            return Err(std::io::Error::other(format!("bad reply head: {line}")));
        };
        let mut body = vec![0; length];
        r.read_exact(&mut body)?;
        Ok(status)
    }
}

/// The paths of every page in the sitemap, with a stylesheet and a missing page.
#[cfg(target_os = "linux")]
fn demo_paths(addr: &str) -> Vec<String> {
    let map = get(addr, "/sitemap.xml").body;
    let mut paths: Vec<String> = map
        .split("<loc>")
        .skip(1)
        .filter_map(|l| l.split("</loc>").next())
        .filter_map(|u| u.split_once(addr).map(|(_, p)| p.to_string()))
        .collect();
    assert!(paths.len() > 20, "sitemap pages: {paths:?}");
    let home = get(addr, "/").body;
    paths.extend(
        crate::support::attr_values(&home, "href")
            .into_iter()
            .filter(|h| h.ends_with(".css")),
    );
    paths.push("/no/such/page/".into());
    paths
}

#[cfg(target_os = "linux")]
struct LoadFigures {
    baseline: Usage,
    peak: Usage,
    after: Usage,
}

/// `total` requests over `clients` connections at once, cycling through the demo site's
/// pages; the server's memory before, at its peak while they run, and once they are done.
#[cfg(target_os = "linux")]
fn load(clients: usize, total: usize) -> LoadFigures {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    let site = demo_site();
    let s = serve(&site, &[]);
    let pid = s.running.child.id();
    let paths = Arc::new(demo_paths(&s.addr));
    let mut warm = Client {
        addr: s.addr.clone(),
        conn: None,
    };
    for p in paths.iter() {
        warm.get(p).expect("warm-up request");
    }
    let baseline = usage(pid);

    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let done = done.clone();
        std::thread::spawn(move || {
            let mut peak = Usage::default();
            while !done.load(Ordering::Relaxed) {
                let u = usage(pid);
                peak.rss_mb = peak.rss_mb.max(u.rss_mb);
                peak.threads = peak.threads.max(u.threads);
                std::thread::sleep(Duration::from_millis(10));
            }
            peak
        })
    };
    let workers: Vec<_> = (0..clients)
        .map(|i| {
            let (paths, addr) = (paths.clone(), s.addr.clone());
            let n = total / clients + usize::from(i < total % clients);
            std::thread::spawn(move || {
                let mut c = Client { addr, conn: None };
                (0..n)
                    .map(|k| c.get(&paths[(i * 7 + k) % paths.len()]))
                    .filter(|r| !matches!(r, Ok(200 | 404)))
                    .map(|r| format!("{r:?}"))
                    .take(3)
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let failures: Vec<String> = workers
        .into_iter()
        .flat_map(|w| w.join().expect("client thread"))
        .collect();
    done.store(true, Ordering::Relaxed);
    let peak = sampler.join().expect("sampler");
    assert!(failures.is_empty(), "failed requests: {failures:?}");

    // Memory given back settles over a moment; wait (boundedly) for it.
    let mut after = usage(pid);
    for _ in 0..100 {
        if after.rss_mb <= baseline.rss_mb + 20.0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        after = usage(pid);
    }
    eprintln!(
        "{clients} clients x {total} requests: baseline {baseline:?}, peak {peak:?}, after {after:?}"
    );
    LoadFigures {
        baseline,
        peak,
        after,
    }
}

#[cfg(target_os = "linux")]
fn assert_memory_held(f: &LoadFigures) {
    // Against the server's own baseline, which holds the built site (its pictures too): the
    // fault this guards against grew ~280 MB over it under this load.
    assert!(
        f.peak.rss_mb < f.baseline.rss_mb + 100.0,
        "peak {:?}, baseline {:?}",
        f.peak,
        f.baseline
    );
    assert!(
        f.after.rss_mb < f.baseline.rss_mb * 1.5 + 20.0,
        "after {:?}, baseline {:?}",
        f.after,
        f.baseline
    );
}

#[test]
#[cfg(target_os = "linux")]
fn memory_holds_under_many_clients() {
    assert_memory_held(&load(200, 4_000));
}

/// The full figure (200 clients, 20,000 requests); run on a release build with
/// `cargo test --release --test it serve:: -- --ignored --nocapture`.
#[test]
#[cfg(target_os = "linux")]
#[ignore = "long; run on a release build"]
fn memory_holds_under_the_full_load() {
    assert_memory_held(&load(200, 20_000));
}

// ---- The rebuild loop keeps up: folders replaced whole, I/O failures retried ----

/// Polls `target` until its body contains `text` (bounded; no timing is asserted).
fn wait_for_served(addr: &str, target: &str, text: &str) {
    let start = std::time::Instant::now();
    let mut last = String::new();
    while start.elapsed() < WAIT {
        last = get(addr, target).body;
        if last.contains(text) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{target} never contained {text:?}; last: {last}");
}

/// Replaces `dir` whole both ways sync tools do, and after each edits `file` in it (at
/// once, then again after that edit was served) and expects `target` to show the edit.
fn serve_survives_replacing(dir: &str, file: &str, target: &str, text: impl Fn(&str) -> String) {
    let site = site();
    site.write(file, &text("First."));
    let s = serve(&site, &[]);
    wait_for_served(&s.addr, target, "First.");
    for how in [
        crate::support::Replace::RenameSwap,
        crate::support::Replace::RemoveAndCopy,
    ] {
        site.replace_dir(dir, how);
        for edit in ["At once", "Later"] {
            let said = format!("{edit} after {how:?}.");
            site.write(file, &text(&said));
            wait_for_served(&s.addr, target, &said);
        }
    }
}

#[test]
fn replacing_content_whole_keeps_it_served() {
    serve_survives_replacing(
        "content",
        "content/articles/recovery.md",
        "/articles/recovery/",
        |t| article("Recovery", t),
    );
}

#[test]
fn replacing_static_whole_keeps_it_served() {
    serve_survives_replacing("static", "static/notes.txt", "/notes.txt", str::to_string);
}

#[test]
fn replacing_templates_whole_keeps_them_served() {
    serve_survives_replacing("templates", "templates/404.html", "/no/such/page/", |t| {
        format!("<p>Lost. {t}</p>")
    });
}

/// A server that ran out of file handles mid-rebuild builds again by itself once it has
/// them back, with no further edit.
#[cfg(target_os = "linux")]
#[test]
fn a_rebuild_that_ran_out_of_open_files_is_tried_again() {
    let site = site();
    let running = site.spawn(&["serve", "--port", "0"]);
    let line = running.wait_line("Serving at http://", WAIT);
    let addr = line
        .split_once("Serving at http://")
        .and_then(|(_, rest)| rest.split('/').next())
        .expect("address")
        .to_string();
    let pid = running.child.id().to_string();
    let limit = |n: &str| {
        let set = std::process::Command::new("prlimit")
            .args(["--pid", &pid, &format!("--nofile={n}:")])
            .status();
        assert!(set.is_ok_and(|s| s.success()), "prlimit --nofile={n}");
    };
    // Once pages are served, everything the server needs is open.
    wait_for_served(&addr, "/articles/recovery/", "Rest well.");
    // Only stdin, stdout and stderr fit: every new file fails with "too many open files".
    limit("3");
    site.write(
        "content/articles/recovery.md",
        &article("Recovery", "Read once the files open again."),
    );
    running.wait_line("cannot read", WAIT);
    limit("1024");
    wait_for_served(
        &addr,
        "/articles/recovery/",
        "Read once the files open again.",
    );
}

/// A rebuild that used to panic (a review interval past what dates can hold): the server
/// says what went wrong, keeps serving, and builds the next change.
#[test]
fn a_rebuild_that_panicked_keeps_the_server_going() {
    let site = site();
    let reviewed =
        "---\ntitle: Recovery\nreviewed: { by: \"Dr A\", role: \"Nurse\", on: 2026-05-02 }\n---\n";
    site.write(
        "content/articles/recovery.md",
        &format!("{reviewed}Rest well.\n"),
    );
    let running = site.spawn(&["serve", "--port", "0"]);
    let line = running.wait_line("Serving at http://", WAIT);
    let addr = line
        .split_once("Serving at http://")
        .and_then(|(_, rest)| rest.split('/').next())
        .expect("address")
        .to_string();
    // Pages are served once the watch has begun.
    wait_for_served(&addr, "/articles/recovery/", "Rest well.");
    let config = format!(
        "{}\n[review]\ninterval = \"19999 years\"\n",
        crate::support::SITE_TOML
    );
    site.write("site.toml", &config);
    let mut seen = running.lines_until("after a change to site.toml", WAIT);
    wait_for_served(&addr, "/articles/recovery/", "Rest well.");
    site.write("site.toml", crate::support::SITE_TOML);
    seen.extend(running.lines_until("after a change to site.toml", WAIT));
    site.write(
        "content/articles/recovery.md",
        &format!("{reviewed}Still served.\n"),
    );
    wait_for_served(&addr, "/articles/recovery/", "Still served.");
    seen.extend(running.lines_until("after a change to content/articles/recovery.md", WAIT));
    assert!(!seen.iter().any(|l| l.contains("panicked")), "{seen:?}");
}
