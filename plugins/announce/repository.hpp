#pragma once
/// The announce plugin's SQL: announcements with their drafts, the occurrences sent (or skipped),
/// sessions, sign-ups and the session reminders done.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bot/event.hpp"
#include "plugins/announce/roster.hpp"
#include "storage/database.hpp"

namespace plugins::announce {

std::vector<storage::migration> const& schema();

/// An announcement's life: a draft until confirmed, then active (or paused) until cancelled or,
/// for a one-off, sent.
enum class item_state { draft = 0, active = 1, paused = 2, cancelled = 3, finished = 4 };

struct item {
    std::int64_t id = 0;
    std::string group;
    std::string rule;  ///< the confirmed schedule (canonical); empty for a new draft
    std::string body;
    item_state state = item_state::draft;
    std::optional<std::string> draft_rule;  ///< an unconfirmed add or edit
    std::optional<std::string> draft_body;
    std::optional<std::int64_t> next_at;
    bool mention_all = false;        ///< sent with @全体成员 (while the bot is an admin there)
    bool draft_mention_all = false;  ///< the draft's choice
};

struct session_row {
    std::int64_t id = 0;
    std::string group;
    std::string title;
    std::int64_t starts_at = 0;
    std::string place;
    int cap = 0;
    std::optional<std::int64_t> deadline;
    bot::id host;
    std::string host_name;
    bool cancelled = false;
    std::string rule;                     ///< a repeating session's schedule (canonical); empty: once
    std::optional<std::int64_t> follows;  ///< the session this one repeats
};

class repository {
public:
    explicit repository(storage::database& db) : db_(db) {}
    storage::database& db() { return db_; }

    std::int64_t add_draft(std::string const& g, std::string const& rule, std::string const& body,
                           std::string const& by, std::int64_t at, bool mention_all = false);
    std::optional<item> find(std::int64_t id, std::string const& g);
    /// The group's announcements that are not cancelled or finished, by id.
    std::vector<item> live(std::string const& g);
    void set_draft(std::int64_t id, std::optional<std::string> const& rule, std::optional<std::string> const& body,
                   bool mention_all = false);
    /// Makes the draft the announcement and activates it.
    void confirm(std::int64_t id);
    void set_state(std::int64_t id, item_state s);
    void set_next(std::int64_t id, std::optional<std::int64_t> next);
    /// Records an occurrence as handled (`sent` or skipped as too late); false when it already was.
    bool record(std::int64_t id, std::int64_t occurrence, bool sent, std::int64_t at);
    int sent_count(std::int64_t id);

    std::int64_t add_session(session_row const& s, std::int64_t at);
    std::optional<session_row> session(std::int64_t id, std::string const& g);
    /// The session created to repeat session `id`.
    std::optional<session_row> successor(std::int64_t id);
    /// The group's sessions not cancelled that start after `after`, soonest first.
    std::vector<session_row> upcoming(std::string const& g, std::int64_t after);
    void cancel_session(std::int64_t id);
    void set_host(std::int64_t id, bot::id const& host, std::string const& name);
    std::vector<signup> signups(std::int64_t session);
    /// Adds a sign-up at the end; false when the member already signed up.
    bool sign_up(std::int64_t session, bot::id const& user, std::string const& name, std::int64_t at);
    bool withdraw(std::int64_t session, bot::id const& user);
    /// Claims a session's one-time step ("remind"); false when it was done.
    bool claim(std::int64_t session, std::string const& what, std::int64_t at);

private:
    storage::database& db_;
};

}  // namespace plugins::announce
