#pragma once
/// The attendance service: how a member's group day ended. The check-in plugin provides it; plugins
/// that judge days (deposit, redpacket) require it through their context (see plugin_context::require).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bot/id.hpp"
#include "bot/timezone.hpp"

namespace bot {

/// How one member's group day ended.
enum class day_mark {
    done,    ///< a counted check-in (including an accepted make-up)
    leave,   ///< on leave: neither done nor missed
    missed,  ///< none of the above
};

/// A notice (plugin_context::notify) the check-in plugin raises when a member's missed group day
/// becomes done after the fact (a make-up), inside the transaction that records it: a listener
/// clears what the day owed at once, in that same transaction.
struct day_made_up {
    std::string group_key;
    id user;
    civil_date day;
    std::int64_t at = 0;             ///< unix seconds
    std::vector<std::string> notes;  ///< lines listeners add to the member's reply
};

/// A notice (plugin_context::notify) the check-in plugin raises inside the transaction that records
/// a check-in (the day's first or a later output), so a listener (bestshare's nominations) can keep
/// what was shared in that same transaction. `name` and `text` are member-written: print them with
/// shown_name / shown_text.
struct checked_in {
    std::string group_key;
    id user;
    std::string name;
    civil_date day;
    std::string text;     ///< what came with the check-in ("打卡 今天读完第三章" → "今天读完第三章")
    std::int64_t at = 0;  ///< unix seconds
};

/// Read access to the attendance records of every group.
class attendance {
public:
    /// The name other plugins require it by, and the one named when it is missing.
    static constexpr char const* service_name = "attendance";

    virtual ~attendance() = default;

    /// The mark of `user` in group `group_key` ("platform:group") for the group day `day`.
    virtual day_mark mark(std::string const& group_key, id const& user, civil_date day) = 0;
    /// The users of a group who have a counted check-in on `day`.
    virtual std::vector<id> done_on(std::string const& group_key, civil_date day) = 0;

    /// A member taking part in a group's check-ins.
    struct member {
        id user;
        std::string name;
        civil_date since;  ///< the group day they joined the check-ins
    };
    /// The members taking part in a group's check-ins (who have checked in or taken leave there and
    /// not left the group), by user ID.
    virtual std::vector<member> roster(std::string const& group_key) = 0;
    /// The name a member last checked in under, when known.
    virtual std::optional<std::string> name_of(std::string const& group_key, id const& user) = 0;
    /// Puts a member on the roster from `since` (or earlier, if they already are): a plugin that
    /// judges members' days by their check-ins (a deposit challenge) tells the check-ins whom it
    /// expects, so the check-in roll call names the same members as missed.
    virtual void expect(std::string const& group_key, id const& user, std::string const& name, civil_date since) = 0;
};

}  // namespace bot
