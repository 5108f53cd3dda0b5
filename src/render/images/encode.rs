//! Pixels: an image decoded once (its EXIF orientation applied), then resized to each
//! width with a SIMD Lanczos filter and encoded as lossy WebP (libwebp) and as its own
//! format (JPEG at the site's quality, PNG lossless).

use std::borrow::Cow;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ImageEncoder};

use crate::imagefile::{Format, Header};

/// A decoded image, upright, as 8-bit RGB or RGBA rows.
#[derive(Clone)]
pub(super) struct Pixels {
    width: u32,
    height: u32,
    alpha: bool,
    bytes: Vec<u8>,
}

/// Decodes `bytes` (described by `header`) and turns it upright.
pub(super) fn decode(bytes: &[u8], header: &Header) -> Result<Pixels, String> {
    let format = match header.format {
        Format::Jpeg => image::ImageFormat::Jpeg,
        Format::Png => image::ImageFormat::Png,
        Format::Webp => image::ImageFormat::WebP,
        Format::Gif | Format::Svg => return Err("not a raster image".into()),
    };
    let mut img = image::load_from_memory_with_format(bytes, format).map_err(|e| e.to_string())?;
    let turn = u8::try_from(header.orientation)
        .ok()
        .and_then(image::metadata::Orientation::from_exif);
    if let Some(o) = turn {
        img.apply_orientation(o);
    }
    let alpha = img.color().has_alpha();
    let (width, height) = (img.width(), img.height());
    let bytes = if alpha {
        DynamicImage::ImageRgba8(img.into_rgba8()).into_bytes()
    } else {
        DynamicImage::ImageRgb8(img.into_rgb8()).into_bytes()
    };
    Ok(Pixels {
        width,
        height,
        alpha,
        bytes,
    })
}

impl Pixels {
    /// Width in pixels.
    pub(super) fn width(&self) -> u32 {
        self.width
    }

    /// The image scaled to `width` (never up), keeping its aspect ratio.
    pub(super) fn resized(&self, width: u32) -> Result<Cow<'_, Pixels>, String> {
        if width >= self.width {
            return Ok(Cow::Borrowed(self));
        }
        let height = scaled_height(self.width, self.height, width);
        let kind = if self.alpha {
            PixelType::U8x4
        } else {
            PixelType::U8x3
        };
        let src =
            ImageRef::new(self.width, self.height, &self.bytes, kind).map_err(|e| e.to_string())?;
        let mut dst = Image::new(width, height, kind);
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        Resizer::new()
            .resize(&src, &mut dst, &options)
            .map_err(|e| e.to_string())?;
        Ok(Cow::Owned(Pixels {
            width,
            height,
            alpha: self.alpha,
            bytes: dst.into_vec(),
        }))
    }

    /// Lossy WebP at `quality` (1 to 100).
    pub(super) fn webp(&self, quality: u8) -> Result<Vec<u8>, String> {
        let encoder = if self.alpha {
            webp::Encoder::from_rgba(&self.bytes, self.width, self.height)
        } else {
            webp::Encoder::from_rgb(&self.bytes, self.width, self.height)
        };
        // `encode` unwraps libwebp's error (an image over 16383 pixels, say); this does not.
        match encoder.encode_simple(false, f32::from(quality)) {
            Ok(memory) => Ok(memory.to_vec()),
            Err(e) => Err(format!("WebP encoding failed: {e:?}")),
        }
    }

    /// The image in `format`: JPEG at `quality`, PNG lossless.
    pub(super) fn encoded(&self, format: Format, quality: u8) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let color = if self.alpha {
            image::ExtendedColorType::Rgba8
        } else {
            image::ExtendedColorType::Rgb8
        };
        let (w, h) = (self.width, self.height);
        let result = match format {
            Format::Jpeg if self.alpha => {
                let rgb = drop_alpha(&self.bytes);
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).write_image(
                    &rgb,
                    w,
                    h,
                    image::ExtendedColorType::Rgb8,
                )
            }
            Format::Jpeg => image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
                .write_image(&self.bytes, w, h, color),
            Format::Png => {
                image::codecs::png::PngEncoder::new(&mut out).write_image(&self.bytes, w, h, color)
            }
            Format::Webp => return self.webp(quality),
            Format::Gif | Format::Svg => return Err("not a raster image".into()),
        };
        result.map_err(|e| e.to_string())?;
        Ok(out)
    }
}

/// The height of a `width`×`height` image scaled to `to` pixels wide, at least 1.
pub(super) fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    let h = (u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width.max(1));
    u32::try_from(h).unwrap_or(u32::MAX).max(1)
}

fn drop_alpha(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect()
}
