#pragma once
/// Who is in each group and when they last spoke: one row per group and member, kept by the core
/// for every plugin (the red-packet plugin's lurkers, the group-admin plugin's daily counts and
/// names). A member's first message of a group day changes their row; their other messages that
/// day write nothing. The changes wait in memory for the core's batch (see write_batch), which
/// tells, as it writes them, how many members spoke for the first time on each group day
/// (first_words); every read has the batch written first.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "bot/id.hpp"
#include "bot/timezone.hpp"
#include "storage/database.hpp"
#include "storage/migration.hpp"

namespace bot {

/// A member of a group as the presence record knows them.
struct member_presence {
    id user;
    std::string name;                      ///< the name they last spoke (or joined, or were listed) under
    civil_date first_day;                  ///< the group day they were first seen, joined or listed
    std::optional<civil_date> last_spoke;  ///< the group day of their last message; nullopt: never seen speaking
    std::optional<civil_date> joined;      ///< the group day they last joined, when the bot saw it
};

/// A notice (plugin_context::listen) the core raises inside the batch's transaction: `members`
/// members of `group` spoke for the first time on the group day `day` since the last batch.
/// Exact across restarts: the rows say who already spoke that day. A message from a day before the
/// member's last one is not a first.
struct first_words {
    std::string group;
    civil_date day;
    int members = 0;
};

class presence {
public:
    /// The schema steps (owner "presence").
    static std::vector<storage::migration> const& schema();

    explicit presence(storage::database& db) : db_(db) {}
    presence(presence const&) = delete;
    presence& operator=(presence const&) = delete;

    /// Has changes wait for a batch: `changed` tells the batch something waits, `flush` has it
    /// written. Without it every change is written at once.
    void batch_through(std::function<void()> changed, std::function<void()> flush) {
        changed_ = std::move(changed);
        flush_ = std::move(flush);
    }

    /// Tells `fn` (inside the batch's transaction) of each group day's first words the batch wrote.
    void on_first_words(std::function<void(first_words&)> fn) { first_words_ = std::move(fn); }

    /// A member's message on the group day `day` (of the message's own time). Their first message
    /// of a day waits for the batch; the others are answered from memory and write nothing. A late
    /// message from a day before their last one changes nothing.
    void spoke(std::string const& group, id const& user, std::string const& name, civil_date day);
    /// A member joined on `day`: present from now on, under `name` when the record had none.
    void joined(std::string const& group, id const& user, std::string const& name, civil_date day);
    /// The platform lists the member in the group (`day` is today): present, and known from today
    /// when the record had no row for them.
    void listed(std::string const& group, id const& user, std::string const& name, civil_date day);
    /// The member left (or was removed): no longer listed by members().
    void left(std::string const& group, id const& user);

    /// The group's members who are present as far as the record knows, ordered by user.
    std::vector<member_presence> members(std::string const& group);
    /// One member's row, present or not.
    std::optional<member_presence> member(std::string const& group, id const& user);
    /// The first day the record knew anyone in the group.
    std::optional<civil_date> since(std::string const& group);

    /// The batch's writer: writes what waits (inside the batch's transaction) and keeps it;
    /// written() forgets it once that transaction committed.
    void write();
    void written() { unwritten_.clear(); }

private:
    struct change {
        std::string group;
        std::string user;  ///< encoded
        std::string name;
        long day = 0;       ///< the serial of the day spoken, or of the day joined
        bool spoke = true;  ///< a message; false: a join
    };

    storage::database& db_;
    std::function<void()> changed_;
    std::function<void()> flush_;
    std::function<void(first_words&)> first_words_;
    /// hash of "group\nuser" → the serial of the last day they spoke, so that their other messages
    /// that day write nothing. Only a shortcut: past `max_remembered` entries it starts afresh, and
    /// a day written again changes no row (the write only moves a day forward).
    std::unordered_map<std::size_t, long> last_spoke_;
    static constexpr std::size_t max_remembered = 100'000;
    /// "group\nuser\nday" → a member's first message of a day waiting for the batch (and their
    /// last join, under "j" + "group\nuser").
    std::unordered_map<std::string, change> unwritten_;

    void flush() {
        if (flush_ && !unwritten_.empty()) flush_();
    }
    void keep(std::string key, change c);
    /// Writes one change; true when it moved the member's last day spoken forward (or added them).
    bool write_one(change const& c);
};

}  // namespace bot
