#pragma once
/// The console's audit log: every change made through the console, with who made it, what it was,
/// and the state before and after. Rows are only added.

#include <cstdint>
#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/migration.hpp"

namespace web {

struct audit_entry {
    std::int64_t id = 0;
    std::int64_t at = 0;  ///< unix seconds on the bot's clock
    std::string who;
    std::string group;  ///< group key; empty for bot-wide changes and sign-ins
    std::string action;
    std::string before;
    std::string after;
};

class audit_log {
public:
    explicit audit_log(storage::database& db) : db_(db) {}
    static std::vector<storage::migration> migrations();

    void add(audit_entry const& e);
    /// The newest entries first; those of `groups` only unless `all`.
    std::vector<audit_entry> recent(int limit, bool all, std::vector<std::string> const& groups = {});

private:
    storage::database& db_;
};

}  // namespace web
