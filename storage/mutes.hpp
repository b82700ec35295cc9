#pragma once
/// The record of mutes the bot made (through bot::api::mute, by any plugin), so admins can see who
/// is muted and until when (`/mutes`). Platforms do not list mutes uniformly; this is the bot's own.

#include <cstdint>
#include <string>
#include <vector>

namespace storage {

class database;  // storage/database.hpp: only storage and plugin repositories see SQLiteCpp

/// One member the bot muted.
struct mute_row {
    std::string user;   ///< the member's ID, encoded (bot::id::encode)
    std::int64_t until = 0;  ///< unix seconds when the mute ends
    std::int64_t at = 0;     ///< unix seconds when it was made
    std::string why;    ///< who or what muted them ("antiad", "welcome", an admin's name)
};

/// The mutes the bot made, per group key; one row per member (a new mute replaces the old one).
class mute_log {
public:
    explicit mute_log(database& db);

    /// Notes a mute until `until`; `until <= at` (an unmute) forgets the member's mute.
    void record(std::string const& group, std::string const& user, std::int64_t until, std::string const& why,
                std::int64_t at);
    void forget(std::string const& group, std::string const& user);
    /// Mutes still running at `now`, ending soonest first. Ended ones are dropped as it reads.
    std::vector<mute_row> running(std::string const& group, std::int64_t now);

private:
    database& db_;
};

}  // namespace storage
