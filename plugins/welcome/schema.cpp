#include "plugins/welcome/schema.hpp"

namespace plugins::welcome {

namespace {

// Users are stored as encoded IDs ("i:123" / "s:abc") so they go back to the platform in the
// type they came in. Times are Unix seconds.
constexpr char const* schema_v1 = R"sql(
CREATE TABLE welcome_log(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    kind TEXT NOT NULL,
    how TEXT NOT NULL,
    operator TEXT NOT NULL,
    at INTEGER NOT NULL);
CREATE INDEX welcome_log_by_group ON welcome_log(group_key, at);
CREATE TABLE welcome_members(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    left_at INTEGER,
    PRIMARY KEY(group_key, user)) WITHOUT ROWID;
CREATE TABLE welcome_queue(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(group_key, user));
CREATE TABLE welcome_profiles(
    platform TEXT NOT NULL,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY(platform, user)) WITHOUT ROWID;
CREATE TABLE welcome_profile_fields(
    platform TEXT NOT NULL,
    user TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY(platform, user, field)) WITHOUT ROWID;
CREATE TABLE welcome_pending(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    question TEXT NOT NULL,
    answers TEXT NOT NULL,
    tries_left INTEGER NOT NULL,
    deadline INTEGER NOT NULL,
    muted INTEGER NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY(group_key, user)) WITHOUT ROWID;
CREATE TABLE welcome_rules(
    group_key TEXT PRIMARY KEY,
    rules TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE welcome_requests(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    comment TEXT NOT NULL,
    flag TEXT NOT NULL,
    state TEXT NOT NULL,
    at INTEGER NOT NULL);
CREATE INDEX welcome_requests_by_group ON welcome_requests(group_key, state);
CREATE TABLE welcome_guided(
    platform TEXT NOT NULL,
    user TEXT NOT NULL,
    chat TEXT NOT NULL,
    field_index INTEGER NOT NULL,
    deadline INTEGER NOT NULL,
    PRIMARY KEY(platform, user)) WITHOUT ROWID;
)sql";

// Notices the admins get once per group for good, such as why verification is off on a platform.
constexpr char const* schema_v2 = R"sql(
CREATE TABLE welcome_notices(
    group_key TEXT NOT NULL,
    what TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(group_key, what)) WITHOUT ROWID;
)sql";

}  // namespace

std::vector<storage::migration> const& schema() {
    static std::vector<storage::migration> const steps{{1, schema_v1}, {2, schema_v2}};
    return steps;
}

}  // namespace plugins::welcome
