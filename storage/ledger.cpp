#include "storage/ledger.hpp"

#include "storage/database.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace storage {
namespace {

constexpr char const* ledger_owner = "ledger";

constexpr char const* schema_v1 = R"sql(
CREATE TABLE ledger_postings(
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT UNIQUE NOT NULL,
    group_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    memo TEXT NOT NULL,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL);
CREATE INDEX ledger_postings_by_group ON ledger_postings(group_key, seq);
CREATE TABLE ledger_legs(
    posting_seq INTEGER NOT NULL REFERENCES ledger_postings(seq),
    idx INTEGER NOT NULL,
    group_key TEXT NOT NULL,
    account TEXT NOT NULL,
    fen INTEGER NOT NULL,
    PRIMARY KEY(posting_seq, idx));
CREATE INDEX ledger_legs_by_account ON ledger_legs(group_key, account);
CREATE TABLE ledger_totals(
    group_key TEXT NOT NULL,
    account TEXT NOT NULL,
    fen INTEGER NOT NULL,
    PRIMARY KEY(group_key, account));
CREATE TRIGGER ledger_postings_no_update BEFORE UPDATE ON ledger_postings
    BEGIN SELECT RAISE(ABORT, 'ledger_postings is append-only'); END;
CREATE TRIGGER ledger_postings_no_delete BEFORE DELETE ON ledger_postings
    BEGIN SELECT RAISE(ABORT, 'ledger_postings is append-only'); END;
CREATE TRIGGER ledger_legs_no_update BEFORE UPDATE ON ledger_legs
    BEGIN SELECT RAISE(ABORT, 'ledger_legs is append-only'); END;
CREATE TRIGGER ledger_legs_no_delete BEFORE DELETE ON ledger_legs
    BEGIN SELECT RAISE(ABORT, 'ledger_legs is append-only'); END;
)sql";

constexpr char const* select_posting_sql =
    "SELECT seq, key, group_key, kind, memo, actor, at FROM ledger_postings WHERE key = ?1";
constexpr char const* select_legs_sql = "SELECT account, fen FROM ledger_legs WHERE posting_seq = ?1 ORDER BY idx";
constexpr char const* has_key_sql = "SELECT 1 FROM ledger_postings WHERE key = ?1";
constexpr char const* insert_posting_sql =
    "INSERT INTO ledger_postings(key, group_key, kind, memo, actor, at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
constexpr char const* insert_leg_sql =
    "INSERT INTO ledger_legs(posting_seq, idx, group_key, account, fen) VALUES(?1, ?2, ?3, ?4, ?5)";
constexpr char const* add_to_total_sql =
    "INSERT INTO ledger_totals(group_key, account, fen) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(group_key, account) DO UPDATE SET fen = fen + excluded.fen";
constexpr char const* select_balance_sql = "SELECT fen FROM ledger_totals WHERE group_key = ?1 AND account = ?2";
// substr, not LIKE: account names may contain % and _.
constexpr char const* select_balances_sql =
    "SELECT account, fen FROM ledger_totals "
    "WHERE group_key = ?1 AND substr(account, 1, length(?2)) = ?2 ORDER BY account";
constexpr char const* select_history_sql =
    "SELECT p.seq, p.key, p.group_key, p.kind, p.memo, p.actor, p.at FROM ledger_postings p "
    "WHERE p.group_key = ?1 AND EXISTS (SELECT 1 FROM ledger_legs l "
    "WHERE l.posting_seq = p.seq AND substr(l.account, 1, length(?2)) = ?2) "
    "ORDER BY p.seq DESC LIMIT ?3";
constexpr char const* count_postings_sql = "SELECT COUNT(*) FROM ledger_postings";
constexpr char const* count_legs_sql = "SELECT COUNT(*) FROM ledger_legs";
constexpr char const* unbalanced_postings_sql =
    "SELECT p.seq, p.key, COUNT(l.idx), COALESCE(SUM(l.fen), 0) FROM ledger_postings p "
    "LEFT JOIN ledger_legs l ON l.posting_seq = p.seq GROUP BY p.seq "
    "HAVING COUNT(l.idx) = 0 OR SUM(l.fen) <> 0 ORDER BY p.seq";
constexpr char const* misplaced_legs_sql =
    "SELECT l.posting_seq, l.idx, l.group_key, p.group_key FROM ledger_legs l "
    "LEFT JOIN ledger_postings p ON p.seq = l.posting_seq "
    "WHERE p.seq IS NULL OR p.group_key <> l.group_key ORDER BY l.posting_seq, l.idx";
// Both directions of the comparison: sums without a matching total, and totals without any legs.
constexpr char const* mismatched_totals_sql = R"sql(
WITH sums AS (SELECT group_key, account, SUM(fen) AS fen FROM ledger_legs GROUP BY group_key, account)
SELECT s.group_key, s.account, s.fen, t.fen FROM sums s
    LEFT JOIN ledger_totals t ON t.group_key = s.group_key AND t.account = s.account
    WHERE (t.fen IS NULL AND s.fen <> 0) OR t.fen <> s.fen
