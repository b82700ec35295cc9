#pragma once
/// The rules of study pairs and small groups as plain functions over values: how members are split
/// into groups (at random, by profile fields, avoiding recent partners), how a group's streak runs,
/// and how a cycle's length is written.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bot/id.hpp"

namespace plugins::pairs {

/// One member to place, with the intake-profile values that matter for matching.
struct candidate {
    bot::id user;
    std::vector<std::string> match;  ///< one value per "same" field (match_fields); "" when unknown
    std::vector<std::string> mix;    ///< one value per "different" field (mix_fields); "" when unknown
};

/// Two members, the smaller ID first.
using pair_key = std::pair<bot::id, bot::id>;
pair_key pair_of(bot::id const& a, bot::id const& b);
/// How many of the recent cycles each pair of members spent in one group.
using pair_history = std::map<pair_key, int>;
using grouping = std::vector<std::vector<bot::id>>;

/// What the search weighs, per pair of members in one group: having been together in a recent
/// cycle weighs most, then a "same" field that differs, then a "different" field that is equal.
inline constexpr int repeat_cost = 10;
inline constexpr int match_cost = 3;
inline constexpr int mix_cost = 1;

/// The sizes of the groups for `n` members and groups of `size`: n / size groups, and the members
/// left over join existing groups one each (5 members in pairs: 2 + 3). Empty when n < 2; one
/// group of everyone when n < size.
std::vector<int> group_sizes(int n, int size);

/// Splits `members` into groups of about `size` (see group_sizes): a shuffle seeded by `seed`, then
/// members who share the "same" fields placed together, then swaps between groups while they lower
/// the cost (repeats from `history`, differing "same" fields, equal "different" fields). The same
/// input and seed always give the same groups. Empty when there are fewer than 2 members.
grouping form_groups(std::vector<candidate> const& members, int size, std::uint64_t seed, pair_history const& history);

/// The pairs of a grouping that were together before (in `history`).
int repeated_pairs(grouping const& groups, pair_history const& history);

/// A seed from the group and the cycle number, so a cycle's groups are the same on every run.
std::uint64_t seed_of(std::string const& group_key, std::int64_t cycle);

/// A group's run of days on which every member checked in or was on leave.
struct streak {
    int current = 0;  ///< the run up to today (today counts once everyone is done)
    int best = 0;     ///< the longest run in the cycle
};
/// `past`: for each finished day of the cycle, oldest first, whether the whole group made it;
/// `today`: whether it has today already. An unfinished today does not break the run.
streak team_streak(std::vector<bool> const& past, bool today);

/// A cycle's length as admins write it: "14", "14天", "周" (7), "2周" / "两周" (14). nullopt when
/// it cannot be read; the range is the caller's to check.
std::optional<int> parse_days(std::string_view text);
/// A group size: plain digits. nullopt otherwise.
std::optional<int> parse_size(std::string_view text);

}  // namespace plugins::pairs
