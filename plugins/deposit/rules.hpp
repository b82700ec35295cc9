#pragma once
/// The rules of one deposit challenge, as values, and how `/challenge new key=value ...` reads them.

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "bot/money.hpp"
#include "bot/timezone.hpp"

namespace plugins::deposit {

/// How a missed day is fined.
enum class fine_mode {
    fixed,    ///< a fixed amount per miss (never more than what remains)
    percent,  ///< a share of what remains of the deposit ("lose 50 % of what remains per miss")
};

/// Where forfeited money goes.
enum class destination {
    fund,       ///< the group fund
    finishers,  ///< shared equally among the members who finished
    split,      ///< `fund_percent` % to the fund, the rest shared among finishers
};

/// What happens to a paid member who leaves the group before the end.
enum class leaver_rule {
    forfeit,  ///< what remains of the deposit is forfeited
    prorata,  ///< what remains is refunded in proportion to the days completed
};

/// What counts as a completed day.
enum class day_rule {
    checkin,  ///< a counted check-in (the check-in plugin)
    message,  ///< any message in the group that day
};

/// The rules of a challenge.
struct rules {
    std::string name;
    bot::civil_date start;
    int days = 21;
    bot::fen deposit = 5000;
    fine_mode mode = fine_mode::fixed;
    bot::fen fine = 500;     ///< fixed: fen per miss
    int percent = 50;        ///< percent: share of what remains, per miss
    int full_days = 21;      ///< completed days needed for a full refund
    destination to = destination::fund;
    int fund_percent = 50;   ///< split: the fund's share of each forfeit
    int leave_limit = 3;     ///< leave days excused in the whole challenge; more count as missed
    leaver_rule leaver = leaver_rule::forfeit;
    day_rule rule = day_rule::checkin;

    bot::civil_date last_day() const { return start.plus_days(days - 1); }
    /// Misses that cost nothing: a member may miss this many days and still get everything back.
    int free_misses() const { return days - full_days; }
    bool contains(bot::civil_date d) const { return d >= start && d <= last_day(); }
};

/// Storage names of the rule values ("fixed", "fund", "prorata", ...), and back.
std::string_view name_of(fine_mode v);
std::string_view name_of(destination v);
std::string_view name_of(leaver_rule v);
std::string_view name_of(day_rule v);
std::optional<fine_mode> fine_mode_from(std::string_view s);
std::optional<destination> destination_from(std::string_view s);
std::optional<leaver_rule> leaver_from(std::string_view s);
std::optional<day_rule> day_rule_from(std::string_view s);

/// A problem in the arguments of `/challenge new`: which key and what was expected.
struct rules_error {
    std::string key;
    std::string problem;
};

/// Reads "name=早起 start=2026-03-03 days=21 deposit=50 fine=5 full=18 to=fund ..." (Chinese keys
/// too: 名称 开始 天数 押金 罚 全额 去向 请假 退群 完成) over `defaults`. A first word without "="
/// is the name. Without `full=`, a full refund needs `days - free_misses` days. `today` resolves
/// "today"/"tomorrow" and refuses a start in the past; the start defaults to tomorrow.
std::variant<rules, rules_error> parse_rules(std::string_view args, rules defaults, int free_misses,
                                            bot::civil_date today);

/// Checks the relations between values (full ≤ days, ...); the problem or nullopt.
std::optional<rules_error> check_rules(rules const& r);

}  // namespace plugins::deposit