UNION ALL
SELECT t.group_key, t.account, 0, t.fen FROM ledger_totals t
    WHERE t.fen <> 0 AND NOT EXISTS (
        SELECT 1 FROM ledger_legs l WHERE l.group_key = t.group_key AND l.account = t.account)
ORDER BY 1, 2
)sql";

// Bounds far beyond real use that keep every sum far from int64 overflow, where SQLite would silently
// turn a running total into a floating-point number: 10 trillion yuan per leg, 1000 legs per posting.
constexpr std::int64_t max_leg_fen = 1'000'000'000'000'000;
constexpr std::size_t max_legs = 1000;

posted read_posting(SQLite::Statement& row) {
    posted p;
    p.seq = row.getColumn(0).getInt64();
    p.key = row.getColumn(1).getString();
    p.group = row.getColumn(2).getString();
    p.kind = row.getColumn(3).getString();
    p.memo = row.getColumn(4).getString();
    p.actor = row.getColumn(5).getString();
    p.at = row.getColumn(6).getInt64();
    return p;
}

std::vector<leg> load_legs(database& db, std::int64_t seq) {
    auto& query = db.prepare(select_legs_sql);
    statement_guard guard{query};
    query.bind(1, seq);
    std::vector<leg> legs;
    while (query.executeStep()) legs.push_back({query.getColumn(0).getString(), query.getColumn(1).getInt64()});
    return legs;
}

std::int64_t count(database& db, char const* sql) {
    auto& query = db.prepare(sql);
    statement_guard guard{query};
    return query.executeStep() ? query.getColumn(0).getInt64() : 0;
}

void check_postings(database& db, std::vector<std::string>& problems) {
    auto& query = db.prepare(unbalanced_postings_sql);
    statement_guard guard{query};
    while (query.executeStep()) {
        auto const seq = query.getColumn(0).getInt64();
        auto const key = query.getColumn(1).getString();
        if (query.getColumn(2).getInt64() == 0) {
            problems.push_back(fmt::format("posting {} ('{}') has no legs", seq, key));
        } else {
            problems.push_back(fmt::format("posting {} ('{}') does not balance: its legs sum to {} fen", seq, key,
                                           query.getColumn(3).getInt64()));
        }
    }
}

void check_legs(database& db, std::vector<std::string>& problems) {
    auto& query = db.prepare(misplaced_legs_sql);
    statement_guard guard{query};
    while (query.executeStep()) {
        auto const seq = query.getColumn(0).getInt64();
        auto const idx = query.getColumn(1).getInt64();
        if (query.getColumn(3).isNull()) {
            problems.push_back(fmt::format("leg {} of posting {} belongs to no posting", idx, seq));
        } else {
            problems.push_back(fmt::format("leg {} of posting {} is in group '{}' but its posting is in '{}'", idx, seq,
                                           query.getColumn(2).getString(), query.getColumn(3).getString()));
        }
    }
}

void check_totals(database& db, std::vector<std::string>& problems) {
    auto& query = db.prepare(mismatched_totals_sql);
    statement_guard guard{query};
    while (query.executeStep()) {
        auto const group = query.getColumn(0).getString();
        auto const account = query.getColumn(1).getString();
        auto const legs_sum = query.getColumn(2).getInt64();
        if (query.getColumn(3).isNull()) {
            problems.push_back(fmt::format("account '{}' in group '{}' has legs summing to {} fen but no stored total",
                                           account, group, legs_sum));
        } else {
            problems.push_back(
                fmt::format("account '{}' in group '{}' has a stored total of {} fen but its legs "
                            "sum to {} fen",
                            account, group, query.getColumn(3).getInt64(), legs_sum));
        }
    }
}

std::optional<posted> find_posting(database& db, std::string const& key) {
    std::optional<posted> found;
    {
        auto& query = db.prepare(select_posting_sql);
        statement_guard guard{query};
        query.bind(1, key);
        if (!query.executeStep()) return std::nullopt;
        found = read_posting(query);
    }
    found->legs = load_legs(db, found->seq);
    return found;
}

void validate(posting const& p) {
    if (p.key.empty()) throw ledger_error("a posting needs a key");
    if (p.group.empty()) throw ledger_error(fmt::format("posting '{}' has no group", p.key));
    if (p.kind.empty()) throw ledger_error(fmt::format("posting '{}' has no kind", p.key));
    if (p.legs.size() > max_legs) throw ledger_error(fmt::format("posting '{}' has too many legs", p.key));
    std::int64_t sum = 0;
    bool moves_money = false;
    for (auto const& l : p.legs) {
        if (l.account.empty()) throw ledger_error(fmt::format("posting '{}' has a leg with no account", p.key));
        if (l.fen > max_leg_fen || l.fen < -max_leg_fen) {
            throw ledger_error(
                fmt::format("posting '{}' moves {} fen on '{}', more than one leg may", p.key, l.fen, l.account));
        }
        sum += l.fen;  // bounded legs, bounded count: no overflow
        moves_money = moves_money || l.fen != 0;
    }
    if (!moves_money) throw ledger_error(fmt::format("posting '{}' moves no money", p.key));
    if (sum != 0) throw ledger_error(fmt::format("posting '{}' does not balance: its legs sum to {} fen", p.key, sum));
}

