#pragma once
/// What the Q&A digest's handlers share: the context, the repository, and each group's index of
/// recent questions (in memory, bounded), so a chat message is matched to a question without a
/// database read.

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bot/plugin_context.hpp"
#include "plugins/digest/config.hpp"
#include "plugins/digest/repository.hpp"
#include "plugins/digest/rules.hpp"

namespace plugins::digest {

/// How many recent questions per group the index keeps to match replies and mentions.
inline constexpr std::size_t indexed_per_group = 200;
/// The longest question or answer stored, in bytes.
inline constexpr std::size_t stored_bytes = 1000;

/// A collected question as the index keeps it.
struct indexed_question {
    std::int64_t id = 0;
    int number = 0;
    std::string message_id;  ///< encoded
    bot::id asker;
    std::int64_t at = 0;
};

struct state {
    explicit state(bot::plugin_context& c) : ctx(c), repo(c.db()) {
        // Collected questions and answers are written in the core's batches: no reply waits for them.
        repo.batch_through([&c] { c.batch_changed(); }, [&c] { c.flush_batch(); });
        c.batched([this] { repo.write_pending(); }, [this] { repo.pending_written(); });
    }
    bot::plugin_context& ctx;
    repository repo;
    /// Per group, newest last; a group's entry is loaded from the database on first use.
    std::map<std::string, std::deque<indexed_question>> index;
    config cfg(bot::group_ref const& g) { return ctx.group_config<config>(g); }
    static std::int64_t unix(bot::time_point t) {
        return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    }
    static bot::time_point from_unix(std::int64_t s) { return bot::time_point{std::chrono::seconds{s}}; }
};

/// The answerer's rank for the ranking of answers. The one place that decides it: the group's
/// owner and admins first; the bot's duty admins (分管) are to be recognised here as well.
answer_rank rank_of(bot::session const& s);

/// The schedule the group's configuration names (daily when it is "off").
digest_schedule schedule_of(config const& cfg);

/// A digest ready to send: its messages and how many questions it lists.
struct built_digest {
    std::vector<std::string> messages;
    int questions = 0;
};
/// The group's digest of the questions asked in [from, to); nothing when none of them is answered.
std::optional<built_digest> build_digest(state& st, bot::group_ref const& g, bot::time_point from, bot::time_point to);
/// A question's best answers, best first, as the configuration allows.
std::vector<answer_row> best_of(state& st, bot::group_ref const& g, std::int64_t question);
/// "2026-03-02 21:00" in the group's zone.
std::string stamp(state& st, bot::group_ref const& g, std::int64_t at);

/// Sends a recorded digest's messages to the group and stores the first one's message ID.
bot::task<> send_digest(state& st, bot::group_ref const& g, std::string const& period, built_digest const& d);

/// Drops a forgotten question from the group's index.
void unindex(state& st, std::string const& gk, int number);

void register_texts(bot::plugin_context& ctx);
void register_collector(std::shared_ptr<state> const& st);
void register_poster(std::shared_ptr<state> const& st);
void register_commands(std::shared_ptr<state> const& st);
void register_panel(std::shared_ptr<state> const& st);

}  // namespace plugins::digest
