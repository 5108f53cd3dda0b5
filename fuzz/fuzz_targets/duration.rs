//! Any text as a duration: parses or errors, never panics, and round-trips when it parses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pigment::stages::{parse_offset, range_text};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(o) = parse_offset(text) {
        let again = parse_offset(&o.to_string()).expect("displayed offsets parse");
        assert_eq!(again, o);
        let _ = range_text(&o, &again);
        let _ = o.text();
    }
});
