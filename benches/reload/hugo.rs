//! Hugo's edit-to-reload figures on the same site, for comparison with `pigment serve`.
//!
//! `hugo server` runs on the project from `hugo_site.rs`; for each edit the bench times,
//! from the file write, the first `reload` message on Hugo's livereload websocket (what a
//! browser waits for) and Hugo's `Total in N ms` line, and keeps the N Hugo reports itself.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use crate::{edits, median, restore};

/// Bound on Hugo's first build and on each rebuild (10,000 pages take tens of seconds).
const TIMEOUT: Duration = Duration::from_secs(300);

/// Hugo's watcher hands changes over on a fixed tick of this period, so the wait for the
/// tick depends on when in the period the write lands.
const TICK_MS: u64 = 500;

/// A way of running `hugo server`: a label for the report and its extra flags.
pub(crate) type Mode = (&'static str, &'static [&'static str]);

/// Full re-renders (what Pigment does), then Hugo's default fast render.
pub(crate) const MODES: [Mode; 2] = [
    ("hugo --disableFastRender", &["--disableFastRender"]),
    ("hugo fast render", &[]),
];

/// Medians of one edit: to the livereload message (if Hugo sent one), to the `Total in`
/// line, and the rebuild time Hugo reports.
pub(crate) struct Figures {
    pub reload: Option<Duration>,
    pub logged: Duration,
    pub own: Duration,
}

/// Whether a `hugo` binary runs from PATH.
pub(crate) fn available() -> bool {
    Command::new("hugo")
        .arg("version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What the bench reads from Hugo's output.
enum Log {
    Ready,
    Rebuilding,
    Total(Instant, Duration),
    Error(String),
}

/// A running `hugo server`, killed when dropped.
struct Server {
    child: Child,
    log: Receiver<Log>,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("free port: {e}"))
}

fn forward(stream: impl Read + Send + 'static, tx: Sender<Log>, errors: bool) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { return };
            let log = if line.starts_with("Web Server is available") {
                Log::Ready
            } else if line.starts_with("Change detected") {
                Log::Rebuilding
            } else if let Some(ms) = line.strip_prefix("Total in ") {
                let ms = ms.trim_end_matches(" ms").trim().parse().unwrap_or(0);
                Log::Total(Instant::now(), Duration::from_millis(ms))
            } else if line.starts_with("Error") || errors && !line.starts_with("WARN") {
                Log::Error(line)
            } else {
                continue;
            };
            if tx.send(log).is_err() {
                return;
            }
        }
    });
}

fn start(root: &Path, flags: &[&str]) -> Result<Server, String> {
    let port = free_port()?;
    let mut child = Command::new("hugo")
        .arg("server")
        .args(flags)
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--source",
        ])
        .arg(root)
        .arg("--cacheDir")
        .arg(root.join(".cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("start hugo: {e}"))?;
    let (tx, log) = mpsc::channel();
    if let Some(out) = child.stdout.take() {
        forward(out, tx.clone(), false);
    }
    if let Some(err) = child.stderr.take() {
        forward(err, tx, true);
    }
    let server = Server {
        child,
        log,
        addr: format!("127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + TIMEOUT;
    let mut errors = Vec::new();
    loop {
        match server
            .log
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            Ok(Log::Ready) => return Ok(server),
            Ok(Log::Error(line)) => errors.push(line),
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "hugo server not ready ({e:?}): {}",
                    errors.join(" | ")
                ))
            }
        }
    }
}

/// Reads one websocket frame: (opcode, payload). Server frames are unmasked, but a mask
/// is honoured anyway.
fn read_frame(r: &mut impl Read) -> std::io::Result<(u8, Vec<u8>)> {
    let mut head = [0u8; 2];
    r.read_exact(&mut head)?;
    let mut len = u64::from(head[1] & 0x7f);
    if len == 126 {
        let mut b = [0u8; 2];
        r.read_exact(&mut b)?;
        len = u64::from(u16::from_be_bytes(b));
    } else if len == 127 {
        let mut b = [0u8; 8];
        r.read_exact(&mut b)?;
        len = u64::from_be_bytes(b);
    }
    let mut mask = [0u8; 4];
    if head[1] & 0x80 != 0 {
        r.read_exact(&mut mask)?;
    }
    let mut payload = Vec::new();
    r.take(len).read_to_end(&mut payload)?;
    for (i, b) in payload.iter_mut().enumerate() {
        *b ^= mask[i % 4];
    }
    Ok((head[0] & 0x0f, payload))
}

