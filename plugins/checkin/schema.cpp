#include "plugins/checkin/schema.hpp"

namespace plugins::checkin {

namespace {

// One row per member and group day: a check-in (kind 0), a make-up (1) or a day on leave (2).
// A check-in writes exactly one row; streak and total are carried on the row so the next
// check-in needs only the member's latest row, not their history.
constexpr char const* schema_v1 = R"sql(
CREATE TABLE checkin_days(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    day INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    at INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    streak INTEGER NOT NULL,
    total INTEGER NOT NULL,
    outputs INTEGER NOT NULL,
    chars INTEGER NOT NULL,
    images INTEGER NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY(group_key, user, day)) WITHOUT ROWID;
CREATE INDEX checkin_days_by_day ON checkin_days(group_key, day, kind);
CREATE TABLE checkin_members(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    first_day INTEGER NOT NULL,
    active INTEGER NOT NULL,
    PRIMARY KEY(group_key, user)) WITHOUT ROWID;
CREATE TABLE checkin_done_jobs(
    group_key TEXT NOT NULL,
    day INTEGER NOT NULL,
    what TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY(group_key, day, what)) WITHOUT ROWID;
)sql";

// The day's next rank is max(rank) + 1, read from the index end instead of counting the day's rows,
// so a check-in costs the same in a group of 20 or of 500.
constexpr char const* schema_v2 = R"sql(
DROP INDEX checkin_days_by_day;
CREATE INDEX checkin_days_by_rank ON checkin_days(group_key, day, kind, rank);
)sql";

// Confirmation lines waiting for the group's combined message, written with the check-in and
// deleted once the message went out, so a restart or a crash in between loses none.
constexpr char const* schema_v3 = R"sql(
CREATE TABLE checkin_pending_confirmations(
    id INTEGER PRIMARY KEY,
    group_key TEXT NOT NULL,
    line TEXT NOT NULL,
    at INTEGER NOT NULL);
CREATE INDEX checkin_pending_confirmations_by_group ON checkin_pending_confirmations(group_key, id);
)sql";

}  // namespace

std::vector<storage::migration> const& schema() {
    static std::vector<storage::migration> const steps{{1, schema_v1}, {2, schema_v2}, {3, schema_v3}};
    return steps;
}

}  // namespace plugins::checkin
