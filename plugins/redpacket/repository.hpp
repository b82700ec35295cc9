#pragma once
/// The red-packet plugin's SQL: owed red packets, when lurkers were @-mentioned, daily jobs that ran.
/// Who spoke when is the core's presence record (bot/presence.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "bot/id.hpp"
#include "bot/money.hpp"
#include "bot/timezone.hpp"
#include "plugins/redpacket/redpacket.hpp"
#include "storage/database.hpp"

namespace plugins::redpacket {

/// The schema steps (owner "redpacket").
std::vector<storage::migration> const& schema();

/// Where an owed red packet stands.
enum class owed_state { owed = 0, sent = 1, waived = 2, sent_unconfirmed = 3 };

struct owed_row {
    std::int64_t id = 0;
    bot::id user;
    std::string name;
    bot::civil_date day;
    bot::fen amount = 0;
    owed_state state = owed_state::owed;
};

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}
    storage::database& db() { return db_; }

    /// Records an owed red packet; nullopt when that member's day already has one.
    std::optional<std::int64_t> add_owed(std::string const& g, bot::id const& user, std::string const& name,
                                         bot::civil_date day, bot::fen amount, std::int64_t at);
    /// Owed red packets still open (owed, or sent with the amount to confirm), oldest first.
    std::vector<owed_row> open(std::string const& g);
    /// A member's oldest open red packet in one state.
    std::optional<owed_row> oldest(std::string const& g, bot::id const& user, owed_state state);
    /// A member's red packet for one day, when it is still owed.
    std::optional<owed_row> owed_on(std::string const& g, bot::id const& user, bot::civil_date day);
    /// Moves an open red packet to `to`; false when it was no longer open in `from`.
    bool settle(std::int64_t id, owed_state from, owed_state to, bot::fen paid, std::int64_t at, std::string const& by);

    /// The day each member of the group was last @-mentioned as a lurker, by encoded user.
    std::unordered_map<std::string, bot::civil_date> mentions(std::string const& g);
    void mentioned(std::string const& g, bot::id const& user, bot::civil_date day);

    /// Claims a daily or weekly job for a group day; false when it already ran.
    bool claim(std::string const& g, bot::civil_date day, std::string const& what, std::int64_t at);
    /// Claims something done once per group for good (a notice); false when it was done before.
    bool once(std::string const& g, std::string const& what, std::int64_t at);

private:
    storage::database& db_;
};

}  // namespace plugins::redpacket
