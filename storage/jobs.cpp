#include "storage/jobs.hpp"

#include "storage/database.hpp"

namespace storage {
namespace {

constexpr char const* jobs_owner = "jobs";
constexpr char const* groups_owner = "groups";

constexpr char const* jobs_schema_v1 = R"sql(
CREATE TABLE scheduler_jobs(
    key TEXT PRIMARY KEY,
    handler TEXT NOT NULL,
    group_key TEXT NOT NULL,
    recurrence TEXT NOT NULL,
    timezone TEXT NOT NULL,
    payload TEXT NOT NULL,
    next_run INTEGER NOT NULL);
)sql";

constexpr char const* upsert_job_sql =
    "INSERT INTO scheduler_jobs(key, handler, group_key, recurrence, timezone, payload, next_run) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(key) DO UPDATE SET "
    "handler = excluded.handler, group_key = excluded.group_key, recurrence = excluded.recurrence, "
    "timezone = excluded.timezone, payload = excluded.payload, next_run = excluded.next_run";
constexpr char const* delete_job_sql = "DELETE FROM scheduler_jobs WHERE key = ?1";
constexpr char const* select_job_sql =
    "SELECT key, handler, group_key, recurrence, timezone, payload, next_run FROM scheduler_jobs WHERE key = ?1";
constexpr char const* select_jobs_sql =
    "SELECT key, handler, group_key, recurrence, timezone, payload, next_run FROM scheduler_jobs "
    "ORDER BY next_run, key";
constexpr char const* set_next_run_sql = "UPDATE scheduler_jobs SET next_run = ?2 WHERE key = ?1";

constexpr char const* groups_schema_v1 = R"sql(
CREATE TABLE known_groups(
    key TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    self_id TEXT NOT NULL,
    group_id TEXT NOT NULL,
    name TEXT NOT NULL,
    first_seen INTEGER NOT NULL);
)sql";

constexpr char const* insert_group_sql =
    "INSERT INTO known_groups(key, platform, self_id, group_id, name, first_seen) VALUES(?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT(key) DO NOTHING";
// An event without a name (or without the account) must not erase what an earlier one told us.
constexpr char const* refresh_group_sql =
    "UPDATE known_groups SET self_id = CASE WHEN ?2 = '' THEN self_id ELSE ?2 END, "
    "name = CASE WHEN ?3 = '' THEN name ELSE ?3 END WHERE key = ?1";
constexpr char const* select_group_sql =
    "SELECT key, platform, self_id, group_id, name, first_seen FROM known_groups WHERE key = ?1";
constexpr char const* select_groups_sql =
    "SELECT key, platform, self_id, group_id, name, first_seen FROM known_groups ORDER BY key";

job_row read_job(SQLite::Statement& row) {
    return job_row{row.getColumn(0).getString(), row.getColumn(1).getString(), row.getColumn(2).getString(),
                   row.getColumn(3).getString(), row.getColumn(4).getString(), row.getColumn(5).getString(),
                   row.getColumn(6).getInt64()};
}

group_row read_group(SQLite::Statement& row) {
    return group_row{row.getColumn(0).getString(), row.getColumn(1).getString(), row.getColumn(2).getString(),
                     row.getColumn(3).getString(), row.getColumn(4).getString(), row.getColumn(5).getInt64()};
}

}  // namespace

job_store::job_store(database& db) : db_(db) {
    db_.migrate(jobs_owner, {{1, jobs_schema_v1}});
}

void job_store::upsert(job_row const& job) {
    auto& upsert = db_.prepare(upsert_job_sql);
    upsert.bind(1, job.key);
    upsert.bind(2, job.handler);
    upsert.bind(3, job.group);
    upsert.bind(4, job.recurrence);
    upsert.bind(5, job.timezone);
    upsert.bind(6, job.payload);
    upsert.bind(7, job.next_run);
    upsert.exec();
}

void job_store::remove(std::string const& key) {
    auto& remove = db_.prepare(delete_job_sql);
    remove.bind(1, key);
    remove.exec();
}

std::optional<job_row> job_store::find(std::string const& key) {
    auto& query = db_.prepare(select_job_sql);
    statement_guard guard{query};
    query.bind(1, key);
    if (!query.executeStep()) return std::nullopt;
    return read_job(query);
}

std::vector<job_row> job_store::all() {
    auto& query = db_.prepare(select_jobs_sql);
    statement_guard guard{query};
    std::vector<job_row> out;
    while (query.executeStep()) out.push_back(read_job(query));
    return out;
}

void job_store::set_next_run(std::string const& key, std::int64_t next_run) {
    auto& update = db_.prepare(set_next_run_sql);
    update.bind(1, key);
    update.bind(2, next_run);
    update.exec();
}

group_store::group_store(database& db) : db_(db) {
    db_.migrate(groups_owner, {{1, groups_schema_v1}});
}

bool group_store::remember(group_row const& g) {
    bool inserted = false;
    db_.immediate([&] {
        auto& insert = db_.prepare(insert_group_sql);
        insert.bind(1, g.key);
        insert.bind(2, g.platform);
        insert.bind(3, g.self_id);
        insert.bind(4, g.group_id);
        insert.bind(5, g.name);
        insert.bind(6, g.first_seen);
        inserted = insert.exec() > 0;
        if (inserted) return;
        auto& refresh = db_.prepare(refresh_group_sql);
        refresh.bind(1, g.key);
        refresh.bind(2, g.self_id);
        refresh.bind(3, g.name);
        refresh.exec();
    });
    return inserted;
}

std::vector<group_row> group_store::all() {
    auto& query = db_.prepare(select_groups_sql);
    statement_guard guard{query};
    std::vector<group_row> out;
    while (query.executeStep()) out.push_back(read_group(query));
    return out;
}

std::optional<group_row> group_store::find(std::string const& key) {
    auto& query = db_.prepare(select_group_sql);
    statement_guard guard{query};
    query.bind(1, key);
    if (!query.executeStep()) return std::nullopt;
    return read_group(query);
}

}  // namespace storage
