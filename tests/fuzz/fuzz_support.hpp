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

/// True when the JSON text nests arrays and objects at most `limit` deep, brackets inside strings
/// not counted. nlohmann's dump and our decoders recurse, so a frame nested thousands deep overflows
/// the stack; the adapters are to refuse such frames before parsing, and the targets do the same.
// TODO: use adapters::net frame parser's depth check once it is on this branch.
inline bool nesting_within(std::string_view text, int limit) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;  // the escaped character cannot end the string
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return false;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}

}  // namespace fuzz
