// The schema and the plugin's SQL.
#include "plugins/bestshare/repository.hpp"

#include "storage/database.hpp"

namespace plugins::bestshare {

namespace {

constexpr char const* schema_v1 = R"sql(
CREATE TABLE bestshare_nominations(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    week TEXT NOT NULL DEFAULT '',
    num INTEGER NOT NULL,
    nominee TEXT NOT NULL,
    nominee_name TEXT NOT NULL,
    nominator TEXT NOT NULL,
    nominator_name TEXT NOT NULL,
    source TEXT NOT NULL,
    dedupe TEXT NOT NULL,
    text TEXT NOT NULL,
    at INTEGER NOT NULL,
    UNIQUE(group_key, num),
    UNIQUE(group_key, week, dedupe));
CREATE TABLE bestshare_weeks(
    group_key TEXT NOT NULL,
    week TEXT NOT NULL,
    num INTEGER NOT NULL,
    opened_at INTEGER NOT NULL,
    closes_at INTEGER NOT NULL,
    closed_at INTEGER,
    winner INTEGER,
    nominees INTEGER NOT NULL,
    PRIMARY KEY(group_key, week)) WITHOUT ROWID;
CREATE TABLE bestshare_votes(
    group_key TEXT NOT NULL,
    week TEXT NOT NULL,
    voter TEXT NOT NULL,
    voter_name TEXT NOT NULL,
    nomination INTEGER NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(group_key, week, voter)) WITHOUT ROWID;
CREATE TABLE bestshare_rewards(
    group_key TEXT NOT NULL,
    week TEXT NOT NULL,
    num INTEGER NOT NULL,
    winner TEXT NOT NULL,
    winner_name TEXT NOT NULL,
    amount INTEGER NOT NULL,
    state TEXT NOT NULL,
    decided_at INTEGER NOT NULL,
    granted_at INTEGER,
    paid_at INTEGER,
    paid_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY(group_key, week)) WITHOUT ROWID;
)sql";

constexpr char const* nomination_columns =
    "SELECT n.id, n.group_key, n.week, n.num, n.nominee, n.nominee_name, n.nominator, n.nominator_name, n.source, "
    "n.dedupe, n.text, n.at, (SELECT count(*) FROM bestshare_votes v WHERE v.group_key = n.group_key AND "
    "v.week = n.week AND v.nomination = n.id AND n.week != '') FROM bestshare_nominations n ";
constexpr char const* week_columns =
    "SELECT group_key, week, num, opened_at, closes_at, closed_at, winner, nominees FROM bestshare_weeks ";
constexpr char const* reward_columns =
    "SELECT group_key, week, num, winner, winner_name, amount, state, decided_at, granted_at, paid_at, paid_by "
    "FROM bestshare_rewards ";

std::optional<std::int64_t> optional_int(SQLite::Column const& c) {
    if (c.isNull()) return std::nullopt;
    return c.getInt64();
}

void bind_optional(SQLite::Statement& q, int index, std::optional<std::int64_t> v) {
    if (v)
        q.bind(index, *v);
    else
        q.bind(index);
}

nomination_row read_nomination(SQLite::Statement& q) {
    nomination_row n;
    n.id = q.getColumn(0).getInt64();
    n.group_key = q.getColumn(1).getString();
    n.week = q.getColumn(2).getString();
    n.num = q.getColumn(3).getInt();
    n.nominee = q.getColumn(4).getString();
    n.nominee_name = q.getColumn(5).getString();
    n.nominator = q.getColumn(6).getString();
    n.nominator_name = q.getColumn(7).getString();
    n.source = q.getColumn(8).getString();
    n.dedupe = q.getColumn(9).getString();
    n.text = q.getColumn(10).getString();
    n.at = q.getColumn(11).getInt64();
    n.votes = q.getColumn(12).getInt();
    return n;
}

week_row read_week(SQLite::Statement& q) {
    week_row w;
    w.group_key = q.getColumn(0).getString();
    w.week = q.getColumn(1).getString();
    w.num = q.getColumn(2).getInt();
    w.opened_at = q.getColumn(3).getInt64();
    w.closes_at = q.getColumn(4).getInt64();
    w.closed_at = optional_int(q.getColumn(5));
    w.winner = optional_int(q.getColumn(6));
    w.nominees = q.getColumn(7).getInt();
    return w;
}

reward_state state_of(std::string const& s) {
    if (s == "granted") return reward_state::granted;
    if (s == "paid") return reward_state::paid;
    return reward_state::owed;
}

reward_row read_reward(SQLite::Statement& q) {
    reward_row r;
    r.group_key = q.getColumn(0).getString();
    r.week = q.getColumn(1).getString();
    r.num = q.getColumn(2).getInt();
    r.winner = q.getColumn(3).getString();
    r.winner_name = q.getColumn(4).getString();
    r.amount = q.getColumn(5).getInt64();
    r.state = state_of(q.getColumn(6).getString());
    r.decided_at = q.getColumn(7).getInt64();
    r.granted_at = optional_int(q.getColumn(8));
    r.paid_at = optional_int(q.getColumn(9));
    r.paid_by = q.getColumn(10).getString();
    return r;
}

template <typename Row, typename Read, typename Bind>
std::vector<Row> rows(storage::database& db, std::string const& sql, Read read, Bind bind) {
    auto& q = db.prepare(sql);
    storage::statement_guard guard{q};
    bind(q);
    std::vector<Row> out;
    while (q.executeStep()) out.push_back(read(q));
    return out;
}

template <typename Row, typename Read, typename Bind>
std::optional<Row> one(storage::database& db, std::string const& sql, Read read, Bind bind) {
    auto all = rows<Row>(db, sql, read, bind);
    if (all.empty()) return std::nullopt;
    return all.front();
}

}  // namespace

