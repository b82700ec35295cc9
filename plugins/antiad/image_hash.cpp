#include "plugins/antiad/image_hash.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdlib>

namespace plugins::antiad {

namespace {

/// How far from the border's grey a pixel must be to count as content (JPEG noise stays well below).
constexpr int border_tolerance = 40;

/// The image without its plain border: the rows and columns at the edges where every pixel is
/// within `border_tolerance` of the corners' grey. A text picture's margins would otherwise fill
/// most of the 9×8 cells with "no difference" bits that any other text picture shares.
gray_image trimmed(gray_image const& img) {
    std::array<int, 4> corners{img.at(0, 0), img.at(img.width - 1, 0), img.at(0, img.height - 1),
                               img.at(img.width - 1, img.height - 1)};
    std::sort(corners.begin(), corners.end());
    // Corners that disagree (a banner at the top, a photo) leave nothing to trim.
    if (corners[3] - corners[0] > border_tolerance) return img;
    int const bg = (corners[1] + corners[2]) / 2;
    auto content = [&](int x, int y) { return std::abs(img.at(x, y) - bg) > border_tolerance; };
    int x0 = img.width, y0 = img.height, x1 = -1, y1 = -1;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x)
            if (content(x, y)) {
                x0 = std::min(x0, x);
                x1 = std::max(x1, x);
                y0 = std::min(y0, y);
                y1 = std::max(y1, y);
            }
    // A blank picture, or content too small to stand for the image: hash it whole.
    if (x1 - x0 < 8 || y1 - y0 < 8) return img;
    gray_image out;
    out.width = x1 - x0 + 1;
    out.height = y1 - y0 + 1;
    out.px.reserve(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) out.px.push_back(img.at(x, y));
    return out;
}

}  // namespace

std::uint64_t dhash(gray_image const& img) {
    if (img.width <= 0 || img.height <= 0) return 0;
    // Averaging whole areas (not sampling points) is what makes the hash survive resizing and
    // re-encoding; comparing neighbours (not absolute levels) makes it survive brightness changes.
    auto small = resample(trimmed(img), 9, 8);
    std::uint64_t h = 0;
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x) h = (h << 1) | (small.at(x, y) > small.at(x + 1, y) ? 1u : 0u);
    return h;
}

std::string hash_hex(std::uint64_t h) {
    return fmt::format("{:016x}", h);
}

}  // namespace plugins::antiad
