#include "storage/settings.hpp"

#include "storage/database.hpp"

namespace storage {
namespace {

constexpr char const* settings_owner = "settings";

constexpr char const* schema_v1 = R"sql(
CREATE TABLE group_settings(
    group_key TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY(group_key, key));
)sql";

constexpr char const* select_all_sql = "SELECT group_key, key, value FROM group_settings";
constexpr char const* upsert_sql =
    "INSERT INTO group_settings(group_key, key, value, updated_by, updated_at) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(group_key, key) DO UPDATE SET "
    "value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at";
constexpr char const* delete_sql = "DELETE FROM group_settings WHERE group_key = ?1 AND key = ?2";

}  // namespace

settings::settings(database& db) : db_(db) {
    db_.migrate(settings_owner, {{1, schema_v1}});
}

void settings::load() {
    if (loaded_) return;
    cache_.clear();
    auto& query = db_.prepare(select_all_sql);
    statement_guard guard{query};
    while (query.executeStep()) {
        cache_[query.getColumn(0).getString()][query.getColumn(1).getString()] = query.getColumn(2).getString();
    }
    loaded_ = true;
}

std::optional<std::string> settings::get(std::string const& group, std::string const& key) {
    load();
    auto const g = cache_.find(group);
    if (g == cache_.end()) return std::nullopt;
    auto const k = g->second.find(key);
    if (k == g->second.end()) return std::nullopt;
    return k->second;
}

void settings::set(std::string const& group, std::string const& key, std::string const& value, std::string const& by,
                   std::int64_t at) {
    load();
    auto& upsert = db_.prepare(upsert_sql);
    upsert.bind(1, group);
    upsert.bind(2, key);
    upsert.bind(3, value);
    upsert.bind(4, by);
    upsert.bind(5, at);
    upsert.exec();
    // Inside a caller's transaction the write may still be undone; then the cache must be reloaded.
    db_.on_rollback([this, group] {
        loaded_ = false;
        changed(group);
    });
    cache_[group][key] = value;
    changed(group);
}

void settings::changed(std::string const& group) {
    ++generation_;
    for (auto const& fn : listeners_) fn(group);
}

bool settings::erase(std::string const& group, std::string const& key) {
    load();
    auto& remove = db_.prepare(delete_sql);
    remove.bind(1, group);
    remove.bind(2, key);
    if (remove.exec() == 0) return false;
    db_.on_rollback([this, group] {
        loaded_ = false;
        changed(group);
    });
    auto const g = cache_.find(group);
    if (g != cache_.end()) {
        g->second.erase(key);
        if (g->second.empty()) cache_.erase(g);
    }
    changed(group);
    return true;
}

std::map<std::string, std::string> settings::list(std::string const& group, std::string const& prefix) {
    load();
    std::map<std::string, std::string> out;
    auto const g = cache_.find(group);
    if (g == cache_.end()) return out;
    for (auto it = g->second.lower_bound(prefix); it != g->second.end() && it->first.starts_with(prefix); ++it) {
        out.insert(*it);
    }
    return out;
}

}  // namespace storage
