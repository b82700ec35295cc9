#include "plugins/antiad/qr.hpp"

#include <stb_image.h>
#include <zbar.h>

#include <memory>

namespace plugins::antiad {

using namespace zbar;  // the C API lives in namespace zbar when compiled as C++

namespace {
constexpr int max_side = 4096;
}  // namespace

std::vector<std::string> decode_qr(std::string_view image) {
    std::vector<std::string> out;
    if (image.empty() || image.size() > static_cast<std::size_t>(INT32_MAX)) return out;
    auto const* data = reinterpret_cast<stbi_uc const*>(image.data());
    auto len = static_cast<int>(image.size());
    int w = 0, h = 0, comp = 0;
    // Check the size before decoding, so a small file cannot expand into a huge bitmap.
    if (!stbi_info_from_memory(data, len, &w, &h, &comp) || w <= 0 || h <= 0 || w > max_side || h > max_side)
        return out;
    std::unique_ptr<stbi_uc, void (*)(void*)> gray(stbi_load_from_memory(data, len, &w, &h, &comp, 1), stbi_image_free);
    if (!gray) return out;

    std::unique_ptr<zbar_image_scanner_t, void (*)(zbar_image_scanner_t*)> scanner(zbar_image_scanner_create(),
                                                                                   zbar_image_scanner_destroy);
    // Only QR codes: product barcodes in photos are not ads.
    zbar_image_scanner_set_config(scanner.get(), ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner.get(), ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    std::unique_ptr<zbar_image_t, void (*)(zbar_image_t*)> img(zbar_image_create(), zbar_image_destroy);
    zbar_image_set_format(img.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img.get(), static_cast<unsigned>(w), static_cast<unsigned>(h));
    zbar_image_set_data(img.get(), gray.get(), static_cast<unsigned long>(w) * static_cast<unsigned long>(h), nullptr);
    if (zbar_scan_image(scanner.get(), img.get()) > 0) {
        for (auto const* sym = zbar_image_first_symbol(img.get()); sym; sym = zbar_symbol_next(sym))
            out.emplace_back(zbar_symbol_get_data(sym), zbar_symbol_get_data_length(sym));
    }
    return out;
}

}  // namespace plugins::antiad
