#pragma once
/// Loads OneBot v11 fixture frames from tests/fixtures/onebot11 for the adapter tests.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace testing::onebot11 {

/// $QUNBOT_SOURCE/tests/fixtures/onebot11 (set by ctest), else the folder next to this file's.
inline std::filesystem::path fixture_dir() {
    if (auto const* source = std::getenv("QUNBOT_SOURCE"); source && *source)
        return std::filesystem::path(source) / "tests" / "fixtures" / "onebot11";
    return std::filesystem::path(__FILE__).parent_path().parent_path() / "fixtures" / "onebot11";
}

/// The text of `<name>.json`.
inline std::string fixture_text(std::string const& name) {
    std::ifstream in(fixture_dir() / (name + ".json"));
    if (!in) throw std::runtime_error("missing fixture " + name);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// `<name>.json`, parsed.
inline nlohmann::json fixture(std::string const& name) {
    return nlohmann::json::parse(fixture_text(name));
}

}  // namespace testing::onebot11
