#pragma once
/// The deposit plugin's SQL: challenges, enrolments, judged days, refunds and message activity.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "plugins/deposit/money.hpp"
#include "plugins/deposit/rules.hpp"
#include "storage/database.hpp"

namespace plugins::deposit {

/// Where a challenge is in its life.
enum class challenge_status {
    open,     ///< enrolling and running
    ended,    ///< past its last day, waiting for the settlement
    settled,  ///< settled or cancelled: closed for good
};

/// Where a member's enrolment is.
enum class member_status {
    pending,    ///< enrolled, deposit not confirmed yet
    paid,       ///< deposit confirmed: their days are judged
    expired,    ///< the deposit did not come in time
    withdrawn,  ///< cancelled (left the group unpaid, or the challenge was cancelled)
    left,       ///< paid, then left the group: settled by the leaver rule
};

/// A stored challenge.
struct challenge {
    std::int64_t id = 0;
    std::string group;
    rules r;
    challenge_status status = challenge_status::open;
    std::string created_by;
    std::int64_t created_at = 0;
};

/// A stored enrolment.
struct enrolment {
    std::int64_t challenge = 0;
    std::string user;  ///< encoded bot::id
    std::string name;
    std::int64_t seq = 0;
    member_status status = member_status::pending;
    std::int64_t joined_at = 0;
    bot::fen paid = 0;
    std::int64_t paid_at = 0;
    std::string paid_by;
};

/// A judged day of one member.
struct judged_day {
    bot::civil_date day;
    verdict v = verdict::missed;
    bot::fen fine = 0;
};

/// A settlement line as stored.
struct refund_row {
    std::string user;
    bot::fen amount = 0;
    bot::fen share = 0;
    reason why = reason::finished;
    std::int64_t paid_at = 0;
    std::string paid_by;
};

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}

    std::int64_t add_challenge(std::string const& group, rules const& r, std::string const& by, std::int64_t at);
    /// The group's challenge that is not settled yet, if any.
    std::optional<challenge> current(std::string const& group);
    /// The group's most recent challenge, whatever its status.
    std::optional<challenge> latest(std::string const& group);
    /// The group's challenges, newest first, at most `limit`.
    std::vector<challenge> challenges(std::string const& group, int limit);
    std::optional<challenge> find(std::int64_t id);
    void set_status(std::int64_t id, challenge_status status);

    /// Enrols a member; false when they are already enrolled (in any status).
    bool add_member(std::int64_t c, std::string const& user, std::string const& name, std::int64_t at);
    /// Enrols again a member whose enrolment expired or was withdrawn.
    void rejoin(std::int64_t c, std::string const& user, std::string const& name, std::int64_t at);
    std::optional<enrolment> member(std::int64_t c, std::string const& user);
    /// Members in enrolment order.
    std::vector<enrolment> members(std::int64_t c);
    void set_member_status(std::int64_t c, std::string const& user, member_status status);
    void set_paid(std::int64_t c, std::string const& user, bot::fen amount, std::int64_t at, std::string const& by);

    std::vector<judged_day> days(std::int64_t c, std::string const& user);
    bool has_day(std::int64_t c, std::string const& user, bot::civil_date day);
    void add_day(std::int64_t c, std::string const& user, judged_day const& d);
    void set_verdict(std::int64_t c, std::string const& user, bot::civil_date day, verdict v);

    void add_refund(std::int64_t c, refund_row const& r);
    std::vector<refund_row> refunds(std::int64_t c);
    void mark_refund_paid(std::int64_t c, std::string const& user, std::int64_t at, std::string const& by);

    void note_activity(std::string const& group, std::string const& user, bot::civil_date day);
    bool active(std::string const& group, std::string const& user, bot::civil_date day);

private:
    storage::database& db_;
    /// current() by group: read on every group message, changed only by add_challenge and
    /// set_status, which empty it (and so does a rollback of their transaction).
    std::unordered_map<std::string, std::optional<challenge>> current_;
    void forget_current();
};

}  // namespace plugins::deposit
