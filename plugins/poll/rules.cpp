#include "plugins/poll/rules.hpp"

#include <algorithm>
#include <set>

#include "bot/config_schema.hpp"

namespace plugins::poll {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : text) {
        if (is_space(c)) {
            if (!cur.empty()) out.push_back(std::move(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

std::optional<int> small_number(std::string_view s) {
    if (s.empty() || s.size() > 4) return std::nullopt;
    int n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

enum class flag { none, multi, anon, until };

flag flag_of(std::string const& w) {
    if (w == "--multi" || w == "多选") return flag::multi;
    if (w == "--anon" || w == "匿名") return flag::anon;
    if (w == "--until" || w == "截止") return flag::until;
    return flag::none;
}

}  // namespace

std::string trim(std::string_view text) {
    std::size_t a = 0, b = text.size();
    while (a < b && is_space(text[a])) ++a;
    while (b > a && is_space(text[b - 1])) --b;
    return std::string(text.substr(a, b - a));
}

std::vector<std::string> split_bars(std::string_view text) {
    auto plain = replace_all(std::string(text), "｜", "|");
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= plain.size(); ++i) {
        if (i < plain.size() && plain[i] != '|') continue;
        out.push_back(trim(std::string_view(plain).substr(start, i - start)));
        start = i + 1;
    }
    return out;
}

std::optional<deadline_spec> parse_deadline(std::string_view text) {
    auto w = words(text);
    deadline_spec d;
    if (w.size() == 1) {
        if (auto s = bot::parse_duration(w[0]))
            d.after = *s;
        else if (auto day = bot::parse_date(w[0]))
            d.date = *day;
        else if (auto m = bot::parse_time_of_day(w[0]))
            d.minute_of_day = *m;
        else
            return std::nullopt;
        return d;
    }
    if (w.size() == 2) {
        auto day = bot::parse_date(w[0]);
        auto m = bot::parse_time_of_day(w[1]);
        if (!day || !m) return std::nullopt;
        d.date = *day;
        d.minute_of_day = *m;
        return d;
    }
    return std::nullopt;
}

bot::time_point resolve(deadline_spec const& d, bot::time_point now, bot::time_zone const& tz) {
    if (d.after) return now + *d.after;
    if (d.date) {
        int m = d.minute_of_day.value_or(23 * 60 + 59);
        return tz.from_local(*d.date, m / 60, m % 60);
    }
    int m = d.minute_of_day.value_or(0);
    auto today = tz.to_local(now).date;
    auto at = tz.from_local(today, m / 60, m % 60);
    return at > now ? at : tz.from_local(today.plus_days(1), m / 60, m % 60);
}

parsed_poll parse_poll(std::string_view text, int max_options) {
    auto parts = split_bars(text);
    if (parts.size() < 2 || parts.front().empty()) return {std::nullopt, "err_format"};
    poll_spec spec;
    spec.question = parts.front();
    // Flags follow the last option's text, in the last part.
    auto last = words(parts.back());
    std::size_t first_flag = last.size();
    for (std::size_t i = 0; i < last.size(); ++i)
        if (flag_of(last[i]) != flag::none) {
            first_flag = i;
            break;
        }
    std::string last_option;
    for (std::size_t i = 0; i < first_flag; ++i) last_option += (i ? " " : "") + last[i];
    for (std::size_t i = first_flag; i < last.size();) {
        auto f = flag_of(last[i++]);
        if (f == flag::multi)
            spec.multi = true;
        else if (f == flag::anon)
            spec.anon = true;
        else if (f == flag::until) {
            std::string when;
            while (i < last.size() && flag_of(last[i]) == flag::none) when += (when.empty() ? "" : " ") + last[i++];
            auto d = parse_deadline(when);
            if (!d) return {std::nullopt, "err_deadline"};
            spec.deadline = *d;
        } else {
            return {std::nullopt, "err_format"};
        }
    }
    parts.back() = last_option;
    spec.options.assign(parts.begin() + 1, parts.end());
    if (spec.options.size() == 1 && spec.options.front().empty()) return {std::nullopt, "err_format"};
    if (spec.options.size() < 2) return {std::nullopt, "err_too_few"};
    if (static_cast<int>(spec.options.size()) > max_options) return {std::nullopt, "err_too_many"};
    std::set<std::string> seen;
    for (auto const& o : spec.options) {
        if (o.empty()) return {std::nullopt, "err_empty_option"};
        if (!seen.insert(o).second) return {std::nullopt, "err_duplicate"};
    }
    return {std::move(spec), {}};
}

std::optional<vote_spec> parse_vote(std::string_view text) {
    auto plain = replace_all(replace_all(replace_all(std::string(text), "，", " "), "、", " "), ",", " ");
    vote_spec v;
    auto w = words(plain);
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (i == 0 && w[i].size() > 1 && w[i][0] == '#') {
            auto n = small_number(std::string_view(w[i]).substr(1));
            if (!n) return std::nullopt;
            v.poll = *n;
            continue;
        }
        auto n = small_number(w[i]);
        if (!n) return std::nullopt;
        v.choices.push_back(*n);
    }
    if (v.choices.empty()) return std::nullopt;
    return v;
}

std::optional<int> parse_ref(std::string_view text) {
    auto t = trim(text);
    if (!t.empty() && t[0] == '#') t.erase(0, 1);
    auto n = small_number(t);
    if (!n || *n == 0) return std::nullopt;
    return n;
}

std::pair<std::optional<int>, std::string> split_ref(std::string_view text) {
    auto t = trim(text);
    if (t.empty() || t[0] != '#') return {std::nullopt, t};
    auto space = t.find_first_of(" \t\n");
    auto num = parse_ref(std::string_view(t).substr(0, space));
    if (!num) return {std::nullopt, t};
    return {num, space == std::string::npos ? std::string() : trim(std::string_view(t).substr(space))};
}

std::string encode_choices(std::vector<int> choices) {
    std::sort(choices.begin(), choices.end());
    choices.erase(std::unique(choices.begin(), choices.end()), choices.end());
    std::string out;
    for (int c : choices) out += (out.empty() ? "" : ",") + std::to_string(c);
    return out;
}

std::vector<int> decode_choices(std::string_view text) {
    std::vector<int> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != ',') continue;
        if (auto n = small_number(text.substr(start, i - start))) out.push_back(*n);
        start = i + 1;
    }
    return out;
}

std::vector<int> tally(int options, std::vector<std::vector<int>> const& ballots) {
    std::vector<int> counts(static_cast<std::size_t>(std::max(options, 0)), 0);
    for (auto const& b : ballots)
        for (int c : b)
            if (c >= 1 && c <= options) ++counts[static_cast<std::size_t>(c - 1)];
    return counts;
}

std::string render_bar(int count, int max, int width) {
    if (count <= 0 || max <= 0 || width <= 0) return std::to_string(std::max(count, 0));
    int cells = std::max(1, (std::min(count, max) * width + max / 2) / max);
    std::string out;
    for (int i = 0; i < cells; ++i) out += "█";
    return out + " " + std::to_string(count);
}

std::string csv_cell(std::string_view text) {
    std::string s(text);
    if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
        s.insert(0, "'");
    bool quote =
        s.find_first_of(",\"\r\n") != std::string::npos || (!s.empty() && (s.front() == ' ' || s.back() == ' '));
    if (!quote) return s;
    return "\"" + replace_all(s, "\"", "\"\"") + "\"";
}

std::string csv_row(std::vector<std::string> const& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
    return out + "\r\n";
}

}  // namespace plugins::poll
