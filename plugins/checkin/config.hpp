#pragma once
/// [plugins.checkin]: how a group checks in, what counts, leave, make-up, reminder and day close.

#include <chrono>
#include <string>

#include "bot/config_schema.hpp"

namespace plugins::checkin {

struct config {
    bool bare_words = true;
    std::string require = "none";
    int min_text_length = 10;
    int leave_per_week = 2;
    int leave_max_days = 7;
    int makeup_per_month = 2;
    std::chrono::seconds makeup_window{std::chrono::hours(24)};
    bool remind = true;
    bot::time_of_day remind_at{21 * 60};
    int max_mentions = 50;
    std::string roster = "participants";
    bool roll_call = true;
    int absent_days = 3;
    std::string absent_action = "none";
    int burst_replies = 3;
    std::chrono::seconds burst_window{60};

    static void describe(bot::schema<config>& s) {
        s.field("bare_words", &config::bare_words, "accept 签到/打卡/checkin without the command prefix")
            .global_only();
        s.one_of("require", &config::require, {"none", "text", "image", "text_or_image", "text_and_image"},
                 "the output a check-in needs to count");
        s.range("min_text_length", &config::min_text_length, 0, 10000,
                "characters of text that count as text output (when require asks for text)");
        s.range("leave_per_week", &config::leave_per_week, 0, 7, "leave days a member may take per week (Mon–Sun)");
        s.range("leave_max_days", &config::leave_max_days, 1, 60, "most days one /leave may cover");
        s.range("makeup_per_month", &config::makeup_per_month, 0, 31, "make-ups a member may use per month; 0 = off");
        s.field("makeup_window", &config::makeup_window, "how long after the day closed yesterday may be made up");
        s.field("remind", &config::remind, "remind those who have not checked in");
        s.field("remind_at", &config::remind_at, "when to remind, local time of the group");
        s.range("max_mentions", &config::max_mentions, 1, 500, "most @-mentions in one message");
        s.one_of("roster", &config::roster, {"participants", "members"},
                 "who is expected to check in: members who ever checked in here, or the platform's member list");
        s.field("roll_call", &config::roll_call, "post the roll call when the day closes");
        s.range("absent_days", &config::absent_days, 0, 365,
                "tell the admins about members who missed this many days in a row; 0 = never");
        s.one_of("absent_action", &config::absent_action, {"none", "remind", "kick"},
                 "what else to do when a member reaches absent_days");
        s.range("burst_replies", &config::burst_replies, 1, 100,
                "individual confirmations per burst_window before they are combined into one message");
        s.field("burst_window", &config::burst_window, "the window of burst_replies, and how long combined confirmations wait");
    }
};

}  // namespace plugins::checkin
