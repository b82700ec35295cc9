#include "plugins/birthday/schema.hpp"

namespace plugins::birthday {

namespace {

// One birthday per member and group: a group knows only what was told in it. The year is never
// stored. `source` is "command" or "profile" (an intake profile field), so a profile never
// overwrites what the member typed. `quiet` members are not greeted in public.
// A greeting is claimed in birthday_greeted, in the transaction that decides to send it: a
// restart or a repeated job finds the row and sends nothing.
constexpr char const* schema_v1 = R"sql(
CREATE TABLE birthday_people(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    name TEXT NOT NULL,
    month INTEGER NOT NULL,
    day INTEGER NOT NULL,
    quiet INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY(group_key, user)) WITHOUT ROWID;
CREATE INDEX birthday_people_by_date ON birthday_people(group_key, month, day);
CREATE TABLE birthday_greeted(
    group_key TEXT NOT NULL,
    day INTEGER NOT NULL,
    at INTEGER NOT NULL,
    people INTEGER NOT NULL,
    PRIMARY KEY(group_key, day)) WITHOUT ROWID;
)sql";

}  // namespace

std::vector<storage::migration> const& schema() {
    static std::vector<storage::migration> const steps{{1, schema_v1}};
    return steps;
}

}  // namespace plugins::birthday
