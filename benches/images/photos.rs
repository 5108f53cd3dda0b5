//! The generated site: N photos of 4000×3000 in `static/img/`, one page showing each.

use std::io;
use std::path::Path;

use image::ImageEncoder;

pub(crate) const WIDTH: u32 = 4000;
pub(crate) const HEIGHT: u32 = 3000;

/// One photo: smooth shapes (circles and bands that move with `seed`) plus sensor noise.
pub(crate) fn photo(seed: u32) -> Vec<u8> {
    let mut rng = seed.wrapping_mul(2_654_435_761) | 1;
    let (cx, cy) = ((seed * 977) % WIDTH, (seed * 613) % HEIGHT);
    let mut px = Vec::with_capacity((WIDTH * HEIGHT * 3) as usize);
    for y in 0..HEIGHT {
        for x in 0..WIDTH {
            rng ^= rng << 13;
            rng ^= rng >> 17;
            rng ^= rng << 5;
            let noise = (rng % 24) as i32 - 12;
            let (dx, dy) = (x as i32 - cx as i32, y as i32 - cy as i32);
            let in_circle = dx * dx + dy * dy < 800 * 800;
            let band = ((x + y + seed * 50) / 300) % 3;
            let base = match (in_circle, band) {
                (true, _) => [220, 180, 150],
                (false, 0) => [60, 90, 140],
                (false, 1) => [110, 150, 90],
                _ => [170, 170, 170],
            };
            let shade = (y * 40 / HEIGHT) as i32;
            for c in base {
                px.push((c + noise - shade).clamp(0, 255) as u8);
            }
        }
    }
    let mut out = Vec::new();
    let _ = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).write_image(
        &px,
        WIDTH,
        HEIGHT,
        image::ExtendedColorType::Rgb8,
    );
    out
}

/// Writes the Pigment site with `n` photos into `root`.
pub(crate) fn write_site(root: &Path, n: usize) -> io::Result<()> {
    std::fs::create_dir_all(root.join("static/img"))?;
    std::fs::create_dir_all(root.join("content/articles"))?;
    let widths: Vec<String> = crate::WIDTHS.iter().map(u32::to_string).collect();
    std::fs::write(
        root.join("site.toml"),
        format!(
            "title = \"Photos\"\nbase_url = \"https://photos.example\"\n\n[images]\nwidths = [{}]\nquality = 80\n",
            widths.join(", ")
        ),
    )?;
    // Photos are made in parallel: one per core at a time.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for t in 0..threads {
            s.spawn(move || -> io::Result<()> {
                for i in (t..n).step_by(threads) {
                    let bytes = photo(i as u32 + 1);
                    std::fs::write(root.join(format!("static/img/photo-{i:03}.jpg")), bytes)?;
                }
                Ok(())
            });
        }
    });
    for i in 0..n {
        std::fs::write(
            root.join(format!("content/articles/photo-{i:03}.md")),
            format!("---\ntitle: Photo {i}\n---\n## Photo {i}\n\n![Photo number {i}](/img/photo-{i:03}.jpg)\n"),
        )?;
    }
    Ok(())
}
