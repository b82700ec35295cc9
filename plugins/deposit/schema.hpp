#pragma once
/// The deposit plugin's tables. Money itself lives only in the ledger; these hold the rules,
/// enrolments, each judged day and the settlement list.

#include <vector>

#include "storage/database.hpp"

namespace plugins::deposit {

inline std::vector<storage::migration> schema() {
    return {{1, R"sql(
CREATE TABLE deposit_challenges(
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_key TEXT NOT NULL,
    name TEXT NOT NULL,
    start_day TEXT NOT NULL,
    days INTEGER NOT NULL,
    deposit INTEGER NOT NULL,
    fine_mode TEXT NOT NULL,
    fine INTEGER NOT NULL,
    percent INTEGER NOT NULL,
    full_days INTEGER NOT NULL,
    destination TEXT NOT NULL,
    fund_percent INTEGER NOT NULL,
    leave_limit INTEGER NOT NULL,
    leaver TEXT NOT NULL,
    day_rule TEXT NOT NULL,
    status TEXT NOT NULL,            -- open, ended, settled
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL);
CREATE INDEX deposit_challenges_by_group ON deposit_challenges(group_key, id);
CREATE TABLE deposit_members(
    challenge_id INTEGER NOT NULL REFERENCES deposit_challenges(id),
    user TEXT NOT NULL,              -- encoded bot::id
    name TEXT NOT NULL,
    seq INTEGER NOT NULL,            -- enrolment order
    status TEXT NOT NULL,            -- pending, paid, expired, withdrawn, left
    joined_at INTEGER NOT NULL,
    paid INTEGER NOT NULL DEFAULT 0, -- confirmed deposit in fen
    paid_at INTEGER NOT NULL DEFAULT 0,
    paid_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY(challenge_id, user));
CREATE TABLE deposit_days(
    challenge_id INTEGER NOT NULL,
    user TEXT NOT NULL,
    day TEXT NOT NULL,
    verdict TEXT NOT NULL,           -- done, leave, missed, excused
    fine INTEGER NOT NULL,
    PRIMARY KEY(challenge_id, user, day));
CREATE TABLE deposit_refunds(
    challenge_id INTEGER NOT NULL,
    user TEXT NOT NULL,
    amount INTEGER NOT NULL,
    share INTEGER NOT NULL,
    reason TEXT NOT NULL,            -- finished, not_finished, left
    paid_at INTEGER NOT NULL DEFAULT 0,
    paid_by TEXT NOT NULL DEFAULT '',
    PRIMARY KEY(challenge_id, user));
CREATE TABLE deposit_activity(
    group_key TEXT NOT NULL,
    user TEXT NOT NULL,
    day TEXT NOT NULL,
    PRIMARY KEY(group_key, user, day));
)sql"}};
}

}  // namespace plugins::deposit
