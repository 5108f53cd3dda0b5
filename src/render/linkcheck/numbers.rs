//! A number for each distinct URL of the site's pages, so that a page keeps its links as
//! numbers and each URL is resolved once. Most URLs of a page are the ones every page has
//! (menu, footer, lists), so each thread keeps the URLs it saw last in a small table of its
//! own and asks the shared one only for the others.

use std::hash::{BuildHasher, BuildHasherDefault};
use std::sync::{Arc, Mutex, PoisonError};

use crate::text::{FastHasher, FastMap};

/// Slots of each thread's table of recent URLs: a power of two, a few times the links a
/// theme puts on every page.
const RECENT: usize = 1024;

/// Every distinct URL of the site's pages, each with a number.
#[derive(Default)]
pub(super) struct Urls {
    numbers: FastMap<Arc<str>, u32>,
    /// The URLs, by number.
    pub(super) list: Vec<Arc<str>>,
}

impl Urls {
    /// The number of `url`, given it if it is new.
    fn number(&mut self, url: &str) -> u32 {
        if let Some(&n) = self.numbers.get(url) {
            return n;
        }
        // More distinct URLs than a `u32` counts would not fit in memory first.
        let n = u32::try_from(self.list.len()).unwrap_or(u32::MAX);
        let url: Arc<str> = Arc::from(url);
        self.list.push(url.clone());
        self.numbers.insert(url, n);
        n
    }

    /// The number of `url`, if a page has it.
    pub(super) fn find(&self, url: &str) -> Option<u32> {
        self.numbers.get(url).copied()
    }
}

/// A thread's recent URLs: slot by hash, each holding a URL and its number.
type Recent = Vec<Option<(u64, Arc<str>, u32)>>;

/// The numbering of one build's URLs, shared by the threads that scan its pages.
pub(super) struct Numbering {
    shared: Mutex<Urls>,
    /// One table of recent URLs per thread of the pool (by `rayon::current_thread_index`),
    /// and a last one for any other thread; each lock is in practice only ever taken by one.
    recent: Vec<Mutex<Recent>>,
}

impl Default for Numbering {
    fn default() -> Numbering {
        let threads = rayon::current_num_threads() + 1;
        Numbering {
            shared: Mutex::default(),
            recent: (0..threads).map(|_| Mutex::default()).collect(),
        }
    }
}

impl Numbering {
    /// The numbers of `urls`, in order.
    pub(super) fn numbers<S: AsRef<str>>(&self, urls: &[S]) -> Vec<u32> {
        let last = self.recent.len() - 1;
        let mine = rayon::current_thread_index().map_or(last, |i| i.min(last));
        let mut recent = self.recent[mine]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if recent.is_empty() {
            recent.resize(RECENT, None);
        }
        let hasher = BuildHasherDefault::<FastHasher>::default();
        let mut out = Vec::with_capacity(urls.len());
        let mut missed = Vec::new();
        for (i, url) in urls.iter().enumerate() {
            let url = url.as_ref();
            let hash = hasher.hash_one(url);
            match &recent[slot(hash)] {
                Some((h, u, n)) if *h == hash && **u == *url => out.push(*n),
                _ => {
                    out.push(0);
                    missed.push((i, hash));
                }
            }
        }
        if !missed.is_empty() {
            let mut shared = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
            for (i, hash) in missed {
                let url = urls[i].as_ref();
                let n = shared.number(url);
                out[i] = n;
                recent[slot(hash)] = Some((hash, shared.list[n as usize].clone(), n));
            }
        }
        out
    }

    /// Every URL, by number.
    pub(super) fn into_urls(self) -> Urls {
        self.shared
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

fn slot(hash: u64) -> usize {
    // The low bits: `FastHasher` mixes them well after its final rotation.
    (hash as usize) & (RECENT - 1)
}
