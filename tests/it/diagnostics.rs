//! One small site per diagnostic kind, each with exactly one defect, checked against the
//! full expected output in `tests/snapshots/diagnostics/NAME.txt`. Set
//! `PIGMENT_UPDATE_SNAPSHOTS=1` to rewrite the snapshots after a deliberate change.

use crate::support::TestSite;

const BASE_TOML: &str = "title = \"T\"\nbase_url = \"https://t.example\"\n\n[[topics]]\nid = \"recovery\"\ntitle = \"Recovery\"\n";
const OK: &str = "---\ntitle: Fine\n---\n## Section\n\nText.\n";
/// A picture file written as text: its header says its size.
const PICTURE: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="16" height="12"></svg>"#;
const OK_TRANSLATION: &str =
    "---\ntitle: ٹھیک\ntranslation_of: { updated: 2026-01-01 }\n---\n## حصہ {#section}\n\nمتن۔\n";
/// A small SVG image.
const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"2\"></svg>\n";
/// A JPEG's segments up to its scan, with an EXIF block whose GPS part has a latitude.
const GPS_JPEG: &str = "\u{FF}\u{D8}\u{FF}\u{E1}\0\x34Exif\0\0II*\0\x08\0\0\0\x01\0\x25\u{88}\x04\0\x01\0\0\0\x1A\0\0\0\0\0\0\0\x01\0\x02\0\x05\0\x03\0\0\0\0\0\0\0\0\0\0\0\u{FF}\u{C0}\0\x11\x08\0\x10\0\x10\x03\x01\x11\0\x02\x11\0\x03\x11\0\u{FF}\u{DA}\0\x02\u{FF}\u{D9}";
/// Every page template of a theme with two messages.
const MINI: &str = "<p>{{ t(key=\"hello\") }} {{ t(key=\"bye\") }}</p>\n";

struct Case {
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
    /// Replaces the default site.toml when set.
    toml: Option<&'static str>,
    args: &'static [&'static str],
    /// Symbolic links to make: (link, target as the link holds it).
    links: &'static [(&'static str, &'static str)],
}

const fn case(name: &'static str, files: &'static [(&'static str, &'static str)]) -> Case {
    Case {
        name,
        files,
        toml: None,
        args: &["check"],
        links: &[],
    }
}

const fn config_case(name: &'static str, toml: &'static str) -> Case {
    Case {
        name,
        files: &[],
        toml: Some(toml),
        args: &["check"],
        links: &[],
    }
}

const fn config_case_with(
    name: &'static str,
    toml: &'static str,
    files: &'static [(&'static str, &'static str)],
) -> Case {
    Case {
        name,
        files,
        toml: Some(toml),
        args: &["check"],
        links: &[],
    }
}