/// Opens Hugo's livereload websocket (a minimal client: handshake, then frames) and
/// returns the arrival times of its `reload` messages.
fn livereload(addr: &str) -> Result<Receiver<Instant>, String> {
    let err = |e: std::io::Error| format!("livereload websocket: {e}");
    let mut stream = TcpStream::connect(addr).map_err(err)?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(err)?;
    // The key is any 16 bytes in base64 ("pigment-bench-12").
    write!(
        stream,
        "GET /livereload HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: cGlnbWVudC1iZW5jaC0xMg==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    .map_err(err)?;
    let mut reader = BufReader::new(stream.try_clone().map_err(err)?);
    let mut line = String::new();
    reader.read_line(&mut line).map_err(err)?;
    if !line.contains(" 101 ") {
        return Err(format!("livereload websocket refused: {}", line.trim()));
    }
    while line.trim() != "" {
        line.clear();
        if reader.read_line(&mut line).map_err(err)? == 0 {
            return Err("livereload websocket closed during the handshake".into());
        }
    }
    stream.set_read_timeout(None).map_err(err)?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        while let Ok((opcode, payload)) = read_frame(&mut reader) {
            match opcode {
                1 if String::from_utf8_lossy(&payload).contains("\"reload\"") => {
                    let _ = tx.send(Instant::now());
                }
                // A pong echoes the ping; a client frame must be masked (zero key).
                9 if payload.len() < 126 => {
                    let mut pong = vec![0x8a, 0x80 | payload.len() as u8, 0, 0, 0, 0];
                    pong.extend_from_slice(&payload);
                    let _ = stream.write_all(&pong);
                }
                8 => return,
                _ => {}
            }
        }
    });
    Ok(rx)
}

/// Fetches `path` once: in fast-render mode Hugo re-renders the pages a browser visited.
fn visit(addr: &str, path: &str) -> Result<(), String> {
    let err = |e: std::io::Error| format!("GET {path}: {e}");
    let mut s = TcpStream::connect(addr).map_err(err)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(err)?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .map_err(err)?;
    let mut body = Vec::new();
    s.read_to_end(&mut body).map_err(err)?;
    Ok(())
}

/// Waits for the end of the rebuild under way: Hugo's `Total in` line.
fn wait_total(log: &Receiver<Log>, busy: &mut i32) -> Result<(Instant, Duration), String> {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        match log.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(Log::Rebuilding) => *busy += 1,
            Ok(Log::Total(at, own)) => {
                *busy -= 1;
                return Ok((at, own));
            }
            Ok(Log::Error(line)) => return Err(format!("hugo: {line}")),
            Ok(Log::Ready) => {}
            Err(e) => return Err(format!("hugo rebuild did not finish ({e:?})")),
        }
    }
}

/// Waits until Hugo has been idle for a second (one write can start two rebuilds), then
/// drops stale reload messages.
fn settle(log: &Receiver<Log>, reloads: &Receiver<Instant>, busy: &mut i32) -> Result<(), String> {
    let deadline = Instant::now() + TIMEOUT;
    while Instant::now() < deadline {
        match log.recv_timeout(Duration::from_secs(1)) {
            Ok(Log::Rebuilding) => *busy += 1,
            Ok(Log::Total(..)) => *busy -= 1,
            Ok(Log::Error(line)) => return Err(format!("hugo: {line}")),
            Ok(Log::Ready) => {}
            Err(RecvTimeoutError::Timeout) if *busy <= 0 => {
                while reloads.try_recv().is_ok() {}
                return Ok(());
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Err("hugo exited".into()),
        }
    }
    Err("hugo did not settle".into())
}

/// Runs `hugo server` in `mode` on the project at `root` and times the three edits.
pub(crate) fn measure(
    root: &Path,
    n: usize,
    rounds: usize,
    mode: Mode,
) -> Result<Vec<(&'static str, Figures)>, String> {
    let t = Instant::now();
    let server = start(root, mode.1)?;
    println!("{}: first build {:.1?}", mode.0, t.elapsed());
    let reloads = livereload(&server.addr)?;
    visit(&server.addr, &format!("/articles/a{:05}/", n / 2))?;
    let single = root.join("layouts/_default/single.html");
    let template = (single, crate::hugo_site::SINGLE.to_string());
    let mut busy = 0;
    let mut results = Vec::new();
    for (name, file, text) in edits(root, n, template) {
        let original = std::fs::read_to_string(&file).ok();
        let (mut reload, mut logged, mut own) = (Vec::new(), Vec::new(), Vec::new());
        for r in 0..rounds {
            settle(&server.log, &reloads, &mut busy)?;
            // Settling ends a fixed time after Hugo's last tick; spreading the writes
            // evenly over the tick period keeps the median from locking to one phase.
            let spread = TICK_MS * r as u64 / rounds as u64;
            std::thread::sleep(Duration::from_millis(spread));
            let t = Instant::now();
            std::fs::write(&file, text(r + 1)).map_err(|e| format!("write: {e}"))?;
            let (at, took) = wait_total(&server.log, &mut busy)?;
            logged.push(at - t);
            own.push(took);
            // The message follows the log line closely; allow it a few seconds.
            if let Ok(at) = reloads.recv_timeout(Duration::from_secs(5)) {
                reload.push(at - t);
            }
        }
        restore(&file, original);
        wait_total(&server.log, &mut busy)?;
        let figures = Figures {
            reload: (reload.len() == rounds).then(|| median(reload)),
            logged: median(logged),
            own: median(own),
        };
        let to_reload = figures.reload.map_or("-".into(), |d| format!("{d:.1?}"));
        println!(
            "{}: {name:<9} median {to_reload:>8} to reload message, {:>8.1?} to log line (Hugo's own figure {:.1?})",
            mode.0, figures.logged, figures.own,
        );
        results.push((name, figures));
    }
    Ok(results)
}
