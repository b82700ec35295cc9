#include "plugins/announce/repository.hpp"

namespace plugins::announce {

namespace {

constexpr char const* schema_v1 = R"sql(
CREATE TABLE announce_items(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    rule TEXT NOT NULL,
    body TEXT NOT NULL,
    state INTEGER NOT NULL,
    draft_rule TEXT,
    draft_body TEXT,
    next_at INTEGER,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL);
CREATE INDEX announce_items_group ON announce_items(group_key, state);
CREATE TABLE announce_sent(
    item INTEGER NOT NULL,
    occurrence INTEGER NOT NULL,
    sent INTEGER NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(item, occurrence)) WITHOUT ROWID;
CREATE TABLE announce_sessions(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    title TEXT NOT NULL,
    starts_at INTEGER NOT NULL,
    place TEXT NOT NULL,
    cap INTEGER NOT NULL,
    deadline INTEGER,
    host TEXT NOT NULL,
    host_name TEXT NOT NULL,
    cancelled INTEGER NOT NULL DEFAULT 0,
    rule TEXT NOT NULL DEFAULT '',
    follows INTEGER,
    created_at INTEGER NOT NULL);
CREATE INDEX announce_sessions_group ON announce_sessions(group_key, starts_at);
CREATE TABLE announce_signups(
    session INTEGER NOT NULL,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(session, user)) WITHOUT ROWID;
CREATE TABLE announce_session_done(
    session INTEGER NOT NULL,
    what TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(session, what)) WITHOUT ROWID;
)sql";

// Step 2: an announcement may @all (mention_all), and so may its unconfirmed draft.
constexpr char const* schema_v2 = R"sql(
ALTER TABLE announce_items ADD COLUMN mention_all INTEGER NOT NULL DEFAULT 0;
ALTER TABLE announce_items ADD COLUMN draft_mention_all INTEGER NOT NULL DEFAULT 0;
)sql";

constexpr char const* item_cols =
    "SELECT id, group_key, rule, body, state, draft_rule, draft_body, next_at, mention_all, draft_mention_all "
    "FROM announce_items ";
constexpr char const* session_cols =
    "SELECT id, group_key, title, starts_at, place, cap, deadline, host, host_name, cancelled, rule, follows "
    "FROM announce_sessions ";

std::optional<std::string> opt_text(SQLite::Column c) {
    if (c.isNull()) return std::nullopt;
    return c.getString();
}

item read_item(SQLite::Statement& q) {
    item i;
    i.id = q.getColumn(0).getInt64();
    i.group = q.getColumn(1).getString();
    i.rule = q.getColumn(2).getString();
    i.body = q.getColumn(3).getString();
    i.state = static_cast<item_state>(q.getColumn(4).getInt());
    i.draft_rule = opt_text(q.getColumn(5));
    i.draft_body = opt_text(q.getColumn(6));
    if (!q.getColumn(7).isNull()) i.next_at = q.getColumn(7).getInt64();
    i.mention_all = q.getColumn(8).getInt() != 0;
    i.draft_mention_all = q.getColumn(9).getInt() != 0;
    return i;
}

session_row read_session(SQLite::Statement& q) {
    session_row s;
    s.id = q.getColumn(0).getInt64();
    s.group = q.getColumn(1).getString();
    s.title = q.getColumn(2).getString();
    s.starts_at = q.getColumn(3).getInt64();
    s.place = q.getColumn(4).getString();
    s.cap = q.getColumn(5).getInt();
    if (!q.getColumn(6).isNull()) s.deadline = q.getColumn(6).getInt64();
    s.host = bot::id::decode(q.getColumn(7).getString());
    s.host_name = q.getColumn(8).getString();
    s.cancelled = q.getColumn(9).getInt() != 0;
    s.rule = q.getColumn(10).getString();
    if (!q.getColumn(11).isNull()) s.follows = q.getColumn(11).getInt64();
    return s;
}

