#pragma once
/// The check-in records as the attendance service (bot/attendance.hpp): how a member's group day
/// ended. The check-in plugin provides it to plugins that judge days (deposit, redpacket).

#include <optional>
#include <string>
#include <vector>

#include "bot/attendance.hpp"
#include "storage/database.hpp"

namespace plugins::checkin {

using bot::day_mark;

/// Read access to the check-in records of every group. The plugin's migrations create its tables.
class book final : public bot::attendance {
public:
    explicit book(storage::database& db) : db_(db) {}

    day_mark mark(std::string const& group_key, bot::id const& user, bot::civil_date day) override;
    std::vector<bot::id> done_on(std::string const& group_key, bot::civil_date day) override;
    std::vector<member> roster(std::string const& group_key) override;
    std::optional<std::string> name_of(std::string const& group_key, bot::id const& user) override;
    void expect(std::string const& group_key, bot::id const& user, std::string const& name,
                bot::civil_date since) override;

private:
    storage::database& db_;
};

}  // namespace plugins::checkin
