#pragma once
/// Loads OneBot v11 fixture frames from tests/fixtures/onebot11 for the adapter tests.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "adapters/onebot11/decode.hpp"

namespace testing::onebot11 {

/// $QUNBOT_SOURCE/tests/fixtures/onebot11 (set by ctest), else the source tree this test was built from.
inline std::filesystem::path fixture_dir() {
    if (auto const* source = std::getenv("QUNBOT_SOURCE"); source && *source)
        return std::filesystem::path(source) / "tests" / "fixtures" / "onebot11";
    return std::filesystem::path(QUNBOT_SOURCE_DIR) / "tests" / "fixtures" / "onebot11";
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

/// The bot account and group the fixtures use.
inline constexpr std::int64_t self = 10001000;
inline constexpr std::int64_t group = 123456789;

/// A numeric id, as the decoder produces for numbers.
inline bot::id n(std::int64_t v) { return bot::id(v); }

/// Decodes fixture `name`, requires an event of type T from the fixtures' account, and returns it.
template <typename T>
T payload(std::string const& name, bool own = false) {
    auto d = adapters::onebot11::decode_text(fixture_text(name));
    INFO(name << ": " << d.reason);
    REQUIRE(d.is(adapters::onebot11::decoded::kind::event));
    REQUIRE(d.event->is<T>());
    CHECK(d.event->platform == "qq");
    CHECK(d.event->self_id == n(self));
    CHECK(d.own == own);
    return *d.event->as<T>();
}

}  // namespace testing::onebot11
