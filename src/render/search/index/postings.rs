//! Postings lists: for one term, the documents it occurs in, as `doc * 2 + in_title`.

/// One term's postings within a chunk of documents, numbered from the chunk's first.
/// Stored as LEB128 varint deltas (the first relative to 0): most take one byte, where a
/// `u32` each would take four.
#[derive(Debug)]
pub(super) struct Postings {
    /// The last value pushed.
    pub last: u32,
    /// JSON bytes of the deltas after the first, each with its leading comma.
    pub rest_json_len: usize,
    /// The values as varint deltas.
    pub deltas: Vec<u8>,
}

impl Postings {
    /// A list holding `value`.
    pub(super) fn new(value: u32) -> Self {
        let mut deltas = Vec::new();
        push_varint(&mut deltas, value);
        Postings {
            last: value,
            rest_json_len: 0,
            deltas,
        }
    }

    /// Adds `value` unless its document is already the last one listed. Values come in
    /// document order, title words first, so the first occurrence carries the title flag.
    pub(super) fn push(&mut self, value: u32) {
        if self.last / 2 == value / 2 {
            return;
        }
        let delta = value - self.last;
        push_varint(&mut self.deltas, delta);
        self.rest_json_len += 1 + decimal_len(delta);
        self.last = value;
    }

    /// The deltas, the first one relative to 0.
    pub(super) fn deltas(&self) -> impl Iterator<Item = u32> + '_ {
        let mut bytes = self.deltas.iter();
        std::iter::from_fn(move || {
            let mut value = 0u32;
            let mut shift = 0;
            for &b in bytes.by_ref() {
                value |= u32::from(b & 0x7f) << shift;
                if b & 0x80 == 0 {
                    return Some(value);
                }
                shift += 7;
            }
            None
        })
    }
}

/// Digits of `n` in decimal.
pub(super) fn decimal_len(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |l| l as usize + 1)
}

/// Appends `n` as an LEB128 varint: seven bits a byte, high bit set on all but the last.
fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        // The low seven bits, with the continuation bit.
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deltas_round_trip_and_repeats_of_a_doc_are_dropped() {
        let mut p = Postings::new(3);
        for v in [3, 4, 10, 11, 300, 70_000, u32::MAX - 1, u32::MAX] {
            p.push(v);
        }
        let got: Vec<u32> = p.deltas().collect();
        assert_eq!(got, [3, 1, 6, 290, 69_700, u32::MAX - 1 - 70_000]);
        assert_eq!(p.last, u32::MAX - 1);
        let rest: usize = got[1..].iter().map(|d| d.to_string().len() + 1).sum();
        assert_eq!(p.rest_json_len, rest);
        assert_eq!(decimal_len(0), 1);
        assert_eq!(decimal_len(10), 2);
        assert_eq!(decimal_len(u32::MAX), 10);
    }
}
