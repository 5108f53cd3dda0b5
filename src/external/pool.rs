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

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Mutex;
    use std::time::Duration;

    use super::{host, run, PER_HOST, WORKERS};

    #[test]
    fn requests_stay_within_the_bounds() {
        let urls: Vec<String> = (0..40)
            .map(|i| format!("http://h{}.test/{i}", i % 3))
            .collect();
        let busy: Mutex<(HashMap<String, usize>, usize, usize, usize)> = Mutex::default();
        let results = run(urls, |url| {
            {
                let mut b = busy.lock().unwrap();
                *b.0.entry(host(url)).or_default() += 1;
                b.1 += 1;
                let per_host = b.0.values().copied().max().unwrap_or(0);
                b.2 = b.2.max(b.1);
                b.3 = b.3.max(per_host);
            }
            std::thread::sleep(Duration::from_millis(5));
            let mut b = busy.lock().unwrap();
            *b.0.entry(host(url)).or_default() -= 1;
            b.1 -= 1;
        });
        assert_eq!(results.len(), 40);
        let b = busy.lock().unwrap();
        assert!(b.2 <= WORKERS, "{} at once", b.2);
        assert!(b.3 <= PER_HOST, "{} at once to one host", b.3);
    }
}