std::vector<storage::migration> const& schema() {
    static std::vector<storage::migration> const steps{{1, schema_v1}};
    return steps;
}

std::string state_name(reward_state s) {
    switch (s) {
        case reward_state::owed: return "owed";
        case reward_state::granted: return "granted";
        case reward_state::paid: return "paid";
    }
    return "owed";
}

std::optional<nomination_row> repository::add_nomination(nomination_row n) {
    {
        auto& q = db_.prepare("SELECT coalesce(max(num), 0) + 1 FROM bestshare_nominations WHERE group_key = ?1");
        storage::statement_guard guard{q};
        q.bind(1, n.group_key);
        q.executeStep();
        n.num = q.getColumn(0).getInt();
    }
    auto& q = db_.prepare(
        "INSERT OR IGNORE INTO bestshare_nominations(group_key, week, num, nominee, nominee_name, nominator, "
        "nominator_name, source, dedupe, text, at) VALUES(?1, '', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id");
    storage::statement_guard guard{q};
    q.bind(1, n.group_key);
    q.bind(2, n.num);
    q.bind(3, n.nominee);
    q.bind(4, n.nominee_name);
    q.bind(5, n.nominator);
    q.bind(6, n.nominator_name);
    q.bind(7, n.source);
    q.bind(8, n.dedupe);
    q.bind(9, n.text);
    q.bind(10, n.at);
    if (!q.executeStep()) return std::nullopt;
    n.id = q.getColumn(0).getInt64();
    n.week.clear();
    return n;
}

std::vector<nomination_row> repository::pending(std::string const& g) {
    return rows<nomination_row>(db_, std::string(nomination_columns) + "WHERE n.group_key = ?1 AND n.week = '' ORDER BY n.num",
                                read_nomination, [&](auto& q) { q.bind(1, g); });
}

