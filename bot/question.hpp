#pragma once
/// Whether a chat message asks something: one rule for every plugin that counts or collects
/// questions (group health statistics, the Q&A digest), so their figures agree.

#include <span>
#include <string>
#include <string_view>

namespace bot {

/// The words that mark a question when no plugin configures its own: Chinese markers anywhere in
/// the text (请问, 怎么, 有没有, ...) and English question words at the start of a sentence.
std::span<std::string const> default_question_words();

/// True when `text` asks something:
/// - a question mark (`?` or `？`) that ends a sentence, not one inside a link (`a.php?id=1`), or
/// - one of `words` where it counts: a word of ASCII letters only at the start of the message or of
///   a sentence, followed by a space ("how do I ..."), case-insensitive; any other word anywhere
///   ("请问", "有没有"), or
/// - a sentence ending in the particle 吗 (optionally followed by punctuation).
/// Empty `words` means default_question_words(). Commands (text starting with '/') never ask.
bool looks_like_question(std::string_view text, std::span<std::string const> words = {});

}  // namespace bot
