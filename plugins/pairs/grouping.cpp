#include "plugins/pairs/grouping.hpp"

#include <algorithm>
#include <numeric>

namespace plugins::pairs {

namespace {

/// splitmix64: a small generator whose output is the same on every platform and library, unlike
/// std::shuffle and the std distributions.
struct generator {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
};

int pair_cost(candidate const& a, candidate const& b, pair_history const& history) {
    int cost = 0;
    if (auto it = history.find(pair_of(a.user, b.user)); it != history.end()) cost += repeat_cost * it->second;
    for (std::size_t f = 0; f < a.match.size() && f < b.match.size(); ++f)
        if (!a.match[f].empty() && !b.match[f].empty() && a.match[f] != b.match[f]) cost += match_cost;
    for (std::size_t f = 0; f < a.mix.size() && f < b.mix.size(); ++f)
        if (!a.mix[f].empty() && a.mix[f] == b.mix[f]) cost += mix_cost;
    return cost;
}

/// "Same" values first by what they are, members who told none of them last.
bool match_before(candidate const& a, candidate const& b) {
    auto known = [](candidate const& c) {
        return std::any_of(c.match.begin(), c.match.end(), [](auto const& v) { return !v.empty(); });
    };
    if (known(a) != known(b)) return known(a);
    return a.match < b.match;
}

}  // namespace

pair_key pair_of(bot::id const& a, bot::id const& b) {
    return a < b ? pair_key{a, b} : pair_key{b, a};
}

std::vector<int> group_sizes(int n, int size) {
    if (n < 2 || size < 2) return {};
    int count = std::max(1, n / size);
    std::vector<int> sizes(static_cast<std::size_t>(count), std::min(size, n));
    int left = n - std::accumulate(sizes.begin(), sizes.end(), 0);
    for (std::size_t i = 0; left > 0; i = (i + 1) % sizes.size(), --left) ++sizes[i];
    return sizes;
}

grouping form_groups(std::vector<candidate> const& members, int size, std::uint64_t seed, pair_history const& history) {
    auto n = members.size();
    auto sizes = group_sizes(static_cast<int>(n), size);
    if (sizes.empty()) return {};
    // The members in a seeded order (Fisher–Yates), then stably by their "same" values.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    generator rng{seed};
    for (std::size_t i = n - 1; i > 0; --i) std::swap(order[i], order[rng.next() % (i + 1)]);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return match_before(members[a], members[b]); });
    std::vector<std::size_t> team(n);
    std::vector<std::vector<std::size_t>> teams(sizes.size());
    for (std::size_t t = 0, at = 0; t < sizes.size(); ++t)
        for (int k = 0; k < sizes[t]; ++k, ++at) {
            team[order[at]] = t;
            teams[t].push_back(order[at]);
        }
    std::vector<std::vector<int>> cost(n, std::vector<int>(n, 0));
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = a + 1; b < n; ++b) cost[a][b] = cost[b][a] = pair_cost(members[a], members[b], history);
    // Swaps between groups while one lowers the total; sizes never change. Bounded: each swap
    // lowers a non-negative integer total, and the passes are capped for large groups.
    auto gain = [&](std::size_t i, std::size_t j) {
        int delta = 0;
        for (auto k : teams[team[i]])
            if (k != i) delta += cost[j][k] - cost[i][k];
        for (auto k : teams[team[j]])
            if (k != j) delta += cost[i][k] - cost[j][k];
        return delta;
    };
    int const passes = n > 400 ? 3 : 30;  // a pass costs about n² × the group size
    for (int pass = 0; pass < passes; ++pass) {
        bool improved = false;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = i + 1; j < n; ++j) {
                if (team[i] == team[j] || gain(i, j) >= 0) continue;
                auto& ti = teams[team[i]];
                auto& tj = teams[team[j]];
                *std::find(ti.begin(), ti.end(), i) = j;
                *std::find(tj.begin(), tj.end(), j) = i;
                std::swap(team[i], team[j]);
                improved = true;
            }
        if (!improved) break;
    }
    grouping out;
    for (auto& t : teams) {
        std::sort(t.begin(), t.end());
        out.emplace_back();
        for (auto i : t) out.back().push_back(members[i].user);
    }
    return out;
}

int repeated_pairs(grouping const& groups, pair_history const& history) {
    int n = 0;
    for (auto const& g : groups)
        for (std::size_t a = 0; a < g.size(); ++a)
            for (std::size_t b = a + 1; b < g.size(); ++b) n += history.count(pair_of(g[a], g[b])) ? 1 : 0;
    return n;
}

std::uint64_t seed_of(std::string const& group_key, std::int64_t cycle) {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (unsigned char c : group_key) h = (h ^ c) * 1099511628211ULL;
    return h ^ (static_cast<std::uint64_t>(cycle) * 0x9E3779B97F4A7C15ULL);
}

streak team_streak(std::vector<bool> const& past, bool today) {
    streak s;
    int run = 0;
    for (bool ok : past) {
        run = ok ? run + 1 : 0;
        s.best = std::max(s.best, run);
    }
    s.current = run + (today ? 1 : 0);
    s.best = std::max(s.best, s.current);
    return s;
}

namespace {

std::optional<int> digits(std::string_view t) {
    if (t.empty() || t.size() > 4) return std::nullopt;
    int v = 0;
    for (char c : t) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

bool strip_suffix(std::string_view& t, std::string_view suffix) {
    if (!t.ends_with(suffix)) return false;
    t.remove_suffix(suffix.size());
    return true;
}

}  // namespace

std::optional<int> parse_days(std::string_view text) {
    if (strip_suffix(text, "周") || strip_suffix(text, "星期")) {
        if (text.empty() || text == "一" || text == "1") return 7;
        if (text == "两" || text == "二") return 14;
        if (text == "三") return 21;
        if (text == "四") return 28;
        auto n = digits(text);
        if (!n) return std::nullopt;
        return *n * 7;
    }
    if (!strip_suffix(text, "天")) strip_suffix(text, "日");
    return digits(text);
}

std::optional<int> parse_size(std::string_view text) {
    if (!strip_suffix(text, "人")) strip_suffix(text, "个");
    return digits(text);
}

}  // namespace plugins::pairs
