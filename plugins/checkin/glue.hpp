#pragma once
/// What the check-in plugin's handlers share: its context, records and per-group burst state.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bot/plugin_context.hpp"
#include "plugins/checkin/checkin.hpp"
#include "plugins/checkin/checkin_book.hpp"
#include "plugins/checkin/config.hpp"
#include "plugins/checkin/pending.hpp"
#include "plugins/checkin/tracker.hpp"

namespace plugins::checkin {

/// A member expected to check in.
struct expected_member {
    bot::id user;
    std::string name;
    bot::civil_date since;
};

struct state {
    explicit state(bot::plugin_context& c)
        : ctx(c), track(c.db()), shared_records(std::make_shared<book>(c.db())), records(*shared_records), pending(c.db()) {}
    bot::plugin_context& ctx;
    tracker track;
    std::shared_ptr<book> shared_records;  ///< also the attendance service other plugins require
    book& records;
    pending_confirmations pending;
    std::map<std::string, coalescer> gates;  ///< per group key
    std::set<std::string> flushing;          ///< groups whose combined confirmation is being sent
    std::set<std::string> flush_again;       ///< groups that got lines while it was being sent

    config cfg(bot::group_ref const& g) { return ctx.group_config<config>(g); }
    /// The group's name for a member: the one they last checked in under, else their ID.
    std::string name_of(std::map<bot::id, std::string> const& names, bot::id const& u) const {
        auto it = names.find(u);
        return it == names.end() ? u.str() : it->second;
    }
};

/// Members expected to check in: the participants, plus the platform's member list when the
/// group's roster is "members" and the platform has one and shows the bot every message.
bot::task<std::vector<expected_member>> expected_members(state& st, bot::group_ref const& g, bot::civil_date today);

/// Decides whether a confirmation at `now` goes out on its own or joins the group's combined one,
/// arranging the combined one's timer. A joining line is then stored with pending.add().
coalescer::verdict admit_confirmation(std::shared_ptr<state> const& st, bot::group_ref const& g, bot::time_point now);
/// Sends a group's stored confirmation lines as one message and forgets them once it went out.
bot::task<> flush_pending(std::shared_ptr<state> st, bot::group_ref g);
/// Sends the confirmations left over from before a restart when an account connects, and those
/// still waiting at a clean shutdown.
void register_confirmations(std::shared_ptr<state> const& st);

/// The boards of /rank.
enum class board { today, week, month, all, streak };
/// How many members a board shows.
constexpr int board_size = 10;
/// One line of a board: the place, the member and what the board counts (days, or the streak;
/// the today board counts the member's streak and places by check-in order).
struct board_line {
    int place = 0;
    bot::id user;
    int value = 0;
};
/// A board as /rank shows it on `today`.
std::vector<board_line> board_lines(state& st, std::string const& gk, board which, bot::civil_date today);
/// The text key of a board's title ("board_week").
std::string board_key(board b);

void register_views(std::shared_ptr<state> const& st);
/// The console panels: the calendar, members and boards ("checkins") and the daily rate ("health").
void register_panels(std::shared_ptr<state> const& st);
void register_daily(std::shared_ptr<state> const& st);

}  // namespace plugins::checkin
