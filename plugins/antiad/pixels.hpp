#pragma once
/// Decoded images as 8-bit grey, the one form the QR decoder, the perceptual hash and OCR read.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace plugins::antiad {

/// The largest width or height decoded (4096×4096 is 16 Mpx, 16 MiB of grey).
inline constexpr int max_image_side = 4096;

/// An image as 8-bit grey, row by row from the top.
struct gray_image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> px;

    std::uint8_t at(int x, int y) const {
        return px[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)];
    }
};

/// A decoded image, or why there is none.
struct decoded {
    gray_image image;
    std::string error;  ///< empty on success
};

/// Decodes PNG, JPEG, GIF (first frame) or BMP to grey, transparent areas on white. The size is
/// read from the header first, so an image wider or taller than `max_side` is refused before a
/// single pixel is allocated.
decoded decode_gray(std::string_view bytes, int max_side = max_image_side);

/// The image resampled to `width`×`height` by averaging the source area under each pixel.
gray_image resample(gray_image const& in, int width, int height);

}  // namespace plugins::antiad
