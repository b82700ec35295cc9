#include "plugins/stats/repository.hpp"

namespace plugins::stats {

namespace {

// One row per group day and one per member day: a flush upserts each, adding what it counted.
// size is written at the day close where the platform lists members.
constexpr char const* schema_v1 = R"sql(
CREATE TABLE stats_days(
    group_key TEXT NOT NULL,
    day TEXT NOT NULL,
    messages INTEGER NOT NULL DEFAULT 0,
    questions INTEGER NOT NULL DEFAULT 0,
    answered INTEGER NOT NULL DEFAULT 0,
    joined INTEGER NOT NULL DEFAULT 0,
    left_count INTEGER NOT NULL DEFAULT 0,
    size INTEGER,
    PRIMARY KEY(group_key, day)) WITHOUT ROWID;
CREATE TABLE stats_member_days(
    group_key TEXT NOT NULL,
    day TEXT NOT NULL,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    messages INTEGER NOT NULL,
    PRIMARY KEY(group_key, day, user)) WITHOUT ROWID;
CREATE TABLE stats_opt_out(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(group_key, user)) WITHOUT ROWID;
CREATE TABLE stats_reports(
    group_key TEXT NOT NULL,
    last_day TEXT NOT NULL,
    at INTEGER NOT NULL,
    reached INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY(group_key, last_day)) WITHOUT ROWID;
)sql";

bot::civil_date date_of(std::string const& text) { return bot::parse_date(text).value_or(bot::civil_date{}); }

}  // namespace

std::vector<storage::migration> schema() { return {{1, schema_v1}}; }

void repository::add(std::string const& group, bot::civil_date day, day_delta const& d) {
    auto ds = day.str();
    auto& q = db_.prepare(
        "INSERT INTO stats_days(group_key, day, messages, questions, answered, joined, left_count) "
        "VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(group_key, day) DO UPDATE SET "
        "messages = messages + excluded.messages, questions = questions + excluded.questions, "
        "answered = answered + excluded.answered, joined = joined + excluded.joined, "
        "left_count = left_count + excluded.left_count");
    q.bind(1, group);
    q.bind(2, ds);
    q.bind(3, d.messages);
    q.bind(4, d.questions);
    q.bind(5, d.answered);
    q.bind(6, d.joined);
    q.bind(7, d.left);
    q.exec();
    auto& m = db_.prepare(
        "INSERT INTO stats_member_days(group_key, day, user, name, messages) VALUES(?, ?, ?, ?, ?) "
        "ON CONFLICT(group_key, day, user) DO UPDATE SET name = excluded.name, "
        "messages = messages + excluded.messages");
    for (auto const& [user, md] : d.members) {
        m.reset();
        m.bind(1, group);
        m.bind(2, ds);
        m.bind(3, user);
        m.bind(4, md.name);
        m.bind(5, md.messages);
        m.exec();
    }
}

void repository::set_size(std::string const& group, bot::civil_date day, int size) {
    auto& q = db_.prepare(
        "INSERT INTO stats_days(group_key, day, size) VALUES(?, ?, ?) "
        "ON CONFLICT(group_key, day) DO UPDATE SET size = excluded.size");
    q.bind(1, group);
    q.bind(2, day.str());
    q.bind(3, size);
    q.exec();
}

std::vector<day_counts> repository::counts(std::string const& group, bot::civil_date from, bot::civil_date to) {
    auto& q = db_.prepare(
        "SELECT day, messages, questions, answered, joined, left_count, size FROM stats_days "
        "WHERE group_key = ? AND day >= ? AND day <= ? ORDER BY day");
    storage::statement_guard guard(q);
    q.bind(1, group);
    q.bind(2, from.str());
    q.bind(3, to.str());
    std::vector<day_counts> out;
    while (q.executeStep()) {
        day_counts c;
        c.day = date_of(q.getColumn(0).getString());
        c.messages = q.getColumn(1).getInt();
        c.questions = q.getColumn(2).getInt();
        c.answered = q.getColumn(3).getInt();
        c.joined = q.getColumn(4).getInt();
        c.left = q.getColumn(5).getInt();
        if (!q.getColumn(6).isNull()) c.size = q.getColumn(6).getInt();
        out.push_back(c);
    }
    return out;
}

std::vector<member_day> repository::members(std::string const& group, bot::civil_date from, bot::civil_date to) {
    auto& q = db_.prepare(
        "SELECT day, user, name, messages FROM stats_member_days "
        "WHERE group_key = ? AND day >= ? AND day <= ? ORDER BY day, user");
    storage::statement_guard guard(q);
    q.bind(1, group);
    q.bind(2, from.str());
    q.bind(3, to.str());
    std::vector<member_day> out;
    while (q.executeStep())
        out.push_back({date_of(q.getColumn(0).getString()), q.getColumn(1).getString(), q.getColumn(2).getString(),
                       q.getColumn(3).getInt()});
    return out;
}

std::optional<bot::civil_date> repository::first_day(std::string const& group) {
    auto& q = db_.prepare("SELECT MIN(day) FROM stats_days WHERE group_key = ?");
    storage::statement_guard guard(q);
    q.bind(1, group);
    if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
    return bot::parse_date(q.getColumn(0).getString());
}

std::set<std::string> repository::opted_out(std::string const& group) {
    auto& q = db_.prepare("SELECT user FROM stats_opt_out WHERE group_key = ?");
    storage::statement_guard guard(q);
    q.bind(1, group);
    std::set<std::string> out;
    while (q.executeStep()) out.insert(q.getColumn(0).getString());
    return out;
}

void repository::set_opt_out(std::string const& group, std::string const& user, bool out, std::int64_t at) {
    auto& q = db_.prepare(out ? "INSERT OR IGNORE INTO stats_opt_out(group_key, user, at) VALUES(?, ?, ?)"
                              : "DELETE FROM stats_opt_out WHERE group_key = ? AND user = ?");
    q.bind(1, group);
    q.bind(2, user);
    if (out) q.bind(3, at);
    q.exec();
}

bool repository::claim_report(std::string const& group, bot::civil_date last, std::int64_t at) {
    auto& q = db_.prepare("INSERT OR IGNORE INTO stats_reports(group_key, last_day, at) VALUES(?, ?, ?)");
    q.bind(1, group);
    q.bind(2, last.str());
    q.bind(3, at);
    return q.exec() == 1;
}

void repository::set_report_reach(std::string const& group, bot::civil_date last, int reached) {
    auto& q = db_.prepare("UPDATE stats_reports SET reached = ? WHERE group_key = ? AND last_day = ?");
    q.bind(1, reached);
    q.bind(2, group);
    q.bind(3, last.str());
    q.exec();
}

std::vector<repository::report_row> repository::reports(std::string const& group, int limit) {
    auto& q = db_.prepare(
        "SELECT last_day, at, reached FROM stats_reports WHERE group_key = ? ORDER BY last_day DESC LIMIT ?");
    storage::statement_guard guard(q);
    q.bind(1, group);
    q.bind(2, limit);
    std::vector<report_row> out;
    while (q.executeStep())
        out.push_back({date_of(q.getColumn(0).getString()), q.getColumn(1).getInt64(), q.getColumn(2).getInt()});
    return out;
}

}  // namespace plugins::stats
