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
    /// Letters, digits and CJK only, folded: "加 V ❤ : a_b-c 123" → "加微abc123". Keyword and
    /// contact rules match this.
    std::string compact;
    /// Folded like `compact` but keeping URL punctuation and single spaces; spaces around dots are
    /// dropped and 。/点/(dot) between letters become '.'. Link rules match this.
    std::string linkish;
    /// A domain-like "x.y" appears in `linkish`.
    bool dotted = false;
    /// The longest run of digits in `compact`.
    std::size_t longest_digits = 0;

    /// Scratch space for the pass (kept to avoid re-allocating).
    std::u32string scratch_compact;
    std::u32string scratch_link;
};

/// Normalises `text` into `out` (overwriting it).
void normalize(std::string_view text, normalized& out);

/// Convenience: the compact view of `text`, for normalising keywords and rules once.
std::string normalize_compact(std::string_view text);

/// Appends the UTF-8 encoding of a code point.
void append_utf8(std::string& out, char32_t cp);

}  // namespace plugins::antiad
