//! Photos a petitioner attaches when submitting: reading them from the
//! multipart form, checking them by content and re-encoding them.
//!
//! Every photo is decoded and encoded again, never stored as uploaded: what
//! is served is only pixels, without the EXIF block in which a phone records
//! where (often at home) and with what the picture was taken.

use crate::error::AppError;
use crate::petitions::views::Submission;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use leptos::server_fn::codec::MultipartData;
use std::io::Cursor;

/// At most this many photos per petition.
pub const MAX_PHOTOS: usize = 3;
/// A larger image is refused before decoding (a decompression bomb).
const MAX_PIXELS: u64 = 24_000_000;

/// Decodes running at once, whoever sent them: each may take up to
/// `MAX_PIXELS` × 4 bytes, so this bounds what uploads can take together.
static DECODES: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);
/// Stored photos are at most this many pixels on their long side.
const LONG_SIDE: u32 = 1600;
/// Quality of the JPEG we write.
const JPEG_QUALITY: u8 = 82;
/// The largest text field of the submit form.
const MAX_TEXT_FIELD: usize = 64 * 1024;

/// A photo as it will be stored: re-encoded, its metadata gone.
#[derive(Debug, Clone)]
pub struct Photo {
    /// The encoded file.
    pub bytes: Vec<u8>,
    /// `image/jpeg` or `image/png`.
    pub content_type: &'static str,
    /// `jpg` or `png`.
    pub extension: &'static str,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

fn photo_error(key: &str) -> AppError {
    AppError::invalid("photos", key)
}

/// Reads the submit form: its text fields into a [`Submission`], and the
/// non-empty files of its `photos` field (at most [`MAX_PHOTOS`], each at
/// most `max_bytes`), as uploaded.
pub async fn read_form(
    data: MultipartData,
    max_bytes: u64,
) -> Result<(Submission, Vec<Vec<u8>>), AppError> {
    let mut form = data.into_inner().ok_or(AppError::BadRequest)?;
    let mut text = std::collections::HashMap::<String, String>::new();
    let mut uploads = Vec::new();
    while let Some(mut field) = form.next_field().await.map_err(|_| AppError::BadRequest)? {
        let name = field.name().unwrap_or_default().to_string();
        let limit = if name == "photos" {
            max_bytes as usize
        } else {
            MAX_TEXT_FIELD
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| AppError::BadRequest)? {
            if bytes.len() + chunk.len() > limit {
                return Err(if name == "photos" {
                    photo_error("photos.too_large")
                } else {
                    AppError::BadRequest
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        if name == "photos" {
            // A file input left empty still sends a part, with no bytes.
            if bytes.is_empty() {
                continue;
            }
            if uploads.len() == MAX_PHOTOS {
                return Err(photo_error("photos.too_many"));
            }
            uploads.push(bytes);
        } else {
            let value = String::from_utf8(bytes).map_err(|_| AppError::BadRequest)?;
            text.insert(name, value);
        }
    }
    let mut take = |name: &str| text.remove(name).unwrap_or_default();
    let submission = Submission {
        kind: take("kind"),
        title: take("title"),
        body: take("body"),
        category: take("category"),
        locality: take("locality"),
        visibility: take("visibility"),
        show_name: matches!(take("show_name").as_str(), "on" | "true"),
    };
    Ok((submission, uploads))
}

/// The format an upload claims by its first bytes (its name and declared
/// type are ignored: both are the sender's word).
fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some(ImageFormat::Jpeg),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some(ImageFormat::Png),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(ImageFormat::WebP),
        _ => None,
    }
}

/// Checks one upload by content and decodes it fully, refusing images too
/// large to decode safely; then turns it upright, downscales it to
/// [`LONG_SIDE`] and encodes it again: JPEG, or PNG when it has transparency.
pub fn reencode(upload: &[u8]) -> Result<Photo, AppError> {
    let format = sniff(upload).ok_or_else(|| photo_error("photos.not_image"))?;
    let mut reader = ImageReader::with_format(Cursor::new(upload), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(MAX_PIXELS * 4 + 16 * 1024 * 1024);
    reader.limits(limits);
    let unreadable = |_| photo_error("photos.unreadable");
    let mut decoder = reader.into_decoder().map_err(|e| match e {
        image::ImageError::Limits(_) => photo_error("photos.too_many_pixels"),
        _ => photo_error("photos.unreadable"),
    })?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(photo_error("photos.too_many_pixels"));
    }
    let orientation = decoder.orientation().map_err(unreadable)?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    image.apply_orientation(orientation);
    if image.width().max(image.height()) > LONG_SIDE {
        image = image.resize(LONG_SIDE, LONG_SIDE, image::imageops::FilterType::Triangle);
    }
    let mut bytes = Vec::new();
    let (content_type, extension) = if image.color().has_alpha() {
        image
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .map_err(AppError::internal)?;
        ("image/png", "png")
    } else {
        let rgb = image.to_rgb8();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY)
            .encode_image(&rgb)
            .map_err(AppError::internal)?;
        ("image/jpeg", "jpg")
    };
    Ok(Photo {
        bytes,
        content_type,
        extension,
        width: image.width(),
        height: image.height(),
    })
}

/// Re-encodes every upload, off the async threads (decoding is CPU work),
/// one decode at a time across the server.
pub async fn prepare(uploads: Vec<Vec<u8>>) -> Result<Vec<Photo>, AppError> {
    let mut photos = Vec::with_capacity(uploads.len());
    for upload in uploads {
        let _turn = DECODES.acquire().await.map_err(AppError::internal)?;
        let photo = tokio::task::spawn_blocking(move || reencode(&upload))
            .await
            .map_err(AppError::internal)??;
        photos.push(photo);
    }
    Ok(photos)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut bytes = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut bytes), format)
            .unwrap();
        bytes
    }

    #[test]
    fn photos_are_recognised_by_content_not_by_name() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Some(ImageFormat::Jpeg));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(ImageFormat::WebP));
        assert_eq!(sniff(b"hello, I am a .jpg"), None);
        let err = reencode(b"hello, I am a .jpg").unwrap_err();
        assert_eq!(err.message_key(), "photos.not_image");
    }

    #[test]
    fn large_photos_are_downscaled_and_transparency_kept_as_png() {
        let big = DynamicImage::new_rgb8(3200, 1000);
        let photo = reencode(&encoded(big, ImageFormat::Png)).unwrap();
        assert_eq!(
            (photo.width, photo.height, photo.content_type),
            (1600, 500, "image/jpeg")
        );
        let clear = DynamicImage::new_rgba8(10, 20);
        let photo = reencode(&encoded(clear, ImageFormat::Png)).unwrap();
        assert_eq!(
            (photo.width, photo.height, photo.extension),
            (10, 20, "png")
        );
    }

    #[test]
    fn a_truncated_photo_is_unreadable() {
        let bytes = encoded(DynamicImage::new_rgb8(64, 64), ImageFormat::Jpeg);
        let err = reencode(&bytes[..bytes.len() / 2]).unwrap_err();
        assert_eq!(err.message_key(), "photos.unreadable");
    }
}
