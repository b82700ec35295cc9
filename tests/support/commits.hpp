#pragma once
/// Counts a database's write transactions in a test, to show that something costs no commit.

#include <cstdint>

#include "storage/database.hpp"

namespace testing {

/// The write transactions committed since it was made, as the database counts them (the same
/// count the bot's /metrics reports as qunbot_sqlite_commits_total).
class commit_counter {
public:
    explicit commit_counter(storage::database& db) : db_(db), start_(db.stats().commits) {}
    std::uint64_t commits() const { return db_.stats().commits - start_; }

private:
    storage::database& db_;
    std::uint64_t start_;
};

}  // namespace testing
