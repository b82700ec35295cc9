#include "bot/config.hpp"

#include <stdexcept>

#include "bot/condition.hpp"

namespace bot {

void bot_settings::describe(schema<bot_settings>& s) {
    s.field("name", &bot_settings::name, "the bot's display name").global_only();
    s.field("superusers", &bot_settings::superusers, "users with every permission: \"alice\" or \"qq:12345\"")
        .global_only();
    s.field("command_prefixes", &bot_settings::command_prefixes, "what starts a command, e.g. [\"/\", \"#\"]");
    s.field("timezone", &bot_settings::timezone, "IANA time zone for \"today\" and daily jobs");
    s.range("day_close_hour", &bot_settings::day_close_hour, 0, 23, "hour at which the day ends (0 = midnight)");
    s.field("database", &bot_settings::database, "path of the SQLite database").global_only();
    s.one_of("log_level", &bot_settings::log_level, {"trace", "debug", "info", "warn", "error", "off"},
             "least severe log level written")
        .global_only();
    s.field("log_file", &bot_settings::log_file, "log file path; empty logs to stderr only").global_only();
    s.field("account_preference", &bot_settings::account_preference,
            "which bot account speaks in a group with several, most preferred first: \"12345\" or \"qq:12345\"")
        .global_only();
}

void dedupe_settings::describe(schema<dedupe_settings>& s) {
    s.field("window", &dedupe_settings::window, "how long an event is remembered to drop its duplicates")
        .check<std::chrono::seconds>(&dedupe_settings::window,
                                     [](std::chrono::seconds const& w) -> std::optional<expectation> {
                                         if (w >= std::chrono::seconds(1) && w <= std::chrono::hours(24))
                                             return std::nullopt;
                                         return expect::duration_range(std::chrono::seconds(1), std::chrono::hours(24));
                                     })
        .global_only();
    s.range<std::int64_t>("max_entries", &dedupe_settings::max_entries, 100, 100'000'000,
                          "most event keys remembered at once")
        .global_only();
}

void outbox_settings::describe(schema<outbox_settings>& s) {
    using o = outbox_settings;
    s.field("enabled", &o::enabled, "pace and split outgoing messages").global_only();
    s.range<std::int64_t>("group_interval_ms", &o::group_interval_ms, 0, 600'000, "pause between sends to one group")
        .global_only();
    s.range<std::int64_t>("group_burst", &o::group_burst, 1, 100, "sends to one group allowed without pause")
        .global_only();
    s.range<std::int64_t>("global_interval_ms", &o::global_interval_ms, 0, 60'000, "pause between any two sends")
        .global_only();
    s.range<std::int64_t>("global_burst", &o::global_burst, 1, 1000, "sends allowed without pause overall")
        .global_only();
    s.range<std::int64_t>("jitter_ms", &o::jitter_ms, 0, 60'000, "random extra delay added to each send").global_only();
    s.range<std::int64_t>("max_chars", &o::max_chars, 100, 100'000, "longer texts are split").global_only();
    s.range<std::int64_t>("max_lines", &o::max_lines, 1, 1000, "texts with more lines are split").global_only();
    s.range<std::int64_t>("stall_after_ms", &o::stall_after_ms, 0, 600'000,
                          "a send unanswered this long marks the account stalled; replies use another account")
        .global_only();
}

void limits_settings::describe(schema<limits_settings>& s) {
    using l = limits_settings;
    s.range<std::int64_t>("max_queued_events", &l::max_queued_events, 10, 10'000'000,
                          "events waiting in all queues before reading from the connections pauses")
        .global_only();
    s.range<std::int64_t>("max_queued_per_chat", &l::max_queued_per_chat, 1, 10'000'000,
                          "events waiting in one chat's queue before reading pauses")
        .global_only();
    s.range<std::int64_t>("resume_percent", &l::resume_percent, 1, 99,
                          "reading resumes when the queues fall below this percentage of both limits")
        .global_only();
}

void storage_settings::describe(schema<storage_settings>& s) {
    using t = storage_settings;
    s.range<std::int64_t>("batch_ms", &t::batch_ms, 0, 60'000,
                          "batched bookkeeping (last seen, activity) is written this long after it changed")
        .global_only();
    s.range<std::int64_t>("checkpoint_pages", &t::checkpoint_pages, 100, 1'000'000,
                          "WAL pages after which a worker thread copies the log back into the database")
        .global_only();
}

void command_settings::describe(schema<command_settings>& s) {
    s.field("prefixes", &command_settings::prefixes, "prefixes for this command; empty keeps the default");
    s.field("aliases", &command_settings::aliases, "extra names for this command");
    s.field("permission", &command_settings::permission, "who may use it, e.g. \"group_admin || superuser\"");
    s.field("enabled", &command_settings::enabled, "whether the command answers at all");
}

core_config core_config::read(config_file& file) {
    core_config out;
    out.bot = file.read<bot_settings>("bot");
    out.dedupe = file.read<dedupe_settings>("dedupe");
    out.outbox = file.read<outbox_settings>("outbox");
    out.limits = file.read<limits_settings>("limits");
    out.storage = file.read<storage_settings>("storage");
    if (auto commands = file.section("commands")) {
        if (!commands->is_table()) {
            file.report(config_error(commands->pos, "commands",
                                     "expected a table of [commands.NAME] tables, got " +
                                         describe_config_value(*commands)));
            return out;
        }
        schema<command_settings> s;
        command_settings::describe(s);
        for (auto const& [name, node] : commands->as_table()) {
            s.read(node, "commands." + name, out.commands[name], {}, [&](config_error e) { file.report(std::move(e)); });
            auto& perm = out.commands[name].permission;
            if (perm.empty()) continue;
            try {
                parse_permission(perm);
            } catch (std::invalid_argument const& e) {
                file.report(config_error(node.find("permission")->pos, "commands." + name + ".permission", e.what()));
                perm.clear();
            }
        }
    }
    return out;
}

}  // namespace bot
