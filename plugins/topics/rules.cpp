#include "plugins/topics/rules.hpp"

#include <algorithm>
#include <charconv>

#include "bot/utf8.hpp"

namespace plugins::topics {

namespace {

struct span {
    bot::time_point from;
    bot::time_point to;
};

/// The waking window that starts on local date `d`.
span window_on(bot::civil_date d, waking_window const& w, bot::time_zone const& tz) {
    auto from = tz.from_local(d, w.start / 60, w.start % 60);
    auto end_day = w.end > w.start ? d : d.plus_days(1);
    auto end_minute = w.end == w.start ? w.start : w.end;
    return {from, tz.from_local(end_day, end_minute / 60, end_minute % 60)};
}

bool starts_with(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}

}  // namespace

std::optional<bot::time_point> next_post_time(post_plan const& p, bot::time_point now, bot::time_zone const& tz,
                                              int close_hour) {
    if (p.cap <= 0) return std::nullopt;
    auto earliest = std::max(now, p.last_activity + p.quiet);
    auto posts_on = [&](bot::civil_date d) { return d == p.today ? p.posts_today : (d < p.today ? p.cap : 0); };
    auto date = tz.to_local(earliest).date;
    // A window that started the day before may still be open; five windows reach past any cap.
    for (long k = -1; k <= 3; ++k) {
        auto w = window_on(date.plus_days(k), p.window, tz);
        auto t = std::max(earliest, w.from);
        if (t >= w.to) continue;
        auto day = bot::day_of(t, tz, close_hour);
        if (posts_on(day) < p.cap) return t;
        // The day's cap is used up, but the next group day may begin inside this window.
        auto next = bot::day_start(day.plus_days(1), tz, close_hour);
        if (next < w.to && posts_on(day.plus_days(1)) < p.cap) return std::max(t, next);
    }
    return std::nullopt;
}

std::optional<int> pick_next(std::vector<rotation_entry> const& bank, std::string const& last_category) {
    if (bank.empty()) return std::nullopt;
    auto round = std::min_element(bank.begin(), bank.end(), [](auto const& a, auto const& b) {
                     return a.rounds < b.rounds;
                 })->rounds;
    rotation_entry const* best = nullptr;
    auto better = [&](rotation_entry const& e) {
        if (!best) return true;
        bool fresh = e.category != last_category, best_fresh = best->category != last_category;
        if (fresh != best_fresh) return fresh;
        return e.number < best->number;
    };
    for (auto const& e : bank)
        if (e.rounds == round && better(e)) best = &e;
    return best->number;
}

std::optional<int> parse_number(std::string_view word) {
    word = bot::trim(word);
    if (starts_with(word, "#"))
        word.remove_prefix(1);
    else if (starts_with(word, "＃"))
        word.remove_prefix(std::string_view("＃").size());
    int n = 0;
    auto [ptr, ec] = std::from_chars(word.data(), word.data() + word.size(), n);
    if (word.empty() || ec != std::errc{} || ptr != word.data() + word.size() || n <= 0) return std::nullopt;
    return n;
}

std::optional<std::string> find_category(std::string_view name, std::vector<std::string> const& categories) {
    for (auto const& c : categories)
        if (bot::iequals_ascii(c, name)) return c;
    return std::nullopt;
}

typed_topic read_topic(std::string_view input, std::vector<std::string> const& categories) {
    input = bot::trim(input);
    typed_topic out;
    for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"[", "]"}, {"【", "】"}}) {
        if (!starts_with(input, open)) continue;
        auto end = input.find(close, open.size());
        if (end == std::string_view::npos) break;
        auto name = bot::trim(input.substr(open.size(), end - open.size()));
        auto rest = bot::trim(input.substr(end + close.size()));
        if (auto c = find_category(name, categories))
            out.category = *c;
        else
            out.unknown = std::string(name);
        out.text = std::string(rest);
        return out;
    }
    // The first word names a category when it is one; "专业" alone is that category with no text.
    auto space = input.find(' ');
    auto wide = input.find("\u3000");
    auto cut = std::min(space, wide);
    auto first = input.substr(0, cut);
    if (auto c = find_category(first, categories)) {
        out.category = *c;
        out.text = cut == std::string_view::npos ? std::string() : std::string(bot::trim(input.substr(cut)));
        return out;
    }
    out.text = std::string(input);
    return out;
}

std::string normalized(std::string_view text) {
    std::string out;
    bool blank = false;
    std::size_t i = 0;
    text = bot::trim(text);
    while (i < text.size()) {
        auto start = i;
        auto c = bot::next_code_point(text, i);
        bool white = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000;
        if (white) {
            blank = true;
            continue;
        }
        if (blank && !out.empty()) out += ' ';
        blank = false;
        out += bot::lower_ascii(text.substr(start, i - start));
    }
    for (bool cut = true; cut;) {
        cut = false;
        for (std::string_view p : {"?", "!", ".", "？", "！", "。", "~", "～"}) {
            if (out.size() > p.size() && out.ends_with(p)) {
                out.resize(out.size() - p.size());
                cut = true;
            }
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace plugins::topics
