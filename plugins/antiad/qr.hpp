#pragma once
/// QR codes in images, and fetching the image: plain blocking functions that run on a worker
/// thread, never on the core thread.

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/antiad/pixels.hpp"

namespace plugins::antiad {

/// The payloads of the QR codes in an encoded image (PNG, JPEG, GIF, BMP); empty when there are
/// none or the bytes are not an image. Images larger than 4096×4096 are not decoded.
std::vector<std::string> decode_qr(std::string_view image);
/// The payloads of the QR codes in a decoded image.
std::vector<std::string> decode_qr(gray_image const& img);

/// An image's bytes, or why it could not be read.
struct fetched {
    std::string bytes;
    std::string error;  ///< empty on success
};

/// Reads an image from a local path or file:// URL, or downloads it over HTTP(S), never more than
/// `max_bytes` and never longer than `timeout`.
fetched fetch_image(std::string const& url, std::size_t max_bytes, std::chrono::milliseconds timeout);

}  // namespace plugins::antiad
