#include "plugins/antiad/normalize.hpp"
#include "bot/utf8.hpp"

#include <algorithm>
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

/// Latin Extended-A (U+0100..U+017F) and the pinyin letters U+01CD..U+01DC, folded the same way.
constexpr std::string_view latin_ext_a =
    "aaaaaaccccccccdd**eeeeeeeeeegggggggghh**iiiiiiiii*iijjkk*llllllll**nnnnnn***oooooo**rrrrrrsssssssstttt**"
    "uuuuuuuuuuuuwwyyyzzzzzzs";
constexpr std::string_view pinyin_tones = "aaiioouuuuuuuuuu";

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

fold classify(char32_t c) {
    if (c < 0x80) return ascii(c);
    // Most of a Chinese text: CJK ideographs, kept as they are but for a few stand-ins.
    if (c >= 0x4E00 && c <= 0x9FFF) {
        if (c == U'薇' || c == U'威' || c == U'徽' || c == U'溦' || c == U'嶶') return {cls::keep, U'微', 0};
        if (c == U'裙') return {cls::keep, U'群', 0};
        if (c == U'點') return {cls::keep, U'点', 0};
        return {cls::keep, c, 0};
    }
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
    // Latin Extended-A and the pinyin tone letters: "wēi xìn" reads as "wei xin".
    if (c >= 0x0100 && c <= 0x017F) {
        char l = latin_ext_a[c - 0x0100];
        return l == '*' ? fold{cls::punct, ' ', 0} : fold{cls::keep, static_cast<char32_t>(l), 0};
    }
    if (c >= 0x01CD && c <= 0x01DC) return {cls::keep, static_cast<char32_t>(pinyin_tones[c - 0x01CD]), 0};
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
    // A plane stands for Telegram (飞机), whatever its style.
    if (c == 0x2708 || c == 0x1F6E9 || c == 0x1F6EB || c == 0x1F6EC) return {cls::keep, U'飞', U'机'};
    if (c == U'點') return {cls::keep, U'点', 0};
    // The penguin is QQ's mascot: "🐧：12345678".
    if (c == 0x1F427) return {cls::keep, 'q', 'q'};
    // Emoji, hearts, dingbats, arrows, shapes and other symbols vanish: "兼❤职" is 兼职.
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
int cn_digit(char32_t c) {
    if (c < 0x3007) return -1;
    switch (c) {
        case U'零': case U'〇': return 0;
        case U'一': case U'壹': case U'幺': return 1;
        case U'二': case U'贰': case U'两': return 2;
        case U'三': case U'叁': return 3;
        case U'四': case U'肆': return 4;
        case U'五': case U'伍': return 5;
        case U'六': case U'陆': return 6;
        case U'七': case U'柒': return 7;
        case U'八': case U'捌': return 8;
        case U'九': case U'玖': return 9;
        default: return -1;
    }
}

bool is_digit(char32_t c) {
    return c >= '0' && c <= '9';
}
bool is_alnum(char32_t c) {
    return is_digit(c) || (c >= 'a' && c <= 'z');
}


bool is_space(char32_t c) {
    return c == ' ';
}

/// Chinese numerals become digits only inside a run of five or more numerals, where they spell a
/// contact number ("一三八…", "一 三 八 …"); "一二个人" stays as it is. Single spaces inside a run are
/// part of it.
void fold_numerals(std::u32string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        if (!is_digit(s[i]) && cn_digit(s[i]) < 0) {
            ++i;
            continue;
        }
        std::size_t j = i;
        std::size_t count = 0;
        while (j < s.size()) {
            if (is_digit(s[j]) || cn_digit(s[j]) >= 0) {
                ++count;
                ++j;
            } else if (is_space(s[j]) && j + 1 < s.size() && (is_digit(s[j + 1]) || cn_digit(s[j + 1]) >= 0)) {
                ++j;
            } else {
                break;
            }
        }
        if (count >= 5)
            for (std::size_t k = i; k < j; ++k)
                if (!is_digit(s[k]) && !is_space(s[k])) s[k] = static_cast<char32_t>('0' + cn_digit(s[k]));
        i = j;
    }
}

struct phrase {
    std::u32string_view from;
    std::u32string_view to;  ///< never longer than `from`, so the pass runs in place
};

