#include "plugins/checkin/repository.hpp"
#include "storage/database.hpp"

namespace plugins::checkin {

namespace {

constexpr char const* get_sql =
    "SELECT day, kind, at, rank, streak, total, outputs, chars, images, note FROM checkin_days "
    "WHERE group_key = ?1 AND user = ?2 AND day = ?3";
constexpr char const* last_counted_sql =
    "SELECT day, kind, at, rank, streak, total, outputs, chars, images, note FROM checkin_days "
    "WHERE group_key = ?1 AND user = ?2 AND day < ?3 AND kind IN (0, 1) ORDER BY day DESC LIMIT 1";
constexpr char const* last_marked_sql =
    "SELECT day FROM checkin_days WHERE group_key = ?1 AND user = ?2 AND day <= ?3 ORDER BY day DESC LIMIT 1";
constexpr char const* count_kind_sql =
    "SELECT count(*) FROM checkin_days WHERE group_key = ?1 AND user = ?2 AND kind = ?3 AND day BETWEEN ?4 AND ?5";
constexpr char const* days_of_sql =
    "SELECT day, kind, at, rank, streak, total, outputs, chars, images, note FROM checkin_days "
    "WHERE group_key = ?1 AND user = ?2 AND day BETWEEN ?3 AND ?4 ORDER BY day";
// The rank follows the day's highest so far, found in the same statement through the index.
constexpr char const* put_counted_sql =
    "INSERT INTO checkin_days(group_key, user, day, kind, at, rank, streak, total, outputs, chars, images, note) "
    "VALUES(?1, ?2, ?3, ?4, ?5, CASE WHEN ?4 = 0 THEN (SELECT coalesce(max(rank), 0) + 1 FROM checkin_days "
    "WHERE group_key = ?1 AND day = ?3 AND kind = 0) ELSE 0 END, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT(group_key, user, day) DO UPDATE SET kind = excluded.kind, at = excluded.at, rank = excluded.rank, "
    "streak = excluded.streak, total = excluded.total, outputs = excluded.outputs, chars = excluded.chars, "
    "images = excluded.images, note = excluded.note RETURNING rank";
constexpr char const* put_leave_sql =
    "INSERT INTO checkin_days(group_key, user, day, kind, at, rank, streak, total, outputs, chars, images, note) "
    "VALUES(?1, ?2, ?3, 2, ?4, 0, 0, 0, 0, 0, 0, ?5) ON CONFLICT(group_key, user, day) DO NOTHING";
constexpr char const* add_output_sql =
    "UPDATE checkin_days SET outputs = outputs + 1, chars = chars + ?4, images = images + ?5, "
    "note = CASE WHEN ?6 = '' THEN note WHEN note = '' THEN ?6 ELSE substr(note || char(10) || ?6, 1, 4000) END "
    "WHERE group_key = ?1 AND user = ?2 AND day = ?3";
constexpr char const* set_tally_sql =
    "UPDATE checkin_days SET streak = ?4, total = ?5 WHERE group_key = ?1 AND user = ?2 AND day = ?3";
constexpr char const* day_of_group_sql =
    "SELECT user, kind, rank, streak FROM checkin_days WHERE group_key = ?1 AND day = ?2 "
    "ORDER BY kind, rank, user";
constexpr char const* board_sql =
    "SELECT user, count(*) AS n FROM checkin_days WHERE group_key = ?1 AND day BETWEEN ?2 AND ?3 AND kind IN (0, 1) "
    "GROUP BY user ORDER BY n DESC, min(at), user LIMIT ?4";
constexpr char const* marks_between_sql =
    "SELECT day, user, kind FROM checkin_days WHERE group_key = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY day, user";
constexpr char const* remember_sql =
    "INSERT INTO checkin_members(group_key, user, name, first_day, active) VALUES(?1, ?2, ?3, ?4, 1) "
    "ON CONFLICT(group_key, user) DO UPDATE SET name = excluded.name, active = 1 "
    "WHERE name != excluded.name OR active = 0";
constexpr char const* set_active_sql = "UPDATE checkin_members SET active = ?3 WHERE group_key = ?1 AND user = ?2";
constexpr char const* names_sql = "SELECT user, name FROM checkin_members WHERE group_key = ?1";
constexpr char const* claimed_sql =
    "SELECT 1 FROM checkin_done_jobs WHERE group_key = ?1 AND day = ?2 AND what = ?3";
constexpr char const* claim_sql =
    "INSERT INTO checkin_done_jobs(group_key, day, what, at) VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";

std::int64_t serial(bot::civil_date d) { return d.serial(); }

day_row read_row(SQLite::Statement& q) {
    day_row r;
    r.day = bot::civil_date::from_serial(q.getColumn(0).getInt64());
    r.kind = static_cast<entry_kind>(q.getColumn(1).getInt());
    r.at = q.getColumn(2).getInt64();
    r.rank = q.getColumn(3).getInt();
    r.counted = {q.getColumn(4).getInt(), q.getColumn(5).getInt()};
    r.outputs = q.getColumn(6).getInt();
    r.chars = q.getColumn(7).getInt();
    r.images = q.getColumn(8).getInt();
    r.note = q.getColumn(9).getString();
    return r;
}

}  // namespace

std::optional<day_row> repository::get(std::string const& g, bot::id const& user, bot::civil_date day) {
    auto& q = db_.prepare(get_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, serial(day));
    if (!q.executeStep()) return std::nullopt;
    return read_row(q);
}

std::optional<day_row> repository::last_counted_before(std::string const& g, bot::id const& user,
                                                       bot::civil_date day) {
    auto& q = db_.prepare(last_counted_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, serial(day));
    if (!q.executeStep()) return std::nullopt;
    return read_row(q);
}

std::optional<bot::civil_date> repository::last_marked(std::string const& g, bot::id const& user,
                                                       bot::civil_date day) {
    auto& q = db_.prepare(last_marked_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, serial(day));
    if (!q.executeStep()) return std::nullopt;
    return bot::civil_date::from_serial(q.getColumn(0).getInt64());
}

int repository::leave_between(std::string const& g, bot::id const& user, bot::civil_date after,
                              bot::civil_date before) {
    if (before.serial() - after.serial() < 2) return 0;
    return count_kind(g, user, entry_kind::leave, after.plus_days(1), before.plus_days(-1));
}

int repository::count_kind(std::string const& g, bot::id const& user, entry_kind kind, bot::civil_date from,
                           bot::civil_date to) {
    auto& q = db_.prepare(count_kind_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, static_cast<int>(kind));
    q.bind(4, serial(from));
    q.bind(5, serial(to));
    q.executeStep();
    return q.getColumn(0).getInt();
}

std::vector<day_row> repository::days_of(std::string const& g, bot::id const& user, bot::civil_date from,
                                         bot::civil_date to) {
    auto& q = db_.prepare(days_of_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, serial(from));
    q.bind(4, serial(to));
    std::vector<day_row> out;
    while (q.executeStep()) out.push_back(read_row(q));
    return out;
}

int repository::put_counted(std::string const& g, bot::id const& user, day_row const& row) {
    auto& q = db_.prepare(put_counted_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, serial(row.day));
    q.bind(4, static_cast<int>(row.kind));
    q.bind(5, row.at);
    q.bind(6, row.counted.streak);
    q.bind(7, row.counted.total);
    q.bind(8, row.outputs);
    q.bind(9, row.chars);
    q.bind(10, row.images);
    q.bind(11, row.note);
    q.executeStep();
    return q.getColumn(0).getInt();
}

void repository::put_leave(std::string const& g, bot::id const& user, bot::civil_date day, std::int64_t at,
                           std::string const& reason) {
    auto& q = db_.prepare(put_leave_sql);
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, serial(day));
    q.bind(4, at);
    q.bind(5, reason);
    q.exec();
}