void bind_opt(SQLite::Statement& q, int n, std::optional<std::string> const& v) {
    if (v) {
        q.bind(n, *v);
    } else {
        q.bind(n);
    }
}

}  // namespace

std::vector<storage::migration> const& schema() {
    static std::vector<storage::migration> const steps{{1, schema_v1}, {2, schema_v2}};
    return steps;
}

std::int64_t repository::add_draft(std::string const& g, std::string const& rule, std::string const& body,
                                   std::string const& by, std::int64_t at, bool mention_all) {
    auto& q = db_.prepare(
        "INSERT INTO announce_items(group_key, rule, body, state, draft_rule, draft_body, created_by, created_at, "
        "draft_mention_all) VALUES(?1, '', '', 0, ?2, ?3, ?4, ?5, ?6)");
    q.bind(1, g);
    q.bind(2, rule);
    q.bind(3, body);
    q.bind(4, by);
    q.bind(5, at);
    q.bind(6, mention_all ? 1 : 0);
    q.exec();
    return db_.raw().getLastInsertRowid();
}

std::optional<item> repository::find(std::int64_t id, std::string const& g) {
    auto& q = db_.prepare(std::string(item_cols) + "WHERE id = ?1 AND group_key = ?2");
    storage::statement_guard guard{q};
    q.bind(1, id);
    q.bind(2, g);
    if (!q.executeStep()) return std::nullopt;
    return read_item(q);
}

std::vector<item> repository::live(std::string const& g) {
    auto& q = db_.prepare(std::string(item_cols) + "WHERE group_key = ?1 AND state IN (0, 1, 2) ORDER BY id");
    storage::statement_guard guard{q};
    q.bind(1, g);
    std::vector<item> out;
    while (q.executeStep()) out.push_back(read_item(q));
    return out;
}

void repository::set_draft(std::int64_t id, std::optional<std::string> const& rule,
                           std::optional<std::string> const& body, bool mention_all) {
    auto& q = db_.prepare(
        "UPDATE announce_items SET draft_rule = ?2, draft_body = ?3, draft_mention_all = ?4 WHERE id = ?1");
    q.bind(1, id);
    bind_opt(q, 2, rule);
    bind_opt(q, 3, body);
    q.bind(4, mention_all ? 1 : 0);
    q.exec();
}

void repository::confirm(std::int64_t id) {
    auto& q = db_.prepare(
        "UPDATE announce_items SET rule = draft_rule, body = draft_body, mention_all = draft_mention_all, "
        "draft_rule = NULL, draft_body = NULL, draft_mention_all = 0, state = 1 WHERE id = ?1 AND draft_rule IS NOT NULL");
    q.bind(1, id);
    q.exec();
}

void repository::set_state(std::int64_t id, item_state s) {
    auto& q = db_.prepare("UPDATE announce_items SET state = ?2 WHERE id = ?1");
    q.bind(1, id);
    q.bind(2, static_cast<int>(s));
    q.exec();
}

void repository::set_next(std::int64_t id, std::optional<std::int64_t> next) {
    auto& q = db_.prepare("UPDATE announce_items SET next_at = ?2 WHERE id = ?1");
    q.bind(1, id);
    if (next) {
        q.bind(2, *next);
    } else {
        q.bind(2);
    }
    q.exec();
}