/// Homophones and split characters spammers write for 微信, QQ and 群. Latin spellings ("vx", "wx")
/// are not folded here: inside words they are ordinary English ("xbox", "knew xiaoming"), so the
/// detector reads them as whole words in the spaced view.
constexpr std::array<phrase, 20> phrases_first{{
    {U"亻言", U"信"},   {U"v信", U"微信"},  {U"v芯", U"微信"},  {U"v心", U"微信"},  {U"微芯", U"微信"}, {U"微心", U"微信"},
    {U"维信", U"微信"}, {U"卫信", U"微信"}, {U"危信", U"微信"}, {U"喂信", U"微信"}, {U"魏信", U"微信"},
    {U"胃信", U"微信"}, {U"扣扣", U"qq"},   {U"抠抠", U"qq"},   {U"口口", U"qq"},   {U"蔻蔻", U"qq"},
    {U"寇寇", U"qq"},   {U"企鹅", U"qq"},   {U"君羊", U"群"},   {U"扣群", U"q群"},
}};
/// After the first pass: "加v" / "+v" / "加微" are the same pitch.
constexpr std::array<phrase, 3> phrases_second{{
    {U"加v", U"加微"},
    {U"加扣", U"加q"},
    {U"qqq", U"qq"},
}};

/// Whether a phrase of either table can start with `c` (most characters start none).
bool phrase_start(char32_t c) {
    switch (c) {
        case U'亻': case 'v': case U'微': case U'维': case U'卫': case U'危': case U'喂': case U'魏': case U'胃':
        case U'扣': case U'抠': case U'口': case U'蔻': case U'寇': case U'企': case U'君': case U'加': case 'q':
            return true;
        default:
            return false;
    }
}

template <std::size_t N>
void fold_phrases(std::u32string& s, std::array<phrase, N> const& table) {
    std::size_t out = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        if (!phrase_start(s[i])) {
            s[out++] = s[i++];
            continue;
        }
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
    // Written through a pointer into room for the longest encoding, then cut to size: no per-byte
    // push_back (this runs twice for every message).
    out.resize(in.size() * 4);
    char* p = out.data();
    for (auto cp : in) {
        if (cp < 0x80) {
            *p++ = static_cast<char>(cp);
        } else if (cp < 0x800) {
            *p++ = static_cast<char>(0xC0 | (cp >> 6));
            *p++ = static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            *p++ = static_cast<char>(0xE0 | (cp >> 12));
            *p++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            *p++ = static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            *p++ = static_cast<char>(0xF0 | (cp >> 18));
            *p++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            *p++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            *p++ = static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    out.resize(static_cast<std::size_t>(p - out.data()));
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
        case '(':
        case ')':
        case '[':
        case ']':
        case '{':
        case '}':
            return true;
        default:
            return false;
    }
}

/// "h t t p s : / / s h o p", "v x", "1 3 8 0": a run of two or more one-character ASCII tokens
/// (letters, digits, link punctuation) separated by single spaces is one token. Spelling a word out
/// letter by letter is an evasion; ordinary text does not produce such runs.
void merge_spelled(std::u32string& s) {
    std::size_t out = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] == ' ') {
            s[out++] = s[i++];
            continue;
        }
        std::size_t j = i;
        while (j < s.size() && s[j] != ' ') ++j;
        if (j == i + 1 && s[i] < 0x80) {
            std::size_t k = j;
            std::size_t count = 1;
            while (k + 1 < s.size() && s[k] == ' ' && s[k + 1] != ' ' && s[k + 1] < 0x80 &&
                   (k + 2 == s.size() || s[k + 2] == ' ')) {
                k += 2;
                ++count;
            }
            if (count >= 2) {
                for (std::size_t m = i; m < k; m += 2) s[out++] = s[m];
                i = k;
                continue;
            }
        }
        while (i < j) s[out++] = s[i++];
    }
    s.resize(out);
}

