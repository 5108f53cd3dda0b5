//! `--codecs`: the measurements the pipeline's crates were chosen by, on one generated
//! 4000×3000 photo: decoding, resizing to 1600 pixels (the `image` crate's Lanczos3
//! against `fast_image_resize`'s SIMD Lanczos3) and encoding at 1600 pixels (the `image`
//! crate's WebP encoder, lossless only, against libwebp's lossy WebP through the `webp`
//! crate, and JPEG).

use std::time::Instant;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::ImageEncoder;

/// Runs `f` once and prints how long it took; returns what it made.
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    println!(
        "  {what:<48} {:8.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    out
}

pub(crate) fn run() -> Result<(), String> {
    let jpeg = crate::photos::photo(7);
    let (w, h) = (crate::photos::WIDTH, crate::photos::HEIGHT);
    println!("one {w}×{h} JPEG of {} KiB:", jpeg.len() / 1024);
    let img = timed("decode JPEG (image 0.25, zune-jpeg inside)", || {
        image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg)
    })
    .map_err(|e| e.to_string())?;
    let rgb = img.to_rgb8();
    let (tw, th) = (1600, 1200);
    timed("resize to 1600 (image::imageops Lanczos3)", || {
        image::imageops::resize(&rgb, tw, th, image::imageops::FilterType::Lanczos3)
    });
    let small = timed("resize to 1600 (fast_image_resize Lanczos3)", || {
        let src = ImageRef::new(w, h, rgb.as_raw(), PixelType::U8x3).ok()?;
        let mut dst = Image::new(tw, th, PixelType::U8x3);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        Resizer::new().resize(&src, &mut dst, &options).ok()?;
        Some(dst.into_vec())
    })
    .ok_or("resize failed")?;
    let lossless = timed("encode WebP (image 0.25, lossless)", || {
        let mut out = Vec::new();
        let _ = image::codecs::webp::WebPEncoder::new_lossless(&mut out).write_image(
            &small,
            tw,
            th,
            image::ExtendedColorType::Rgb8,
        );
        out
    });
    let lossy = timed("encode WebP (libwebp through webp 0.3, q80)", || {
        webp::Encoder::from_rgb(&small, tw, th)
            .encode(80.0)
            .to_vec()
    });
    let jpeg80 = timed("encode JPEG (image 0.25, q80)", || {
        let mut out = Vec::new();
        let _ = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80).write_image(
            &small,
            tw,
            th,
            image::ExtendedColorType::Rgb8,
        );
        out
    });
    println!("sizes at 1600×1200:");
    for (what, bytes) in [
        ("WebP lossless (image)", &lossless),
        ("WebP lossy q80 (libwebp)", &lossy),
        ("JPEG q80 (image)", &jpeg80),
    ] {
        println!("  {what:<48} {:8} KiB", bytes.len() / 1024);
    }
    Ok(())
}
