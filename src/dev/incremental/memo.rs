//! Remembering rendered pages: a page is rendered again only when its template or its
//! template context differs from the last build. Contexts are compared for equality, not
//! hashed, so a reused page is byte-identical to a fresh render by construction.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use tera::{Context, Value};

use crate::render::OutputFile;
use crate::render::PageMemo;

/// A page as last rendered: what it was rendered from and the final bytes.
struct Entry {
    template: String,
    ctx: Context,
    bytes: Arc<[u8]>,
}

/// Rendered pages by output path, valid for one generation of templates, statics and config.
#[derive(Default)]
pub(super) struct Memo {
    generation: u64,
    entries: HashMap<String, Entry>,
    /// Pages of the running build that need rendering, with what they are rendered from.
    pending: Mutex<HashMap<String, (String, Context)>>,
    /// Pages of the running build that were reused.
    hits: Mutex<HashSet<String>>,
}

impl Memo {
    /// Starts a build. A new `generation` (templates, statics or config changed) forgets
    /// every page.
    pub(super) fn begin(&mut self, generation: u64) {
        if generation != self.generation {
            self.entries.clear();
            self.generation = generation;
        }
        lock(&self.pending).clear();
        lock(&self.hits).clear();
    }

    /// Ends a build: stores the freshly rendered pages found in `fresh`, forgets pages the
    /// build no longer has, and returns every reused page's path and bytes.
    pub(super) fn finish(&mut self, fresh: &[OutputFile]) -> Vec<(String, Arc<[u8]>)> {
        let pending = std::mem::take(&mut *lock(&self.pending));
        let hits = std::mem::take(&mut *lock(&self.hits));
        self.entries
            .retain(|path, _| hits.contains(path) && !pending.contains_key(path));
        for f in fresh {
            if let Some((template, ctx)) = pending.get(&f.path) {
                self.entries.insert(
                    f.path.clone(),
                    Entry {
                        template: template.clone(),
                        ctx: ctx.clone(),
                        bytes: Arc::from(f.bytes.as_slice()),
                    },
                );
            }
        }
        let mut reused: Vec<(String, Arc<[u8]>)> = hits
            .iter()
            .filter_map(|p| self.entries.get(p).map(|e| (p.clone(), e.bytes.clone())))
            .collect();
        reused.sort_by(|a, b| a.0.cmp(&b.0));
        reused
    }
}

impl PageMemo for Memo {
    fn reuse(&self, out: &str, template: &str, ctx: &Context) -> bool {
        if let Some(e) = self.entries.get(out) {
            if e.template == template && e.ctx == *ctx && strict_eq_ctx(&e.ctx, ctx) {
                lock(&self.hits).insert(out.to_string());
                return true;
            }
        }
        lock(&self.pending).insert(out.to_string(), (template.to_string(), ctx.clone()));
        false
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The context keys whose values are compared strictly (see [`strict_eq`]). Tera's own
/// equality already compared every key loosely.
const STRICT_KEYS: &[&str] = &["page", "site", "pages"];

fn strict_eq_ctx(a: &Context, b: &Context) -> bool {
    STRICT_KEYS.iter().all(|k| match (a.get(k), b.get(k)) {
        (Some(x), Some(y)) => strict_eq(x, y),
        (None, None) => true,
        _ => false,
    })
}

/// Equality that also tells apart values Tera's `==` treats as equal but renders
/// differently: `1` and `1.0`, `0.0` and `-0.0`, safe and plain strings.
pub(super) fn strict_eq(a: &Value, b: &Value) -> bool {
    if a.kind() != b.kind() {
        return false;
    }
    if let (Some(x), Some(y)) = (a.as_map(), b.as_map()) {
        return x.len() == y.len()
            && x.iter()
                .all(|(k, v)| y.get(k).is_some_and(|w| strict_eq(v, w)));
    }
    if let (Some(x), Some(y)) = (a.as_array(), b.as_array()) {
        return x.len() == y.len() && x.iter().zip(y).all(|(v, w)| strict_eq(v, w));
    }
    if let (Some(x), Some(y)) = (a.as_str(), b.as_str()) {
        return x == y && a.is_safe() == b.is_safe();
    }
    if a.is_number() {
        // Same kind, so the same number type; compare the rendering to tell -0.0 from 0.0.
        return a.to_string() == b.to_string();
    }
    a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_and_float_differ() {
        let one = Value::from(1u64);
        let one_f = Value::from(1.0f64);
        assert!(one == one_f, "tera treats them as equal");
        assert!(!strict_eq(&one, &one_f));
        assert!(!strict_eq(&Value::from(0.0f64), &Value::from(-0.0f64)));
        assert!(strict_eq(&Value::from("a"), &Value::from("a")));
    }

    #[test]
    fn nested_maps_compare_by_content() {
        let mut a = Context::new();
        a.insert("page", &serde_json::json!({"x": [1, {"y": "z"}]}));
        let mut b = Context::new();
        b.insert("page", &serde_json::json!({"x": [1, {"y": "z"}]}));
        assert!(a == b && strict_eq_ctx(&a, &b));
        let mut c = Context::new();
        c.insert("page", &serde_json::json!({"x": [1.0, {"y": "z"}]}));
        assert!(!strict_eq_ctx(&a, &c));
    }
}
