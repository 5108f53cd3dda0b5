//! Deterministic text: a tiny random number generator and words, sentences and titles
//! made from a fixed clinic vocabulary.

/// SplitMix64: tiny, fast, and the same sequence on every machine.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }

    /// True with probability `percent` / 100.
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

pub(crate) const WORDS: &[&str] = &[
    "scalp",
    "pigment",
    "session",
    "healing",
    "redness",
    "practitioner",
    "clinic",
    "needle",
    "follicle",
    "density",
    "hairline",
    "shade",
    "dots",
    "layer",
    "skin",
    "recovery",
    "week",
    "day",
    "treatment",
    "consultation",
    "patient",
    "result",
    "touch-up",
    "colour",
    "tone",
    "scar",
    "alopecia",
    "thinning",
    "crown",
    "temple",
    "itching",
    "scabs",
    "moisturiser",
    "sunscreen",
    "cleanser",
    "routine",
    "exercise",
    "sweat",
    "swimming",
    "sauna",
    "sun",
    "shaving",
    "stubble",
    "texture",
    "fading",
    "blending",
    "pattern",
    "coverage",
    "depth",
    "ink",
    "cartridge",
    "machine",
    "numbing",
    "cream",
    "comfort",
    "break",
    "appointment",
    "booking",
    "price",
    "deposit",
    "quote",
    "course",
    "plan",
    "goal",
    "expectation",
    "photo",
    "record",
    "review",
    "doctor",
    "dermatologist",
    "allergy",
    "medicine",
    "supplement",
    "alcohol",
    "caffeine",
    "sleep",
    "pillowcase",
    "hat",
    "gentle",
    "mild",
    "normal",
    "careful",
    "clean",
    "dry",
    "cool",
    "warm",
    "soft",
    "even",
    "natural",
    "subtle",
    "visible",
    "gradual",
    "early",
    "later",
    "usual",
    "common",
    "rare",
    "small",
    "fine",
    "darker",
    "lighter",
    "stable",
    "lasting",
    "regular",
    "daily",
    "weekly",
    "first",
    "second",
    "third",
    "final",
    "before",
    "after",
    "during",
    "around",
    "between",
    "across",
    "along",
    "within",
    "apply",
    "avoid",
    "wash",
    "rinse",
    "protect",
    "cover",
    "check",
    "call",
    "ask",
    "expect",
    "notice",
    "settle",
    "soften",
    "match",
    "build",
    "refine",
    "plan",
    "choose",
    "prepare",
    "rest",
    "heal",
    "keep",
    "leave",
    "return",
    "continue",
    "reduce",
    "increase",
];

const FILLER: &[&str] = &[
    "the", "a", "your", "our", "each", "this", "that", "and", "or", "but", "with", "for", "of",
    "to", "in", "on", "is", "are", "can", "will", "may", "should", "most", "some",
];

pub(crate) fn title_case(words: &[&str]) -> String {
    let mut s = words.join(" ");
    if let Some(first) = s.get(0..1) {
        let upper = first.to_uppercase();
        s.replace_range(0..1, &upper);
    }
    s
}

pub(crate) fn words(rng: &mut Rng, lo: usize, hi: usize) -> Vec<&'static str> {
    let n = rng.range(lo, hi);
    (0..n).map(|_| *rng.pick(WORDS)).collect()
}

pub(crate) fn sentence(rng: &mut Rng) -> String {
    let n = rng.range(8, 18);
    let mut w: Vec<&str> = Vec::with_capacity(n);
    for i in 0..n {
        w.push(if i % 3 == 1 {
            *rng.pick(FILLER)
        } else {
            *rng.pick(WORDS)
        });
    }
    format!("{}.", title_case(&w))
}
