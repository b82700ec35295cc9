#include "plugins/topics/config.hpp"

#include "bot/utf8.hpp"

namespace plugins::topics {

namespace {

using check_fn = std::function<std::optional<bot::expectation>(std::chrono::seconds const&)>;
using list_check_fn = std::function<std::optional<bot::expectation>(std::vector<std::string> const&)>;

constexpr std::chrono::seconds shortest_quiet{std::chrono::minutes(10)};
constexpr std::chrono::seconds longest_quiet{std::chrono::hours(24 * 7)};

std::optional<bot::expectation> quiet_ok(std::chrono::seconds const& v) {
    if (v >= shortest_quiet && v <= longest_quiet) return std::nullopt;
    return bot::expect::duration_range(shortest_quiet, longest_quiet);
}

/// One to twelve categories, each one word of at most max_category_chars characters, no two alike.
std::optional<bot::expectation> categories_ok(std::vector<std::string> const& v) {
    auto want = bot::expect::custom("topics.expect.categories",
                                    "1 to 12 distinct category names, one word of at most 12 characters each");
    if (v.empty() || v.size() > 12) return want;
    for (std::size_t i = 0; i < v.size(); ++i) {
        auto const& c = v[i];
        if (c.empty() || bot::trim(c) != c || c.find_first_of(" \t\r\n") != std::string::npos ||
            bot::code_points(c) > max_category_chars || c.front() == '#')
            return want;
        for (std::size_t j = 0; j < i; ++j)
            if (bot::iequals_ascii(v[j], c)) return want;
    }
    return std::nullopt;
}

}  // namespace

void config::describe(bot::schema<config>& s) {
    s.field("categories", &config::categories, "话题的分类，第一个是默认分类")
        .check(&config::categories, list_check_fn(categories_ok));
    s.field("auto_post", &config::auto_post, "群里安静久了自动发一个话题");
    s.field("quiet_after", &config::quiet_after, "多久没有成员发言算安静（10m 到 7d）")
        .check(&config::quiet_after, check_fn(quiet_ok))
        .accepts(bot::expect::duration_range(shortest_quiet, longest_quiet));
    s.field("waking_start", &config::waking_start, "每天最早几点自动发话题（本群时间）");
    s.field("waking_end", &config::waking_end, "每天最晚几点前自动发话题（本群时间；早于开始时间则跨过午夜）");
    s.range("max_per_day", &config::max_per_day, 0, 24, "每个群日最多发几个话题（含 /topic now）；0 为不自动发");
}

}  // namespace plugins::topics
