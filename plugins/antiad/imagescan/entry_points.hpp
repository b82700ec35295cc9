#pragma once
/// The image readers that need large libraries, Tesseract (with Leptonica) for text and zbar for QR
/// codes, live in a module of their own, `libqunbot_imagescan.so`, which the anti-ad plugin loads
/// when it reads its first image (plugins/antiad/scanners.cpp). The bot starts without mapping and
/// relocating them and the sixty-odd libraries they pull in, and a bot that never scans an image
/// never loads them. The module and the plugin are built together from this header, so the table
/// passes C++ types.

#include <chrono>
#include <string>
#include <vector>

#include "plugins/antiad/ocr.hpp"
#include "plugins/antiad/pixels.hpp"

namespace plugins::antiad::imagescan {

/// What the module offers; `version` changes with the table's shape.
struct entry_points {
    int version = 0;
    /// Reads the text of a page no larger than max_ocr_side (see read_text in ocr.hpp).
    ocr_result (*read_page)(gray_image const& page, std::chrono::milliseconds budget, std::string const& datapath);
    /// Whether Tesseract loads chi_sim and eng from `datapath`.
    bool (*ocr_loads)(std::string const& datapath);
    /// The payloads of the QR codes in an image.
    std::vector<std::string> (*qr_payloads)(gray_image const& img);
};

inline constexpr int entry_points_version = 1;
/// The one symbol the module exports: `entry_points const* qunbot_imagescan_entry_points()`.
inline constexpr char const* entry_points_symbol = "qunbot_imagescan_entry_points";
/// The module's file name; it is looked for next to the executable, then where it was built.
inline constexpr char const* module_file = "libqunbot_imagescan.so";

}  // namespace plugins::antiad::imagescan
