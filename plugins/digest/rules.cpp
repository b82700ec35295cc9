#include "plugins/digest/rules.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <tuple>

#include "bot/question.hpp"
#include "bot/utf8.hpp"

namespace plugins::digest {

std::vector<std::size_t> best_answers(std::vector<answer_value> const& answers, int n) {
    auto better = [&](std::size_t a, std::size_t b) {
        auto const& x = answers[a];
        auto const& y = answers[b];
        // Lower rank first, longer first, earlier first, then as given.
        return std::make_tuple(static_cast<int>(x.rank), -static_cast<std::int64_t>(x.length), x.at, a) <
               std::make_tuple(static_cast<int>(y.rank), -static_cast<std::int64_t>(y.length), y.at, b);
    };
    std::map<std::string, std::size_t> best_of;  // each answerer's best answer
    for (std::size_t i = 0; i < answers.size(); ++i) {
        auto [it, fresh] = best_of.emplace(answers[i].answerer, i);
        if (!fresh && better(i, it->second)) it->second = i;
    }
    std::vector<std::size_t> out;
    for (auto const& [who, i] : best_of) out.push_back(i);
    std::sort(out.begin(), out.end(), better);
    if (n < 0) n = 0;
    if (out.size() > static_cast<std::size_t>(n)) out.resize(static_cast<std::size_t>(n));
    return out;
}

bool worth_collecting(std::string_view text, std::vector<std::string> const& words, int min_length) {
    auto t = bot::trim(text);
    if (t.empty() || bot::code_points(t) < static_cast<std::size_t>(std::max(min_length, 1))) return false;
    return bot::looks_like_question(t, words);
}

bot::time_point period_start(bot::time_point t, bot::time_zone const& tz, digest_schedule const& s) {
    auto day = tz.to_local(t).date;
    for (int back = 0; back <= 8; ++back) {
        auto d = day.plus_days(-back);
        if (s.weekly && d.weekday() != s.weekday) continue;
        auto at = tz.from_local(d, s.minute / 60, s.minute % 60);
        if (at <= t) return at;
    }
    return t - std::chrono::hours(24 * 7);  // not reached: some day of the last eight qualifies
}

split_digest split_blocks(std::vector<std::string> const& blocks, std::size_t limit, std::size_t max_messages) {
    split_digest out;
    constexpr std::string_view gap = "\n\n";
    for (auto const& b : blocks) {
        if (out.dropped > 0) {
            ++out.dropped;  // once one did not fit, the rest is left out too, so nothing is out of order
        } else if (!out.messages.empty() && out.messages.back().size() + gap.size() + b.size() <= limit) {
            out.messages.back() += gap;
            out.messages.back() += b;
        } else if (out.messages.size() < max_messages) {
            out.messages.push_back(b);
        } else {
            ++out.dropped;
        }
    }
    return out;
}

std::string like_pattern(std::string_view keyword) {
    std::string out = "%";
    for (char c : keyword) {
        if (c == '\\' || c == '%' || c == '_') out += '\\';
        out += c;
    }
    out += '%';
    return out;
}

std::optional<int> parse_number(std::string_view word) {
    word = bot::trim(word);
    constexpr std::string_view wide = "＃";
    if (word.starts_with("#"))
        word.remove_prefix(1);
    else if (word.starts_with(wide))
        word.remove_prefix(wide.size());
    int n = 0;
    auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), n);
    if (word.empty() || ec != std::errc{} || ptr != word.data() + word.size() || n <= 0) return std::nullopt;
    return n;
}

}  // namespace plugins::digest
