//! `pigment check --external` against a server on 127.0.0.1 started by the test (never the
//! internet): every kind of answer reported at its line, and a second run served from the
//! cache without a request.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::TestSite;

/// Requests seen, by method and path (`HEAD /ok`).
type Seen = Arc<Mutex<BTreeMap<String, usize>>>;

/// A server answering by path; returns its port and the requests it has seen.
fn start_server() -> (u16, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let seen: Seen = Arc::default();
    let counts = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let counts = Arc::clone(&counts);
            std::thread::spawn(move || answer(stream, &counts));
        }
    });
    (port, seen)
}

fn answer(mut stream: TcpStream, seen: &Seen) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut agent = String::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => {
                if let Some((name, value)) = line.split_once(':') {
                    if name.eq_ignore_ascii_case("user-agent") {
                        agent = value.trim().to_string();
                    }
                }
            }
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let n = {
        let mut s = seen.lock().expect("lock");
        *s.entry(format!("agent {agent}")).or_default() += 1;
        let n = s.entry(format!("{method} {path}")).or_default();
        *n += 1;
        *n
    };
    let (status, headers) = match (method, path) {
        (_, "/ok") => ("200 OK", ""),
        (_, "/moved") => ("301 Moved Permanently", "Location: /ok\r\n"),
        (_, "/found") => ("302 Found", "Location: /ok\r\n"),
        (_, "/gone") => ("404 Not Found", ""),
        (_, "/busy") if n == 1 => ("429 Too Many Requests", "Retry-After: 0\r\n"),
        (_, "/busy") => ("200 OK", ""),
        (_, "/error") => ("500 Internal Server Error", ""),
        ("HEAD", "/get-only") => ("405 Method Not Allowed", ""),
        ("GET", "/get-only") => ("200 OK", ""),
        (_, "/slow") => {
            std::thread::sleep(Duration::from_secs(3));
            ("200 OK", "")
        }
        _ => ("404 Not Found", ""),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\n{headers}Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

fn site(port: u16, closed: u16) -> TestSite {
    let s = TestSite::new();
    let base = format!("http://127.0.0.1:{port}");
    s.write(
        "site.toml",
        &format!(
            "title = \"T\"\nbase_url = \"https://t.example\"\n\n[clinic]\nname = \"C\"\nbooking_url = \"{base}/found\"\n\n[[menu]]\ntitle = \"Partner\"\nurl = \"{base}/gone\"\n\n[check]\nexternal_timeout = 1\nexternal_skip = [\"{base}/skipped\", \"*/ignored/*\"]\n"
        ),
    );
    s.write(
        "content/articles/a.md",
        &format!(
            "---\ntitle: A\nsources:\n  - {{ title: Guide, url: \"{base}/moved\" }}\n---\n\
             [ok]({base}/ok#part) and [again]({base}/ok)\n\n\
             [busy]({base}/busy) and [head refused]({base}/get-only)\n\n\
             [broken]({base}/error) and ![scan]({base}/gone)\n\n\
             [slow]({base}/slow)\n\n\
             [closed](http://127.0.0.1:{closed}/x)\n\n\
             [skipped]({base}/skipped/a) and [ignored]({base}/ignored/b)\n"
        ),
    );
    s
}

/// The output with the ports replaced, so the snapshot does not depend on them.
fn normalised(text: &str, port: u16, closed: u16) -> String {
    text.replace(&port.to_string(), "PORT1")
        .replace(&closed.to_string(), "PORT2")
}

#[test]
fn external_links_are_fetched_reported_and_cached() {
    let (port, seen) = start_server();
    let closed = closed_port();
    let s = site(port, closed);
    let first = s.run(&["check", "--external"]);
    let got = format!(
        "exit: {}\n{}",
        first.code,
        normalised(&first.stderr, port, closed)
    );
    let snapshot =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/external/check.txt");
    if let Some(diff) = crate::support::check_snapshot(&snapshot, got.as_bytes()) {
        panic!("{diff}\n--- got\n{got}");
    }

    let requests = seen.lock().expect("lock").clone();
    let count = |k: &str| requests.get(k).copied().unwrap_or(0);
    assert_eq!(
        count("HEAD /ok"),
        3,
        "once for the link, once after each redirect: {requests:?}"
    );
    assert_eq!(count("HEAD /busy"), 2, "one retry after 429: {requests:?}");
    assert_eq!(count("GET /get-only"), 1, "GET after 405: {requests:?}");
    assert_eq!(count("HEAD /skipped/a") + count("HEAD /ignored/b"), 0);
    let agent = format!("agent Pigment/{} (link check)", env!("CARGO_PKG_VERSION"));
    assert!(requests.contains_key(&agent), "{requests:?}");
    let total: usize = requests.values().sum();

    let second = s.run(&["check", "--external"]);
    assert_eq!(
        second.stderr, first.stderr,
        "the cache gives the same report"
    );
    let again: usize = seen.lock().expect("lock").values().sum();
    assert_eq!(again, total, "a second run makes no requests");
    assert!(s.root().join(".pigment-cache/external.json").is_file());
}

#[test]
fn plain_check_fetches_nothing() {
    let (port, seen) = start_server();
    let s = site(port, closed_port());
    let run = s.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(seen.lock().expect("lock").is_empty());
    assert!(!s.root().join(".pigment-cache").exists());
}

#[test]
fn results_older_than_the_ttl_are_fetched_again() {
    let (port, seen) = start_server();
    let s = TestSite::new();
    s.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://t.example\"\n\n[check]\nexternal_cache_ttl = 0\n",
    );
    s.write(
        "content/articles/a.md",
        &format!("---\ntitle: A\n---\n[ok](http://127.0.0.1:{port}/ok)\n"),
    );
    for _ in 0..2 {
        let run = s.run(&["check", "--external"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    assert_eq!(seen.lock().expect("lock").get("HEAD /ok"), Some(&2));
}
