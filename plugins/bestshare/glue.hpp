#pragma once
/// What the best-share plugin's handlers share.

#include <memory>
#include <optional>
#include <string>

#include "bot/money.hpp"
#include "bot/plugin_context.hpp"
#include "plugins/bestshare/config.hpp"
#include "plugins/bestshare/repository.hpp"
#include "plugins/bestshare/ring.hpp"

namespace plugins::bestshare {

/// How many recent messages per group a /提名 reply can quote.
inline constexpr std::size_t ring_size = 500;

struct state {
    explicit state(bot::plugin_context& c) : ctx(c), repo(c.db()), ring(ring_size) {}
    bot::plugin_context& ctx;
    repository repo;
    message_ring ring;

    config cfg(bot::group_ref const& g) { return ctx.group_config<config>(g); }
    std::int64_t now() { return ctx.clock().now().time_since_epoch().count(); }
    std::string text(std::optional<bot::group_ref> const& g, std::string const& key, bot::text_args const& args = {}) {
        return ctx.render(g, key, args);
    }
    /// "03-08 20:00" in the group's zone.
    std::string when(bot::group_ref const& g, std::int64_t t) {
        return ctx.group_tz(g).to_local(bot::time_point(std::chrono::seconds(t))).str().substr(5, 11);
    }
};
using state_ptr = std::shared_ptr<state>;

/// The group fund (shared with redpacket and deposit) and the accounts of a reward.
std::string fund_account(std::string const& group);
std::string reward_account(std::string const& user);
std::string external_account(std::string const& user);
inline std::string yuan(bot::fen f) { return bot::format_money(f); }

/// Every text the plugin says, with its default (texts.cpp).
void register_texts(bot::plugin_context& ctx);
/// /提名, the check-in listener and the ring of recent messages (nominate.cpp).
void register_nominate(state_ptr const& st);
/// The weekly vote: the opening and closing jobs, /投票最佳, open, close, status (vote.cpp).
void register_vote(state_ptr const& st);
/// The reward: /bestshare reward, paid (reward.cpp).
void register_reward(state_ptr const& st);
/// /bestshare export and remove (archive.cpp).
void register_archive(state_ptr const& st);
/// The console panel (panel.cpp).
void register_panel(state_ptr const& st);

/// A nomination as members read it: "#3 bob：「…」（alice 提名）".
std::string nominee_line(state& st, bot::group_ref const& g, nomination_row const& n, bool with_votes);

/// A reward's state in words, for the panel and the archive (archive.cpp).
std::string reward_words(reward_state s);
/// The archive as CSV: a row per nominated share of every week (archive.cpp).
std::string archive_csv(state& st, bot::group_ref const& g);

/// What the fund does about a week's winner, inside the closing transaction: the earlier owed
/// rewards first, then this week's (granted from the fund, or owed when the fund is short).
/// Returns the reward row it recorded, if any (reward.cpp).
std::optional<reward_row> reward_winner(state& st, bot::group_ref const& g, week_row const& w, nomination_row const& winner);
/// Grants owed rewards that the fund can now pay, oldest first, each in its own transaction;
/// returns the ones granted.
std::vector<reward_row> settle_owed(state& st, bot::group_ref const& g);

}  // namespace plugins::bestshare
