#include "plugins/topics/repository.hpp"

#include "plugins/topics/rules.hpp"
#include "storage/database.hpp"

namespace plugins::topics {

namespace {

// Numbers are per group and shared by suggestions and the bank, so "#7" names one topic whether it
// is pending or approved. `rounds` counts the bank rounds a topic was posted in: the rotation posts
// the topics with the fewest first. `norm` is the text as compared for duplicates; two live
// (pending or active) topics of a group never read alike.
constexpr char const* schema_v1 = R"sql(
CREATE TABLE topics_bank(
    group_key TEXT NOT NULL,
    number INTEGER NOT NULL,
    category TEXT NOT NULL,
    text TEXT NOT NULL,
    norm TEXT NOT NULL,
    state INTEGER NOT NULL,
    author TEXT NOT NULL,
    author_name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    decided_by TEXT NOT NULL DEFAULT '',
    decided_at INTEGER,
    rounds INTEGER NOT NULL DEFAULT 0,
    posts INTEGER NOT NULL DEFAULT 0,
    last_posted_at INTEGER,
    PRIMARY KEY(group_key, number)) WITHOUT ROWID;
CREATE UNIQUE INDEX topics_bank_live ON topics_bank(group_key, norm) WHERE state IN (0, 1);
CREATE INDEX topics_bank_by_state ON topics_bank(group_key, state, rounds);
CREATE TABLE topics_posts(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    at INTEGER NOT NULL,
    day INTEGER NOT NULL,
    number INTEGER NOT NULL,
    how TEXT NOT NULL,
    by TEXT NOT NULL);
CREATE INDEX topics_posts_by_group ON topics_posts(group_key, at);
CREATE INDEX topics_posts_by_day ON topics_posts(group_key, day);
CREATE TABLE topics_off(
    group_key TEXT PRIMARY KEY) WITHOUT ROWID;
)sql";

// Step 2: whether the plugin is on in a group is the core's plugin switch, not a table of its own.
constexpr char const* schema_v2 = "DROP TABLE topics_off;";

constexpr char const* columns =
    "number, category, text, state, author, author_name, created_at, rounds, posts, last_posted_at";

topic_row read_topic_row(SQLite::Statement& q) {
    topic_row r;
    r.number = q.getColumn(0).getInt();
    r.category = q.getColumn(1).getString();
    r.text = q.getColumn(2).getString();
    r.state = static_cast<topic_state>(q.getColumn(3).getInt());
    r.author = bot::id::decode(q.getColumn(4).getString());
    r.author_name = q.getColumn(5).getString();
    r.created_at = q.getColumn(6).getInt64();
    r.rounds = q.getColumn(7).getInt();
    r.posts = q.getColumn(8).getInt();
    if (!q.getColumn(9).isNull()) r.last_posted_at = q.getColumn(9).getInt64();
    return r;
}

constexpr char const* post_columns =
    "SELECT p.at, p.number, coalesce(b.category, ''), coalesce(b.text, ''), p.how FROM topics_posts p "
    "LEFT JOIN topics_bank b ON b.group_key = p.group_key AND b.number = p.number WHERE p.group_key = ?1 "
    "ORDER BY p.at DESC, p.id DESC LIMIT ?2";

int one_int(storage::database& db, std::string const& sql, std::string const& g) {
    auto& q = db.prepare(sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.executeStep();
    return q.getColumn(0).getInt();
}

}  // namespace

std::vector<storage::migration> const& schema() {
    static std::vector<storage::migration> const steps{{1, schema_v1}, {2, schema_v2}};
    return steps;
}

int repository::add(std::string const& g, new_topic const& t) {
    auto number = one_int(db_, "SELECT coalesce(max(number), 0) + 1 FROM topics_bank WHERE group_key = ?1", g);
    auto round = one_int(db_, "SELECT coalesce(min(rounds), 0) FROM topics_bank WHERE group_key = ?1 AND state = 1", g);
    auto& q = db_.prepare(
        "INSERT INTO topics_bank(group_key, number, category, text, norm, state, author, author_name, created_at, "
        "rounds) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    q.bind(1, g);
    q.bind(2, number);
    q.bind(3, t.category);
    q.bind(4, t.text);
    q.bind(5, normalized(t.text));
    q.bind(6, static_cast<int>(t.state));
    q.bind(7, t.author.encode());
    q.bind(8, t.author_name);
    q.bind(9, t.at);
    q.bind(10, round);
    q.exec();
    return number;
}

std::optional<topic_row> repository::find(std::string const& g, int number) {
    auto& q = db_.prepare(std::string("SELECT ") + columns + " FROM topics_bank WHERE group_key = ?1 AND number = ?2");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, number);
    if (!q.executeStep()) return std::nullopt;
    return read_topic_row(q);
}

std::optional<topic_row> repository::find_live(std::string const& g, std::string const& text) {
    auto& q = db_.prepare(std::string("SELECT ") + columns +
                          " FROM topics_bank WHERE group_key = ?1 AND norm = ?2 AND state IN (0, 1)");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, normalized(text));
    if (!q.executeStep()) return std::nullopt;
    return read_topic_row(q);
}

