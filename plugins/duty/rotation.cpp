#include "plugins/duty/rotation.hpp"

#include <algorithm>

namespace plugins::duty {

namespace {

long floor_mod(long a, long b) { return ((a % b) + b) % b; }
long floor_div(long a, long b) { return (a - floor_mod(a, b)) / b; }
/// 1970-01-05, the first Monday after the serial epoch.
constexpr long first_monday = 4;

int index_of(rotation const& r, bot::id const& who) {
    auto it = std::find(r.members.begin(), r.members.end(), who);
    return it == r.members.end() ? -1 : static_cast<int>(it - r.members.begin());
}

/// The roster index in turn at shift `n`; -1 when empty.
int turn_index(rotation const& r, long n) {
    if (r.members.empty()) return -1;
    auto size = static_cast<long>(r.members.size());
    return static_cast<int>(floor_mod(r.anchor_pos + n - r.anchor_shift, size));
}

/// Drops overrides of shifts before `now`, and those naming a member no longer on the roster.
void prune(rotation& r, long now) {
    std::erase_if(r.overrides, [&](auto const& o) { return o.first < now || index_of(r, o.second) < 0; });
}

}  // namespace

std::string mode_name(mode m) { return m == mode::weekly ? "weekly" : "daily"; }

std::optional<mode> parse_mode(std::string_view text) {
    if (text == "daily" || text == "day" || text == "每天" || text == "按天") return mode::daily;
    if (text == "weekly" || text == "week" || text == "每周" || text == "按周") return mode::weekly;
    return std::nullopt;
}

bot::time_point boundary(bot::civil_date day, clock_face const& f) {
    return f.tz.from_local(day, f.start_minute / 60, f.start_minute % 60);
}

bot::civil_date duty_day(bot::time_point t, clock_face const& f) {
    auto date = f.tz.to_local(t).date;
    // By instants, not local clock readings: in a repeated hour the reading goes back, the instant does not.
    return t < boundary(date, f) ? date.plus_days(-1) : date;
}

long ordinal_of(mode m, bot::civil_date day) {
    if (m == mode::daily) return day.serial();
    auto monday = day.plus_days(1 - day.weekday());
    return floor_div(monday.serial() - first_monday, 7);
}

bot::civil_date first_day_of(mode m, long ordinal) {
    return bot::civil_date::from_serial(m == mode::daily ? ordinal : ordinal * 7 + first_monday);
}

std::optional<bot::id> in_turn(rotation const& r, long n) {
    auto i = turn_index(r, n);
    if (i < 0) return std::nullopt;
    return r.members[static_cast<std::size_t>(i)];
}

std::optional<bot::id> holder(rotation const& r, long n) {
    if (auto o = r.overrides.find(n); o != r.overrides.end() && index_of(r, o->second) >= 0) return o->second;
    return in_turn(r, n);
}

shift shift_number(rotation const& r, clock_face const& f, long n) {
    shift s;
    s.ordinal = n;
    s.first_day = first_day_of(r.kind, n);
    s.start = boundary(s.first_day, f);
    s.end = boundary(s.first_day.plus_days(r.kind == mode::daily ? 1 : 7), f);
    s.who = holder(r, n);
    auto o = r.overrides.find(n);
    s.overridden = o != r.overrides.end() && s.who && *s.who == o->second;
    return s;
}

shift shift_at(rotation const& r, clock_face const& f, bot::time_point t) {
    return shift_number(r, f, ordinal_of(r.kind, duty_day(t, f)));
}

std::vector<bot::id> on_duty(rotation const& r, clock_face const& f, bot::time_point t) {
    if (r.members.empty()) return {};
    auto who = holder(r, ordinal_of(r.kind, duty_day(t, f)));
    if (!who) return {};
    return {*who};
}

std::optional<long> next_shift_of(rotation const& r, bot::id const& who, long from) {
    if (index_of(r, who) < 0) return std::nullopt;
    // Each override can take one turn away, so the member's turn comes within this many shifts.
    auto limit = static_cast<long>(r.members.size() * (r.overrides.size() + 1) + 1);
    for (long n = from; n < from + limit; ++n)
        if (auto h = holder(r, n); h && *h == who) return n;
    return std::nullopt;
}

std::string shift_key(mode m, bot::civil_date first_day) {
    return (m == mode::daily ? "day " : "week ") + first_day.str();
}

change add_member(rotation& r, bot::id const& who, long now) {
    if (index_of(r, who) >= 0) return {"already_on"};
    auto current = std::max(0, turn_index(r, now));
    r.members.push_back(who);
    r.anchor_shift = now;
    r.anchor_pos = current;
    prune(r, now);
    return {};
}

change remove_member(rotation& r, bot::id const& who, long now) {
    auto k = index_of(r, who);
    if (k < 0) return {"not_on"};
    auto current = turn_index(r, now);
    r.members.erase(r.members.begin() + k);
    // The one in turn stays in turn; when it was the removed member, the next one takes over.
    if (k < current) --current;
    r.anchor_shift = now;
    r.anchor_pos = r.members.empty() ? 0 : static_cast<int>(floor_mod(current, static_cast<long>(r.members.size())));
    prune(r, now);
    return {};
}

change swap_members(rotation& r, bot::id const& a, bot::id const& b, long now) {
    auto i = index_of(r, a);
    auto j = index_of(r, b);
    if (i < 0 || j < 0) return {"swap_not_on"};
    if (i == j) return {"swap_same"};
    std::swap(r.members[static_cast<std::size_t>(i)], r.members[static_cast<std::size_t>(j)]);
    for (auto& [n, who] : r.overrides) {
        if (who == a)
            who = b;
        else if (who == b)
            who = a;
    }
    prune(r, now);
    return {};
}

change skip_member(rotation& r, bot::id const& who, long now, long& skipped) {
    auto k = index_of(r, who);
    if (k < 0) return {"skip_not_on"};
    if (r.members.size() < 2) return {"skip_alone"};
    auto n = next_shift_of(r, who, now);
    if (!n) return {"skip_not_on"};
    auto next = r.members[static_cast<std::size_t>((k + 1) % static_cast<int>(r.members.size()))];
    r.overrides[*n] = next;
    prune(r, now);
    skipped = *n;
    return {};
}

change set_mode(rotation& r, mode m, clock_face const& f, bot::time_point t) {
    if (r.kind == m) return {"mode_same"};
    auto day = duty_day(t, f);
    auto current = std::max(0, turn_index(r, ordinal_of(r.kind, day)));
    r.kind = m;
    r.anchor_shift = ordinal_of(m, day);
    r.anchor_pos = current;
    r.overrides.clear();
    return {};
}

}  // namespace plugins::duty
