#pragma once
/// The red-packet rules as plain functions over values: ledger accounts and postings of owed red
/// packets, who is a lurker, whom to @-mention, when the session notice goes out, fund lines.

#include <optional>
#include <string>
#include <vector>

#include "bot/id.hpp"
#include "bot/money.hpp"
#include "bot/timezone.hpp"
#include "storage/ledger.hpp"

namespace plugins::redpacket {

/// The group fund, shared with every plugin that pays into or out of it.
std::string fund_account(std::string const& group);
/// What a member owes the fund in red packets (a receivable of the fund).
std::string owed_account(bot::id const& user);
/// The fund's side of red packets promised but not yet sent.
std::string promised_account(std::string const& group);
/// The member's own pocket, where money paid into the group comes from.
std::string external_account(bot::id const& user);

/// The posting that records one owed red packet for a missed day.
storage::posting owed_posting(std::string const& group, bot::id const& user, bot::civil_date day, bot::fen amount,
                              std::string const& name, std::int64_t at);
/// The posting that settles owed red packet `owed_id`: sent with `paid` fen (0 = waived).
storage::posting settle_posting(std::string const& group, std::int64_t owed_id, bot::id const& user, bot::fen owed,
                                bot::fen paid, std::string const& memo, std::string const& actor, std::int64_t at);

/// A member as the lurker tracking knows them.
struct seen_member {
    bot::id user;
    std::string name;
    std::optional<bot::civil_date> last_day;       ///< the group day of their last message (or joining)
    std::optional<bot::civil_date> last_mentioned;  ///< the day they were last @-mentioned as a lurker
};

/// A lurker and how long they have been silent (nullopt: never seen speaking).
struct lurker {
    bot::id user;
    std::string name;
    std::optional<int> silent_days;
};

/// Members silent for at least `days` days on `today`, longest silent first. Members never seen
/// speaking count only when tracking has run for `days` days (`tracking_since`).
std::vector<lurker> find_lurkers(std::vector<seen_member> const& members, bot::civil_date today, int days,
                                 std::optional<bot::civil_date> tracking_since);

/// Which lurkers may be @-mentioned today: not mentioned in the last `every` days.
std::vector<bot::id> due_mentions(std::vector<lurker> const& lurkers, std::vector<seen_member> const& members,
                                  bot::civil_date today, int every);

/// The weekly notice time: `before` ahead of weekday/minute, wrapped around the week.
struct weekly_time {
    int weekday = 1;
    int minute_of_day = 0;
    friend bool operator==(weekly_time const&, weekly_time const&) = default;
};
weekly_time notice_time(int weekday, int minute_of_day, std::chrono::seconds before);

/// The words for a ledger kind in /fund ("fine" → "罚金").
std::string kind_words(std::string const& kind);

}  // namespace plugins::redpacket