std::vector<nomination_row> repository::nominations_of(std::string const& g, std::string const& week) {
    return rows<nomination_row>(db_, std::string(nomination_columns) + "WHERE n.group_key = ?1 AND n.week = ?2 ORDER BY n.num",
                                read_nomination, [&](auto& q) {
                                    q.bind(1, g);
                                    q.bind(2, week);
                                });
}

std::optional<nomination_row> repository::nomination(std::string const& g, int num) {
    return one<nomination_row>(db_, std::string(nomination_columns) + "WHERE n.group_key = ?1 AND n.num = ?2",
                               read_nomination, [&](auto& q) {
                                   q.bind(1, g);
                                   q.bind(2, num);
                               });
}

std::optional<nomination_row> repository::nomination_by_id(std::int64_t id) {
    return one<nomination_row>(db_, std::string(nomination_columns) + "WHERE n.id = ?1", read_nomination,
                               [&](auto& q) { q.bind(1, id); });
}

void repository::remove_nomination(std::int64_t id) {
    for (auto const* sql : {"DELETE FROM bestshare_votes WHERE nomination = ?1", "DELETE FROM bestshare_nominations WHERE id = ?1"}) {
        auto& q = db_.prepare(sql);
        storage::statement_guard guard{q};
        q.bind(1, id);
        q.exec();
    }
}

int repository::claim_pending(std::string const& g, std::string const& week) {
    auto& q = db_.prepare("UPDATE bestshare_nominations SET week = ?2 WHERE group_key = ?1 AND week = ''");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, week);
    return q.exec();
}

bool repository::open_week(week_row const& w) {
    auto& q = db_.prepare(
        "INSERT OR IGNORE INTO bestshare_weeks(group_key, week, num, opened_at, closes_at, closed_at, winner, nominees) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7)");
    storage::statement_guard guard{q};
    q.bind(1, w.group_key);
    q.bind(2, w.week);
    q.bind(3, w.num);
    q.bind(4, w.opened_at);
    q.bind(5, w.closes_at);
    bind_optional(q, 6, w.closed_at);
    q.bind(7, w.nominees);
    return q.exec() == 1;
}

std::optional<week_row> repository::week(std::string const& g, std::string const& week) {
    return one<week_row>(db_, std::string(week_columns) + "WHERE group_key = ?1 AND week = ?2", read_week, [&](auto& q) {
        q.bind(1, g);
        q.bind(2, week);
    });
}

std::optional<week_row> repository::week_by_num(std::string const& g, int num) {
    return one<week_row>(db_, std::string(week_columns) + "WHERE group_key = ?1 AND num = ?2 AND num > 0", read_week,
                         [&](auto& q) {
                             q.bind(1, g);
                             q.bind(2, num);
                         });
}

std::optional<week_row> repository::voting(std::string const& g) {
    return one<week_row>(db_, std::string(week_columns) + "WHERE group_key = ?1 AND closed_at IS NULL ORDER BY opened_at",
                         read_week, [&](auto& q) { q.bind(1, g); });
}

std::vector<week_row> repository::weeks(std::string const& g, int limit) {
    return rows<week_row>(db_, std::string(week_columns) + "WHERE group_key = ?1 AND num > 0 ORDER BY num DESC LIMIT ?2",
                          read_week, [&](auto& q) {
                              q.bind(1, g);
                              q.bind(2, limit > 0 ? limit : -1);
                          });
}

int repository::next_week_num(std::string const& g) {
    auto& q = db_.prepare("SELECT coalesce(max(num), 0) + 1 FROM bestshare_weeks WHERE group_key = ?1");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.executeStep();
    return q.getColumn(0).getInt();
}

bool repository::close_week(std::string const& g, std::string const& week, std::int64_t at,
                            std::optional<std::int64_t> winner) {
    auto& q = db_.prepare(
        "UPDATE bestshare_weeks SET closed_at = ?3, winner = ?4 WHERE group_key = ?1 AND week = ?2 AND closed_at IS NULL");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, week);
    q.bind(3, at);
    bind_optional(q, 4, winner);
    return q.exec() == 1;
}

