#pragma once
/// The money rules of a challenge as plain functions over values: fines, the forfeit split, pool
/// shares, pro-rata refunds and the settlement. Every amount is integer fen; every division rounds
/// down and the remainder goes somewhere named, so no fen is ever created or lost.

#include <string>
#include <vector>

#include "plugins/deposit/rules.hpp"

namespace plugins::deposit {

/// How a member's challenge day is judged.
enum class verdict {
    done,     ///< completed
    leave,    ///< on leave within the limit: neither done nor missed, never fined
    missed,   ///< missed (also: a leave beyond the limit)
    excused,  ///< a miss whose fine an admin reversed: counts like a leave day from then on
};

std::string_view name_of(verdict v);
std::optional<verdict> verdict_from(std::string_view s);

/// Judges a day from what the member did. A leave day beyond the challenge's leave limit
/// (`leave_used` leave days already excused) counts as missed.
verdict judge(bool done, bool on_leave, int leave_used, rules const& r);

/// The fine for a miss, given the misses already judged (`misses_before`) and what remains of the
/// deposit. The first `free_misses()` misses cost nothing. Fixed fines never exceed what remains;
/// a percentage is rounded down to the fen (in the member's favour).
bot::fen fine_for(rules const& r, int misses_before, bot::fen remaining);

/// A forfeited amount divided between the group fund and the finishers' pool.
struct forfeit_split {
    bot::fen to_fund = 0;
    bot::fen to_pool = 0;
};
/// Divides a forfeit by the destination rule; for `split` the fund's share is rounded down and the
/// odd fen goes to the pool.
forfeit_split split_forfeit(rules const& r, bot::fen amount);

/// Shares `pool` equally among `n` people: everyone gets pool / n, and the first pool % n (in the
/// order given, which callers make the enrolment order) get one fen more.
std::vector<bot::fen> share_equally(bot::fen pool, std::size_t n);

/// The refund of an early leaver under the pro-rata rule: what remains × done / days, rounded down.
bot::fen prorata_refund(bot::fen remaining, int done, int days);

/// What the settlement knows about one member.
struct tally {
    std::string user;  ///< encoded user id
    std::string name;
    bot::fen paid = 0;       ///< the confirmed deposit
    bot::fen remaining = 0;  ///< what is still held for them (deposit − fines, or a leaver's refund)
    bot::fen fined = 0;      ///< fines taken (net of reversals)
    int done = 0;
    int missed = 0;
    int leave = 0;    ///< excused leave days
    int excused = 0;  ///< misses whose fine an admin reversed
    bool left = false;  ///< left the group before the end (already settled by the leaver rule)
};

/// Whether a member finished: completed days plus excused days reach the full-refund threshold
/// (the same as: missed no more than the free misses).
bool finished(rules const& r, tally const& t);

/// Why a member gets what they get.
enum class reason { finished, not_finished, left, cancelled };

/// One line of the settlement list.
struct settle_line {
    tally member;
    reason why = reason::finished;
    bot::fen share = 0;   ///< their part of the finishers' pool
    bot::fen amount = 0;  ///< the refund: remaining + share
};

/// The settlement of a challenge.
struct settlement {
    std::vector<settle_line> lines;
    bot::fen deposits = 0;      ///< sum of confirmed deposits
    bot::fen refunds = 0;       ///< sum of refunds
    bot::fen to_fund = 0;       ///< everything the challenge gave the fund, the unclaimed pool included
    bot::fen pool = 0;          ///< the finishers' pool before sharing
    bot::fen pool_to_fund = 0;  ///< the pool when nobody finished
    bool balanced() const { return deposits == refunds + to_fund; }
};

/// Settles: each member's refund is what remains plus an equal share of the pool for finishers (in
/// the order given). Nobody finished: the pool goes to the fund. `fund_so_far` is what fines and
/// leavers already gave the fund.
settlement settle(rules const& r, std::vector<tally> const& members, bot::fen pool, bot::fen fund_so_far);

}  // namespace plugins::deposit
