//! The image pipeline on a real small site: `<picture>` markup, WebP files, widths never
//! wider than the source, hashed names, no metadata in anything written (a JPEG with a
//! planted EXIF block holding GPS and orientation 6, a PNG with `tEXt` and `eXIf`
//! chunks), the rotated photo upright, and a second build that encodes nothing.

use std::path::Path;

use image::ImageEncoder;

use crate::support::{attr_values, TestSite};

const TOML: &str = "title = \"T\"\nbase_url = \"https://t.example\"\n\n[images]\nwidths = [200, 400, 800]\nquality = 75\n";

const PAGE: &str = "---\ntitle: Healing\n---\n## Day 3\n\n![Dressing on day 3](/img/photo.jpg)\n\nText.\n\n![A chart of healing](chart.png)\n\n![\"\"](/img/divider.svg)\n";

/// A little-endian TIFF block: orientation 6 (turn right) and a GPS block with a latitude.
fn exif_tiff() -> Vec<u8> {
    let mut t = b"II*\0\x08\0\0\0".to_vec();
    t.extend(2u16.to_le_bytes());
    t.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
    t.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
    t.extend(0u32.to_le_bytes());
    t.extend(1u16.to_le_bytes());
    t.extend([2, 0, 5, 0, 3, 0, 0, 0, 0, 0, 0, 0]);
    t
}

/// Noise and shapes, so the encoders have something to do.
fn pixels(w: u32, h: u32, channels: u32) -> Vec<u8> {
    let mut seed = 0x2545_f491_u32;
    let mut out = Vec::with_capacity((w * h * channels) as usize);
    for y in 0..h {
        for x in 0..w {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let inside = (x / 40 + y / 40) % 2 == 0;
            for c in 0..channels {
                let base = if inside { 200 } else { 40 + c * 30 };
                out.push((base + seed % 32) as u8);
            }
        }
    }
    out
}

