#pragma once
/// The group-admin plugin's SQL: where each group's night mute stands, so a restart knows.

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

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}

    void put(std::string const& group, bool on, std::int64_t at);
    std::optional<night_state> get(std::string const& group);
    /// Every group night mode ever touched.
    std::vector<night_state> all();

private:
    storage::database& db_;
};

}  // namespace plugins::groupadmin
