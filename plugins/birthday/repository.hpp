#pragma once
/// The birthday plugin's SQL: members' birthdays per group and the greetings already sent.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bot/id.hpp"
#include "bot/timezone.hpp"
#include "plugins/birthday/birthday.hpp"

namespace storage {
class database;
}

namespace plugins::birthday {

/// One member's birthday in one group.
struct person {
    bot::id user;
    std::string name;
    month_day date;
    bool quiet = false;
    std::string source;  ///< "command" or "profile"
};

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}

    /// Records or replaces a member's birthday; their quiet choice stays.
    void put(std::string const& gk, bot::id const& user, std::string const& name, month_day d,
             std::string const& source, std::int64_t at);
    std::optional<person> find(std::string const& gk, bot::id const& user);
    /// Forgets a member's birthday; false when there was none.
    bool remove(std::string const& gk, bot::id const& user);
    /// Sets whether a member is greeted in public; false when they have no birthday here.
    bool set_quiet(std::string const& gk, bot::id const& user, bool quiet);
    /// Everyone born on `d` in the group, by name.
    std::vector<person> born_on(std::string const& gk, month_day d);
    /// Everyone born in `month` in the group, by day and name.
    std::vector<person> in_month(std::string const& gk, int month);
    /// Claims the group's greeting of `day`; false when it was claimed before.
    bool claim_greeting(std::string const& gk, bot::civil_date day, std::int64_t at, int people);

private:
    storage::database& db_;
};

}  // namespace plugins::birthday
