#pragma once
/// The group-admin plugin's SQL: where each group's night mute stands, so a restart knows, and the
/// groups' daily activity (messages and distinct members per group day).

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/database.hpp"

namespace plugins::groupadmin {

/// The schema steps (owner "groupadmin").
std::vector<storage::migration> const& schema();

/// What the bot last did to a group's whole-group mute for the night.
struct night_state {
    std::string group;
    bool on = false;
    std::int64_t at = 0;  ///< unix seconds of that change
};

/// One group day's activity: messages and the distinct members who sent them.
struct activity_day {
    std::string day;  ///< "2026-03-02", the group's day (its zone and day close)
    std::int64_t messages = 0;
    std::int64_t members = 0;
};

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}

    void put(std::string const& group, bool on, std::int64_t at);
    std::optional<night_state> get(std::string const& group);
    /// Every group night mode ever touched.
    std::vector<night_state> all();

    /// Counts one message on the group's `day`. A group's first write of a day drops its days
    /// before `keep_from`, so each group keeps a bounded window.
    /// Kept in memory for the core's batch when batch_through() was called, else written at once.
    void count_message(std::string const& group, std::string const& day, std::string const& keep_from);
    /// Adds to a group day's counts at once (the members who spoke for the first time that day, as
    /// the core's batch tells them: bot::first_words).
    void add(std::string const& group, std::string const& day, std::int64_t messages, std::int64_t members);
    /// Batches count_message(): `changed` tells the batch something waits, `flush` has the batch
    /// written, which the reads below do first.
    void batch_through(std::function<void()> changed, std::function<void()> flush) {
        changed_ = std::move(changed);
        flush_ = std::move(flush);
    }
    /// The batch's writer: writes the counts kept, then forgets them once committed.
    void write_counts();
    void counts_written() { unwritten_.clear(); }
    /// The recorded days from `from` to `to` (inclusive), oldest first; days without messages are absent.
    std::vector<activity_day> activity(std::string const& group, std::string const& from, std::string const& to);

private:
    storage::database& db_;
    /// One group day's messages not written yet.
    struct day_counts {
        std::string group;
        std::string day;
        std::string keep_from;
        std::int64_t messages = 0;
    };
    std::map<std::string, day_counts> unwritten_;  ///< "group\nday"
    std::unordered_map<std::string, std::string> pruned_on_;  ///< group → the day its window was last cut
    std::function<void()> changed_;
    std::function<void()> flush_;
    void flush() {
        if (flush_ && !unwritten_.empty()) flush_();
    }
    void write_day(day_counts const& c);
};

}  // namespace plugins::groupadmin
