#pragma once
/// Checks that a reply a group reads is in the bot's language.

#include <string>

namespace testing {

/// Whether `text` has an English word in it: three or more ASCII letters in a row. Setting and
/// text keys (which contain '.' or '_') and the values an admin types are not words.
inline bool has_english_word(std::string const& text) {
    std::string word;
    auto english = [&] {
        if (word.find_first_of("._") != std::string::npos) return false;
        return word.size() >= 3;
    };
    for (char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '_') {
            word += c;
            continue;
        }
        if (english()) return true;
        word.clear();
    }
    return english();
}

}  // namespace testing
