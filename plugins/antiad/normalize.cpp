#include "plugins/antiad/normalize.hpp"
#include "bot/utf8.hpp"

#include <array>

namespace plugins::antiad {

namespace {

/// What one code point becomes: kept as up to two code points, a space, URL punctuation, or nothing.
enum class cls : std::uint8_t { keep, space, punct, drop };

struct fold {
    cls kind = cls::keep;
    char32_t a = 0;
    char32_t b = 0;  ///< a second code point ("⑩" → "10"), or 0
};

char32_t decode(std::string_view s, std::size_t& i) { return bot::next_code_point(s, i); }

fold number(int n) {
    if (n < 10) return {cls::keep, static_cast<char32_t>('0' + n), 0};
    return {cls::keep, static_cast<char32_t>('0' + n / 10), static_cast<char32_t>('0' + n % 10)};
}

fold letter(int index) {
    return {cls::keep, static_cast<char32_t>('a' + index), 0};
}

fold ascii(char32_t c) {
    if (c >= 'A' && c <= 'Z') return {cls::keep, c + 32, 0};
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return {cls::keep, c, 0};
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return {cls::space, ' ', 0};
    if (c < 0x20 || c == 0x7F) return {cls::drop, 0, 0};
    return {cls::punct, c, 0};
}

/// Latin-1 letters with accents, by code point from U+00C0, folded to their base letter ('*' drops).
constexpr std::string_view latin1 = "aaaaaaaceeeeiiiidnooooo*ouuuuytsaaaaaaaceeeeiiiidnooooo*ouuuuyty";

/// Cyrillic and Greek letters that look like Latin ones.
constexpr std::array<std::pair<char32_t, char>, 46> lookalikes{{
    {0x0430, 'a'}, {0x0435, 'e'}, {0x043E, 'o'}, {0x0440, 'p'}, {0x0441, 'c'}, {0x0443, 'y'}, {0x0445, 'x'},
    {0x0456, 'i'}, {0x0458, 'j'}, {0x0455, 's'}, {0x043A, 'k'}, {0x043C, 'm'}, {0x0442, 't'}, {0x0410, 'a'},
    {0x0412, 'b'}, {0x0415, 'e'}, {0x041A, 'k'}, {0x041C, 'm'}, {0x041D, 'h'}, {0x041E, 'o'}, {0x0420, 'p'},
    {0x0421, 'c'}, {0x0422, 't'}, {0x0425, 'x'}, {0x0423, 'y'}, {0x0475, 'v'}, {0x0474, 'v'}, {0x03B1, 'a'},
    {0x03BF, 'o'}, {0x03BD, 'v'}, {0x03C1, 'p'}, {0x03C5, 'u'}, {0x03C7, 'x'}, {0x03B9, 'i'}, {0x03BA, 'k'},
    {0x0391, 'a'}, {0x0392, 'b'}, {0x0395, 'e'}, {0x0397, 'h'}, {0x039A, 'k'}, {0x039C, 'm'}, {0x039D, 'n'},
    {0x039F, 'o'}, {0x03A1, 'p'}, {0x03A4, 't'}, {0x03A7, 'x'},
}};

bool is_heart(char32_t c) {
    return c == 0x2764 || c == 0x2665 || c == 0x2661 || (c >= 0x1F493 && c <= 0x1F49F) || c == 0x1F9E1 ||
           c == 0x1F90D || c == 0x1F90E || c == 0x1F5A4;
}

fold classify(char32_t c) {
    if (c < 0x80) return ascii(c);
    // Full-width ASCII and the ideographic space.
    if (c >= 0xFF01 && c <= 0xFF5E) return ascii(c - 0xFEE0);
    if (c == 0x3000 || c == 0x00A0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x2028 ||
        c == 0x2029)
        return {cls::space, ' ', 0};
    // Invisible: zero-width, joiners, direction marks, variation selectors, combining marks, tags, skin tones.
    if (c == 0x00AD || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) ||
        c == 0xFEFF || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x20D0 && c <= 0x20FF) || (c >= 0x0300 && c <= 0x036F) ||
        (c >= 0xE0000 && c <= 0xE01EF) || (c >= 0x1F3FB && c <= 0x1F3FF) || c == 0x180E || c == 0x034F)
        return {cls::drop, 0, 0};
    if (c >= 0x00C0 && c <= 0x00FF) {
        char l = latin1[c - 0xC0];
        return l == '*' ? fold{cls::punct, ' ', 0} : fold{cls::keep, static_cast<char32_t>(l), 0};
    }
    if (c == 0x00B9) return number(1);
    if (c == 0x00B2 || c == 0x00B3) return number(static_cast<int>(c - 0x00B0));
    if (c == 0x00B7 || c == 0x2022 || c == 0x30FB || c == 0x2024 || c == 0xFF61 || c == 0x3002 || c == 0x2027)
        return {cls::punct, '.', 0};
    for (auto [from, to] : lookalikes)
        if (c == from) return {cls::keep, static_cast<char32_t>(to), 0};
    // Enclosed and styled digits.
    if (c >= 0x2460 && c <= 0x2473) return number(static_cast<int>(c - 0x2460) + 1);
    if (c >= 0x2474 && c <= 0x2487) return number(static_cast<int>(c - 0x2474) + 1);
    if (c >= 0x2488 && c <= 0x249B) return number(static_cast<int>(c - 0x2488) + 1);
    if (c == 0x24EA || c == 0x24FF || c == 0x2070 || c == 0x2080 || c == 0x1F100) return number(0);
    if (c >= 0x24EB && c <= 0x24F4) return number(static_cast<int>(c - 0x24EB) + 11);
    if (c >= 0x24F5 && c <= 0x24FE) return number(static_cast<int>(c - 0x24F5) + 1);
    if (c >= 0x2776 && c <= 0x277F) return number(static_cast<int>(c - 0x2776) + 1);
    if (c >= 0x2780 && c <= 0x2789) return number(static_cast<int>(c - 0x2780) + 1);
    if (c >= 0x278A && c <= 0x2793) return number(static_cast<int>(c - 0x278A) + 1);
    if (c >= 0x3220 && c <= 0x3229) return number(static_cast<int>(c - 0x3220) + 1);
    if (c >= 0x3280 && c <= 0x3289) return number(static_cast<int>(c - 0x3280) + 1);
    if (c >= 0x2074 && c <= 0x2079) return number(static_cast<int>(c - 0x2070));
    if (c >= 0x2081 && c <= 0x2089) return number(static_cast<int>(c - 0x2080));
    if (c >= 0x1D7CE && c <= 0x1D7FF) return number(static_cast<int>(c - 0x1D7CE) % 10);
    if (c >= 0x1FBF0 && c <= 0x1FBF9) return number(static_cast<int>(c - 0x1FBF0));
    // Enclosed, styled and look-alike letters.
    if (c >= 0x24B6 && c <= 0x24CF) return letter(static_cast<int>(c - 0x24B6));
    if (c >= 0x24D0 && c <= 0x24E9) return letter(static_cast<int>(c - 0x24D0));
    if (c >= 0x249C && c <= 0x24B5) return letter(static_cast<int>(c - 0x249C));
    if (c >= 0x1F130 && c <= 0x1F149) return letter(static_cast<int>(c - 0x1F130));
    if (c >= 0x1F150 && c <= 0x1F169) return letter(static_cast<int>(c - 0x1F150));
    if (c >= 0x1F170 && c <= 0x1F189) return letter(static_cast<int>(c - 0x1F170));
    if (c >= 0x1F1E6 && c <= 0x1F1FF) return letter(static_cast<int>(c - 0x1F1E6));
    if (c >= 0x1D400 && c <= 0x1D6A3) return letter(static_cast<int>(c - 0x1D400) % 52 % 26);
    if (c == 0x028B || c == 0x1D20 || c == 0x2174 || c == 0x2164 || c == 0x1D5B) return {cls::keep, 'v', 0};
    if (c == 0x2179 || c == 0x2169) return {cls::keep, 'x', 0};
    if (c == 0x2795 || c == 0x271A || c == 0x2719 || c == 0xFE62) return {cls::punct, '+', 0};
    // A heart stands in for 信 in "微❤"; elsewhere the fold is harmless.
    if (is_heart(c)) return {cls::keep, U'信', 0};
    // Emoji, dingbats, arrows, shapes and other symbols vanish.
    if ((c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2B00 && c <= 0x2BFF) ||
        (c >= 0x2190 && c <= 0x21FF) || (c >= 0x2300 && c <= 0x23FF) || (c >= 0x25A0 && c <= 0x25FF) ||
        (c >= 0x2500 && c <= 0x257F) || c == 0x3030 || c == 0x303D || c == 0x3297 || c == 0x3299 || c == 0xFFFD)
        return {cls::drop, 0, 0};
    // General and CJK punctuation.
    if ((c >= 0x2010 && c <= 0x205E) || (c >= 0x3001 && c <= 0x303F && c != 0x3007 && c != 0x3005) ||
        (c >= 0xFF5F && c <= 0xFF65) || (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0x00A1 && c <= 0x00BF))
        return {cls::punct, ' ', 0};
    // Characters that stand in for 微 and 群.
    if (c == U'薇' || c == U'威' || c == U'徽' || c == U'溦' || c == U'嶶') return {cls::keep, U'微', 0};
    if (c == U'裙') return {cls::keep, U'群', 0};
    return {cls::keep, c, 0};
}