/// Dots written around spaces or spelled out: "www . abc . com", "abc 点 com", "abc(dot)com",
/// "abc[.]com". Returns true when one was folded (writing a dot that way is itself an evasion).
/// A dot attached to the word before it and followed by a space ("finished. Now") is a sentence end
/// and stays as it is.
bool fold_dots(std::u32string& s) {
    static constexpr std::array<std::u32string_view, 8> spellings{U"(dot)", U"[dot]", U"(.)", U"[.]",
                                                                   U"{.}",   U" dot ", U"(点)", U"[点]"};
    bool folded = false;
    std::size_t out = 0;
    std::size_t i = 0;
    auto prev_alnum = [&] {
        std::size_t k = out;
        while (k > 0 && s[k - 1] == ' ') --k;
        return k > 0 && is_alnum(s[k - 1]) ? k : std::size_t{0};
    };
    auto next_alnum = [&](std::size_t from) {
        while (from < s.size() && s[from] == ' ') ++from;
        return from < s.size() && is_alnum(s[from]) ? from : std::size_t{0};
    };
    while (i < s.size()) {
        bool hit = false;
        if (auto k = prev_alnum(); k > 0) {
            for (auto sp : spellings) {
                std::size_t at = i;
                if (sp.front() != ' ')
                    while (at < s.size() && s[at] == ' ') ++at;
                if (sp.size() <= s.size() - at && std::u32string_view(s).substr(at, sp.size()) == sp) {
                    auto n = next_alnum(at + sp.size() - (sp.back() == ' ' ? 1 : 0));
                    if (n > 0) {
                        out = k;
                        s[out++] = '.';
                        i = n;
                        hit = folded = true;
                        break;
                    }
                }
            }
            if (!hit && (s[i] == U'点' || (s[i] == ' ' && i + 1 < s.size() && (s[i + 1] == '.' || s[i + 1] == U'点')))) {
                std::size_t at = s[i] == ' ' ? i + 1 : i;
                auto n = next_alnum(at + 1);
                if (n > 0) {
                    out = k;
                    s[out++] = '.';
                    i = n;
                    hit = folded = true;
                }
            }
        }
        if (!hit) s[out++] = s[i++];
    }
    s.resize(out);
    return folded;
}

/// Pinyin and English digit names ("yao san ba ...", "one three eight ..."): five or more in a row
/// spell a number and become digits.
void fold_number_words(std::u32string& s) {
    static constexpr std::array<std::pair<std::u32string_view, char>, 23> words{{
        {U"ling", '0'}, {U"yi", '1'},    {U"yao", '1'},   {U"er", '2'},    {U"liang", '2'}, {U"san", '3'},
        {U"si", '4'},   {U"wu", '5'},    {U"liu", '6'},   {U"qi", '7'},    {U"ba", '8'},    {U"jiu", '9'},
        {U"zero", '0'}, {U"one", '1'},   {U"two", '2'},   {U"three", '3'}, {U"four", '4'},  {U"five", '5'},
        {U"six", '6'},  {U"seven", '7'}, {U"eight", '8'}, {U"nine", '9'},  {U"oh", '0'},
    }};
    auto digit_of = [&](std::size_t b, std::size_t e) -> char32_t {
        // Most words are no digit name: reject them by length and first letter before comparing.
        if (e - b < 2 || e - b > 5) return 0;
        switch (s[b]) {
            case 'b': case 'e': case 'f': case 'j': case 'l': case 'n': case 'o': case 'q': case 's': case 't':
            case 'w': case 'y': case 'z':
                break;
            default:
                return 0;
        }
        std::u32string_view w(s.data() + b, e - b);
        for (auto [name, d] : words)
            if (w == name) return static_cast<char32_t>(d);
        return 0;
    };
    auto sep = [](char32_t c) { return c == ' ' || c == '-'; };
    // A member of a run: a digit name, or digits already (up to four, "yao 3 九 ⓪ 二八 6 4 seven").
    auto digits_only = [&](std::size_t b, std::size_t e) {
        return e > b && e - b <= 4 && std::all_of(s.begin() + static_cast<std::ptrdiff_t>(b),
                                                  s.begin() + static_cast<std::ptrdiff_t>(e), is_digit);
    };
    auto member = [&](std::size_t b, std::size_t e) -> bool { return digits_only(b, e) || digit_of(b, e) != 0; };
    // In place: a run of five or more digit names (single digits may be mixed in, "1 three 5 eight")
    // becomes its digits, which are shorter.
    std::size_t out = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = i;
        std::size_t count = 0;
        std::size_t names = 0;
        std::size_t end = i;
        while (j < s.size()) {
            std::size_t k = j;
            while (k < s.size() && !sep(s[k])) ++k;
            if (k == j || !member(j, k)) break;
            ++count;
            if (!digits_only(j, k)) ++names;
            end = k;
            j = k < s.size() ? k + 1 : k;
        }
        if (count >= 5 && names >= 2) {
            for (std::size_t k = i; k < end;) {
                std::size_t e = k;
                while (e < end && !sep(s[e])) ++e;
                if (digits_only(k, e)) {
                    for (std::size_t d = k; d < e; ++d) s[out++] = s[d];
                } else {
                    s[out++] = digit_of(k, e);
                }
                k = e + 1;
            }
            i = end;
            continue;
        }
        // Copy one token and the separator after it.
        std::size_t k = i;
        while (k < s.size() && !sep(s[k])) s[out++] = s[k++];
        if (k < s.size()) s[out++] = s[k++];
        i = k;
    }
    s.resize(out);
}

}  // namespace

