#pragma once
/// What the fuzz targets share: the input as text, a property check, and the JSON depth pre-check.

#include <spdlog/spdlog.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz {

/// The fuzzer's bytes as text; parsers take arbitrary bytes, not only UTF-8.
inline std::string_view as_text(std::uint8_t const* data, std::size_t size) {
    return {reinterpret_cast<char const*>(data), size};
}

/// Stops the run when a property does not hold; libFuzzer then saves the input as a crash.
inline void require(bool ok, char const* property, std::string_view detail = {}) {
    if (ok) return;
    std::fprintf(stderr, "fuzz: property violated: %s [%.*s]\n", property, static_cast<int>(detail.size()),
                 detail.data());
    std::abort();
}

/// Silences logging once per process: decoders warn about every malformed frame, and the fuzzer
/// makes millions of them.
inline void quiet() {
    spdlog::set_level(spdlog::level::off);
}

/// A message's outline for round-trip checks: "text:" and the text for each run of text, "code" for
/// anything else. Runs of text are joined because bot::message and CQ strings merge adjacent text.
class outline {
public:
    void text(std::string_view t) {
        if (t.empty()) return;
        if (!parts_.empty() && parts_.back().starts_with("text:"))
            parts_.back() += t;
        else
            parts_.push_back("text:" + std::string(t));
    }
    void code() { parts_.emplace_back("code"); }
    friend bool operator==(outline const&, outline const&) = default;

private:
    std::vector<std::string> parts_;
};


}  // namespace fuzz
