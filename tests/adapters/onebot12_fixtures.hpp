#pragma once
/// Loads OneBot v12 fixture frames from tests/fixtures/onebot12 for the adapter tests.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "adapters/onebot12/decode.hpp"

namespace testing::onebot12 {

/// $QUNBOT_SOURCE/tests/fixtures/onebot12 (set by ctest), else the source tree this test was built from.
inline std::filesystem::path fixture_dir() {
    if (auto const* source = std::getenv("QUNBOT_SOURCE"); source && *source)
        return std::filesystem::path(source) / "tests" / "fixtures" / "onebot12";
    return std::filesystem::path(QUNBOT_SOURCE_DIR) / "tests" / "fixtures" / "onebot12";
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
inline std::string const self = "wxid_bot001";
inline std::string const group = "20001234567@chatroom";

/// A string id, as every v12 id is.
inline bot::id s(std::string v) { return bot::id(std::move(v)); }

/// Decodes fixture `name`, requires an event of type T from the fixtures' account, and returns it.
template <typename T>
T payload(std::string const& name, bool own = false) {
    auto d = adapters::onebot12::decode_text(fixture_text(name));
    INFO(name << ": " << d.reason);
    REQUIRE(d.is(adapters::onebot12::decoded::kind::event));
    REQUIRE(d.event->is<T>());
    CHECK(d.event->platform == "wechat");
    CHECK(d.event->self_id == s(self));
    CHECK(d.self == adapters::onebot12::self_ref{"wechat", s(self)});
    CHECK(d.own == own);
    CHECK_FALSE(d.event_id.empty());
    return *d.event->as<T>();
}

}  // namespace testing::onebot12
