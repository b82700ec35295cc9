#pragma once
/// The rules of the group-health figures as plain functions over values: which period /stats
/// means, the figures of each day and of a period, the trend against the previous period, who
/// became silent, the top talkers and the member cap.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bot/timezone.hpp"

namespace plugins::stats {

/// A run of group days ending on `last`.
struct period {
    bot::civil_date last;
    int days = 7;
    bot::civil_date first() const { return last.plus_days(1 - days); }
    /// The period of the same length just before this one.
    period before() const { return {first().plus_days(-1), days}; }
};

/// The period length a range word names: empty, "7d", "7天", "7" → 7; "30d" → 30; "今天", "today",
/// "1d" → 1. Anything else → nullopt.
std::optional<int> parse_range(std::string_view text);

/// The stored counters of one group day.
struct day_counts {
    bot::civil_date day;
    int messages = 0;
    int questions = 0;
    int answered = 0;
    int joined = 0;
    int left = 0;
    std::optional<int> size;  ///< members at the day close, when the platform listed them
};

/// One member's messages on one group day (user is the encoded ID).
struct member_day {
    bot::civil_date day;
    std::string user;
    std::string name;
    int messages = 0;
};

/// Everything stored about a group over some days; `checkins` (day serial → users) is absent when
/// no attendance is available.
struct group_data {
    std::vector<day_counts> counts;
    std::vector<member_day> members;
    std::optional<std::map<long, std::set<std::string>>> checkins;
};

/// The figures of one group day: what /stats sums and the console charts.
struct day_row {
    bot::civil_date day;
    int messages = 0;
    int active = 0;        ///< members who sent a message
    int contributors = 0;  ///< members with at least K messages or a check-in that day
    int joined = 0;
    int left = 0;
    int questions = 0;
    int answered = 0;
    std::optional<int> checkins;  ///< nullopt: check-ins unavailable
    std::optional<int> size;      ///< members at the day close, when known
};

/// One row per day from `from` to `to` (days without data are zero rows).
std::vector<day_row> per_day(group_data const& d, bot::civil_date from, bot::civil_date to, int contributor_messages);

/// The figures of a period: sums, and distinct members for active and contributors.
struct period_figures {
    int days_with_data = 0;  ///< days with any counter
    int messages = 0;
    int active = 0;
    int contributors = 0;  ///< distinct members who were a contributor on some day
    int joined = 0;
    int left = 0;
    int questions = 0;
    int answered = 0;
    std::optional<int> checkins;     ///< check-ins in the period; nullopt when unavailable
    std::optional<int> latest_size;  ///< the last size recorded in the period
    std::optional<bot::civil_date> first_data;
};
period_figures summarize(group_data const& d, period p, int contributor_messages);

/// "↑25%", "↓10%", "→" (unchanged), "↑新" (from nothing), "" when both are zero.
std::string trend(double now, double before);
/// "12.5%" (one decimal, trailing ".0" dropped); "—" when `whole` is zero.
std::string percent(double part, double whole);

/// A member and what the figure counts for them.
struct named {
    std::string user;
    std::string name;  ///< the latest name seen
    int messages = 0;
};
/// Members who sent a message in `before` but none in `now`, most messages first (at most `limit`).
std::vector<named> silent_members(group_data const& d, period before, period now, std::size_t limit,
                                  std::size_t* total = nullptr);
/// The `n` members with the most messages in the period, without `excluded`; ties by name.
std::vector<named> top_talkers(group_data const& d, period p, std::set<std::string> const& excluded, std::size_t n);

/// The member cap of a group: the configured one, else the platform's. `assumed` says it is a guess.
struct member_cap {
    int cap = 0;  ///< 0: unknown
    bool assumed = false;
};
member_cap cap_for(std::string_view platform, int configured);
/// Whether `size` has reached 90% of `cap`.
bool near_cap(int size, int cap);

}  // namespace plugins::stats