void normalize(std::string_view text, normalized& out) {
    auto& cs = out.scratch_compact;
    auto& ss = out.scratch_spaced;
    cs.clear();
    ss.clear();
    bool has_cjk_or_q = false;
    bool has_ascii = false;    ///< a letter or digit: words may be spelled out
    bool has_letter = false;   ///< a Latin letter: digit names may be spelled out
    bool has_numeral = false;  ///< a Chinese numeral
    bool has_dot = false;      ///< something fold_dots reads
    bool has_wide = false;     ///< a character beyond ASCII (CJK and the like)
    bool dropped = false;  ///< an invisible character or emoji since the last kept one
    out.obfuscated = false;
    auto separate = [&] {
        if (!ss.empty() && ss.back() != ' ' && ss.back() != '@') ss.push_back(' ');
    };
    for (std::size_t i = 0; i < text.size();) {
        auto f = classify(decode(text, i));
        switch (f.kind) {
            case cls::drop:
                dropped = !cs.empty();
                break;
            case cls::space:
                dropped = false;
                separate();
                break;
            case cls::punct:
                if (f.a == '+') cs.push_back(U'加');
                if (is_link_punct(f.a)) {
                    // Punctuation is a token of its own unless it sits inside a word ("a.b", "x_y").
                    ss.push_back(f.a);
                    has_dot = has_dot || f.a == '.' || f.a == '(' || f.a == '[' || f.a == '{';
                } else {
                    separate();
                }
                break;
            case cls::keep:
                // Hidden between two characters of a word ("刷\u200b单", "微🌸信").
                if (dropped && !ss.empty() && ss.back() != ' ' && (f.a >= 0x80 || ss.back() >= 0x80))
                    out.obfuscated = true;
                dropped = false;
                ss.push_back(f.a);
                if (f.b) ss.push_back(f.b);
                cs.push_back(f.a);
                if (f.b) cs.push_back(f.b);
                has_cjk_or_q = has_cjk_or_q || phrase_start(f.a);
                if (f.a < 0x80) {
                    has_ascii = true;
                    has_letter = has_letter || f.a >= 'a';
                    has_dot = has_dot || f.a == 'd';
                } else {
                    has_wide = true;
                    has_numeral = has_numeral || cn_digit(f.a) >= 0;
                    has_dot = has_dot || f.a == U'点';
                }
                break;
        }
    }
    while (!ss.empty() && ss.back() == ' ') ss.pop_back();
    if (has_numeral) {
        fold_numerals(cs);
        fold_numerals(ss);
    }
    if (has_cjk_or_q) {
        fold_phrases(cs, phrases_first);
        fold_phrases(cs, phrases_second);
        fold_phrases(ss, phrases_first);
    }
    out.latin = has_letter;
    out.wide = has_wide;
    bool spaces = ss.find(' ') != std::u32string::npos;
    if (has_ascii && spaces) merge_spelled(ss);
    if (has_letter && spaces) fold_number_words(ss);
    out.spelled_dots = has_dot && fold_dots(ss);

    out.dotted = false;
    for (std::size_t k = 0; k < ss.size(); ++k) {
        if (ss[k] == '.' && k > 0 && k + 1 < ss.size() && is_alnum(ss[k - 1]) && ss[k + 1] >= 'a' && ss[k + 1] <= 'z') {
            out.dotted = true;
            break;
        }
        if (ss[k] == ':' && k + 2 < ss.size() && ss[k + 1] == '/' && ss[k + 2] == '/') {
            out.dotted = true;
            break;
        }
    }
    out.longest_digits = 0;
    for (auto const* view : {&cs, &ss}) {
        std::size_t run = 0;
        for (auto c : *view) {
            run = is_digit(c) ? run + 1 : (c == ' ' || c == '-' || c == '.' || c == '/' ? run : 0);
            if (run > out.longest_digits) out.longest_digits = run;
        }
    }
    encode(cs, out.compact);
    encode(ss, out.spaced);
}

std::string normalize_compact(std::string_view text) {
    normalized n;
    normalize(text, n);
    return n.compact;
}

}  // namespace plugins::antiad
