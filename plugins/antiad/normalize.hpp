#pragma once
/// Text normalisation before matching: one linear pass folds the variants spammers use (full-width
/// letters, circled digits, homoglyphs, 薇信/V信/vx, separators and emoji between letters) so that a
/// rule written once catches them all.

#include <string>
#include <string_view>

namespace plugins::antiad {

/// The folded views of one text. Buffers are reused between calls, so a long-lived `normalized`
/// costs no allocation on ordinary short messages.
struct normalized {
    /// Letters, digits and CJK only, folded: "加 V ❤ : a_b-c 123" → "加微abc123". CJK keywords and
    /// pitch words match this (Chinese has no spaces between words, and spammers insert symbols).
    std::string compact;
    /// Folded like `compact` but keeping word boundaries (single spaces) and link punctuation
    /// (`. : / @ - _ + ( )` ...). A word spelled out letter by letter ("h t t p s", "v x") is joined,
    /// dots written as "点", "(dot)", "[.]" or with spaces around them become '.', and five or more
    /// pinyin or English digit names become digits. Contacts, Latin words and links match this.
    std::string spaced;
    /// A domain-like "x.y" or a "://" appears in `spaced`.
    bool dotted = false;
    /// A dot was spelled out or spaced out ("abc 点 com", "www . x . com").
    bool spelled_dots = false;
    /// A Latin letter, and a character beyond ASCII, were kept: which word lists can match at all.
    bool latin = false;
    bool wide = false;
    /// An invisible character or an emoji was hidden inside a word ("刷\u200b单", "微🌸信").
    bool obfuscated = false;
    /// The longest run of digits in `compact` or in `spaced` (where digit names became digits).
    std::size_t longest_digits = 0;

    /// Scratch space for the pass (kept to avoid re-allocating).
    std::u32string scratch_compact;
    std::u32string scratch_spaced;
};

/// Normalises `text` into `out` (overwriting it).
void normalize(std::string_view text, normalized& out);

/// Convenience: the compact view of `text`, for normalising keywords and rules once.
std::string normalize_compact(std::string_view text);

}  // namespace plugins::antiad
