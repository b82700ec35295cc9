#pragma once
/// Check-in operations over the repository, each one transaction: check in, make up, take leave,
/// and a member's standing. No chat, no clock: callers pass the day and the time.

#include <cstdint>
#include <optional>
#include <string>

#include "plugins/checkin/checkin.hpp"
#include "plugins/checkin/repository.hpp"

namespace plugins::checkin {

/// What a check-in did.
struct checkin_result {
    bool first = true;  ///< false: the day was already counted and only output was added
    int rank = 0;       ///< the member's place among the day's check-ins
    tally counted;      ///< streak and total days after this check-in
};

/// A member's standing on a day: the streak still alive and all counted days.
struct standing {
    int streak = 0;
    int total = 0;
};

class tracker {
public:
    explicit tracker(storage::database& db) : repo_(db) {}
    repository& repo() { return repo_; }

    /// Records a check-in for `day` with its output; a second one on the same day adds output only.
    checkin_result check_in(std::string const& g, bot::id const& user, std::string const& name, bot::civil_date day,
                            std::int64_t at, output o, std::string const& note);
    /// Records yesterday's make-up and recomputes the streaks that follow it.
    tally make_up(std::string const& g, bot::id const& user, std::string const& name, bot::civil_date day,
                  std::int64_t at, output o, std::string const& note);
    /// Puts the planned days on leave.
    void take_leave(std::string const& g, bot::id const& user, std::string const& name, leave_plan const& plan,
                    std::int64_t at, std::string const& reason);
    /// The member's streak alive on `today` and their counted days.
    standing standing_on(std::string const& g, bot::id const& user, bot::civil_date today);

private:
    /// Recomputes the tallies of the counted days after `day`, which now has the tally `at`.
    void carry_on(std::string const& g, bot::id const& user, bot::civil_date day, tally at);

    repository repo_;
};

}  // namespace plugins::checkin
