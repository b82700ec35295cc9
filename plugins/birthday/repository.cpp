#include "plugins/birthday/repository.hpp"

#include "storage/database.hpp"

namespace plugins::birthday {

namespace {

constexpr char const* put_sql =
    "INSERT INTO birthday_people(group_key, user, name, month, day, quiet, source, updated_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5, 0, ?6, ?7) ON CONFLICT(group_key, user) DO UPDATE SET name = excluded.name, "
    "month = excluded.month, day = excluded.day, source = excluded.source, updated_at = excluded.updated_at";
constexpr char const* find_sql =
    "SELECT user, name, month, day, quiet, source FROM birthday_people WHERE group_key = ?1 AND user = ?2";
constexpr char const* remove_sql = "DELETE FROM birthday_people WHERE group_key = ?1 AND user = ?2";
constexpr char const* quiet_sql = "UPDATE birthday_people SET quiet = ?3 WHERE group_key = ?1 AND user = ?2";
constexpr char const* born_on_sql =
    "SELECT user, name, month, day, quiet, source FROM birthday_people WHERE group_key = ?1 AND month = ?2 "
    "AND day = ?3 ORDER BY name, user";
constexpr char const* in_month_sql =
    "SELECT user, name, month, day, quiet, source FROM birthday_people WHERE group_key = ?1 AND month = ?2 "
    "ORDER BY day, name, user";
constexpr char const* claim_sql =
    "INSERT INTO birthday_greeted(group_key, day, at, people) VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";

person read_person(SQLite::Statement& q) {
    person p;
    p.user = bot::id::decode(q.getColumn(0).getString());
    p.name = q.getColumn(1).getString();
    p.date = {q.getColumn(2).getInt(), q.getColumn(3).getInt()};
    p.quiet = q.getColumn(4).getInt() != 0;
    p.source = q.getColumn(5).getString();
    return p;
}

std::vector<person> read_all(SQLite::Statement& q) {
    std::vector<person> out;
    while (q.executeStep()) out.push_back(read_person(q));
    return out;
}

}  // namespace

void repository::put(std::string const& gk, bot::id const& user, std::string const& name, month_day d,
                     std::string const& source, std::int64_t at) {
    auto& q = db_.prepare(put_sql);
    storage::statement_guard guard{q};
    q.bind(1, gk);
    q.bind(2, user.encode());
    q.bind(3, name);
    q.bind(4, d.month);
    q.bind(5, d.day);
    q.bind(6, source);
    q.bind(7, at);
    q.exec();
}

std::optional<person> repository::find(std::string const& gk, bot::id const& user) {
    auto& q = db_.prepare(find_sql);
    storage::statement_guard guard{q};
    q.bind(1, gk);
    q.bind(2, user.encode());
    if (!q.executeStep()) return std::nullopt;
    return read_person(q);
}

bool repository::remove(std::string const& gk, bot::id const& user) {
    auto& q = db_.prepare(remove_sql);
    storage::statement_guard guard{q};
    q.bind(1, gk);
    q.bind(2, user.encode());
    return q.exec() > 0;
}

bool repository::set_quiet(std::string const& gk, bot::id const& user, bool quiet) {
    auto& q = db_.prepare(quiet_sql);
    storage::statement_guard guard{q};
    q.bind(1, gk);
    q.bind(2, user.encode());
    q.bind(3, quiet ? 1 : 0);
    return q.exec() > 0;
}

std::vector<person> repository::born_on(std::string const& gk, month_day d) {
    auto& q = db_.prepare(born_on_sql);
    storage::statement_guard guard{q};
    q.bind(1, gk);
    q.bind(2, d.month);
    q.bind(3, d.day);
    return read_all(q);
}

std::vector<person> repository::in_month(std::string const& gk, int month) {
    auto& q = db_.prepare(in_month_sql);
    storage::statement_guard guard{q};
    q.bind(1, gk);
    q.bind(2, month);
    return read_all(q);
}

bool repository::claim_greeting(std::string const& gk, bot::civil_date day, std::int64_t at, int people) {
    auto& q = db_.prepare(claim_sql);
    storage::statement_guard guard{q};
    q.bind(1, gk);
    q.bind(2, static_cast<std::int64_t>(day.serial()));
    q.bind(3, at);
    q.bind(4, people);
    return q.exec() > 0;
}

}  // namespace plugins::birthday
