#include "plugins/antiad/pixels.hpp"

#include <stb_image.h>

#include <algorithm>
#include <climits>
#include <memory>

namespace plugins::antiad {

decoded decode_gray(std::string_view bytes, int max_side) {
    if (bytes.empty()) return {{}, "empty image"};
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return {{}, "image too large"};
    auto const* data = reinterpret_cast<stbi_uc const*>(bytes.data());
    auto len = static_cast<int>(bytes.size());
    int w = 0, h = 0, comp = 0;
    if (!stbi_info_from_memory(data, len, &w, &h, &comp) || w <= 0 || h <= 0) return {{}, "not an image"};
    if (w > max_side || h > max_side)
        return {{}, "image too large (" + std::to_string(w) + "x" + std::to_string(h) + ")"};
    // Grey plus alpha when there is alpha, so transparent areas can be put on white: a sticker's
    // text drawn on nothing would otherwise be black on black.
    bool alpha = comp == 2 || comp == 4;
    int want = alpha ? 2 : 1;
    std::unique_ptr<stbi_uc, void (*)(void*)> raw(stbi_load_from_memory(data, len, &w, &h, &comp, want),
                                                  stbi_image_free);
    if (!raw) return {{}, std::string("cannot decode: ") + stbi_failure_reason()};
    decoded out;
    out.image.width = w;
    out.image.height = h;
    auto n = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    out.image.px.resize(n);
    auto const* src = raw.get();
    if (!alpha) {
        std::copy(src, src + n, out.image.px.begin());
        return out;
    }
    for (std::size_t i = 0; i < n; ++i) {
        unsigned g = src[2 * i];
        unsigned a = src[2 * i + 1];
        out.image.px[i] = static_cast<std::uint8_t>((g * a + 255u * (255u - a) + 127u) / 255u);
    }
    return out;
}

gray_image resample(gray_image const& in, int width, int height) {
    gray_image out;
    if (in.width <= 0 || in.height <= 0 || width <= 0 || height <= 0) return out;
    out.width = width;
    out.height = height;
    out.px.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    // Each output pixel averages the source rectangle it covers, weighting the partly covered
    // edge pixels by how much of them it covers (in units of 1/width and 1/height of a pixel).
    auto const sw = static_cast<std::int64_t>(in.width);
    auto const sh = static_cast<std::int64_t>(in.height);
    for (int oy = 0; oy < height; ++oy) {
        std::int64_t y0 = oy * sh, y1 = (oy + 1) * sh;  // in 1/height source pixels
        for (int ox = 0; ox < width; ++ox) {
            std::int64_t x0 = ox * sw, x1 = (ox + 1) * sw;  // in 1/width source pixels
            std::int64_t sum = 0, weight = 0;
            for (std::int64_t sy = y0 / height; sy * height < y1 && sy < sh; ++sy) {
                std::int64_t wy = std::min(y1, (sy + 1) * height) - std::max(y0, sy * height);
                for (std::int64_t sx = x0 / width; sx * width < x1 && sx < sw; ++sx) {
                    std::int64_t wx = std::min(x1, (sx + 1) * width) - std::max(x0, sx * width);
                    sum += wx * wy * in.at(static_cast<int>(sx), static_cast<int>(sy));
                    weight += wx * wy;
                }
            }
            out.px[static_cast<std::size_t>(oy) * static_cast<std::size_t>(width) + static_cast<std::size_t>(ox)] =
                static_cast<std::uint8_t>(weight ? (sum + weight / 2) / weight : 0);
        }
    }
    return out;
}

}  // namespace plugins::antiad
