#pragma once
/// Text in images, read by Tesseract (Chinese and English). A blocking call for worker threads,
/// never the core thread.

#include <chrono>
#include <string>

#include "plugins/antiad/pixels.hpp"

namespace plugins::antiad {

/// The longest side OCR reads; larger images are scaled down to it first (a phone screenshot,
/// 1080×2400, keeps its text readable; a 4096×4096 poster would take seconds longer).
inline constexpr int max_ocr_side = 2048;

/// What OCR read, or why it could not.
struct ocr_result {
    std::string text;
    std::string error;  ///< empty when the whole image was read
};

/// Reads the text in `img` with Tesseract (`chi_sim+eng`), stopping `budget` after an engine is
/// ready (word recognition checks the deadline between words; page layout analysis does not).
/// Engines are kept and reused: one per thread reading at the same moment, so never more than the
/// worker pool has threads; loading the first is a one-time cost of about a second. `datapath` is Tesseract's
/// tessdata folder; empty means Tesseract's own default (or TESSDATA_PREFIX). When chi_sim or eng
/// cannot be loaded there, OCR is off for that folder: one log line, then every call says so.
ocr_result read_text(gray_image const& img, std::chrono::milliseconds budget, std::string const& datapath = {});

/// Whether Tesseract and its chi_sim and eng data can be loaded from `datapath`.
bool ocr_available(std::string const& datapath = {});

}  // namespace plugins::antiad