/// Chinese numerals, ordinary and financial, by value.
constexpr std::array<std::u32string_view, 10> cn_numerals{U"零〇", U"一壹幺", U"二贰两", U"三叁", U"四肆",
                                                          U"五伍", U"六陆",   U"七柒",   U"八捌", U"九玖"};

int cn_digit(char32_t c) {
    if (c < 0x3007) return -1;
    for (std::size_t v = 0; v < cn_numerals.size(); ++v)
        if (cn_numerals[v].find(c) != std::u32string_view::npos) return static_cast<int>(v);
    return -1;
}

bool is_digit(char32_t c) {
    return c >= '0' && c <= '9';
}
bool is_alnum(char32_t c) {
    return is_digit(c) || (c >= 'a' && c <= 'z');
}

/// Chinese numerals become digits only inside a run of five or more numerals, where they spell a
/// contact number ("一三八…"); "一二个人" stays as it is.
void fold_numerals(std::u32string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (!is_digit(s[i]) && cn_digit(s[i]) < 0) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < s.size() && (is_digit(s[j]) || cn_digit(s[j]) >= 0)) ++j;
        if (j - i >= 5)
            for (std::size_t k = i; k < j; ++k)
                if (!is_digit(s[k])) s[k] = static_cast<char32_t>('0' + cn_digit(s[k]));
        i = j;
    }
}

