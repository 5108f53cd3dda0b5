//! Property tests for the parsers writers feed: durations and front-matter splitting.

use pigment::duration::parse_offset;
use pigment::load::{split_front_matter, Split};
use proptest::prelude::*;

proptest! {
    #[test]
    fn any_text_parses_or_errors_without_panicking(s in "\\PC{0,40}") {
        let _ = parse_offset(&s);
    }

    #[test]
    fn written_offsets_round_trip(n in -100_000i64..100_000, unit in prop::sample::select(vec!["h", "d", "w", "mo", "y"])) {
        let text = format!("{n}{unit}");
        match parse_offset(&text) {
            Ok(o) => {
                prop_assert_eq!(o.to_string(), text);
                let per = match unit { "h" => 1, "d" => 24, "w" => 168, "mo" => 720, _ => 8760 };
                prop_assert_eq!(o.hours(), n * per);
            }
            // Only absurdly long offsets are refused.
            Err(e) => prop_assert!(e.contains("too long"), "{}", e),
        }
    }

    #[test]
    fn offsets_order_like_hours(a in -500i64..500, b in -500i64..500) {
        let (x, y) = (parse_offset(&format!("{a}d")).unwrap(), parse_offset(&format!("{b}h")).unwrap());
        prop_assert_eq!(x.cmp(&y), (a * 24).cmp(&b));
    }

    #[test]
    fn splitting_never_panics_and_ranges_are_in_bounds(s in "(---\r?\n)?\\PC{0,60}(\r?\n---\r?\n)?\\PC{0,20}") {
        match split_front_matter(&s) {
            Split::Found { yaml, body_start } => {
                prop_assert!(yaml.end <= body_start && body_start <= s.len());
                prop_assert!(s.is_char_boundary(yaml.start) && s.is_char_boundary(yaml.end));
                prop_assert!(s.is_char_boundary(body_start));
            }
            Split::Missing | Split::Unterminated => {}
        }
    }

    #[test]
    fn front_matter_is_found_whatever_the_line_endings(title in "[a-zA-Z ]{1,20}", body in "[a-z\n]{0,30}", crlf in any::<bool>()) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let text = format!("---{nl}title: {title}{nl}---{nl}{body}");
        match split_front_matter(&text) {
            Split::Found { yaml, body_start } => {
                prop_assert_eq!(&text[yaml], format!("title: {title}{nl}"));
                prop_assert_eq!(&text[body_start..], body.as_str());
            }
            other => prop_assert!(false, "{:?}", other),
        }
    }
}
