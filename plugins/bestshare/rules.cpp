#include "plugins/bestshare/rules.hpp"

#include <algorithm>
#include <variant>

#include "bot/utf8.hpp"

namespace plugins::bestshare {

nomination_request read_nomination(bot::message const& m) {
    nomination_request out;
    bool leading = true;      // before the command word
    bool after_quote = false;  // right after the quote, where a QQ client puts its author's mention
    bool collecting = false;   // after the target's mention
    for (auto const& segment : m.segments()) {
        if (auto const* r = std::get_if<bot::seg::reply>(&segment)) {
            if (leading && !out.quoted) {
                out.quoted = r->message;
                after_quote = true;
            }
            continue;
        }
        if (auto const* a = std::get_if<bot::seg::at>(&segment)) {
            if (leading) {
                // The quote's author (a client's mention) or the bot being addressed: not the target.
                if (after_quote && !out.quoted_author) out.quoted_author = a->user;
                continue;
            }
            if (!out.target) {
                out.target = a->user;
                out.target_name = a->name;
                collecting = true;
                continue;
            }
            if (collecting) out.text += "@" + (a->name.empty() ? a->user.str() : a->name);
            continue;
        }
        if (auto const* t = std::get_if<bot::seg::text>(&segment)) {
            if (leading && bot::trim(t->content).empty()) continue;
            leading = false;
            after_quote = false;
            if (collecting) out.text += t->content;
        }
    }
    out.text = std::string(bot::trim(out.text));
    return out;
}

bool long_enough(std::string_view text, int min_chars) {
    if (min_chars <= 0) return false;
    return bot::code_points(bot::trim(text)) >= static_cast<std::size_t>(min_chars);
}

std::optional<std::int64_t> pick_winner(std::vector<candidate> const& all) {
    candidate const* best = nullptr;
    for (auto const& c : all) {
        if (c.votes <= 0) continue;
        if (!best || c.votes > best->votes ||
            (c.votes == best->votes && (c.at < best->at || (c.at == best->at && c.num < best->num))))
            best = &c;
    }
    if (!best) return std::nullopt;
    return best->id;
}

std::optional<bot::time_point> next_opening(int weekday, int minute_of_day, bot::time_point after,
                                            bot::time_zone const& tz) {
    if (weekday < 1 || weekday > 7) return std::nullopt;
    return bot::recurrence::weekly(weekday, minute_of_day).next_after(after, tz);
}

std::optional<int> parse_number(std::string_view text) {
    auto s = bot::trim(text);
    if (s.starts_with("#")) s.remove_prefix(1);
    if (s.starts_with("第")) s.remove_prefix(std::string_view("第").size());
    if (s.ends_with("期")) s.remove_suffix(std::string_view("期").size());
    if (s.empty() || s.size() > 6) return std::nullopt;
    int n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    if (n <= 0) return std::nullopt;
    return n;
}

std::string csv_cell(std::string_view text) {
    std::string s(text);
    if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
        s.insert(0, "'");
    bool quote =
        s.find_first_of(",\"\r\n") != std::string::npos || (!s.empty() && (s.front() == ' ' || s.back() == ' '));
    if (!quote) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_row(std::vector<std::string> const& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
    return out + "\r\n";
}

}  // namespace plugins::bestshare
