//! Fetching many URLs at once, within bounds: a few requests overall and fewer to one
//! host, so a check never floods a site.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex};

/// Requests in flight at once, overall.
pub(super) const WORKERS: usize = 8;
/// Requests in flight at once to one host.
pub(super) const PER_HOST: usize = 2;

/// URLs waiting and the requests in flight per host.
struct Queue {
    waiting: Vec<String>,
    busy: HashMap<String, usize>,
}

/// The host part of `url` (`a.org:8080`), lower-cased.
pub(super) fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    authority.to_ascii_lowercase()
}

/// Runs `fetch` on every URL, at most [`WORKERS`] at once and [`PER_HOST`] per host; the
/// results in no particular order.
pub(super) fn run<T: Send>(
    urls: Vec<String>,
    fetch: impl Fn(&str) -> T + Sync,
) -> Vec<(String, T)> {
    let queue = Mutex::new(Queue {
        waiting: urls,
        busy: HashMap::new(),
    });
    let freed = Condvar::new();
    let results = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| {
                while let Some(url) = next(&queue, &freed) {
                    let outcome = fetch(&url);
                    done(&queue, &freed, &url);
                    if let Ok(mut r) = results.lock() {
                        r.push((url, outcome));
                    }
                }
            });
        }
    });
    results.into_inner().unwrap_or_default()
}

/// The next URL whose host has room, waiting while every waiting URL's host is busy;
/// `None` when no URL is left.
fn next(queue: &Mutex<Queue>, freed: &Condvar) -> Option<String> {
    let mut q = queue.lock().ok()?;
    loop {
        if q.waiting.is_empty() {
            return None;
        }
        let free = q
            .waiting
            .iter()
            .position(|u| q.busy.get(&host(u)).copied().unwrap_or(0) < PER_HOST);
        if let Some(i) = free {
            let url = q.waiting.remove(i);
            *q.busy.entry(host(&url)).or_default() += 1;
            return Some(url);
        }
        q = freed.wait(q).ok()?;
    }
}

fn done(queue: &Mutex<Queue>, freed: &Condvar, url: &str) {
    if let Ok(mut q) = queue.lock() {
        if let Some(n) = q.busy.get_mut(&host(url)) {
            *n = n.saturating_sub(1);
        }
    }
    freed.notify_all();
}