struct phrase {
    std::u32string_view from;
    std::u32string_view to;  ///< never longer than `from`, so the pass runs in place
};

/// Homophones and split characters spammers write for 微信, QQ and 群.
constexpr std::array<phrase, 21> phrases_first{{
    {U"vx", U"微信"},   {U"wx", U"微信"},   {U"v信", U"微信"},  {U"v芯", U"微信"},  {U"v心", U"微信"},
    {U"微芯", U"微信"}, {U"微心", U"微信"}, {U"维信", U"微信"}, {U"卫信", U"微信"}, {U"危信", U"微信"},
    {U"喂信", U"微信"}, {U"魏信", U"微信"}, {U"胃信", U"微信"}, {U"扣扣", U"qq"},   {U"抠抠", U"qq"},
    {U"口口", U"qq"},   {U"蔻蔻", U"qq"},   {U"寇寇", U"qq"},   {U"企鹅", U"qq"},   {U"君羊", U"群"},
    {U"扣群", U"q群"},
}};
/// After the first pass: "加v" / "+v" / "加微" are the same pitch.
constexpr std::array<phrase, 3> phrases_second{{
    {U"加v", U"加微"},
    {U"加扣", U"加q"},
    {U"qqq", U"qq"},
}};

template <std::size_t N>
void fold_phrases(std::u32string& s, std::array<phrase, N> const& table) {
    std::size_t out = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        bool hit = false;
        for (auto const& p : table) {
            if (p.from.size() <= s.size() - i && std::u32string_view(s).substr(i, p.from.size()) == p.from) {
                for (auto ch : p.to) s[out++] = ch;
                i += p.from.size();
                hit = true;
                break;
            }
        }
        if (!hit) s[out++] = s[i++];
    }
    s.resize(out);
}

void encode(std::u32string const& in, std::string& out) {
    out.clear();
    for (auto c : in) append_utf8(out, c);
}