const CASES: &[Case] = &[
    config_case("P0102-unknown-config-key", "title = \"T\"\nbase_url = \"https://t.example\"\n[build]\noutptu = \"x\"\n"),
    config_case("P0102-config-syntax", "title = \"T\nbase_url = \"https://t.example\"\n"),
    config_case("P0103-base-url", "title = \"T\"\nbase_url = \"clinic.example\"\n"),
    config_case("P0104-language", "title = \"T\"\nbase_url = \"https://t.example\"\nlanguage = \"english\"\n"),
    config_case("P0105-topic-id", "title = \"T\"\nbase_url = \"https://t.example\"\n[[topics]]\nid = \"Side Effects\"\ntitle = \"S\"\n"),
    config_case("P0106-duplicate-topic", "title = \"T\"\nbase_url = \"https://t.example\"\n[[topics]]\nid = \"a\"\ntitle = \"A\"\n[[topics]]\nid = \"a\"\ntitle = \"B\"\n"),
    config_case("P0107-review-interval", "title = \"T\"\nbase_url = \"https://t.example\"\n[review]\ninterval = \"a year or so\"\n"),
    config_case("P0108-as-of-date", "title = \"T\"\nbase_url = \"https://t.example\"\n[costs]\nas_of = \"October 2026\"\n"),
    config_case("P0102-unknown-markdown-key", "title = \"T\"\nbase_url = \"https://t.example\"\n[markdown]\nraw_hmtl = \"escape\"\n"),
    config_case("P0102-raw-html-value", "title = \"T\"\nbase_url = \"https://t.example\"\n[markdown]\nraw_html = \"escpae\"\n"),
    Case {
        name: "P0107-review-interval-too-long",
        files: &[("content/articles/a.md", "---\ntitle: A\nreviewed: { by: Dr A, on: 2020-01-01 }\n---\n")],
        toml: Some("title = \"T\"\nbase_url = \"https://t.example\"\n[review]\ninterval = \"19999 years\"\n"),
        args: &["build"],
        links: &[],
    },
    config_case("P0102-external-timeout-zero", "title = \"T\"\nbase_url = \"https://t.example\"\n[check]\nexternal_timeout = 0\n"),
    config_case("P0108-as-of-year", "title = \"T\"\nbase_url = \"https://t.example\"\n[costs]\nas_of = 0000-01-01\n"),
    config_case("P0109-theme-name", "title = \"T\"\nbase_url = \"https://t.example\"\ntheme = \"../elsewhere\"\n"),
    config_case("P0110-unsafe-config-url", "title = \"T\"\nbase_url = \"https://t.example\"\n[clinic]\nname = \"C\"\nbooking_url = \" JavaScript:alert(1)\"\n"),
    config_case("P0117-readability-max-grade", "title = \"T\"\nbase_url = \"https://t.example\"\n[readability]\nmax_grade = 40\n"),
    config_case("P0111-language-table", "title = \"T\"\nbase_url = \"https://t.example\"\n[[topics]]\nid = \"recovery\"\ntitle = \"Recovery\"\n[languages.ur]\ntitle = \"ٹی\"\n[languages.ur.topics.recovry]\ntitle = \"بحالی\"\n"),
    config_case("P0104-language-table-code", "title = \"T\"\nbase_url = \"https://t.example\"\n[languages.urdu]\ntitle = \"ٹی\"\n"),
    case("P0340-image-not-found", &[("content/articles/a.md", "---\ntitle: A\n---\nText.\n\n![A scan](/img/missing.png)\n")]),
    case("P0340-image-beside-the-page-not-found", &[("content/articles/a.md", "---\ntitle: A\n---\n![A scan](scan.jpg)\n")]),
    case("P0341-image-unreadable", &[("content/articles/a.md", "---\ntitle: A\n---\n![A scan](/img/scan.png)\n"), ("static/img/scan.png", "not an image\n")]),
    case("P0342-image-no-alt", &[("content/articles/a.md", "---\ntitle: A\n---\nA line, then ![](/img/line.svg).\n"), ("static/img/line.svg", SVG)]),
    // A WebP header saying 4113×4113 pixels.
    case("P0343-image-too-large", &[("content/articles/a.md", "---\ntitle: A\n---\n![A scan](/img/scan.webp)\n"), ("static/img/scan.webp", "RIFF\0\0\0\0WEBPVP8X\n\0\0\0\0\0\0\0\x10\x10\0\x10\x10\0")]),
    // A JPEG's headers, with EXIF holding a GPS latitude (written as Latin-1 bytes).
    case("P0344-image-gps", &[("content/articles/a.md", "---\ntitle: A\n---\n## Before\n\n![The clinic](scan.jpg)\n"), ("content/articles/scan.jpg", GPS_JPEG)]),
    case("P0320-unknown-language", &[("content/articles/a.md", OK), ("content/articles/a.fr.md", OK)]),
    Case {
        name: "P0321-translation-without-original",
        files: &[("content/articles/a.md", OK), ("content/articles/b.ur.md", OK)],
        toml: Some("title = \"T\"\nbase_url = \"https://t.example\"\n[languages.ur]\ntitle = \"ٹی\"\n"),
        args: &["check"],
        links: &[],
    },
    Case {
        name: "P0310-translation-says-otherwise",
        files: &[
            ("content/articles/a.md", "---\ntitle: A\nstages:\n  - id: first-days\n    title: First days\n    from: 0d\n    to: 3d\n    avoid:\n      - { what: swimming, until: 28d }\n---\nText.\n"),
            ("content/articles/a.ur.md", "---\ntitle: اے\ntranslation_of: { updated: 2026-01-01 }\nstages:\n  - id: first-days\n    title: پہلے دن\n    from: 0d\n    to: 3d\n    avoid:\n      - { what: تیراکی, until: 14d }\n---\nمتن۔\n"),
        ],
        toml: Some("title = \"T\"\nbase_url = \"https://t.example\"\n[languages.ur]\ntitle = \"ٹی\"\n"),
        args: &["check"],
        links: &[],
    },
    Case {
        name: "P0313-translation-out-of-date",
        files: &[
            ("content/articles/a.md", "---\ntitle: A\ndate: 2026-01-01\nupdated: 2026-09-15\n---\nText.\n"),
            ("content/articles/a.ur.md", "---\ntitle: اے\ndate: 2026-01-01\ntranslation_of: { updated: 2026-01-01 }\n---\nمتن۔\n"),
        ],
        toml: Some("title = \"T\"\nbase_url = \"https://t.example\"\n[languages.ur]\ntitle = \"ٹی\"\n"),
        args: &["check"],
        links: &[],
    },
    Case {
        name: "P0322-translation-twice",
        files: &[("content/articles/a.md", OK), ("content/articles/a.ur.md", OK_TRANSLATION), ("content/articles/a.UR.md", OK_TRANSLATION)],
        toml: Some("title = \"T\"\nbase_url = \"https://t.example\"\n[languages.ur]\ntitle = \"ٹی\"\n"),
        args: &["check"],
        links: &[],
    },
    config_case("P0401-theme-missing", "title = \"T\"\nbase_url = \"https://t.example\"\ntheme = \"nordic\"\n"),
    case("P0203-not-utf8", &[("content/articles/a.md", "---\ntitle: A\n---\ncaf\u{e9}\n")]),
    case("P0204-unterminated", &[("content/articles/a.md", "---\ntitle: A\n\nBody without a closing line.\n")]),
    case("P0205-no-front-matter", &[("content/articles/a.md", "# A heading\n\nText.\n")]),
    case("P0206-yaml-syntax", &[("content/articles/a.md", "---\ntitle: A\ntags: [one, two\n---\n")]),
    case("P0206-alias-bomb", &[("content/articles/a.md", "---\ntitle: A\nextra:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n  g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\n")]),
    case("P0207-unknown-field", &[("content/articles/a.md", "---\ntitle: A\ndescripton: Typo.\n---\n")]),
    case("P0207-unknown-nested-field", &[("content/articles/a.md", "---\ntitle: A\nreviewed: { by: Dr A, on: 2026-05-01, nxt: 2027-05-01 }\n---\n")]),
    case("P0208-wrong-type", &[("content/articles/a.md", "---\ntitle: A\ndraft: maybe\n---\n")]),
    case("P0209-missing-title", &[("content/articles/a.md", "---\ndescription: No title.\n---\n")]),
    case("P0209-faq-needs-question", &[("content/faq/q.md", "---\ntitle: Does it hurt?\n---\nA little.\n")]),
    case("P0210-invalid-date", &[("content/articles/a.md", "---\ntitle: A\ndate: 2026-02-30\n---\n")]),
    case("P0211-unknown-topic", &[("content/articles/a.md", "---\ntitle: A\ntopics: [recovry]\n---\n")]),
    case("P0212-slug-escapes", &[("content/articles/a.md", "---\ntitle: A\nslug: ../../etc\n---\n")]),
    case("P0213-bad-alias", &[("content/articles/a.md", "---\ntitle: A\naliases: [\"https://old.example/a/\"]\n---\n")]),
    case("P0214-control-character", &[("content/articles/fine.md", OK), ("content/articles/a\nb.md", OK)]),
    case("P0214-control-character-static", &[("content/articles/fine.md", OK), ("static/img/logo\t2.png", "x")]),
    Case {
        name: "P0215-symlink-content",
        files: &[("content/articles/fine.md", OK), ("shared/page.md", OK), ("shared/more/other.md", OK)],
        toml: None,
        args: &["check"],
        links: &[("content/articles/linked.md", "../../shared/page.md"), ("content/more", "../shared/more")],
    },
    Case {
        name: "P0215-symlink-static",
        files: &[("content/articles/fine.md", OK), ("assets/logo.svg", "<svg/>")],
        toml: None,
        args: &["check"],
        links: &[("static/logo.svg", "../assets/logo.svg")],
    },
    case("P0210-year-out-of-range", &[("content/articles/a.md", "---\ntitle: A\ndate: 0000-01-01\n---\n")]),
    case("P0210-reviewed-year-out-of-range", &[("content/articles/a.md", "---\ntitle: A\nreviewed: { by: Dr A, on: 1850-06-01 }\n---\n")]),
    case("P0210-translation-of-date", &[("content/articles/a.md", "---\ntitle: A\ntranslation_of: { updated: 2026-02-30 }\n---\n")]),
    case("P0216-duplicate-heading-id", &[("content/articles/a.md", "---\ntitle: A\n---\n## Before {#care}\n\nText.\n\n## After {#care}\n")]),
    case("P0217-script-link", &[("content/articles/a.md", "---\ntitle: A\n---\nSee [this](JavaScript:alert(1)).\n")]),
    case("P0217-data-image", &[("content/articles/a.md", "---\ntitle: A\n---\n![scan](data:text/html;base64,PHNjcmlwdD4=)\n")]),
    case("P0217-source-url", &[("content/articles/a.md", "---\ntitle: A\nsources:\n  - { title: Guide, url: \" vbscript:msgbox(1)\" }\n---\n")]),
    case("P0218-expires-before-publish", &[("content/articles/a.md", "---\ntitle: A\npublish_date: 2027-03-01\nexpires: 2027-01-31\n---\n")]),
    case("P0210-publish-date", &[("content/articles/a.md", "---\ntitle: A\npublish_date: 2027-02-30\n---\n")]),
    case("P0333-link-to-unpublished", &[
        ("content/articles/a.md", "---\ntitle: A\n---\nRead [the news](b.md) soon.\n"),
        ("content/articles/b.md", "---\ntitle: B\npublish_date: 2030-01-15\n---\nNews.\n"),
    ]),
    case("P0333-related-unpublished", &[
        ("content/articles/a.md", "---\ntitle: A\nrelated: [b.md]\n---\nText.\n"),
        ("content/articles/b.md", "---\ntitle: B\npublish_date: 2030-01-15\n---\nNews.\n"),
    ]),
    case("P0334-link-to-expired", &[
        ("content/articles/a.md", "---\ntitle: A\n---\nSee [the offer](/articles/b.md#terms).\n"),
        ("content/articles/b.md", "---\ntitle: B\nexpires: 2026-11-30\n---\n## Terms\n\nOffer.\n"),
    ]),
    case("P0507-price-expired", &[("content/articles/a.md", "---\ntitle: A\ncosts:\n  - { item: Session, min: 400, max: 1000, currency: USD, per: session, valid_until: 2026-11-30 }\n---\n")]),
    case("P0210-valid-until", &[("content/articles/a.md", "---\ntitle: A\ncosts:\n  - { item: Session, min: 400, max: 1000, currency: USD, per: session, valid_until: soon }\n---\n")]),
    config_case("P0508-prices-stale", "title = \"T\"\nbase_url = \"https://t.example\"\n\n[costs]\nas_of = 2026-05-01\nstale_after = \"6 months\"\n"),
    config_case("P0508-prices-stale-default", "title = \"T\"\nbase_url = \"https://t.example\"\n\n[costs]\nas_of = \"2025-11-30\"\n"),
    config_case("P0115-stale-after", "title = \"T\"\nbase_url = \"https://t.example\"\n\n[costs]\nas_of = 2026-05-01\nstale_after = \"half a year\"\n"),
    case("P0237-source-url", &[("content/articles/a.md", "---\ntitle: A\nsources:\n  - { title: NHS guide, url: \"htp:/nhs.uk\" }\n---\n")]),
    case("P0237-source-url-no-host", &[("content/articles/a.md", "---\ntitle: A\nsources:\n  - title: NHS guide\n    url: https:///conditions/\n---\n")]),
    Case {
        name: "P0238-source-without-url",
        files: &[("content/articles/a.md", "---\ntitle: A\nsources:\n  - title: British Association of Dermatologists leaflet\n  - { title: NHS guide, url: \"https://www.nhs.uk/\" }\n---\n")],
        toml: None,
        args: &["check", "--strict"],
        links: &[],
    },
    case("P0280-unknown-callout", &[("content/articles/a.md", "---\ntitle: A\n---\nText.\n\n> [!NOTICE]\n> Bring a hat.\n\n> [!CALL]\n> If it swells.\n")]),
    case("P0260-reading-grade", &[("content/articles/a.md", "---\ntitle: A\n---\n## Considerations\n\nMost people heal well. Keep the area clean and dry.\n\nScalp micropigmentation deposits pigment into the upper dermis using specialised microneedles, producing a permanent, realistic appearance of closely cropped follicles.\n\n- Sunscreen\n- Consultation with a dermatologist is recommended beforehand, particularly if you have a history of keloid scarring.\n\nPost-procedural inflammation typically resolves spontaneously.\n")]),
    config_case("P0119-opening-hours", "title = \"T\"\nbase_url = \"https://t.example\"\n[clinic]\nname = \"C\"\n[[clinic.hours]]\ndays = [\"Mo\", \"Mo\"]\nopens = \"18:00\"\ncloses = \"10:00\"\n[[clinic.hours]]\ndays = [\"Sa\"]\nopens = \"9:00\"\ncloses = \"13:00\"\n"),
    config_case("P0120-condition-id", "title = \"T\"\nbase_url = \"https://t.example\"\n[[conditions]]\nid = \"Alopecia\"\nname = \"Alopecia\"\n[[conditions]]\nid = \"scars\"\nname = \"Scars\"\n[[conditions]]\nid = \"scars\"\nname = \"Scars again\"\n"),
    config_case_with("P0270-unknown-condition", "title = \"T\"\nbase_url = \"https://t.example\"\n[[conditions]]\nid = \"alopecia-areata\"\nname = \"Alopecia areata\"\n", &[("content/articles/a.md", "---\ntitle: A\nconditions: [alopecia-aerata]\n---\nText.\n")]),
    case("P0239-mailto-tel", &[("content/articles/a.md", "---\ntitle: A\n---\nWrite to [us](mailto:care-at-clinic) or call [the desk](tel:call-us), or [email](mailto:care@clinic.example) and [phone](tel:+92-51-555-0142).\n")]),
    case("P0230-messages-syntax", &[("content/articles/a.md", OK), ("i18n/en.toml", "related = \"Related\nsee_also = \"See also\"\n")]),
    case("P0231-message-wrong-type", &[("content/articles/a.md", OK), ("i18n/en.toml", "related = \"Related\"\nsee_also = 3\n")]),
    case("P0231-unknown-plural-category", &[("content/articles/a.md", OK), ("i18n/en.toml", "pages_count = { one = \"{n} page\", several = \"{n} pages\", other = \"{n} pages\" }\n")]),
    case("P0232-plural-without-other", &[("content/articles/a.md", OK), ("i18n/en.toml", "# Pages on a topic.\npages_count = { one = \"{n} page\", many = \"{n} pages\" }\n")]),
    case("P0233-bad-placeholder", &[("content/articles/a.md", OK), ("i18n/en.toml", "updated_on = \"Updated {date\"\n")]),
    case("P0234-unknown-placeholder", &[("content/articles/a.md", OK), ("i18n/ur.toml", "updated_on = \"{when} کو تازہ کیا گیا\"\n")]),
    Case {
        name: "P0235-missing-message",
        files: &[("content/articles/a.md", OK), ("themes/mini/templates/article.html", MINI), ("themes/mini/templates/index.html", MINI), ("themes/mini/templates/list.html", MINI), ("themes/mini/templates/search.html", MINI), ("themes/mini/templates/404.html", MINI), ("themes/mini/i18n/en.toml", "hello = \"Hello\"\nbye = \"Goodbye\"\n"), ("themes/mini/i18n/ur.toml", "hello = \"سلام\"\n")],
        toml: Some("title = \"T\"\nbase_url = \"https://t.example\"\nlanguage = \"ur\"\ntheme = \"mini\"\n"),
        args: &["check"],
        links: &[],
    },
    Case {
        name: "P0236-no-messages",
        files: &[("content/articles/a.md", OK)],
        toml: Some("title = \"T\"\nbase_url = \"https://t.example\"\nlanguage = \"fr\"\n"),
        args: &["check"],
        links: &[],
    },
    case("P0404-unknown-message-key", &[("content/articles/a.md", OK), ("templates/article.html", "<h1>{{ t(key=\"no_such_key\") }}</h1>\n")]),
    case("P0301-missing-page", &[("content/articles/fine.md", OK), ("content/articles/a.md", "---\ntitle: A\n---\nSee [fine](fien.md).\n")]),
    case("P0301-link-to-page-that-failed", &[("content/articles/costs.md", "---\ntitle: Costs\n\nNever closed.\n"), ("content/articles/a.md", "---\ntitle: A\n---\nSee [costs](costs.md#prices) and [gone](gone.md).\n")]),
    case("P0301-outside-content", &[("content/articles/a.md", "---\ntitle: A\n---\nSee [x](../../README.md).\n")]),
    case("P0302-missing-anchor", &[("content/articles/fine.md", OK), ("content/articles/a.md", "---\ntitle: A\n---\nSee [s](fine.md#sectoin).\n")]),
    case("P0303-related-missing", &[("content/faq/q.md", "---\nquestion: Q?\nrelated: [../articles/nope.md]\n---\nA.\n")]),
    case("P0304-duplicate-url", &[("content/articles/a.md", "---\ntitle: A\n---\n"), ("content/articles/b.md", "---\ntitle: B\nslug: a\n---\n")]),
    case("P0305-alias-clash", &[("content/articles/a.md", "---\ntitle: A\n---\n"), ("content/articles/b.md", "---\ntitle: B\naliases: [/articles/a/]\n---\n")]),
    case("P0306-output-collision", &[("content/articles/a.md", OK), ("static/articles/a/index.html", "<p>x</p>\n")]),
    case("P0306-generated-page", &[("content/articles/a.md", OK), ("content/search.md", OK)]),
    case("P0403-template-not-utf8", &[("content/articles/a.md", OK), ("templates/article.html", "caf\u{e9}")]),
    case("P0404-template-syntax", &[("content/articles/a.md", OK), ("templates/article.html", "<h1>{{ page.title }</h1>\n")]),
    case("P0404-template-unclosed-tag", &[("content/articles/a.md", OK), ("templates/article.html", "<main>\n{% if page.title %}\n  <h1>{{ page.title }}</h1>\n{% for t in page.tags %}\n  <p>{{ t.name }}</p>\n{% endif %}\n</main>\n")]),
    case("P0404-template-unclosed-block", &[("content/articles/a.md", OK), ("templates/article.html", "<main>\n{% if page.title %}\n  <h1>{{ page.title }}</h1>\n</main>\n")]),
    case("P0404-template-stray-end-tag", &[("content/articles/a.md", OK), ("templates/article.html", "<main>\n{{ page.content | safe }}\n{% endfor %}\n</main>\n")]),
    case("P0404-template-unclosed-braces", &[("content/articles/a.md", OK), ("templates/article.html", "<h1>{{ page.title\n</h1>\n")]),
    case("P0404-template-runtime", &[("content/articles/a.md", OK), ("templates/article.html", "<h1>{{ page.title }}</h1>\n<p>{{ page.nope }}</p>\n")]),
    case("P0404-template-includes-itself", &[("content/articles/a.md", OK), ("templates/article.html", "{% include \"article.html\" %}\n")]),
    case("P0405-template-not-found", &[("content/articles/a.md", "---\ntitle: A\ntemplate: fancy.html\n---\n")]),
    case("P0501-invalid-duration", &[("content/articles/a.md", "---\ntitle: A\nstages:\n  - id: s\n    title: S\n    from: 0d\n    to: two weeks\n---\n")]),
    case("P0502-duplicate-stage", &[("content/articles/a.md", "---\ntitle: A\nstages:\n  - { id: s, title: S, from: 0d, to: 1d }\n  - { id: s, title: T, from: 1d, to: 2d }\n---\n")]),
    case("P0503-currency", &[("content/articles/a.md", "---\ntitle: A\ncosts:\n  - { item: Session, min: 400, max: 1000, currency: dollars, per: session }\n---\n")]),
    case("P0504-cost-range", &[("content/articles/a.md", "---\ntitle: A\ncosts:\n  - { item: Session, min: 1000, max: 400, currency: USD, per: session }\n---\n")]),
    case("P0505-session-count", &[("content/articles/a.md", "---\ntitle: A\ncosts:\n  - { item: Session, min: 400, max: 1000, currency: USD, per: session, count: \"a few\" }\n---\n")]),
    case("P0506-price-too-large", &[("content/articles/a.md", "---\ntitle: A\ncosts:\n  - { item: Session, min: 400, max: 1e30, currency: USD, per: session }\n---\n")]),
    case("P0506-total-too-large", &[
        ("content/articles/a.md", "---\ntitle: A\ncosts:\n  - { item: Session, min: 400, max: 5000000000000000, currency: USD, per: session }\n---\n"),
        ("content/articles/b.md", "---\ntitle: B\ncosts:\n  - { item: Graft, min: 400, max: 5000000000000000, currency: USD, per: session }\n---\n"),
    ]),
    case("P0510-stage-backwards", &[("content/articles/a.md", "---\ntitle: A\nstages:\n  - { id: s, title: S, from: 2w, to: 3d }\n---\n")]),
    case("P0511-contradiction", &[
        ("content/articles/a.md", "---\ntitle: A\nstages:\n  - id: s\n    title: S\n    from: 0d\n    to: 3d\n    avoid:\n      - { what: washing the scalp, until: 3d }\n---\n"),
        ("content/articles/b.md", "---\ntitle: B\nstages:\n  - id: s\n    title: S\n    from: 0d\n    to: 7d\n    avoid:\n      - { what: Washing the scalp, until: 7d }\n---\n"),
    ]),
    case("P0520-review-due", &[("content/articles/a.md", "---\ntitle: A\nreviewed: { by: Dr A, on: 2020-01-01, next: 2021-01-01 }\n---\n")]),
    Case {
        name: "P0521-review-interval",
        files: &[("content/articles/a.md", "---\ntitle: A\nreviewed: { by: Dr A, on: 2020-01-01 }\n---\n")],
        toml: Some("title = \"T\"\nbase_url = \"https://t.example\"\n[review]\ninterval = \"12 months\"\n"),
        args: &["check"],
        links: &[],
    },
    case("P0550-image-without-alt", &[
        ("content/articles/a.md", "---\ntitle: A\nimage: { src: /img/a.jpg }\n---\n"),
        ("static/img/a.jpg", PICTURE),
    ]),
    case("P0341-gallery-photo-not-an-image", &[
        ("content/articles/a.md", "---\ntitle: A\ngallery:\n  - caption: Hairline\n    before: { src: /img/b.jpg, alt: Before }\n    after: { src: /img/a.jpg, alt: After }\n    taken: 2026-05-01\n    consent: { ref: CF-2026-014, on: 2026-04-20 }\n---\n"),
        ("static/img/a.jpg", "not a photo"),
        ("static/img/b.jpg", PICTURE),
    ]),
    case("P0551-missing-image", &[("content/articles/a.md", "---\ntitle: A\nimage: { src: /img/hairline.jpg, alt: A hairline }\n---\n")]),
    case("P0552-pair-without-consent", &[
        ("content/articles/a.md", "---\ntitle: A\ngallery:\n  - caption: Hairline\n    before: { src: /img/b.jpg, alt: Before }\n    after: { src: /img/a.jpg, alt: After }\n    taken: 2026-05-01\n---\n"),
        ("static/img/a.jpg", PICTURE),
        ("static/img/b.jpg", PICTURE),
    ]),
    case("P0553-consent-after-photo", &[
        ("content/articles/a.md", "---\ntitle: A\ngallery:\n  - caption: Hairline\n    before: { src: /img/b.jpg, alt: Before }\n    after: { src: /img/a.jpg, alt: After }\n    taken: 2026-05-01\n    consent: { ref: CF-2026-014, on: 2026-06-01 }\n---\n"),
        ("static/img/a.jpg", PICTURE),
        ("static/img/b.jpg", PICTURE),
    ]),
    case("P0554-consent-to-renew", &[
        ("content/articles/a.md", "---\ntitle: A\ngallery:\n  - caption: Hairline\n    before: { src: /img/b.jpg, alt: Before }\n    after: { src: /img/a.jpg, alt: After }\n    taken: 2024-05-01\n    consent: { ref: CF-2024-003, on: 2024-04-20 }\n---\n"),
        ("static/img/a.jpg", PICTURE),
        ("static/img/b.jpg", PICTURE),
    ]),
    config_case("P0555-consent-renew-after", "title = \"T\"\nbase_url = \"https://t.example\"\n[images]\nconsent_renew_after = \"two years\"\n"),
    case("P0330-content-site-path", &[("content/articles/a.md", "---\ntitle: A\n---\nMeet [the team](/about/team/).\n")]),
    case("P0330-content-page-relative", &[("content/articles/a.md", "---\ntitle: A\n---\nSee [the list](../lists/).\n")]),
        case("P0330-content-absolute-on-own-host", &[("content/articles/a.md", "---\ntitle: A\n---\n[Book](https://T.example/book)\n")]),
    config_case("P0330-menu", "title = \"T\"\nbase_url = \"https://t.example\"\n\n[[menu]]\ntitle = \"FAQ\"\nurl = \"/faqs/\"\n"),
    config_case("P0330-language-menu", "title = \"T\"\nbase_url = \"https://t.example\"\n\n[[menu]]\ntitle = \"Articles\"\nurl = \"/articles/\"\n\n[languages.en]\nname = \"English\"\n\n[languages.ur]\nname = \"اردو\"\n\n[[languages.ur.menu]]\ntitle = \"مضامین\"\nurl = \"/articels/\"\n"),
    config_case("P0330-booking-url", "title = \"T\"\nbase_url = \"https://t.example\"\n\n[clinic]\nname = \"C\"\nbooking_url = \"https://t.example/book\"\n"),
    case("P0330-template", &[("content/articles/a.md", OK), ("templates/article.html", "<!DOCTYPE html>\n<html lang=\"en\">\n<body>\n<a href=\"{{ site.root }}contact/\">Contact</a>\n<a href=\"/privacy/\">Privacy</a>\n</body>\n</html>\n")]),
    case("P0330-srcset", &[("content/articles/a.md", OK), ("static/img/a-480.png", "png"), ("templates/article.html", "<!DOCTYPE html>\n<html lang=\"en\">\n<body>\n<img alt=\"\" src=\"/img/a-480.png\" srcset=\"/img/a-480.png 480w, /img/a-800.png 800w\">\n</body>\n</html>\n")]),
    case("P0331-fragment", &[("content/articles/a.md", "---\ntitle: A\n---\nSee [the part](/articles/b/#part-two) and [the top](#top).\n"), ("content/articles/b.md", "---\ntitle: B\n---\n## Part one\n\nText.\n")]),
    case("P0331-template-fragment", &[("content/articles/a.md", OK), ("templates/article.html", "<!DOCTYPE html>\n<html lang=\"en\">\n<body>\n<a href=\"#main\">Skip</a>\n<a href=\"#\">Top</a>\n<main id=\"content\"></main>\n</body>\n</html>\n")]),
    config_case_with("P0332-outside-base-path", "title = \"T\"\nbase_url = \"https://t.example/clinic/\"\n", &[("content/articles/a.md", "---\ntitle: A\n---\n[Elsewhere](https://t.example/shop/)\n")]),
    Case { name: "P0601-output-is-site", files: &[("content/articles/a.md", OK)], toml: None, args: &["build", "--output", "."], links: &[] },
    config_case("P0112-policy-section", "title = \"T\"\nbase_url = \"https://t.example\"\n[review.policy.faqs]\nrequire = [\"reviewed\"]\n"),
    config_case("P0113-policy-field", "title = \"T\"\nbase_url = \"https://t.example\"\n[review.policy.articles]\nrequire = [\"sources\", \"revewed\"]\n"),
    config_case("P0114-policy-summary-words", "title = \"T\"\nbase_url = \"https://t.example\"\n[review.policy.faq]\nsummary_max_words = 0\n"),
    config_case_with("P0240-required-field", "title = \"T\"\nbase_url = \"https://t.example\"\n[review.policy.articles]\nrequire = [\"reviewed\", \"sources\"]\n", &[("content/articles/a.md", "---\ntitle: A\nsources:\n  - title: NHS guidance\n---\nText.\n")]),
    config_case_with("P0240-required-field-of-review", "title = \"T\"\nbase_url = \"https://t.example\"\n[review.policy.faq]\nrequire = [\"reviewed.next\"]\n", &[("content/faq/q.md", "---\nquestion: Q?\nreviewed: { by: Dr A, on: 2026-01-01 }\n---\nA.\n")]),
    config_case_with("P0241-summary-too-long", "title = \"T\"\nbase_url = \"https://t.example\"\n[review.policy.articles]\nsummary_max_words = 4\n", &[("content/articles/a.md", "---\ntitle: A\nsummary: One two three four five six.\n---\nText.\n")]),
    case("P0522-placeholder", &[("content/articles/a.md", "---\ntitle: A\nreviewed: { by: \"TODO: reviewer's name\", on: 2026-01-01 }\n---\nText.\n")]),
    Case {
        name: "P0522-placeholder-strict",
        files: &[("content/articles/a.md", "---\ntitle: A\nreviewed: { by: Dr Sam Example, on: 2026-01-01 }\nsources:\n  - { title: A guide, url: \"https://www.example.org/guide\" }\n---\nText.\n")],
        toml: None,
        args: &["check", "--strict"],
        links: &[],
    },
];

