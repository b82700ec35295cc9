#pragma once
/// [plugins.deposit]: the defaults of new challenges and the plugin's timing. Each challenge keeps
/// the rules it was created with; changing these later never changes a running challenge.

#include <chrono>
#include <string>

#include "bot/config_schema.hpp"

namespace plugins::deposit {

struct config {
    bot::money_amount deposit{5000};
    int days = 21;
    bot::money_amount fine{500};
    int fine_percent = 0;
    int free_misses = 0;
    std::string forfeit_to = "fund";
    int fund_percent = 50;
    int leave_limit = 3;
    std::string leaver = "forfeit";
    std::string rule = "checkin";
    std::chrono::seconds pay_within{std::chrono::hours(48)};
    bot::time_of_day remind_at{20 * 60};
    bool nudge = true;
    int judge_delay_hours = 0;
    std::string export_dir;

    static void describe(bot::schema<config>& s) {
        s.field("deposit", &config::deposit, "default deposit of a new challenge");
        s.range("days", &config::days, 1, 366, "default length of a new challenge in days");
        s.field("fine", &config::fine, "default fine per missed day (when fine_percent is 0)");
        s.range("fine_percent", &config::fine_percent, 0, 100,
                "default forfeit curve: lose this % of what remains per miss; 0 = use the fixed fine");
        s.range("free_misses", &config::free_misses, 0, 366,
                "default misses allowed without a fine (full refund needs days - free_misses completed days)");
        s.one_of("forfeit_to", &config::forfeit_to, {"fund", "finishers", "split"},
                 "default destination of forfeits: the group fund, shared among finishers, or split");
        s.range("fund_percent", &config::fund_percent, 0, 100, "with split: the fund's share of each forfeit");
        s.range("leave_limit", &config::leave_limit, 0, 366,
                "default leave days excused per challenge; more leave days count as missed");
        s.one_of("leaver", &config::leaver, {"forfeit", "prorata"},
                 "default rule for a paid member who leaves the group before the end");
        s.one_of("rule", &config::rule, {"checkin", "message"},
                 "default completed day: a counted check-in, or any message in the group");
        s.field("pay_within", &config::pay_within, "an enrolment whose deposit is not confirmed in this time expires");
        s.field("remind_at", &config::remind_at,
                "daily reminder of unpaid enrolments and nudge of members not done today (group's local time)");
        s.field("nudge", &config::nudge, "at remind_at, @-mention paid members who have not completed today");
        s.range("judge_delay_hours", &config::judge_delay_hours, 0, 23,
                "hours after the day closes before it is judged, so a make-up in that time still counts");
        s.field("export_dir", &config::export_dir, "where /deposit export writes CSV files; empty = exports/ beside the database")
            .global_only();
    }
};

}  // namespace plugins::deposit