bool repository::vote(std::string const& g, std::string const& week, std::string const& voter, std::string const& name,
                      std::int64_t nomination, std::int64_t at) {
    auto& q = db_.prepare(
        "INSERT OR IGNORE INTO bestshare_votes(group_key, week, voter, voter_name, nomination, at) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, week);
    q.bind(3, voter);
    q.bind(4, name);
    q.bind(5, nomination);
    q.bind(6, at);
    return q.exec() == 1;
}

std::optional<std::int64_t> repository::vote_of(std::string const& g, std::string const& week, std::string const& voter) {
    auto& q = db_.prepare("SELECT nomination FROM bestshare_votes WHERE group_key = ?1 AND week = ?2 AND voter = ?3");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, week);
    q.bind(3, voter);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getInt64();
}

int repository::voters(std::string const& g, std::string const& week) {
    auto& q = db_.prepare("SELECT count(*) FROM bestshare_votes WHERE group_key = ?1 AND week = ?2");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, week);
    q.executeStep();
    return q.getColumn(0).getInt();
}

std::vector<std::pair<std::string, int>> repository::ballots(std::string const& g, std::string const& week) {
    return rows<std::pair<std::string, int>>(
        db_,
        "SELECT v.voter_name, n.num FROM bestshare_votes v JOIN bestshare_nominations n ON n.id = v.nomination "
        "WHERE v.group_key = ?1 AND v.week = ?2 ORDER BY v.at, v.voter",
        [](auto& q) { return std::pair<std::string, int>{q.getColumn(0).getString(), q.getColumn(1).getInt()}; },
        [&](auto& q) {
            q.bind(1, g);
            q.bind(2, week);
        });
}

bool repository::add_reward(reward_row const& r) {
    auto& q = db_.prepare(
        "INSERT OR IGNORE INTO bestshare_rewards(group_key, week, num, winner, winner_name, amount, state, decided_at, "
        "granted_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    storage::statement_guard guard{q};
    q.bind(1, r.group_key);
    q.bind(2, r.week);
    q.bind(3, r.num);
    q.bind(4, r.winner);
    q.bind(5, r.winner_name);
    q.bind(6, r.amount);
    q.bind(7, state_name(r.state));
    q.bind(8, r.decided_at);
    bind_optional(q, 9, r.granted_at);
    return q.exec() == 1;
}

std::optional<reward_row> repository::reward(std::string const& g, std::string const& week) {
    return one<reward_row>(db_, std::string(reward_columns) + "WHERE group_key = ?1 AND week = ?2", read_reward,
                           [&](auto& q) {
                               q.bind(1, g);
                               q.bind(2, week);
                           });
}

std::vector<reward_row> repository::rewards(std::string const& g, reward_state s) {
    return rows<reward_row>(db_, std::string(reward_columns) + "WHERE group_key = ?1 AND state = ?2 ORDER BY decided_at, week",
                            read_reward, [&](auto& q) {
                                q.bind(1, g);
                                q.bind(2, state_name(s));
                            });
}

bool repository::move_reward(std::string const& g, std::string const& week, reward_state from, reward_state to,
                             std::int64_t at, std::string const& by) {
    bool paid = to == reward_state::paid;
    std::string sql = paid ? "UPDATE bestshare_rewards SET state = ?4, paid_at = ?5, paid_by = ?6 "
                           : "UPDATE bestshare_rewards SET state = ?4, granted_at = ?5 ";
    auto& q = db_.prepare(sql + "WHERE group_key = ?1 AND week = ?2 AND state = ?3");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, week);
    q.bind(3, state_name(from));
    q.bind(4, state_name(to));
    q.bind(5, at);
    if (paid) q.bind(6, by);
    return q.exec() == 1;
}

}  // namespace plugins::bestshare
