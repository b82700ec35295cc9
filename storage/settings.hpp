#pragma once
/// Per-group settings set by admins from the chat; they override the bot.toml defaults.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "storage/database.hpp"

namespace storage {

/// Key/value settings per group, cached in memory and written through.
class settings {
public:
    explicit settings(database& db);

    std::optional<std::string> get(std::string const& group, std::string const& key);
    void set(std::string const& group, std::string const& key, std::string const& value, std::string const& by,
             std::int64_t at);
    /// Removes an override; returns whether there was one.
    bool erase(std::string const& group, std::string const& key);
    /// All overrides of a group whose key starts with `prefix`.
    std::map<std::string, std::string> list(std::string const& group, std::string const& prefix = "");

private:
    database& db_;
    std::map<std::string, std::map<std::string, std::string>> cache_;
    bool loaded_ = false;
    void load();
};

}  // namespace storage