bool same_content(posting const& a, posting const& b) {
    auto const same_leg = [](leg const& x, leg const& y) { return x.account == y.account && x.fen == y.fen; };
    return a.group == b.group && a.kind == b.kind &&
           std::equal(a.legs.begin(), a.legs.end(), b.legs.begin(), b.legs.end(), same_leg);
}

void insert_posting(database& db, posting const& p) {
    auto& insert = db.prepare(insert_posting_sql);
    insert.bind(1, p.key);
    insert.bind(2, p.group);
    insert.bind(3, p.kind);
    insert.bind(4, p.memo);
    insert.bind(5, p.actor);
    insert.bind(6, p.at);
    insert.exec();
    auto const seq = db.raw().getLastInsertRowid();
    for (std::size_t i = 0; i < p.legs.size(); ++i) {
        auto const& l = p.legs[i];
        auto& leg_insert = db.prepare(insert_leg_sql);
        leg_insert.bind(1, seq);
        leg_insert.bind(2, static_cast<std::int64_t>(i));
        leg_insert.bind(3, p.group);
        leg_insert.bind(4, l.account);
        leg_insert.bind(5, l.fen);
        leg_insert.exec();
        auto& total = db.prepare(add_to_total_sql);
        total.bind(1, p.group);
        total.bind(2, l.account);
        total.bind(3, l.fen);
        total.exec();
    }
}

}  // namespace

ledger::ledger(database& db) : db_(db) {
    db_.migrate(ledger_owner, {{1, schema_v1}});
}

post_result ledger::post(posting const& p) {
    validate(p);
    auto result = post_result::applied;
    db_.immediate([&] {
        if (auto const existing = find_posting(db_, p.key)) {
            if (!same_content(*existing, p)) {
                throw ledger_error(fmt::format("posting key reused with different content: '{}'", p.key));
            }
            result = post_result::duplicate;
            return;
        }
        insert_posting(db_, p);
    });
    return result;
}

std::int64_t ledger::postings() { return count(db_, count_postings_sql); }

bool ledger::has(std::string const& key) {
    auto& query = db_.prepare(has_key_sql);
    statement_guard guard{query};
    query.bind(1, key);
    return query.executeStep();
}

std::int64_t ledger::balance(std::string const& group, std::string const& account) {
    auto& query = db_.prepare(select_balance_sql);
    statement_guard guard{query};
    query.bind(1, group);
    query.bind(2, account);
    return query.executeStep() ? query.getColumn(0).getInt64() : 0;
}

std::map<std::string, std::int64_t> ledger::balances(std::string const& group, std::string const& prefix) {
    auto& query = db_.prepare(select_balances_sql);
    statement_guard guard{query};
    query.bind(1, group);
    query.bind(2, prefix);
    std::map<std::string, std::int64_t> out;
    while (query.executeStep()) out.emplace(query.getColumn(0).getString(), query.getColumn(1).getInt64());
    return out;
}

std::vector<posted> ledger::history(std::string const& group, std::string const& account_prefix, int limit) {
    std::vector<posted> out;
    {
        auto& query = db_.prepare(select_history_sql);
        statement_guard guard{query};
        query.bind(1, group);
        query.bind(2, account_prefix);
        query.bind(3, limit > 0 ? limit : -1);  // LIMIT -1 means no limit
        while (query.executeStep()) out.push_back(read_posting(query));
    }
    std::reverse(out.begin(), out.end());
    for (auto& p : out) p.legs = load_legs(db_, p.seq);
    return out;
}

post_result ledger::reverse(std::string const& key, std::string const& actor, std::string const& memo,
                            std::int64_t at) {
    auto result = post_result::applied;
    db_.immediate([&] {
        auto const original = find_posting(db_, key);
        if (!original) throw ledger_error(fmt::format("no posting with key '{}' to reverse", key));
        posting reversal{"reverse:" + key, original->group, "reversal", memo, actor, {}, at};
        for (auto const& l : original->legs) reversal.legs.push_back({l.account, -l.fen});
        result = post(reversal);
    });
    return result;
}

ledger_report ledger::verify() {
    ledger_report report;
    // One transaction, so every check sees the same snapshot.
    db_.immediate([&] {
        report.postings = count(db_, count_postings_sql);
        report.legs = count(db_, count_legs_sql);
        check_postings(db_, report.problems);
        check_legs(db_, report.problems);
        check_totals(db_, report.problems);
    });
    return report;
}

}  // namespace storage