fn run_case(c: &Case) -> String {
    let site = TestSite::new();
    site.write("site.toml", c.toml.unwrap_or(BASE_TOML));
    for (path, content) in c.files {
        let latin1 = c.name == "P0203-not-utf8" || c.name == "P0403-template-not-utf8";
        if latin1 || path.ends_with(".jpg") {
            // Latin-1 bytes: what an editor saving in the wrong encoding writes (and, for
            // a `.jpg`, the bytes of an image).
            let bytes: Vec<u8> = content.chars().map(|ch| ch as u32 as u8).collect();
            let p = site.root().join(path);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, bytes).expect("write");
        } else {
            site.write(path, content);
        }
    }
    for (link, target) in c.links {
        let p = site.root().join(link);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        symlink(target, &p);
    }
    if !c.files.iter().any(|(p, _)| p.starts_with("content/")) {
        site.write("content/articles/fine.md", OK);
    }
    let run = site.run(c.args);
    format!("exit: {}\n{}", run.code, run.stderr)
}

#[cfg(unix)]
fn symlink(target: &str, link: &std::path::Path) {
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

#[cfg(not(unix))]
fn symlink(_: &str, _: &std::path::Path) {}

#[test]
fn every_diagnostic_kind_matches_its_snapshot() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/diagnostics");
    let update = crate::support::updating_snapshots();
    let mut failures = Vec::new();
    for c in CASES {
        if !cfg!(unix) && !c.links.is_empty() {
            continue;
        }
        let got = run_case(c);
        let code = &c.name[..5];
        if !got.contains(&format!("[{code}]")) {
            failures.push(format!(
                "{}: output does not contain [{code}]:\n{got}",
                c.name
            ));
        }
        let path = dir.join(format!("{}.txt", c.name));
        if update {
            std::fs::write(&path, &got).expect("write snapshot");
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(want) if want == got => {}
            Ok(want) => failures.push(format!("{}:\n--- want\n{want}\n--- got\n{got}", c.name)),
            Err(_) => failures.push(format!(
                "{}: no snapshot at {} (run with PIGMENT_UPDATE_SNAPSHOTS=1)",
                c.name,
                path.display()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_code_in_the_source_is_documented_and_tested() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs =
        std::fs::read_to_string(root.join("docs/diagnostics.md")).expect("docs/diagnostics.md");
    let mut codes = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(root.join("src")) {
        let entry = entry.expect("walk src");
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(entry.path()).expect("read");
            for (i, _) in text.match_indices("\"P0") {
                let code = &text[i + 1..i + 6];
                if code[1..].chars().all(|c| c.is_ascii_digit()) {
                    codes.insert(code.to_string());
                }
            }
        }
    }
    assert!(codes.len() > 30, "{codes:?}");
    let undocumented: Vec<&String> = codes
        .iter()
        .filter(|c| !docs.contains(&format!("## {c}")))
        .collect();
    assert!(
        undocumented.is_empty(),
        "codes missing from docs/diagnostics.md: {undocumented:?}"
    );
}
