#pragma once
/// TAB completion for the sandbox's input line: the words a line can start with (":as", "/ping")
/// and the words that may follow them (":as bob", "/antiad rule add").

#include <string>
#include <string_view>
#include <vector>

namespace adapters::console {

/// Something the sandbox understands, as words: {":as", "bob"}, {"/antiad", "rule", "add"}.
using phrase = std::vector<std::string>;

/// What TAB does: text to insert at the cursor, and the candidates when more than one fits.
struct completion {
    std::string insert;
    std::vector<std::string> matches;  ///< sorted, without duplicates; empty when exactly one fitted
};

/// Completes the last word of `before_cursor` among the words that follow its earlier words in
/// `phrases`. One candidate is inserted whole with a space after it; several insert what they share.
completion complete(std::vector<phrase> const& phrases, std::string_view before_cursor);

}  // namespace adapters::console
