#pragma once
/// The red-packet plugin's SQL: owed red packets, members' last messages, daily jobs that ran.

#include <cstdint>
#include <functional>
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

    /// Notes a member's message on a group day, when the day changed: kept in memory for the
    /// core's batch when batch_through() was called, else written at once.
    void saw(std::string const& g, bot::id const& user, std::string const& name, bot::civil_date day);
    /// Batches saw(): `changed` tells the batch something waits, `flush` has the batch written,
    /// which every other use of the table does first.
    void batch_through(std::function<void()> changed, std::function<void()> flush) {
        changed_ = std::move(changed);
        flush_ = std::move(flush);
    }
    /// The batch's writer: writes what saw() keeps, then forgets it once committed.
    void write_seen();
    void seen_written() { unwritten_.clear(); }
    void left(std::string const& g, bot::id const& user);
    /// Members present in the group as far as the tracking knows.
    std::vector<seen_member> members(std::string const& g);
    /// The first day the group's members were tracked.
    std::optional<bot::civil_date> tracking_since(std::string const& g);
    /// Adds members the platform lists that were never seen (without a last day).
    void know(std::string const& g, bot::id const& user, std::string const& name, bot::civil_date day);
    void mentioned(std::string const& g, bot::id const& user, bot::civil_date day);

    /// Claims a daily or weekly job for a group day; false when it already ran.
    bool claim(std::string const& g, bot::civil_date day, std::string const& what, std::int64_t at);
    /// Claims something done once per group for good (a notice); false when it was done before.
    bool once(std::string const& g, std::string const& what, std::int64_t at);

private:
    storage::database& db_;
    /// hash of "group\nuser" → the last day noted, to skip repeats within a day. Only a shortcut:
    /// past `max_remembered` entries it starts afresh, costing a few rows written again.
    std::unordered_map<std::size_t, long> last_day_;
    static constexpr std::size_t max_remembered = 100'000;
    struct sighting {
        std::string group;
        std::string user;
        std::string name;
        bot::civil_date day;
    };
    std::unordered_map<std::string, sighting> unwritten_;  ///< "group\nuser" → waiting for the batch
    std::function<void()> changed_;
    std::function<void()> flush_;
    void flush() {
        if (flush_ && !unwritten_.empty()) flush_();
    }
    void write_saw(sighting const& s);
};

}  // namespace plugins::redpacket
