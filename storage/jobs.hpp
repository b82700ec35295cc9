#pragma once
/// Persisted scheduler jobs, so timers survive a restart.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>


namespace storage {

class database;  // storage/database.hpp: only storage and plugin repositories see SQLiteCpp

/// A scheduled job as stored. `recurrence` is the scheduler's text form ("daily 21:00",
/// "weekly 3 20:00", "once"); `next_run` is unix seconds.
struct job_row {
    std::string key;      ///< unique ("checkin.reminder@qq:123")
    std::string handler;  ///< the registered handler name ("checkin.reminder")
    std::string group;    ///< group key, or empty
    std::string recurrence;
    std::string timezone;
    std::string payload;  ///< handler-defined text
    std::int64_t next_run = 0;
};

/// The jobs table.
class job_store {
public:
    explicit job_store(database& db);
    /// Inserts or replaces the job with this key.
    void upsert(job_row const& job);
    void remove(std::string const& key);
    std::optional<job_row> find(std::string const& key);
    std::vector<job_row> all();
    void set_next_run(std::string const& key, std::int64_t next_run);

private:
    database& db_;
};

/// A group the bot has seen, with the account that serves it.
struct group_row {
    std::string key;        ///< "qq:123456"
    std::string platform;
    std::string self_id;    ///< encoded id (bot::id::encode)
    std::string group_id;   ///< encoded id
    std::string name;
    std::int64_t first_seen = 0;
};

/// The known-groups table: the scheduler runs per-group jobs for every group here.
class group_store {
public:
    explicit group_store(database& db);
    /// Records the group (and refreshes its account/name); returns true when it was new.
    bool remember(group_row const& g);
    std::vector<group_row> all();
    std::optional<group_row> find(std::string const& key);

private:
    database& db_;
};

}  // namespace storage
