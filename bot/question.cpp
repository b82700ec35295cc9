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

/// The length of a sentence end (. ! ? 。！？ or a line break) at `at`, 0 when there is none.
std::size_t sentence_end_at(std::string_view text, std::size_t at) {
    auto c = text[at];
    if (c == '.' || c == '!' || c == '?' || c == '\n') return 1;
    auto rest = text.substr(at);
    for (std::string_view end : {"。", "！", "？"})
        if (rest.starts_with(end)) return end.size();
    return 0;
}

/// One of the ASCII `words` at a sentence start (the beginning, or after a sentence end and any
/// spaces), followed by a space. One pass over the text, whatever the number of words.
bool ascii_word_opens_sentence(std::string_view text, std::span<std::string const> words) {
    bool start = true;
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        if (start && std::isalpha(c)) {
            for (auto const& w : words) {
                if (w.empty() || !ascii_phrase(w) || !iequals_prefix(text.substr(i), w)) continue;
                auto after = i + w.size();
                if (after < text.size() && text[after] == ' ') return true;
            }
        }
        if (c == ' ') {
            ++i;  // spaces keep a sentence start
            continue;
        }
        auto end = sentence_end_at(text, i);
        start = end > 0;
        i += end > 0 ? end : 1;
    }
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
    for (auto const& w : words)
        if (!w.empty() && !ascii_phrase(w) && text.find(w) != std::string_view::npos) return true;
    return ascii_word_opens_sentence(text, words);
}

}  // namespace bot
