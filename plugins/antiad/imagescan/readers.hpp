#pragma once
/// Inside the module: the readers its table points to.

#include <chrono>
#include <string>
#include <vector>

#include "plugins/antiad/ocr.hpp"
#include "plugins/antiad/pixels.hpp"

namespace plugins::antiad::imagescan {

ocr_result read_page(gray_image const& page, std::chrono::milliseconds budget, std::string const& datapath);
bool ocr_loads(std::string const& datapath);
std::vector<std::string> qr_payloads(gray_image const& img);

}  // namespace plugins::antiad::imagescan