void repository::add_output(std::string const& g, bot::id const& user, bot::civil_date day, int chars, int images,
                            std::string const& note) {
    auto& q = db_.prepare(add_output_sql);
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, serial(day));
    q.bind(4, chars);
    q.bind(5, images);
    q.bind(6, note);
    q.exec();
}

void repository::set_tally(std::string const& g, bot::id const& user, bot::civil_date day, tally t) {
    auto& q = db_.prepare(set_tally_sql);
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, serial(day));
    q.bind(4, t.streak);
    q.bind(5, t.total);
    q.exec();
}

std::vector<member_day> repository::day_of_group(std::string const& g, bot::civil_date day) {
    auto& q = db_.prepare(day_of_group_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, serial(day));
    std::vector<member_day> out;
    while (q.executeStep())
        out.push_back({bot::id::decode(q.getColumn(0).getString()), static_cast<entry_kind>(q.getColumn(1).getInt()),
                       q.getColumn(2).getInt(), q.getColumn(3).getInt()});
    return out;
}

std::vector<board_row> repository::board(std::string const& g, bot::civil_date from, bot::civil_date to, int limit) {
    auto& q = db_.prepare(board_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, serial(from));
    q.bind(3, serial(to));
    q.bind(4, limit);
    std::vector<board_row> out;
    while (q.executeStep()) out.push_back({bot::id::decode(q.getColumn(0).getString()), q.getColumn(1).getInt()});
    return out;
}

std::vector<group_mark> repository::marks_between(std::string const& g, bot::civil_date from, bot::civil_date to) {
    auto& q = db_.prepare(marks_between_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, serial(from));
    q.bind(3, serial(to));
    std::vector<group_mark> out;
    while (q.executeStep())
        out.push_back({bot::civil_date::from_serial(q.getColumn(0).getInt64()), bot::id::decode(q.getColumn(1).getString()),
                       static_cast<entry_kind>(q.getColumn(2).getInt())});
    return out;
}

void repository::remember(std::string const& g, bot::id const& user, std::string const& name, bot::civil_date day) {
    auto key = g + "\n" + user.encode();
    if (auto it = known_.find(key); it != known_.end() && it->second == name) return;
    auto& q = db_.prepare(remember_sql);
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, name);
    q.bind(4, serial(day));
    q.exec();
    // Inside a transaction that rolls back the row is gone again: forget it too.
    db_.on_rollback([this, key] { known_.erase(key); });
    known_[key] = name;
}

void repository::set_active(std::string const& g, bot::id const& user, bool active) {
    auto& q = db_.prepare(set_active_sql);
    q.bind(1, g);
    q.bind(2, user.encode());
    q.bind(3, active ? 1 : 0);
    q.exec();
    known_.erase(g + "\n" + user.encode());
}

std::map<bot::id, std::string> repository::names(std::string const& g) {
    auto& q = db_.prepare(names_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    std::map<bot::id, std::string> out;
    while (q.executeStep()) out[bot::id::decode(q.getColumn(0).getString())] = q.getColumn(1).getString();
    return out;
}

bool repository::claimed(std::string const& g, bot::civil_date day, std::string const& what) {
    auto& q = db_.prepare(claimed_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    q.bind(2, static_cast<std::int64_t>(day.serial()));
    q.bind(3, what);
    return q.executeStep();
}

bool repository::claim(std::string const& g, bot::civil_date day, std::string const& what, std::int64_t at) {
    auto& q = db_.prepare(claim_sql);
    q.bind(1, g);
    q.bind(2, serial(day));
    q.bind(3, what);
    q.bind(4, at);
    return q.exec() > 0;
}

}  // namespace plugins::checkin
