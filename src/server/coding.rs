//! The codings a kept answer is compressed in once and served in to every
//! reader who takes them: brotli (quality 5), gzip, or as it is.

use axum::body::Bytes;
use http::header::ACCEPT_ENCODING;
use http::HeaderMap;
use std::io::Write as _;

/// How a reader takes a page, best first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Coding {
    /// Brotli.
    Br,
    /// Gzip.
    Gzip,
    /// As it is.
    Identity,
}

/// `body` in brotli.
pub fn brotli(body: &[u8]) -> Bytes {
    let mut out = brotli::CompressorWriter::new(Vec::with_capacity(body.len() / 3), 4096, 5, 20);
    // Writing into a Vec cannot fail.
    let _ = out.write_all(body);
    Bytes::from(out.into_inner())
}

/// `body` in gzip.
pub fn gzip(body: &[u8]) -> Bytes {
    let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    let _ = out.write_all(body);
    Bytes::from(out.finish().unwrap_or_default())
}

/// The best coding the request takes (`q=0` refuses one).
pub fn coding_of(headers: &HeaderMap) -> Coding {
    let (mut br, mut gzip) = (false, false);
    let offers = headers
        .get_all(ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','));
    for offer in offers {
        let mut parts = offer.split(';');
        let name = parts.next().unwrap_or("").trim();
        let refused = parts.any(|p| {
            p.trim()
                .strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                == Some(0.0)
        });
        if refused {
            continue;
        }
        br |= name.eq_ignore_ascii_case("br");
        gzip |= name.eq_ignore_ascii_case("gzip");
    }
    match (br, gzip) {
        (true, _) => Coding::Br,
        (_, true) => Coding::Gzip,
        _ => Coding::Identity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn the_best_coding_the_reader_takes() {
        let of = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
            coding_of(&h)
        };
        assert_eq!(of("gzip, deflate, br, zstd"), Coding::Br);
        assert_eq!(of("gzip"), Coding::Gzip);
        assert_eq!(of("br;q=0, gzip;q=0.5"), Coding::Gzip);
        assert_eq!(of("br;q=0,gzip;q=0"), Coding::Identity);
        assert_eq!(coding_of(&HeaderMap::new()), Coding::Identity);
    }
}
