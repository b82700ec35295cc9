#pragma once
// Pictures drawn at test run time: text rendered with FreeType in WenQuanYi Micro Hei (Debian's
// fonts-wqy-microhei), simple shapes, resizing and brightening, written as PNG or JPEG with stb.

#include <catch2/catch.hpp>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <stb_image_write.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "plugins/antiad/tests/temp_dirs.hpp"

#include "bot/message.hpp"

namespace antiad_test {

inline constexpr char const* font_path = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/// A grey picture, row by row from the top.
struct canvas {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> px;

    canvas(int w, int h, unsigned char paper = 255)
        : width(w), height(h), px(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), paper) {}
    unsigned char& at(int x, int y) { return px[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + x]; }
    unsigned char at(int x, int y) const {
        return px[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + x];
    }
};

/// The font, loaded once for the whole test run.
class font {
public:
    static font& get() {
        static font f;
        return f;
    }
    ~font() {
        if (face_) FT_Done_Face(face_);
        if (lib_) FT_Done_FreeType(lib_);
    }
    FT_Face face() const { return face_; }

private:
    font() {
        REQUIRE(FT_Init_FreeType(&lib_) == 0);
        INFO("the font " << font_path << " (Debian package fonts-wqy-microhei)");
        REQUIRE(FT_New_Face(lib_, font_path, 0, &face_) == 0);
    }
    FT_Library lib_ = nullptr;
    FT_Face face_ = nullptr;
};

inline std::u32string utf32(std::string const& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
        for (int k = 1; k < n && i + static_cast<std::size_t>(k) < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
        out.push_back(cp);
        i += static_cast<std::size_t>(n);
    }
    return out;
}

/// Draws one line of text with its baseline at `baseline`, starting at `x`, `size` pixels high.
inline void draw_text(canvas& c, std::string const& text, int x, int baseline, int size, unsigned char ink = 0) {
    auto face = font::get().face();
    REQUIRE(FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(size)) == 0);
    for (char32_t cp : utf32(text)) {
        REQUIRE(FT_Load_Char(face, cp, FT_LOAD_RENDER) == 0);
        auto const& g = *face->glyph;
        for (unsigned row = 0; row < g.bitmap.rows; ++row)
            for (unsigned col = 0; col < g.bitmap.width; ++col) {
                int px = x + g.bitmap_left + static_cast<int>(col);
                int py = baseline - g.bitmap_top + static_cast<int>(row);
                if (px < 0 || py < 0 || px >= c.width || py >= c.height) continue;
                unsigned cover = g.bitmap.buffer[row * static_cast<unsigned>(g.bitmap.pitch) + col];
                auto& p = c.at(px, py);
                p = static_cast<unsigned char>((p * (255 - cover) + ink * cover) / 255);
            }
        x += static_cast<int>(g.advance.x >> 6);
    }
}

/// Lines of black text on white, large enough for OCR to read reliably.
inline canvas text_picture(std::vector<std::string> const& lines, int size = 40) {
    int const margin = size;
    int const line = size * 3 / 2;
    int width = 0;
    for (auto const& l : lines) width = std::max(width, static_cast<int>(utf32(l).size()) * size);
    canvas c(width + 2 * margin, static_cast<int>(lines.size()) * line + 2 * margin);
    for (std::size_t i = 0; i < lines.size(); ++i)
        draw_text(c, lines[i], margin, margin + static_cast<int>(i) * line + size, size);
    return c;
}

inline void fill_rect(canvas& c, int x0, int y0, int x1, int y1, unsigned char v) {
    for (int y = std::max(0, y0); y < std::min(c.height, y1); ++y)
        for (int x = std::max(0, x0); x < std::min(c.width, x1); ++x) c.at(x, y) = v;
}

/// The picture resized to `width`×`height` (bilinear), as an image editor would.
inline canvas resized(canvas const& in, int width, int height) {
    canvas out(width, height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            double sx = std::clamp((x + 0.5) * in.width / width - 0.5, 0.0, in.width - 1.0);
            double sy = std::clamp((y + 0.5) * in.height / height - 0.5, 0.0, in.height - 1.0);
            int x0 = static_cast<int>(sx), y0 = static_cast<int>(sy);
            int x1 = std::min(x0 + 1, in.width - 1), y1 = std::min(y0 + 1, in.height - 1);
            double fx = sx - x0, fy = sy - y0;
            double top = in.at(x0, y0) * (1 - fx) + in.at(x1, y0) * fx;
            double bottom = in.at(x0, y1) * (1 - fx) + in.at(x1, y1) * fx;
            out.at(x, y) = static_cast<unsigned char>(top * (1 - fy) + bottom * fy + 0.5);
        }
    return out;
}

/// The picture with `delta` added to every pixel (clamped).
inline canvas brightened(canvas c, int delta) {
    for (auto& p : c.px) p = static_cast<unsigned char>(std::clamp(p + delta, 0, 255));
    return c;
}

inline void append_bytes(void* ctx, void* data, int size) {
    static_cast<std::string*>(ctx)->append(static_cast<char const*>(data), static_cast<std::size_t>(size));
}

inline std::string png(canvas const& c) {
    std::string out;
    REQUIRE(stbi_write_png_to_func(append_bytes, &out, c.width, c.height, 1, c.px.data(), c.width) != 0);
    return out;
}

inline std::string jpeg(canvas const& c, int quality = 80) {
    std::string out;
    REQUIRE(stbi_write_jpg_to_func(append_bytes, &out, c.width, c.height, 1, c.px.data(), quality) != 0);
    return out;
}

/// Writes bytes to a file of this test run's temporary folder and returns its path.
inline std::string picture_file(std::string const& name, std::string const& bytes) {
    auto path = run_temp_dir("pictures") / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
}

/// A message with one picture (a local path, as the sandbox sends them) and optional text.
inline bot::message picture_message(std::string const& path, std::string const& text = {}) {
    bot::message m;
    if (!text.empty()) m.text(text);
    m.image(path);
    return m;
}

}  // namespace antiad_test
