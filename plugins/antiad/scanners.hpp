#pragma once
/// Loading the module with the image readers (imagescan/entry_points.hpp). decode_qr, read_text and
/// ocr_available (qr.hpp, ocr.hpp) load it on their first call and use it from then on.

#include <string>
#include <vector>

#include "plugins/antiad/imagescan/entry_points.hpp"

namespace plugins::antiad {

/// The module's table, or null and why not.
struct loaded_readers {
    imagescan::entry_points const* table = nullptr;
    std::string path;  ///< where it was loaded from
    std::string why;   ///< when not loaded: the last reason (not found, dlerror, another build)
};

/// Loads the first of `candidates` that is the module of this build. A loaded module stays loaded.
loaded_readers load_image_readers(std::vector<std::string> const& candidates);

/// Where the module is looked for: QUNBOT_IMAGESCAN_MODULE when set; else next to the executable
/// (a deployment copies both), then where the build put it (tests run from other folders).
std::vector<std::string> image_reader_candidates();

}  // namespace plugins::antiad
