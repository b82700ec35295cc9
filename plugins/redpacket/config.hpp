#pragma once
/// [plugins.redpacket]: owed red packets for missed days, lurker activation, the group fund view.

#include <chrono>
#include <string>
#include <vector>

#include "bot/config_schema.hpp"

namespace plugins::redpacket {

struct config {
    bool owe_on_miss = false;
    bot::money_amount owed_amount{500};
    int lurker_days = 7;
    int mention_every_days = 7;
    int session_weekday = 0;
    bot::time_of_day session_at{20 * 60};
    std::chrono::seconds notice_before{std::chrono::hours(2)};
    std::string session_name = "分享会";
    std::vector<std::string> hosts;
    bool mention_lurkers = true;
    int max_mentions = 50;
    int fund_entries = 10;

    static void describe(bot::schema<config>& s) {
        s.field("owe_on_miss", &config::owe_on_miss,
                "the group rule \"no output, send a red packet\": each missed check-in day owes one");
        s.field("owed_amount", &config::owed_amount, "the red packet owed for one missed day");
        s.range("lurker_days", &config::lurker_days, 1, 365, "days without a message that make a member a lurker");
        s.range("mention_every_days", &config::mention_every_days, 1, 365,
                "a lurker is @-mentioned in the group at most once per this many days");
        s.range("session_weekday", &config::session_weekday, 0, 7,
                "the weekday of the group's regular session (1 = Monday … 7 = Sunday); 0 = none");
        s.field("session_at", &config::session_at, "when the session starts, local time");
        s.field("notice_before", &config::notice_before, "how long before the session the hosts get the lurker list");
        s.field("session_name", &config::session_name, "what the session is called in messages");
        s.field("hosts", &config::hosts, "user IDs of the session's hosts; empty = the group's admins");
        s.field("mention_lurkers", &config::mention_lurkers, "@-mention lurkers in the group when the session starts");
        s.range("max_mentions", &config::max_mentions, 1, 500, "most @-mentions in one message");
        s.range("fund_entries", &config::fund_entries, 1, 50, "recent entries /fund shows");
    }
};

}  // namespace plugins::redpacket
