#include "bot/question.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace bot {

namespace {

/// A word of ASCII letters and spaces ("how", "is there"): matched at a sentence start only.
bool ascii_phrase(std::string_view w) {
    return !w.empty() && std::isalpha(static_cast<unsigned char>(w.front())) &&
           std::all_of(w.begin(), w.end(), [](char c) { return c == ' ' || std::isalpha(static_cast<unsigned char>(c)); });
}

bool iequals_prefix(std::string_view text, std::string_view word) {
    if (text.size() < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(word[i])))
            return false;
    return true;
}

/// Where sentences start: the beginning and after . ! ? 。！？ and a line break (then spaces).
bool sentence_start(std::string_view text, std::size_t at) {
    auto i = at;
    while (i > 0 && text[i - 1] == ' ') --i;
    if (i == 0) return true;
    auto before = text.substr(0, i);
    for (std::string_view end : {".", "!", "?", "\n", "。", "！", "？"})
        if (before.ends_with(end)) return true;
    return false;
}

bool has_question_mark(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.substr(i).starts_with("？")) return true;
        if (text[i] != '?') continue;
        // In a link or a query string the next character is part of a word: "a.php?id=1".
        if (i + 1 < text.size()) {
            auto next = static_cast<unsigned char>(text[i + 1]);
            if (std::isalnum(next) || next == '=' || next == '&' || next == '_' || next == '%') continue;
        }
        if (i > 0 && text[i - 1] == '/') continue;  // "/?" in a link
        return true;
    }
    return false;
}

bool ends_with_ma(std::string_view text) {
    // Trailing punctuation and spaces do not matter: "好了吗。" and "好了吗~" ask too.
    while (!text.empty()) {
        auto trimmed = text;
        for (std::string_view tail : {" ", "~", ".", "!", "。", "！", "～", "…"})
            if (trimmed.ends_with(tail)) {
                trimmed.remove_suffix(tail.size());
                break;
            }
        if (trimmed.size() == text.size()) break;
        text = trimmed;
    }
    return text.ends_with("吗");
}

}  // namespace

std::span<std::string const> default_question_words() {
    static std::array<std::string, 24> const words{
        "请问", "怎么", "有没有", "如何", "为什么", "为啥", "能不能", "可不可以", "是不是", "哪里", "哪个", "什么时候",
        "求助", "how", "what", "why", "where", "when", "which", "who", "can", "does", "is there", "anyone"};
    return words;
}

bool looks_like_question(std::string_view text, std::span<std::string const> words) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\n')) text.remove_prefix(1);
    if (text.empty() || text.front() == '/') return false;
    if (has_question_mark(text) || ends_with_ma(text)) return true;
    if (words.empty()) words = default_question_words();
    for (auto const& w : words) {
        if (w.empty()) continue;
        if (!ascii_phrase(w)) {
            if (text.find(w) != std::string_view::npos) return true;
            continue;
        }
        for (std::size_t at = 0; at + w.size() <= text.size(); ++at) {
            if (!sentence_start(text, at) || !iequals_prefix(text.substr(at), w)) continue;
            auto after = at + w.size();
            if (after < text.size() && text[after] == ' ') return true;
        }
    }
    return false;
}

}  // namespace bot
