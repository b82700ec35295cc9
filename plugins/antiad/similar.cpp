#include "plugins/antiad/similar.hpp"

#include <cmath>

#include "bot/utf8.hpp"

namespace plugins::antiad {

namespace {

enum class cls : std::uint8_t { latin, digit, cjk, other };

cls class_of(char32_t c) {
    if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) return cls::latin;
    if (c >= U'0' && c <= U'9') return cls::digit;
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0x3040 && c <= 0x30FF) || (c >= 0xAC00 && c <= 0xD7AF))
        return cls::cjk;
    return cls::other;
}

double norm_of(token_counts const& t) {
    double sum = 0;
    for (auto const& [k, v] : t) sum += v * v;
    return std::sqrt(sum);
}

double dot(token_counts const& a, token_counts const& b) {
    auto const& small = a.size() <= b.size() ? a : b;
    auto const& large = a.size() <= b.size() ? b : a;
    double sum = 0;
    for (auto const& [k, v] : small)
        if (auto it = large.find(k); it != large.end()) sum += v * it->second;
    return sum;
}

}  // namespace

token_counts tokenize(std::string_view compact) {
    token_counts out;
    std::string word;
    std::vector<std::string_view> cjk;  // the current run of CJK characters, each as its bytes
    bool digits = false;
    auto flush = [&] {
        if (!word.empty()) out[bot::lower_ascii(word)] += 1;
        word.clear();
        if (digits) out["#"] += 1;
        digits = false;
        if (cjk.size() == 1) out[std::string(cjk[0])] += 1;
        for (std::size_t k = 1; k < cjk.size(); ++k) out[std::string(cjk[k - 1]) + std::string(cjk[k])] += 1;
        cjk.clear();
    };
    for (std::size_t i = 0; i < compact.size();) {
        auto start = i;
        auto c = bot::next_code_point(compact, i);
        auto k = class_of(c);
        bool same =
            (k == cls::latin && !word.empty()) || (k == cls::digit && digits) || (k == cls::cjk && !cjk.empty());
        if (!same) flush();
        switch (k) {
            case cls::latin:
                word += compact.substr(start, i - start);
                break;
            case cls::digit:
                digits = true;
                break;
            case cls::cjk:
                cjk.push_back(compact.substr(start, i - start));
                break;
            case cls::other:
                break;
        }
    }
    flush();
    return out;
}

std::size_t text_length(std::string_view compact) {
    return bot::code_points(compact);
}

double cosine(token_counts const& a, token_counts const& b) {
    auto na = norm_of(a);
    auto nb = norm_of(b);
    if (na == 0 || nb == 0) return 0;
    return dot(a, b) / (na * nb);
}

void sample_set::add(std::int64_t id, std::string_view normalized, std::string original) {
    sample s{id, std::move(original), tokenize(normalized), 0};
    s.norm = norm_of(s.tokens);
    if (s.norm > 0) samples_.push_back(std::move(s));
}

std::optional<sample_set::match> sample_set::best(std::string_view normalized, double threshold) const {
    if (samples_.empty()) return std::nullopt;
    auto t = tokenize(normalized);
    auto n = norm_of(t);
    if (n == 0) return std::nullopt;
    std::optional<match> out;
    for (auto const& s : samples_) {
        auto score = dot(t, s.tokens) / (n * s.norm);
        if (score >= threshold && (!out || score > out->score)) out = match{s.id, s.original, score};
    }
    return out;
}

}  // namespace plugins::antiad
