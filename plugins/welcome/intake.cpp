#include "plugins/welcome/intake.hpp"

#include "bot/display.hpp"
#include "bot/utf8.hpp"

#include <algorithm>

namespace plugins::welcome {

namespace {

bool is_ascii_word(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

std::vector<std::string> split_on(std::string_view text, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == sep) {
            if (auto t = trim(text.substr(start, i - start)); !t.empty()) out.push_back(t);
            start = i + 1;
        }
    }
    return out;
}

/// Length of a ":" or "：" at `pos` after optional spaces, counting the spaces; 0 when absent.
std::size_t colon_after(std::string_view text, std::size_t pos) {
    std::size_t i = pos;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (text.substr(i).starts_with(":")) return i + 1 - pos;
    if (text.substr(i).starts_with("：")) return i + 3 - pos;
    return 0;
}

struct hit {
    std::size_t start;        ///< where the label (or its 【) begins
    std::size_t value_start;  ///< where its value begins
    std::string key;
};

/// Finds a label at `pos`: "职位：", "【职位】", "role:". Returns the longest label that fits.
std::optional<hit> label_at(std::string_view text, std::size_t pos, std::vector<field_spec> const& specs) {
    bool bracket = text.substr(pos).starts_with("【");
    std::size_t at = bracket ? pos + 3 : pos;
    std::optional<hit> best;
    std::size_t best_len = 0;
    for (auto const& spec : specs) {
        auto try_label = [&](std::string const& label) {
            if (label.empty() || !text.substr(at).starts_with(label) || label.size() <= best_len) return;
            auto end = at + label.size();
            // ASCII labels ("role") must stand as a word of their own.
            if (is_ascii_word(label.front()) && at > 0 && is_ascii_word(text[at - 1])) return;
            if (bracket) {
                if (!text.substr(end).starts_with("】")) return;
                auto c = colon_after(text, end + 3);
                best = hit{pos, end + 3 + c, spec.key};
            } else {
                auto c = colon_after(text, end);
                if (c == 0) return;
                best = hit{pos, end + c, spec.key};
            }
            best_len = label.size();
        };
        for (auto const& l : spec.labels) try_label(l);
        try_label(spec.key);
    }
    return best;
}

std::string clean_value(std::string_view v) {
    auto t = trim(v);
    // A value ends at the separator before the next label: "职位：设计师，行业：教育".
    for (auto const* tail : {"，", "、", "；", "。", ",", ";"}) {
        std::string_view sv(tail);
        while (t.size() >= sv.size() && std::string_view(t).substr(t.size() - sv.size()) == sv) {
            t.resize(t.size() - sv.size());
            t = trim(t);
        }
    }
    return t;
}

}  // namespace

std::string trim(std::string_view s) { return std::string(bot::trim(s)); }

std::string fold(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        // Full-width ASCII U+FF01..U+FF5E is EF BC 81..EF BD 9E; U+3000 is E3 80 80.
        if (c == 0xEF && i + 2 < s.size()) {
            auto b1 = static_cast<unsigned char>(s[i + 1]);
            auto b2 = static_cast<unsigned char>(s[i + 2]);
            int cp = ((c & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                c = static_cast<unsigned char>(cp - 0xFF01 + 0x21);
                i += 2;
            }
        } else if (c == 0xE3 && s.substr(i).starts_with("　")) {
            c = ' ';
            i += 2;
        }
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
        out.push_back(static_cast<char>(c));
    }
    return out;
}

std::optional<field_spec> parse_field_spec(std::string_view text) {
    auto colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    field_spec f;
    f.key = trim(text.substr(0, colon));
    f.labels = split_on(text.substr(colon + 1), '/');
    if (f.key.empty() || f.labels.empty()) return std::nullopt;
    for (char c : f.key)
        if (!is_ascii_word(c)) return std::nullopt;
    return f;
}

std::vector<field_spec> parse_field_specs(std::vector<std::string> const& specs) {
    std::vector<field_spec> out;
    for (auto const& s : specs)
        if (auto f = parse_field_spec(s)) out.push_back(std::move(*f));
    return out;
}

field_spec const* find_field(std::vector<field_spec> const& specs, std::string_view word) {
    auto w = fold(word);
    for (auto const& s : specs) {
        if (fold(s.key) == w) return &s;
        for (auto const& l : s.labels)
            if (fold(l) == w) return &s;
    }
    return nullptr;
}

bool may_hold_profile(std::string_view text) {
    return text.find(':') != std::string_view::npos || text.find("：") != std::string_view::npos ||
           text.find("【") != std::string_view::npos;
}

profile_values parse_profile(std::string_view text, std::vector<field_spec> const& specs) {
    if (!may_hold_profile(text)) return {};
    std::vector<hit> hits;
    for (std::size_t i = 0; i < text.size();) {
        if (auto h = label_at(text, i, specs)) {
            i = h->value_start;
            hits.push_back(std::move(*h));
            continue;
        }
        ++i;
    }
    profile_values out;
    for (std::size_t k = 0; k < hits.size(); ++k) {
        auto end = k + 1 < hits.size() ? hits[k + 1].start : text.size();
        auto value = text.substr(hits[k].value_start, end - hits[k].value_start);
        if (auto nl = value.find('\n'); nl != std::string_view::npos) value = value.substr(0, nl);
        auto v = clean_value(value);
        if (!v.empty() && !out.count(hits[k].key)) out[hits[k].key] = v;
    }
    return out;
}

std::string blank_template(std::vector<field_spec> const& specs) {
    std::string out;
    for (auto const& s : specs) out += (out.empty() ? "" : "\n") + s.label() + "：";
    return out;
}

bool hide_private(int member_count, int threshold, bool viewer_is_admin) {
    return !viewer_is_admin && member_count >= threshold;
}

std::vector<profile> search(std::vector<profile> const& all, std::string_view keyword,
                            std::vector<std::string> const& hidden_keys, std::size_t limit) {
    auto needle = fold(trim(keyword));
    auto hidden = [&](std::string const& k) { return std::find(hidden_keys.begin(), hidden_keys.end(), k) != hidden_keys.end(); };
    std::vector<std::pair<int, profile const*>> scored;
    for (auto const& p : all) {
        int score = 0;
        for (auto const& [k, v] : p.values)
            if (!hidden(k) && fold(v).find(needle) != std::string::npos) ++score;
        if (!hidden("name") && fold(p.name).find(needle) != std::string::npos) ++score;
        if (score > 0) scored.emplace_back(score, &p);
    }
    std::stable_sort(scored.begin(), scored.end(), [](auto const& a, auto const& b) { return a.first > b.first; });
    std::vector<profile> out;
    for (auto const& [score, p] : scored) {
        if (out.size() >= limit) break;
        out.push_back(*p);
    }
    return out;
}

std::string describe_profile(profile const& p, std::vector<field_spec> const& specs,
                             std::vector<std::string> const& hidden_keys) {
    std::string out;
    for (auto const& s : specs) {
        auto it = p.values.find(s.key);
        if (it == p.values.end()) continue;
        bool hidden = std::find(hidden_keys.begin(), hidden_keys.end(), s.key) != hidden_keys.end();
        out += (out.empty() ? "" : "\n") + s.label() + "：" + (hidden ? std::string("（仅管理员可见）") : bot::shown_name(it->second, max_shown_field));
    }
    return out;
}

}  // namespace plugins::welcome
