#include "plugins/checkin/pending.hpp"
#include "storage/database.hpp"

namespace plugins::checkin {

namespace {

constexpr char const* add_sql = "INSERT INTO checkin_pending_confirmations(group_key, line, at) VALUES(?1, ?2, ?3)";
constexpr char const* of_sql =
    "SELECT id, line, at FROM checkin_pending_confirmations WHERE group_key = ?1 ORDER BY id";
// Lines added while the combined message was being sent have higher ids and stay.
constexpr char const* remove_sql = "DELETE FROM checkin_pending_confirmations WHERE group_key = ?1 AND id <= ?2";
constexpr char const* groups_sql = "SELECT DISTINCT group_key FROM checkin_pending_confirmations";

}  // namespace

void pending_confirmations::add(std::string const& g, std::string const& line, std::int64_t at) {
    auto& q = db_.prepare(add_sql);
    q.bind(1, g);
    q.bind(2, line);
    q.bind(3, at);
    q.exec();
}

std::vector<pending_line> pending_confirmations::of(std::string const& g) {
    auto& q = db_.prepare(of_sql);
    storage::statement_guard guard{q};
    q.bind(1, g);
    std::vector<pending_line> out;
    while (q.executeStep())
        out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt64()});
    return out;
}

void pending_confirmations::remove_through(std::string const& g, std::int64_t last_id) {
    auto& q = db_.prepare(remove_sql);
    q.bind(1, g);
    q.bind(2, last_id);
    q.exec();
}

std::vector<std::string> pending_confirmations::groups() {
    auto& q = db_.prepare(groups_sql);
    storage::statement_guard guard{q};
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

}  // namespace plugins::checkin
