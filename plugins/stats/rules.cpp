#include "plugins/stats/rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "bot/utf8.hpp"

namespace plugins::stats {

std::optional<int> parse_range(std::string_view text) {
    std::string t(bot::trim(text));
    for (auto& c : t)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (t.empty() || t == "7d" || t == "7" || t == "7天" || t == "一周" || t == "本周" || t == "week") return 7;
    if (t == "30d" || t == "30" || t == "30天" || t == "一个月" || t == "month") return 30;
    if (t == "今天" || t == "today" || t == "1d" || t == "1天") return 1;
    return std::nullopt;
}

namespace {

bool in(bot::civil_date d, bot::civil_date from, bot::civil_date to) { return d >= from && d <= to; }

/// Per day (serial) and user: messages.
std::map<long, std::map<std::string, int>> messages_by_day(group_data const& d, bot::civil_date from,
                                                             bot::civil_date to) {
    std::map<long, std::map<std::string, int>> out;
    for (auto const& m : d.members)
        if (in(m.day, from, to)) out[m.day.serial()][m.user] += m.messages;
    return out;
}

/// The contributors of one day: at least K messages, or a check-in.
std::set<std::string> contributors_on(group_data const& d, long day, std::map<std::string, int> const* counts,
                                      int k) {
    std::set<std::string> out;
    if (counts)
        for (auto const& [user, n] : *counts)
            if (n >= k) out.insert(user);
    if (d.checkins)
        if (auto it = d.checkins->find(day); it != d.checkins->end()) out.insert(it->second.begin(), it->second.end());
    return out;
}

}  // namespace

std::vector<day_row> per_day(group_data const& d, bot::civil_date from, bot::civil_date to, int contributor_messages) {
    auto by_day = messages_by_day(d, from, to);
    std::map<long, day_counts const*> counts;
    for (auto const& c : d.counts)
        if (in(c.day, from, to)) counts[c.day.serial()] = &c;
    std::vector<day_row> out;
    for (auto day = from; day <= to; day = day.plus_days(1)) {
        day_row r;
        r.day = day;
        auto s = day.serial();
        if (auto it = counts.find(s); it != counts.end()) {
            auto const& c = *it->second;
            r.messages = c.messages;
            r.questions = c.questions;
            r.answered = c.answered;
            r.joined = c.joined;
            r.left = c.left;
            r.size = c.size;
        }
        auto members = by_day.find(s);
        auto const* users = members == by_day.end() ? nullptr : &members->second;
        r.active = users ? static_cast<int>(users->size()) : 0;
        r.contributors = static_cast<int>(contributors_on(d, s, users, contributor_messages).size());
        if (d.checkins) {
            auto it = d.checkins->find(s);
            r.checkins = it == d.checkins->end() ? 0 : static_cast<int>(it->second.size());
        }
        out.push_back(r);
    }
    return out;
}

period_figures summarize(group_data const& d, period p, int contributor_messages) {
    period_figures f;
    auto from = p.first();
    auto by_day = messages_by_day(d, from, p.last);
    std::set<std::string> active;
    std::set<std::string> contributors;
    std::set<long> with_data;
    for (auto const& [day, users] : by_day) {
        for (auto const& [user, n] : users) active.insert(user);
        with_data.insert(day);
    }
    if (d.checkins) f.checkins = 0;
    for (auto day = from; day <= p.last; day = day.plus_days(1)) {
        auto s = day.serial();
        auto it = by_day.find(s);
        auto c = contributors_on(d, s, it == by_day.end() ? nullptr : &it->second, contributor_messages);
        contributors.insert(c.begin(), c.end());
        if (d.checkins)
            if (auto ck = d.checkins->find(s); ck != d.checkins->end()) *f.checkins += static_cast<int>(ck->second.size());
    }
    for (auto const& c : d.counts) {
        if (!in(c.day, from, p.last)) continue;
        f.messages += c.messages;
        f.questions += c.questions;
        f.answered += c.answered;
        f.joined += c.joined;
        f.left += c.left;
        if (c.size) f.latest_size = c.size;
        if (c.messages || c.questions || c.answered || c.joined || c.left || c.size) with_data.insert(c.day.serial());
    }
    f.active = static_cast<int>(active.size());
    f.contributors = static_cast<int>(contributors.size());
    f.days_with_data = static_cast<int>(with_data.size());
    if (!with_data.empty()) f.first_data = bot::civil_date::from_serial(*with_data.begin());
    return f;
}

std::string percent(double part, double whole) {
    if (whole <= 0) return "—";
    auto v = std::round(part * 1000.0 / whole) / 10.0;
    auto text = fmt::format("{:.1f}", v);
    if (text.ends_with(".0")) text.resize(text.size() - 2);
    return text + "%";
}

std::string trend(double now, double before) {
    if (now == 0 && before == 0) return "";
    if (before == 0) return "↑新";
    auto change = static_cast<long>(std::lround((now - before) * 100.0 / before));
    if (change == 0) return "→";
    return fmt::format("{}{}%", change > 0 ? "↑" : "↓", std::labs(change));
}

namespace {

/// Per user in the period: messages and the latest name.
std::map<std::string, named> tally_members(group_data const& d, period p) {
    std::map<std::string, named> out;
    std::map<std::string, bot::civil_date> named_on;
    for (auto const& m : d.members) {
        if (!in(m.day, p.first(), p.last)) continue;
        auto& n = out[m.user];
        n.user = m.user;
        n.messages += m.messages;
        auto seen = named_on.find(m.user);
        if (seen == named_on.end() || seen->second <= m.day) {
            n.name = m.name;
            named_on[m.user] = m.day;
        }
    }
    return out;
}

void by_messages(std::vector<named>& v) {
    std::stable_sort(v.begin(), v.end(), [](named const& a, named const& b) {
        return std::tie(b.messages, a.name, a.user) < std::tie(a.messages, b.name, b.user);
    });
}

}  // namespace

std::vector<named> silent_members(group_data const& d, period before, period now, std::size_t limit,
                                  std::size_t* total) {
    auto then = tally_members(d, before);
    auto recent = tally_members(d, now);
    std::vector<named> out;
    for (auto const& [user, n] : then)
        if (!recent.count(user)) out.push_back(n);
    by_messages(out);
    if (total) *total = out.size();
    if (out.size() > limit) out.resize(limit);
    return out;
}

std::vector<named> top_talkers(group_data const& d, period p, std::set<std::string> const& excluded, std::size_t n) {
    std::vector<named> out;
    for (auto const& [user, m] : tally_members(d, p))
        if (!excluded.count(user) && m.messages > 0) out.push_back(m);
    by_messages(out);
    if (out.size() > n) out.resize(n);
    return out;
}

member_cap cap_for(std::string_view platform, int configured) {
    if (configured > 0) return {configured, false};
    if (platform == "wechat" || platform == "wecom") return {500, false};
    if (platform == "qq") return {2000, true};
    return {};
}

bool near_cap(int size, int cap) { return cap > 0 && size * 10 >= cap * 9; }

}  // namespace plugins::stats
