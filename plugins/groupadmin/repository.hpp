#pragma once
/// The group-admin plugin's SQL: where each group's night mute stands, so a restart knows, and the
/// groups' daily activity (messages and distinct members per group day).

#include <cstdint>
#include <optional>
#include <string>
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

    /// Counts one message on the group's `day`; `user` (encoded, empty for an anonymous message)
    /// is counted once a day, under `name`. A day's first message drops the group's days before
    /// `keep_from`, so each group keeps a bounded window.
    void count_message(std::string const& group, std::string const& day, std::string const& user,
                       std::string const& name, std::string const& keep_from);
    /// The recorded days from `from` to `to` (inclusive), oldest first; days without messages are absent.
    std::vector<activity_day> activity(std::string const& group, std::string const& from, std::string const& to);
    /// The name a member last spoke under in the group, when the activity record still has one.
    std::optional<std::string> known_name(std::string const& group, std::string const& user);

private:
    storage::database& db_;
};

}  // namespace plugins::groupadmin