/// A 600×300 JPEG (shown 300×600: orientation 6) with EXIF (GPS) and IPTC segments
/// planted after the start marker.
fn photo() -> Vec<u8> {
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .write_image(
            &pixels(600, 300, 3),
            600,
            300,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(exif_tiff());
    let mut out = jpeg[..2].to_vec();
    for (marker, payload) in [(0xE1, app1), (0xED, b"Photoshop 3.0\0GPS".to_vec())] {
        out.extend([0xFF, marker]);
        out.extend(u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
        out.extend(payload);
    }
    out.extend(&jpeg[2..]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A `w`×`h` PNG with `tEXt` and `eXIf` chunks after its header.
fn png(w: u32, h: u32) -> Vec<u8> {
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&pixels(w, h, 4), w, h, image::ExtendedColorType::Rgba8)
        .unwrap();
    let mut out = png[..33].to_vec();
    for (kind, data) in [
        (b"tEXt", b"Author\0A. Person".to_vec()),
        (b"eXIf", exif_tiff()),
    ] {
        out.extend(u32::try_from(data.len()).unwrap().to_be_bytes());
        let mut typed = kind.to_vec();
        typed.extend(&data);
        out.extend(&typed);
        out.extend(crc32(&typed).to_be_bytes());
    }
    out.extend(&png[33..]);
    out
}

fn site() -> TestSite {
    let s = TestSite::new();
    s.write("site.toml", TOML);
    s.write("content/articles/healing.md", PAGE);
    s.write(
        "static/img/divider.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"2\"></svg>\n",
    );
    write_bytes(s.root(), "static/img/photo.jpg", &photo());
    write_bytes(s.root(), "static/img/logo.png", &png(64, 64));
    write_bytes(s.root(), "content/articles/chart.png", &png(300, 200));
    s
}

fn write_bytes(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    crate::support::tree(dir)
        .into_iter()
        .map(|(p, b)| (p.to_string_lossy().replace('\\', "/"), b))
        .collect()
}

/// Width and height from a JPEG, PNG or WebP file's header.
fn size(b: &[u8]) -> (u32, u32) {
    let r = image::ImageReader::new(std::io::Cursor::new(b))
        .with_guessed_format()
        .unwrap();
    r.into_dimensions().unwrap()
}

/// The metadata blocks a JPEG, PNG or WebP file carries, by name.
fn metadata_blocks(name: &str, b: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    if name.ends_with(".jpg") || name.ends_with(".jpeg") {
        let mut i = 2;
        while i + 4 <= b.len() && b[i] == 0xFF {
            let marker = b[i + 1];
            if marker == 0xDA {
                break;
            }
            if matches!(marker, 0xE1 | 0xED) {
                found.push(format!("JPEG APP{}", marker - 0xE0));
            }
            i += 2 + usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        }
    } else if name.ends_with(".png") {
        let mut i = 8;
        while i + 8 <= b.len() {
            let len = u32::from_be_bytes(b[i..i + 4].try_into().unwrap()) as usize;
            let kind = String::from_utf8_lossy(&b[i + 4..i + 8]).into_owned();
            if ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"].contains(&kind.as_str()) {
                found.push(format!("PNG {kind}"));
            }
            i += 12 + len;
        }
    } else if name.ends_with(".webp") {
        let mut i = 12;
        while i + 8 <= b.len() {
            let len = u32::from_le_bytes(b[i + 4..i + 8].try_into().unwrap()) as usize;
            let kind = String::from_utf8_lossy(&b[i..i + 4]).into_owned();
            if kind == "EXIF" || kind == "XMP " {
                found.push(format!("WebP {kind}"));
            }
            i += 8 + len + (len & 1);
        }
    }
    for marker in [
        &b"Exif\0\0"[..],
        b"http://ns.adobe.com/xap",
        b"Photoshop 3.0",
    ] {
        if b.windows(marker.len()).any(|w| w == marker) {
            found.push(String::from_utf8_lossy(marker).into_owned());
        }
    }
    found
}

fn is_image(name: &str) -> bool {
    [".jpg", ".jpeg", ".png", ".webp"]
        .iter()
        .any(|e| name.ends_with(e))
}

#[test]
fn a_photo_becomes_a_picture_of_hashed_webp_and_jpeg_sizes() {
    let s = site();
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = s.out("articles/healing/index.html");
    assert_eq!(html.matches("<picture>").count(), 2, "{html}");
    assert!(
        html.contains("<source type=\"image/webp\" srcset=\"/img/photo."),
        "{html}"
    );
    // Shown upright: 300×600, so the widths stop at the source's 300.
    assert!(html.contains("width=\"300\" height=\"600\""), "{html}");
    assert!(
        html.contains("sizes=\"(min-width: 48rem) 48rem, 100vw\""),
        "{html}"
    );
    assert!(html.contains("fetchpriority=\"high\""), "{html}");
    assert_eq!(html.matches("loading=\"lazy\"").count(), 2, "{html}");
    assert!(html.contains("alt=\"\""), "the decorative image: {html}");
    assert!(
        html.contains("src=\"/articles/chart."),
        "the image beside the page: {html}"
    );
    let mut checked = 0;
    for set in attr_values(&html, "srcset") {
        for entry in set.split(", ") {
            let (url, w) = entry.split_once(' ').unwrap();
            let name = url.trim_start_matches('/');
            let base = name.rsplit('/').next().unwrap();
            let (stem, rest) = base.split_once('.').unwrap();
            let hash = rest.split('-').next().unwrap();
            assert!(["photo", "chart"].contains(&stem), "{name}");
            assert!(
                hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit()),
                "{name}"
            );
            let bytes = std::fs::read(s.root().join("public").join(name)).unwrap();
            if name.ends_with(".webp") {
                assert!(
                    bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP",
                    "{name}"
                );
            }
            let (width, _) = size(&bytes);
            assert_eq!(format!("{width}w"), w, "{name}");
            // The chart's eXIf turns it too: shown 200×300.
            let widest = if stem == "photo" { 300 } else { 200 };
            assert!(width <= widest, "{name} upscaled");
            checked += 1;
        }
    }
    // photo: 200, 300 (WebP and JPEG); chart: 200 (WebP and PNG).
    assert_eq!(checked, 6);
    assert!(
        !html.contains("photo.jpg\""),
        "the original is not what pages load: {html}"
    );
}

#[test]
fn nothing_written_carries_exif_xmp_iptc_or_gps_and_the_photo_is_upright() {
    let s = site();
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = files(&s.root().join("public"));
    let mut images = 0;
    for (name, bytes) in &out {
        if is_image(name) {
            images += 1;
            assert_eq!(metadata_blocks(name, bytes), Vec::<String>::new(), "{name}");
        }
    }
    assert!(images >= 10, "{images} images written");
    // The sources do carry them (the helper can see them).
    assert!(!metadata_blocks("a.jpg", &photo()).is_empty());
    assert!(!metadata_blocks("a.png", &png(8, 8)).is_empty());
    let original = out.iter().find(|(n, _)| n == "img/photo.jpg").unwrap();
    assert_eq!(
        size(&original.1),
        (300, 600),
        "turned upright, width and height swapped"
    );
    // The logo no page uses is published without its chunks too.
    assert!(out.iter().any(|(n, _)| n == "img/logo.png"));
    assert!(!s.root().join("public/.pigment-cache").exists());
}

#[test]
fn check_warns_of_gps_at_the_line_that_shows_the_photo() {
    let s = site();
    let run = s.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[P0344]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("static/img/photo.jpg"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/articles/healing.md:6:1"),
        "{}",
        run.stderr
    );
    // The PNGs' eXIf has GPS too; the logo no page uses is named by its file.
    assert!(run.stderr.contains("static/img/logo.png"), "{}", run.stderr);
}

#[test]
fn a_second_build_takes_every_image_from_the_cache() {
    let s = site();
    assert_eq!(s.build().code, 0);
    let cache = s.root().join(".pigment-cache/images");
    let cached = files(&cache);
    assert!(cached.len() >= 9, "{} cached files", cached.len());
    // Mark every cached file: a second build that encoded anything would write real bytes.
    for (name, _) in &cached {
        std::fs::write(cache.join(name), format!("cached:{name}")).unwrap();
    }
    std::fs::remove_dir_all(s.root().join("public")).unwrap();
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (name, bytes) in files(&cache) {
        assert_eq!(
            bytes,
            format!("cached:{name}").into_bytes(),
            "{name} was encoded again"
        );
    }
    let from_cache = files(&s.root().join("public"))
        .into_iter()
        .filter(|(_, b)| b.starts_with(b"cached:"))
        .count();
    assert_eq!(from_cache, cached.len());
}

#[test]
fn images_named_by_a_template_become_pictures_too() {
    let s = site();
    s.write(
        "templates/article.html",
        "<main><img src=\"/img/photo.jpg\" alt=\"Hero\" class=\"hero\" sizes=\"(min-width: 48rem) 24rem, 100vw\">{{ page.content | safe }}</main>\n",
    );
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = s.out("articles/healing/index.html");
    let first = &html[..html.find("</picture>").unwrap()];
    assert!(first.contains("class=\"hero\""), "{html}");
    assert!(
        first.contains("sizes=\"(min-width: 48rem) 24rem, 100vw\""),
        "{html}"
    );
    assert_eq!(first.matches("sizes=").count(), 2, "{first}");
    assert!(first.contains("fetchpriority=\"high\""), "{first}");
}

/// The files of a clean in-memory build of the site at `root`.
fn clean_build(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let opts = pigment::BuildOptions {
        root: root.to_path_buf(),
        today: Some(crate::support::TODAY),
        ..Default::default()
    };
    let outcome = pigment::render_site(&opts);
    let rendered = outcome.rendered.expect("the clean build succeeds");
    rendered
        .files
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect()
}

#[test]
fn a_photo_added_while_serving_is_the_only_one_encoded_and_matches_a_clean_build() {
    let s = site();
    let opts = pigment::BuildOptions {
        root: s.root().to_path_buf(),
        today: Some(crate::support::TODAY),
        ..Default::default()
    };
    let mut rb = pigment::Rebuilder::new(opts);
    let first = rb.rebuild(Vec::new());
    assert!(!first.has_errors(), "{:?}", first.diagnostics);
    let cache = s.root().join(".pigment-cache/images");
    let cached = files(&cache);
    for (name, _) in &cached {
        std::fs::write(cache.join(name), format!("cached:{name}")).unwrap();
    }
    write_bytes(s.root(), "content/articles/scar.png", &png(120, 80));
    s.write(
        "content/articles/scar.md",
        "---\ntitle: Scar\n---\n![A scar at six weeks](scar.png)\n",
    );
    let touched = vec![
        s.root().join("content/articles/scar.png"),
        s.root().join("content/articles/scar.md"),
    ];
    let r = rb.rebuild(touched);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
    let now = files(&cache);
    for (name, bytes) in &now {
        let marked = bytes.starts_with(b"cached:");
        assert_eq!(marked, cached.iter().any(|(n, _)| n == name), "{name}");
    }
    assert!(now.len() > cached.len(), "the new photo was cached");
    let got: std::collections::BTreeMap<String, Vec<u8>> = r
        .site
        .as_ref()
        .expect("a site")
        .iter()
        .map(|(p, b)| (p.to_string(), b.to_vec()))
        .collect();
    assert_eq!(
        got,
        clean_build(s.root()),
        "the rebuild differs from a clean build"
    );
    assert!(got
        .keys()
        .any(|p| p.starts_with("articles/scar.") && p.ends_with(".webp")));
}

#[test]
fn a_photo_cut_short_is_a_located_error_not_a_panic() {
    let s = site();
    let cut = &png(300, 200)[..60];
    write_bytes(s.root(), "content/articles/chart.png", cut);
    let run = s.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[P0341]: `content/articles/chart.png` cannot be decoded"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}