bool is_link_punct(char32_t c) {
    switch (c) {
        case '.':
        case ':':
        case '/':
        case '@':
        case '-':
        case '_':
        case '?':
        case '=':
        case '&':
        case '%':
        case '#':
        case '~':
        case '+':
            return true;
        default:
            return false;
    }
}

bool is_bracket(char32_t c) {
    return c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}';
}

/// "(dot)", "[.]", " dot " between letters become a plain dot in the link view.
void fold_dots(std::u32string& s) {
    static constexpr std::array<std::u32string_view, 6> spellings{U"(dot)", U"[dot]", U"(.)", U"[.]", U"{.}", U" dot "};
    std::size_t out = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        bool hit = false;
        if (out > 0 && is_alnum(s[out - 1])) {
            for (auto sp : spellings) {
                if (sp.size() < s.size() - i && std::u32string_view(s).substr(i, sp.size()) == sp &&
                    is_alnum(s[i + sp.size()])) {
                    s[out++] = '.';
                    i += sp.size();
                    hit = true;
                    break;
                }
            }
        }
        if (!hit) s[out++] = s[i++];
    }
    s.resize(out);
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

void normalize(std::string_view text, normalized& out) {
    auto& cs = out.scratch_compact;
    auto& ls = out.scratch_link;
    cs.clear();
    ls.clear();
    bool needs_phrases = false;
    bool needs_dots = false;
    auto link_space = [&] {
        if (!ls.empty() && ls.back() != ' ' && ls.back() != '.') ls.push_back(' ');
    };
    for (std::size_t i = 0; i < text.size();) {
        auto f = classify(decode(text, i));
        switch (f.kind) {
            case cls::drop:
                break;
            case cls::space:
                link_space();
                break;
            case cls::punct:
                if (f.a == '+') cs.push_back(U'加');
                if (f.a == '.') {
                    while (!ls.empty() && ls.back() == ' ') ls.pop_back();
                    ls.push_back('.');
                } else if (is_link_punct(f.a) || is_bracket(f.a)) {
                    ls.push_back(f.a);
                    needs_dots = needs_dots || is_bracket(f.a);
                } else {
                    link_space();
                }
                break;
            case cls::keep: {
                // 点 between letters in the link view is a dot ("www点abc点com").
                bool dot_word = false;
                if (f.a == U'点') {
                    auto k = ls.size();
                    while (k > 0 && ls[k - 1] == ' ') --k;
                    dot_word = k > 0 && is_alnum(ls[k - 1]);
                    if (dot_word) ls.resize(k);
                }
                if (dot_word) {
                    ls.push_back('.');
                } else {
                    ls.push_back(f.a);
                    if (f.b) ls.push_back(f.b);
                }
                cs.push_back(f.a);
                if (f.b) cs.push_back(f.b);
                needs_phrases = needs_phrases || f.a >= 0x80 || f.a == 'v' || f.a == 'w' || f.a == 'q';
                needs_dots = needs_dots || f.a == 'd';
                break;
            }
        }
    }
    while (!ls.empty() && ls.back() == ' ') ls.pop_back();
    fold_numerals(cs);
    if (needs_phrases) {
        fold_phrases(cs, phrases_first);
        fold_phrases(cs, phrases_second);
    }
    if (needs_dots) fold_dots(ls);

    out.dotted = false;
    for (std::size_t k = 0; k < ls.size(); ++k) {
        if (ls[k] == '.' && k > 0 && k + 1 < ls.size() && is_alnum(ls[k - 1]) && ls[k + 1] >= 'a' && ls[k + 1] <= 'z') {
            out.dotted = true;
            break;
        }
        if (ls[k] == ':' && k + 2 < ls.size() && ls[k + 1] == '/' && ls[k + 2] == '/') {
            out.dotted = true;
            break;
        }
    }
    out.longest_digits = 0;
    std::size_t run = 0;
    for (auto c : cs) {
        run = is_digit(c) ? run + 1 : 0;
        if (run > out.longest_digits) out.longest_digits = run;
    }
    encode(cs, out.compact);
    encode(ls, out.linkish);
}

std::string normalize_compact(std::string_view text) {
    normalized n;
    normalize(text, n);
    return n.compact;
}

}  // namespace plugins::antiad
