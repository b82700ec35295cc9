#include "plugins/welcome/verify.hpp"

#include <random>

#include "plugins/welcome/intake.hpp"

namespace plugins::welcome {

namespace {

std::string squeeze(std::string_view s) {
    std::string out;
    for (char c : fold(s))
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out.push_back(c);
    // Trailing punctuation members often add ("7。", "读书!") does not make an answer wrong.
    for (auto const* tail : {"。", "！", "!", ".", "？", "?", "~", "～"}) {
        std::string_view t(tail);
        while (out.size() > t.size() && std::string_view(out).substr(out.size() - t.size()) == t)
            out.resize(out.size() - t.size());
    }
    return out;
}

}  // namespace

challenge arithmetic(std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    int a = pick(2, 20);
    int b = pick(2, 20);
    if (pick(0, 1) == 0) return {std::to_string(a) + " + " + std::to_string(b) + " = ?", {std::to_string(a + b)}};
    if (a < b) std::swap(a, b);
    return {std::to_string(a) + " - " + std::to_string(b) + " = ?", {std::to_string(a - b)}};
}

challenge fixed_question(std::string question, std::vector<std::string> answers) {
    return {std::move(question), std::move(answers)};
}

bool accepts(challenge const& c, std::string_view answer) {
    auto given = squeeze(answer);
    if (given.empty()) return false;
    for (auto const& a : c.answers)
        if (!squeeze(a).empty() && squeeze(a) == given) return true;
    return false;
}

verdict judge(challenge const& c, std::string_view answer, int tries_left) {
    if (accepts(c, answer)) return verdict::passed;
    return tries_left > 1 ? verdict::retry : verdict::failed;
}

std::uint64_t seed_of(std::string_view group, std::string_view user, std::int64_t at) {
    // FNV-1a: stable across runs and builds, unlike std::hash.
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&](std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        h ^= 0xff;
        h *= 1099511628211ULL;
    };
    mix(group);
    mix(user);
    mix(std::to_string(at));
    return h;
}

std::string join_answers(std::vector<std::string> const& answers) {
    std::string out;
    for (auto const& a : answers) out += (out.empty() ? "" : "\n") + a;
    return out;
}

std::vector<std::string> split_answers(std::string_view stored) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= stored.size(); ++i) {
        if (i == stored.size() || stored[i] == '\n') {
            if (i > start) out.emplace_back(stored.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

}  // namespace plugins::welcome
