// The plugin's side of the image readers: QR codes and OCR through the module that holds Tesseract
// and zbar (imagescan/entry_points.hpp), loaded on the first call, from a worker thread.
#include "plugins/antiad/scanners.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "plugins/antiad/imagescan/entry_points.hpp"
#include "plugins/antiad/ocr.hpp"
#include "plugins/antiad/qr.hpp"

namespace plugins::antiad {

namespace scan = imagescan;

std::vector<std::string> image_reader_candidates() {
    std::vector<std::string> out;
    if (char const* set = std::getenv("QUNBOT_IMAGESCAN_MODULE"); set && *set) {
        out.emplace_back(set);
        return out;
    }
    char self[PATH_MAX];
    if (auto n = ::readlink("/proc/self/exe", self, sizeof self - 1); n > 0) {
        self[n] = '\0';
        out.push_back((std::filesystem::path(self).parent_path() / scan::module_file).string());
    }
#ifdef QUNBOT_IMAGESCAN_BUILT
    out.emplace_back(QUNBOT_IMAGESCAN_BUILT);
#endif
    return out;
}

loaded_readers load_image_readers(std::vector<std::string> const& candidates) {
    loaded_readers out;
    out.why = "not found";
    for (auto const& path : candidates) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) continue;
        void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            char const* err = ::dlerror();
            out.why = err ? err : path + " cannot be loaded";
            continue;
        }
        using entry = scan::entry_points const* (*)();
        auto get = reinterpret_cast<entry>(::dlsym(handle, scan::entry_points_symbol));
        auto const* table = get ? get() : nullptr;
        if (table && table->version == scan::entry_points_version) {
            out.table = table;
            out.path = path;
            out.why.clear();
            return out;  // kept loaded: its engines live until the process ends
        }
        out.why = path + " is not the image module of this build";
        ::dlclose(handle);
    }
    return out;
}

namespace {

/// The module's table, loaded on the first call; null when it cannot be loaded (said once in the
/// log: QR codes and text in images are then not read).
scan::entry_points const* readers() {
    static scan::entry_points const* const table = [] {
        auto got = load_image_readers(image_reader_candidates());
        if (got.table) {
            spdlog::debug("antiad: image readers loaded from {}", got.path);
        } else {
            spdlog::error("antiad: QR codes and text in images are not read: the module {} is missing or broken "
                          "({}); it belongs next to the qunbot executable, or QUNBOT_IMAGESCAN_MODULE names it",
                          scan::module_file, got.why);
        }
        return got.table;
    }();
    return table;
}

}  // namespace

std::vector<std::string> decode_qr(std::string_view image) {
    auto got = decode_gray(image);
    if (!got.error.empty()) return {};
    return decode_qr(got.image);
}

std::vector<std::string> decode_qr(gray_image const& img) {
    if (img.width <= 0 || img.height <= 0) return {};
    auto const* r = readers();
    return r ? r->qr_payloads(img) : std::vector<std::string>{};
}

bool ocr_available(std::string const& datapath) {
    auto const* r = readers();
    return r && r->ocr_loads(datapath);
}

ocr_result read_text(gray_image const& img, std::chrono::milliseconds budget, std::string const& datapath) {
    if (img.width <= 0 || img.height <= 0) return {{}, "empty image"};
    auto const* r = readers();
    if (!r) return {{}, std::string("OCR unavailable (") + scan::module_file + " not loaded)"};
    int const side = std::max(img.width, img.height);
    if (side <= max_ocr_side) return r->read_page(img, budget, datapath);
    auto scale = [&](int v) { return std::max(1, static_cast<int>(static_cast<long long>(v) * max_ocr_side / side)); };
    return r->read_page(resample(img, scale(img.width), scale(img.height)), budget, datapath);
}

}  // namespace plugins::antiad
