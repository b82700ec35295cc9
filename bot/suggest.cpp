#include "bot/suggest.hpp"

#include <algorithm>

#include "bot/utf8.hpp"

namespace bot {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            auto above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::vector<std::string> nearest(std::string_view typed, std::vector<std::string> const& known, std::size_t limit) {
    auto word = lower_ascii(trim(typed));
    if (word.empty()) return {};
    auto dot = word.rfind('.');
    auto tail = dot == std::string::npos ? std::string_view(word) : std::string_view(word).substr(dot + 1);
    auto allowed = std::max<std::size_t>(2, word.size() / 3);
    std::vector<std::pair<std::size_t, std::string const*>> scored;
    for (auto const& k : known) {
        auto candidate = lower_ascii(k);
        auto d = edit_distance(word, candidate);
        // A part typed alone ("welcome", "verify_ask") ranks just behind a near typo.
        bool contains = candidate.find(word) != std::string::npos ||
                        (tail.size() >= 3 && candidate.find(tail) != std::string::npos);
        if (d <= allowed) scored.emplace_back(d, &k);
        else if (contains) scored.emplace_back(allowed + 1 + d, &k);
    }
    std::stable_sort(scored.begin(), scored.end(), [](auto const& x, auto const& y) { return x.first < y.first; });
    std::vector<std::string> out;
    for (auto const& [_, k] : scored) {
        if (out.size() >= limit) break;
        out.push_back(*k);
    }
    return out;
}

}  // namespace bot
