#pragma once
/// The money ledger: the only writer of money. Double-entry postings in integer fen, append-only,
/// each with an idempotency key, so a replayed operation never moves money twice.

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>


namespace storage {

class database;  // storage/database.hpp: only storage and plugin repositories see SQLiteCpp

/// One side of a posting: `fen` added to `account` (negative takes away).
/// Account names are plugin-chosen paths such as "fund", "deposit:c1:alice", "external:alice".
struct leg {
    std::string account;
    std::int64_t fen = 0;
};

/// One business movement of money inside one group. Its legs sum to zero.
struct posting {
    std::string key;    ///< idempotency key, unique across the ledger ("deposit:c1:fine:alice:2026-11-21")
    std::string group;  ///< group key ("qq:123456")
    std::string kind;   ///< "deposit", "fine", "refund", "redpacket_owed", "reversal", ...
    std::string memo;   ///< human words for the export and the audit
    std::string actor;  ///< who caused it ("system", or the admin's user id)
    std::vector<leg> legs;
    std::int64_t at = 0;  ///< unix seconds, from the injected clock
};

/// A stored posting with its ledger sequence number.
struct posted : posting {
    std::int64_t seq = 0;
};

/// What `post` did.
enum class post_result { applied, duplicate };

/// Raised for a posting that is malformed (legs don't sum to zero, empty key, no legs) or that
/// reuses a key with different content.
struct ledger_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The result of `verify`: empty `problems` means every sum matches.
struct ledger_report {
    std::int64_t postings = 0;
    std::int64_t legs = 0;
    std::vector<std::string> problems;
    bool ok() const { return problems.empty(); }
};

class ledger {
public:
    explicit ledger(database& db);

    /// Writes a posting in its own IMMEDIATE transaction, or inside the caller's if one is open.
    /// A key seen before with identical content returns `duplicate` and writes nothing; with other
    /// content it throws ledger_error.
    post_result post(posting const& p);

    /// How many postings the ledger holds.
    std::int64_t postings();
    /// Whether a posting with this key exists.
    bool has(std::string const& key);

    /// The balance of one account in one group: the sum of its legs.
    std::int64_t balance(std::string const& group, std::string const& account);
    /// Balances of all accounts in the group whose name starts with `prefix`.
    std::map<std::string, std::int64_t> balances(std::string const& group, std::string const& prefix = "");
    /// Postings of a group touching accounts that start with `account_prefix`, oldest first,
    /// at most `limit` (0 = all) taken from the newest end.
    std::vector<posted> history(std::string const& group, std::string const& account_prefix = "", int limit = 0);

    /// Writes a reversing posting for `key` (every leg negated) under key "reverse:<key>".
    post_result reverse(std::string const& key, std::string const& actor, std::string const& memo, std::int64_t at);

    /// Checks that every posting sums to zero, that none is empty, and that the stored running
    /// totals per account equal the sums of their legs.
    ledger_report verify();

private:
    database& db_;
};

}  // namespace storage