std::vector<topic_row> repository::in_state(std::string const& g, topic_state s) {
    auto& q = db_.prepare(std::string("SELECT ") + columns +
                          " FROM topics_bank WHERE group_key = ?1 AND state = ?2 ORDER BY category, number");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, static_cast<int>(s));
    std::vector<topic_row> out;
    while (q.executeStep()) out.push_back(read_topic_row(q));
    return out;
}

bool repository::move(std::string const& g, int number, topic_state from, topic_state to, std::string const& by,
                      std::int64_t at) {
    // An approved suggestion joins the current round, as a topic added now would.
    auto round = one_int(db_, "SELECT coalesce(min(rounds), 0) FROM topics_bank WHERE group_key = ?1 AND state = 1", g);
    auto& q = db_.prepare(
        "UPDATE topics_bank SET state = ?4, decided_by = ?5, decided_at = ?6, "
        "rounds = CASE WHEN ?4 = 1 THEN ?7 ELSE rounds END WHERE group_key = ?1 AND number = ?2 AND state = ?3");
    q.bind(1, g);
    q.bind(2, number);
    q.bind(3, static_cast<int>(from));
    q.bind(4, static_cast<int>(to));
    q.bind(5, by);
    q.bind(6, at);
    q.bind(7, round);
    return q.exec() > 0;
}

int repository::pending_of(std::string const& g, bot::id const& user) {
    auto& q = db_.prepare("SELECT count(*) FROM topics_bank WHERE group_key = ?1 AND state = 0 AND author = ?2");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, user.encode());
    q.executeStep();
    return q.getColumn(0).getInt();
}

void repository::record_post(std::string const& g, int number, std::int64_t at, bot::civil_date day,
                             std::string const& how, std::string const& by) {
    auto& q =
        db_.prepare("INSERT INTO topics_posts(group_key, at, day, number, how, by) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    q.bind(1, g);
    q.bind(2, at);
    q.bind(3, static_cast<std::int64_t>(day.serial()));
    q.bind(4, number);
    q.bind(5, how);
    q.bind(6, by);
    q.exec();
    auto& u = db_.prepare(
        "UPDATE topics_bank SET rounds = rounds + 1, posts = posts + 1, last_posted_at = ?3 "
        "WHERE group_key = ?1 AND number = ?2");
    u.bind(1, g);
    u.bind(2, number);
    u.bind(3, at);
    u.exec();
}

int repository::posts_on(std::string const& g, bot::civil_date day) {
    auto& q = db_.prepare("SELECT count(*) FROM topics_posts WHERE group_key = ?1 AND day = ?2");
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, static_cast<std::int64_t>(day.serial()));
    q.executeStep();
    return q.getColumn(0).getInt();
}

std::optional<post_row> repository::last_post(std::string const& g) {
    auto posts = recent_posts(g, 1);
    if (posts.empty()) return std::nullopt;
    return posts.front();
}

std::vector<post_row> repository::recent_posts(std::string const& g, int limit) {
    auto& q = db_.prepare(post_columns);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, limit);
    std::vector<post_row> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt(), q.getColumn(2).getString(),
                       q.getColumn(3).getString(), q.getColumn(4).getString()});
    return out;
}

std::vector<std::string> repository::groups_with_bank() {
    auto& q = db_.prepare("SELECT DISTINCT group_key FROM topics_bank WHERE state = 1 ORDER BY group_key");
    storage::statement_guard guard{q};
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

}  // namespace plugins::topics
