#include "adapters/console/completion.hpp"

#include <algorithm>

namespace adapters::console {

namespace {

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        auto end = text.find(' ', i);
        if (end == std::string_view::npos) end = text.size();
        if (end > i) words.emplace_back(text.substr(i, end - i));
        i = end;
    }
    return words;
}

/// The longest common start of the words, never ending inside a UTF-8 character.
std::string shared_start(std::vector<std::string> const& words) {
    std::string start = words.front();
    for (auto const& w : words) {
        auto [a, b] = std::mismatch(start.begin(), start.end(), w.begin(), w.end());
        start.erase(a, start.end());
    }
    auto const& first = words.front();
    auto n = start.size();
    while (n > 0 && n < first.size() && (static_cast<unsigned char>(first[n]) & 0xC0) == 0x80) --n;
    start.resize(n);
    return start;
}

}  // namespace

completion complete(std::vector<phrase> const& phrases, std::string_view before_cursor) {
    auto earlier = split_words(before_cursor);
    std::string current;
    if (!before_cursor.empty() && before_cursor.back() != ' ' && !earlier.empty()) {
        current = earlier.back();
        earlier.pop_back();
    }
    std::vector<std::string> fits;
    for (auto const& p : phrases) {
        if (p.size() <= earlier.size() || !std::equal(earlier.begin(), earlier.end(), p.begin())) continue;
        auto const& next = p[earlier.size()];
        if (next.starts_with(current)) fits.push_back(next);
    }
    std::sort(fits.begin(), fits.end());
    fits.erase(std::unique(fits.begin(), fits.end()), fits.end());
    completion c;
    if (fits.size() == 1) {
        c.insert = fits.front().substr(current.size()) + " ";
    } else if (!fits.empty()) {
        c.insert = shared_start(fits).substr(current.size());
        c.matches = std::move(fits);
    }
    return c;
}

}  // namespace adapters::console
