#pragma once
/// "Did you mean": the known names nearest to a mistyped one.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bot {

/// Edit distance between `a` and `b` (insertions, deletions, substitutions; bytes).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Up to `limit` of `known` that `typed` is likely a typo or a part of, nearest first: those within
/// a third of the length in edits, and those containing `typed` or its last dotted part.
/// Case is ignored. Empty when nothing is close.
std::vector<std::string> nearest(std::string_view typed, std::vector<std::string> const& known, std::size_t limit = 5);

}  // namespace bot
