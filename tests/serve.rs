//! `pigment serve` for real: a fixture site served on port 0, edited on disk, and read back
//! over HTTP and the live-reload event stream. Generous timeouts, no timing assertions.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::TestSite;

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
    _running: common::Running,
    addr: String,
}

fn serve(site: &TestSite, extra: &[&str]) -> Serve {
    let mut args = vec!["serve", "--port", "0"];
    args.extend_from_slice(extra);
    let running = site.spawn(&args);
    let line = running.wait_line("Serving at http://", WAIT);
    let addr = line
        .split_once("Serving at http://")
        .and_then(|(_, rest)| rest.split('/').next())
        .expect("address")
        .to_string();
    Serve {
        _running: running,
        addr,
    }
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

/// One HTTP/1.1 request with the raw request target, as a browser or attacker would send it.
fn get(addr: &str, target: &str) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(WAIT)).expect("timeout");
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
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
    for how in [common::Replace::RenameSwap, common::Replace::RemoveAndCopy] {
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
        common::SITE_TOML
    );
    site.write("site.toml", &config);
    let mut seen = running.lines_until("after a change to site.toml", WAIT);
    wait_for_served(&addr, "/articles/recovery/", "Rest well.");
    site.write("site.toml", common::SITE_TOML);
    seen.extend(running.lines_until("after a change to site.toml", WAIT));
    site.write(
        "content/articles/recovery.md",
        &format!("{reviewed}Still served.\n"),
    );
    wait_for_served(&addr, "/articles/recovery/", "Still served.");
    seen.extend(running.lines_until("after a change to content/articles/recovery.md", WAIT));
    assert!(!seen.iter().any(|l| l.contains("panicked")), "{seen:?}");
}
