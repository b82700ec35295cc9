#include "plugins/duty/schema.hpp"

namespace plugins::duty {

namespace {

// The roster (members in rotation order, with the name shown when they were added), the rotation's
// anchor and mode per group, and skips as one override row per shift.
// The KPI: per shift its message count and its senders, and per member on duty what they did;
// written in batches. duty_sent holds one row per announcement and report, written in the
// transaction that decides to send it, so a restart or a repeated job never sends one twice.
constexpr char const* schema_v1 = R"sql(
CREATE TABLE duty_roster(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    pos INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY(group_key, user)) WITHOUT ROWID;
CREATE TABLE duty_rotation(
    group_key TEXT PRIMARY KEY,
    mode TEXT NOT NULL,
    anchor_shift INTEGER NOT NULL,
    anchor_pos INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE duty_overrides(
    group_key TEXT NOT NULL,
    shift INTEGER NOT NULL,
    user TEXT NOT NULL,
    PRIMARY KEY(group_key, shift)) WITHOUT ROWID;
CREATE TABLE duty_shift_stats(
    group_key TEXT NOT NULL,
    shift TEXT NOT NULL,
    first_day INTEGER NOT NULL,
    messages INTEGER NOT NULL,
    PRIMARY KEY(group_key, shift)) WITHOUT ROWID;
CREATE INDEX duty_shift_stats_by_day ON duty_shift_stats(group_key, first_day);
CREATE TABLE duty_participants(
    group_key TEXT NOT NULL,
    shift TEXT NOT NULL,
    user TEXT NOT NULL,
    PRIMARY KEY(group_key, shift, user)) WITHOUT ROWID;
CREATE TABLE duty_admin_stats(
    group_key TEXT NOT NULL,
    shift TEXT NOT NULL,
    first_day INTEGER NOT NULL,
    user TEXT NOT NULL,
    questions INTEGER NOT NULL,
    moderation INTEGER NOT NULL,
    PRIMARY KEY(group_key, shift, user)) WITHOUT ROWID;
CREATE INDEX duty_admin_stats_by_day ON duty_admin_stats(group_key, first_day);
CREATE TABLE duty_sent(
    group_key TEXT NOT NULL,
    what TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(group_key, what)) WITHOUT ROWID;
)sql";

}  // namespace

std::vector<storage::migration> const& schema() {
    static std::vector<storage::migration> const steps{{1, schema_v1}};
    return steps;
}

}  // namespace plugins::duty
