#pragma once
/// Per-group settings set by admins from the chat; they override the bot.toml defaults.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>


namespace storage {

class database;  // storage/database.hpp: only storage and plugin repositories see SQLiteCpp

/// Key/value settings per group, cached in memory and written through. The settings own the
/// record of change: a generation that grows with every change, and listeners told which group
/// changed, so no writer has to announce its own writes.
class settings {
public:
    using listener = std::function<void(std::string const& group)>;

    explicit settings(database& db);

    std::optional<std::string> get(std::string const& group, std::string const& key);
    void set(std::string const& group, std::string const& key, std::string const& value, std::string const& by,
             std::int64_t at);
    /// Removes an override; returns whether there was one.
    bool erase(std::string const& group, std::string const& key);
    /// All overrides of a group whose key starts with `prefix`.
    std::map<std::string, std::string> list(std::string const& group, std::string const& prefix = "");

    /// Grows with every change, and when a change is rolled back with its transaction: a cache
    /// built from the settings is current while the generation it was built at is.
    std::uint64_t generation() const { return generation_; }
    /// Calls `fn` after every change (and every rollback of one) with the group that changed.
    void on_change(listener fn) { listeners_.push_back(std::move(fn)); }

private:
    void changed(std::string const& group);
    std::uint64_t generation_ = 0;
    std::vector<listener> listeners_;
    database& db_;
    std::map<std::string, std::map<std::string, std::string>> cache_;
    bool loaded_ = false;
    void load();
};

}  // namespace storage
