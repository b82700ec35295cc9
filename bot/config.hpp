#pragma once
/// The core's own configuration: the [bot], [dedupe], [outbox] and [commands.*] tables.

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "bot/config_file.hpp"
#include "bot/config_schema.hpp"

namespace bot {

/// [bot]: identity, superusers, command prefixes, the default time zone and storage.
struct bot_settings {
    std::string name = "qunbot";
    std::vector<std::string> superusers;  ///< "alice" (any platform) or "qq:12345"
    std::vector<std::string> command_prefixes{"/"};
    std::string timezone = "Asia/Shanghai";
    int day_close_hour = 0;
    std::string database = "data/qunbot.db";
    std::string log_level = "info";
    std::string log_file;  ///< empty: log to stderr only
    /// Which account speaks in a group with several bot accounts, most preferred first: "12345" or "qq:12345".
    std::vector<std::string> account_preference;
    static void describe(schema<bot_settings>& s);
};

/// [dedupe]: how long an event key is remembered.
struct dedupe_settings {
    std::chrono::seconds window{120};
    std::int64_t max_entries = 200000;
    static void describe(schema<dedupe_settings>& s);
};

/// [outbox]: send pacing and splitting per account.
struct outbox_settings {
    bool enabled = true;
    std::int64_t group_interval_ms = 1000;
    std::int64_t group_burst = 3;
    std::int64_t global_interval_ms = 100;
    std::int64_t global_burst = 10;
    std::int64_t jitter_ms = 300;
    std::int64_t max_chars = 1500;
    std::int64_t max_lines = 30;
    /// A send unanswered this long marks the account stalled: replies move to another account in the group.
    std::int64_t stall_after_ms = 5000;
    static void describe(schema<outbox_settings>& s);
};

/// [commands.NAME]: per-command overrides.
/// `[limits]`: how much may wait in memory before the bot stops reading from its connections.
struct limits_settings {
    std::int64_t max_queued_events = 2000;   ///< events waiting in all queues together
    std::int64_t max_queued_per_chat = 500;  ///< events waiting in one chat's queue
    std::int64_t resume_percent = 50;        ///< reading resumes below this share of both limits
    static void describe(schema<limits_settings>& s);
};

/// `[storage]`: when batched bookkeeping and WAL checkpoints are written.
struct storage_settings {
    std::int64_t batch_ms = 100;            ///< batched bookkeeping is written this long after it changed
    std::int64_t checkpoint_pages = 1000;   ///< the WAL is checkpointed on a worker thread past this size
    static void describe(schema<storage_settings>& s);
};

struct command_settings {
    std::vector<std::string> prefixes;  ///< empty: the command's own or the [bot] default
    std::vector<std::string> aliases;   ///< added to the command's own
    std::string permission;             ///< e.g. "group_admin || superuser"; empty keeps the default
    bool enabled = true;
    static void describe(schema<command_settings>& s);
};

/// Everything the core reads from bot.toml.
struct core_config {
    bot_settings bot;
    dedupe_settings dedupe;
    outbox_settings outbox;
    limits_settings limits;
    storage_settings storage;
    std::map<std::string, command_settings> commands;

    /// Reads the core tables from the file (claiming them); throws config_error.
    static core_config read(config_file& file);
};

}  // namespace bot
