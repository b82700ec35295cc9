#pragma once
/// What the check-in plugin records, read by other plugins (deposit, redpacket) that judge a
/// member's day. Read-only; the check-in plugin's migrations create the tables it reads.

#include <optional>
#include <string>
#include <vector>

#include "bot/id.hpp"
#include "bot/timezone.hpp"
#include "storage/database.hpp"

namespace plugins::checkin {

/// How one member's group day ended.
enum class day_mark {
    done,    ///< checked in (a counted check-in, including an accepted make-up)
    leave,   ///< on leave: neither done nor missed
    missed,  ///< none of the above
};

/// Read access to the check-in records of every group.
class book {
public:
    explicit book(storage::database& db);

    /// The mark of `user` in group `group_key` ("platform:group") for the group day `day`.
    day_mark mark(std::string const& group_key, bot::id const& user, bot::civil_date day);
    /// The users of a group who have a counted check-in on `day`.
    std::vector<bot::id> done_on(std::string const& group_key, bot::civil_date day);

    /// A member taking part in a group's check-ins.
    struct member {
        bot::id user;
        std::string name;
        bot::civil_date since;  ///< the group day they joined the check-ins
    };
    /// The members taking part in a group's check-ins (who have checked in or taken leave there and
    /// not left the group), by user ID.
    std::vector<member> roster(std::string const& group_key);
    /// The name a member last checked in under, when known.
    std::optional<std::string> name_of(std::string const& group_key, bot::id const& user);

private:
    storage::database& db_;
};

}  // namespace plugins::checkin
