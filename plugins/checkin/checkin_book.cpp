#include "plugins/checkin/checkin_book.hpp"
#include "storage/database.hpp"


namespace plugins::checkin {

namespace {

constexpr char const* mark_sql = "SELECT kind FROM checkin_days WHERE group_key = ?1 AND user = ?2 AND day = ?3";
constexpr char const* done_on_sql =
    "SELECT user FROM checkin_days WHERE group_key = ?1 AND day = ?2 AND kind IN (0, 1) ORDER BY user";
constexpr char const* roster_sql =
    "SELECT user, name, first_day FROM checkin_members WHERE group_key = ?1 AND active = 1 ORDER BY user";
constexpr char const* name_sql = "SELECT name FROM checkin_members WHERE group_key = ?1 AND user = ?2";
// A member already on the roster keeps their name; the earlier first day wins, and one who had
// left the check-ins is expected again.
constexpr char const* expect_sql =
    "INSERT INTO checkin_members(group_key, user, name, first_day, active) VALUES(?1, ?2, ?3, ?4, 1) "
    "ON CONFLICT(group_key, user) DO UPDATE SET first_day = min(first_day, excluded.first_day), active = 1 "
    "WHERE first_day > excluded.first_day OR active = 0";

}  // namespace

day_mark book::mark(std::string const& group_key, bot::id const& user, bot::civil_date day) {
    auto& q = db_.prepare(mark_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, user.encode());
    q.bind(3, static_cast<std::int64_t>(day.serial()));
    if (!q.executeStep()) return day_mark::missed;
    return q.getColumn(0).getInt() == 2 ? day_mark::leave : day_mark::done;
}

std::vector<bot::id> book::done_on(std::string const& group_key, bot::civil_date day) {
    auto& q = db_.prepare(done_on_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, static_cast<std::int64_t>(day.serial()));
    std::vector<bot::id> out;
    while (q.executeStep()) out.push_back(bot::id::decode(q.getColumn(0).getString()));
    return out;
}

std::vector<bot::attendance::member> book::roster(std::string const& group_key) {
    auto& q = db_.prepare(roster_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    std::vector<member> out;
    while (q.executeStep())
        out.push_back({bot::id::decode(q.getColumn(0).getString()), q.getColumn(1).getString(),
                       bot::civil_date::from_serial(q.getColumn(2).getInt64())});
    return out;
}

std::optional<std::string> book::name_of(std::string const& group_key, bot::id const& user) {
    auto& q = db_.prepare(name_sql);
    storage::statement_guard guard{q};
    q.bind(1, group_key);
    q.bind(2, user.encode());
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getString();
}

void book::expect(std::string const& group_key, bot::id const& user, std::string const& name, bot::civil_date since) {
    auto& q = db_.prepare(expect_sql);
    q.bind(1, group_key);
    q.bind(2, user.encode());
    q.bind(3, name);
    q.bind(4, static_cast<std::int64_t>(since.serial()));
    q.exec();
}

}  // namespace plugins::checkin
