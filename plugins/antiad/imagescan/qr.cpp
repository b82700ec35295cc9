// QR codes in a decoded image, read by zbar.
#include "plugins/antiad/imagescan/readers.hpp"

#include <zbar.h>

#include <memory>

namespace plugins::antiad::imagescan {

using namespace zbar;  // the C API lives in namespace zbar when compiled as C++

std::vector<std::string> qr_payloads(gray_image const& img) {
    std::vector<std::string> out;
    if (img.width <= 0 || img.height <= 0) return out;
    std::unique_ptr<zbar_image_scanner_t, void (*)(zbar_image_scanner_t*)> scanner(zbar_image_scanner_create(),
                                                                                   zbar_image_scanner_destroy);
    // Only QR codes: product barcodes in photos are not ads.
    zbar_image_scanner_set_config(scanner.get(), ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner.get(), ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    std::unique_ptr<zbar_image_t, void (*)(zbar_image_t*)> zimg(zbar_image_create(), zbar_image_destroy);
    zbar_image_set_format(zimg.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(zimg.get(), static_cast<unsigned>(img.width), static_cast<unsigned>(img.height));
    zbar_image_set_data(zimg.get(), img.px.data(), img.px.size(), nullptr);
    if (zbar_scan_image(scanner.get(), zimg.get()) > 0) {
        for (auto const* sym = zbar_image_first_symbol(zimg.get()); sym; sym = zbar_symbol_next(sym))
            out.emplace_back(zbar_symbol_get_data(sym), zbar_symbol_get_data_length(sym));
    }
    return out;
}

}  // namespace plugins::antiad::imagescan
