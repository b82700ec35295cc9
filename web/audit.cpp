#include "web/audit.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace web {

namespace {

constexpr std::size_t max_field = 4000;  ///< bytes kept of each field (a long reply, a long text)

std::string bounded(std::string s) {
    if (s.size() <= max_field) return s;
    auto cut = max_field;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // on a character boundary
    return s.substr(0, cut) + "…";
}

}  // namespace

std::vector<storage::migration> audit_log::migrations() {
    return {{1, R"(CREATE TABLE console_audit(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    who TEXT NOT NULL,
    group_key TEXT NOT NULL,
    action TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL);
CREATE INDEX console_audit_by_group ON console_audit(group_key, id);)"}};
}

void audit_log::add(audit_entry const& e) {
    auto& q = db_.prepare(
        "INSERT INTO console_audit(at, who, group_key, action, before, after) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    storage::statement_guard guard{q};
    q.bind(1, e.at);
    q.bind(2, bounded(e.who));
    q.bind(3, e.group);
    q.bind(4, bounded(e.action));
    q.bind(5, bounded(e.before));
    q.bind(6, bounded(e.after));
    q.exec();
}

std::vector<audit_entry> audit_log::recent(int limit, bool all, std::vector<std::string> const& groups) {
    std::vector<audit_entry> out;
    auto read = [&](SQLite::Statement& q) {
        while (q.executeStep())
            out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getString(),
                           q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString(),
                           q.getColumn(6).getString()});
    };
    constexpr char const* columns = "SELECT id, at, who, group_key, action, before, after FROM console_audit ";
    if (all) {
        auto& q = db_.prepare(std::string(columns) + "ORDER BY id DESC LIMIT ?1");
        storage::statement_guard guard{q};
        q.bind(1, limit);
        read(q);
        return out;
    }
    for (auto const& g : groups) {
        auto& q = db_.prepare(std::string(columns) + "WHERE group_key = ?1 ORDER BY id DESC LIMIT ?2");
        storage::statement_guard guard{q};
        q.bind(1, g);
        q.bind(2, limit);
        read(q);
    }
    std::sort(out.begin(), out.end(), [](auto const& a, auto const& b) { return a.id > b.id; });
    if (out.size() > static_cast<std::size_t>(limit)) out.resize(static_cast<std::size_t>(limit));
    return out;
}

}  // namespace web
