#include "plugins/antiad/explain.hpp"

#include <vector>

#include "bot/display.hpp"
#include "bot/utf8.hpp"

namespace plugins::antiad {

namespace {

bool digit(char32_t c) {
    return (c >= U'0' && c <= U'9') || (c >= 0xFF10 && c <= 0xFF19);
}

/// How many digits stay visible at each end of a run of `n`.
std::size_t kept(std::size_t n, bool front) {
    if (n >= 11) return front ? 3 : 4;
    if (n >= 7) return 2;
    return 1;
}

}  // namespace

std::string mask_numbers(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::vector<std::string_view> run;  // the digits of the current run, each as its bytes
    auto flush = [&] {
        if (run.size() < 5) {
            for (auto d : run) out += d;
        } else {
            auto front = kept(run.size(), true);
            auto back = kept(run.size(), false);
            for (std::size_t k = 0; k < front; ++k) out += run[k];
            out += "****";
            for (std::size_t k = run.size() - back; k < run.size(); ++k) out += run[k];
        }
        run.clear();
    };
    std::size_t group = 0;  // digits since the last separator
    auto ascii_digits = [&](std::size_t at, std::size_t n) {
        for (std::size_t k = 0; k < n; ++k)
            if (at + k >= s.size() || s[at + k] < '0' || s[at + k] > '9') return false;
        return true;
    };
    for (std::size_t i = 0; i < s.size();) {
        auto start = i;
        auto c = bot::next_code_point(s, i);
        if (digit(c)) {
            run.push_back(s.substr(start, i - start));
            ++group;
            continue;
        }
        // "138 0000 0000", "138-0000-0000": groups of three or more digits apart are one number.
        if ((c == ' ' || c == '-') && group >= 3 && ascii_digits(i, 3)) {
            group = 0;
            continue;
        }
        group = 0;
        flush();
        out += s.substr(start, i - start);
    }
    flush();
    return out;
}

std::string shown_text(std::string_view s, std::size_t limit) {
    return bot::shorten(mask_numbers(bot::one_line(s)), limit);
}

}  // namespace plugins::antiad
