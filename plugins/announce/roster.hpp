#pragma once
/// Session sign-ups as plain values: who is in, who waits, who moves up when someone cancels, and
/// whether sign-up is still open.

#include <optional>
#include <string>
#include <vector>

#include "bot/event.hpp"
#include "bot/id.hpp"

namespace plugins::announce {

struct signup {
    bot::id user;
    std::string name;
    long long seq = 0;  ///< sign-up order within the session
};

struct roster {
    std::vector<signup> in;       ///< the first `cap` by sign-up order
    std::vector<signup> waiting;  ///< the rest, in order
};

/// Splits sign-ups (in any order) at the cap, by sign-up order.
roster split(std::vector<signup> all, int cap);

/// Who moves from the waiting list into the session when `leaving` cancels: the first waiting
/// member, when `leaving` held a place; nullopt otherwise.
std::optional<signup> promoted(std::vector<signup> const& before, int cap, bot::id const& leaving);

/// Whether a member may still sign up (or cancel) at `now`.
enum class signup_gate { open, cancelled, started, deadline_passed };
signup_gate gate(bool cancelled, bot::time_point now, bot::time_point starts_at,
                 std::optional<bot::time_point> deadline);

}  // namespace plugins::announce
