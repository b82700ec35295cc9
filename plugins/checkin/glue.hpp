#pragma once
/// What the check-in plugin's handlers share: its context, records and per-group burst state.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bot/plugin_context.hpp"
#include "plugins/checkin/checkin.hpp"
#include "plugins/checkin/checkin_book.hpp"
#include "plugins/checkin/config.hpp"
#include "plugins/checkin/tracker.hpp"

namespace plugins::checkin {

/// A member expected to check in.
struct expected_member {
    bot::id user;
    std::string name;
    bot::civil_date since;
};

struct state {
    explicit state(bot::plugin_context& c) : ctx(c), track(c.db()), records(c.db()) {}
    bot::plugin_context& ctx;
    tracker track;
    book records;
    struct burst {
        coalescer gate;
        std::vector<std::string> lines;
    };
    std::map<std::string, burst> bursts;  ///< per group key

    config cfg(bot::group_ref const& g) { return ctx.group_config<config>(g); }
    /// The group's name for a member: the one they last checked in under, else their ID.
    std::string name_of(std::map<bot::id, std::string> const& names, bot::id const& u) const {
        auto it = names.find(u);
        return it == names.end() ? u.str() : it->second;
    }
};

/// Members expected to check in: the participants, plus the platform's member list when the
/// group's roster is "members" and the platform has one.
bot::task<std::vector<expected_member>> expected_members(state& st, bot::group_ref const& g, bot::civil_date today);

/// Sends a confirmation now (quoting the check-in) or queues it into the group's next combined one.
bot::task<> confirm(std::shared_ptr<state> st, bot::session& s, std::string text, std::string line);

void register_views(std::shared_ptr<state> const& st);
void register_daily(std::shared_ptr<state> const& st);

}  // namespace plugins::checkin