bool repository::record(std::int64_t id, std::int64_t occurrence, bool sent, std::int64_t at) {
    auto& q = db_.prepare(
        "INSERT INTO announce_sent(item, occurrence, sent, at) VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
    q.bind(1, id);
    q.bind(2, occurrence);
    q.bind(3, sent ? 1 : 0);
    q.bind(4, at);
    return q.exec() > 0;
}

int repository::sent_count(std::int64_t id) {
    auto& q = db_.prepare("SELECT count(*) FROM announce_sent WHERE item = ?1 AND sent = 1");
    storage::statement_guard guard{q};
    q.bind(1, id);
    q.executeStep();
    return q.getColumn(0).getInt();
}

std::int64_t repository::add_session(session_row const& s, std::int64_t at) {
    auto& q = db_.prepare(
        "INSERT INTO announce_sessions(group_key, title, starts_at, place, cap, deadline, host, host_name, created_at, "
        "rule, follows) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    q.bind(1, s.group);
    q.bind(2, s.title);
    q.bind(3, s.starts_at);
    q.bind(4, s.place);
    q.bind(5, s.cap);
    if (s.deadline) {
        q.bind(6, *s.deadline);
    } else {
        q.bind(6);
    }
    q.bind(7, s.host.encode());
    q.bind(8, s.host_name);
    q.bind(9, at);
    q.bind(10, s.rule);
    if (s.follows) {
        q.bind(11, *s.follows);
    } else {
        q.bind(11);
    }
    q.exec();
    return db_.raw().getLastInsertRowid();
}

std::optional<session_row> repository::successor(std::int64_t id) {
    auto& q = db_.prepare(std::string(session_cols) + "WHERE follows = ?1");
    storage::statement_guard guard{q};
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return read_session(q);
}

std::optional<session_row> repository::session(std::int64_t id, std::string const& g) {
    auto& q = db_.prepare(std::string(session_cols) + "WHERE id = ?1 AND group_key = ?2");
    storage::statement_guard guard{q};
    q.bind(1, id);
    q.bind(2, g);
    if (!q.executeStep()) return std::nullopt;
    return read_session(q);
}

std::vector<session_row> repository::upcoming(std::string const& g, std::int64_t after) {
    auto& q = db_.prepare(std::string(session_cols) +
                          "WHERE group_key = ?1 AND cancelled = 0 AND starts_at > ?2 ORDER BY starts_at, id");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, after);
    std::vector<session_row> out;
    while (q.executeStep()) out.push_back(read_session(q));
    return out;
}

void repository::cancel_session(std::int64_t id) {
    auto& q = db_.prepare("UPDATE announce_sessions SET cancelled = 1 WHERE id = ?1");
    q.bind(1, id);
    q.exec();
}

void repository::set_host(std::int64_t id, bot::id const& host, std::string const& name) {
    auto& q = db_.prepare("UPDATE announce_sessions SET host = ?2, host_name = ?3 WHERE id = ?1");
    q.bind(1, id);
    q.bind(2, host.encode());
    q.bind(3, name);
    q.exec();
}

std::vector<signup> repository::signups(std::int64_t session) {
    auto& q = db_.prepare("SELECT user, name, seq FROM announce_signups WHERE session = ?1 ORDER BY seq");
    storage::statement_guard guard{q};
    q.bind(1, session);
    std::vector<signup> out;
    while (q.executeStep())
        out.push_back(
            {bot::id::decode(q.getColumn(0).getString()), q.getColumn(1).getString(), q.getColumn(2).getInt64()});
    return out;
}

bool repository::sign_up(std::int64_t session, bot::id const& user, std::string const& name, std::int64_t at) {
    auto& q = db_.prepare(
        "INSERT INTO announce_signups(session, user, name, seq, at) VALUES(?1, ?2, ?3, "
        "(SELECT coalesce(max(seq), 0) + 1 FROM announce_signups WHERE session = ?1), ?4) ON CONFLICT DO NOTHING");
    q.bind(1, session);
    q.bind(2, user.encode());
    q.bind(3, name);
    q.bind(4, at);
    return q.exec() > 0;
}

bool repository::withdraw(std::int64_t session, bot::id const& user) {
    auto& q = db_.prepare("DELETE FROM announce_signups WHERE session = ?1 AND user = ?2");
    q.bind(1, session);
    q.bind(2, user.encode());
    return q.exec() > 0;
}

bool repository::claim(std::int64_t session, std::string const& what, std::int64_t at) {
    auto& q =
        db_.prepare("INSERT INTO announce_session_done(session, what, at) VALUES(?1, ?2, ?3) ON CONFLICT DO NOTHING");
    q.bind(1, session);
    q.bind(2, what);
    q.bind(3, at);
    return q.exec() > 0;
}

}  // namespace plugins::announce
