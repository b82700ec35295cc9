#include "storage/ledger.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/storage/temp_dir.hpp"
#include "storage/database.hpp"

using storage::database;
using storage::ledger;
using storage::ledger_error;
using storage::post_result;
using storage::posting;

namespace {

std::string const group = "qq:100";

/// A two-leg posting moving `fen` from `from` to `to`.
posting transfer(std::string key, std::string const& from, std::string const& to, std::int64_t fen,
                 std::string const& in_group = group) {
    return posting{std::move(key), in_group, "deposit", "test", "system", {{from, -fen}, {to, fen}}, 1'700'000'000};
}

}  // namespace

TEST_CASE("a balanced posting is applied and moves both balances") {
    database db(":memory:");
    ledger money(db);
    REQUIRE(money.post(transfer("d1", "external:alice", "deposit:alice", 5000)) == post_result::applied);
    REQUIRE(money.has("d1"));
    REQUIRE_FALSE(money.has("d2"));
    REQUIRE(money.balance(group, "deposit:alice") == 5000);
    REQUIRE(money.balance(group, "external:alice") == -5000);
    REQUIRE(money.balance("qq:other", "deposit:alice") == 0);
    REQUIRE(money.verify().ok());
}

TEST_CASE("malformed postings are refused and write nothing") {
    database db(":memory:");
    ledger money(db);
    auto unbalanced = transfer("u1", "fund", "deposit:alice", 100);
    unbalanced.legs[1].fen = 90;
    REQUIRE_THROWS_WITH(money.post(unbalanced), Catch::Contains("does not balance") && Catch::Contains("-10"));

    auto no_key = transfer("", "fund", "deposit:alice", 100);
    auto no_group = transfer("u2", "fund", "deposit:alice", 100, "");
    auto no_account = transfer("u3", "", "deposit:alice", 100);
    auto no_money = transfer("u4", "fund", "deposit:alice", 0);
    auto no_legs = transfer("u5", "fund", "deposit:alice", 100);
    no_legs.legs.clear();
    auto huge = transfer("u6", "fund", "deposit:alice", INT64_MAX);
    for (auto const& bad : {no_key, no_group, no_account, no_money, no_legs, huge}) {
        REQUIRE_THROWS_AS(money.post(bad), ledger_error);
    }
    REQUIRE(money.balances(group).empty());
    REQUIRE(money.verify().postings == 0);
}

TEST_CASE("a replayed posting is not applied twice") {
    database db(":memory:");
    ledger money(db);
    REQUIRE(money.post(transfer("d1", "external:alice", "deposit:alice", 5000)) == post_result::applied);
    auto replay = transfer("d1", "external:alice", "deposit:alice", 5000);
    replay.memo = "retried after a reconnect";  // memo, actor and time do not make it different
    replay.at += 60;
    REQUIRE(money.post(replay) == post_result::duplicate);
    REQUIRE(money.balance(group, "deposit:alice") == 5000);
    REQUIRE(money.verify().postings == 1);
}

TEST_CASE("a key reused with different content is refused") {
    database db(":memory:");
    ledger money(db);
    money.post(transfer("d1", "external:alice", "deposit:alice", 5000));
    REQUIRE_THROWS_WITH(money.post(transfer("d1", "external:alice", "deposit:alice", 4000)),
                        Catch::Contains("posting key reused with different content"));
    REQUIRE_THROWS_AS(money.post(transfer("d1", "external:bob", "deposit:bob", 5000)), ledger_error);
    REQUIRE_THROWS_AS(money.post(transfer("d1", "external:alice", "deposit:alice", 5000, "qq:other")), ledger_error);
    auto other_kind = transfer("d1", "external:alice", "deposit:alice", 5000);
    other_kind.kind = "fine";
    REQUIRE_THROWS_AS(money.post(other_kind), ledger_error);
    REQUIRE(money.balance(group, "deposit:alice") == 5000);
}

TEST_CASE("two postings in a transaction that then throws leave neither") {
    database db(":memory:");
    ledger money(db);
    auto const business_operation = [&] {
        money.post(transfer("d1", "external:alice", "deposit:alice", 5000));
        money.post(transfer("f1", "deposit:alice", "fund", 1000));
        throw std::runtime_error("the reply could not be built");
    };
    REQUIRE_THROWS_AS(db.immediate(business_operation), std::runtime_error);
    REQUIRE_FALSE(money.has("d1"));
    REQUIRE_FALSE(money.has("f1"));
    REQUIRE(money.balances(group).empty());
    REQUIRE(money.verify().ok());
}

TEST_CASE("a reversal restores the balance and is applied only once") {
    database db(":memory:");
    ledger money(db);
    money.post(transfer("f1", "deposit:alice", "fund", 1000));
    REQUIRE(money.reverse("f1", "admin:1", "fined by mistake", 1'700'000'100) == post_result::applied);
    REQUIRE(money.balance(group, "deposit:alice") == 0);
    REQUIRE(money.balance(group, "fund") == 0);

    REQUIRE(money.reverse("f1", "admin:2", "clicked twice", 1'700'000'200) == post_result::duplicate);
    REQUIRE(money.balance(group, "fund") == 0);

    auto const all = money.history(group);
    REQUIRE(all.size() == 2);
    REQUIRE(all[1].key == "reverse:f1");
    REQUIRE(all[1].kind == "reversal");
    REQUIRE(all[1].actor == "admin:1");
    REQUIRE(all[1].legs[0].account == "deposit:alice");
    REQUIRE(all[1].legs[0].fen == 1000);
    REQUIRE(money.verify().ok());
}

TEST_CASE("reversing an unknown key is refused") {
    database db(":memory:");
    ledger money(db);
    REQUIRE_THROWS_AS(money.reverse("nope", "admin:1", "", 0), ledger_error);
    REQUIRE_FALSE(money.has("reverse:nope"));
}

TEST_CASE("the ledger tables refuse updates and deletes") {
    database db(":memory:");
    ledger money(db);
    money.post(transfer("d1", "external:alice", "deposit:alice", 5000));
    REQUIRE_THROWS_WITH(db.exec("UPDATE ledger_legs SET fen = 1 WHERE idx = 1"), Catch::Contains("append-only"));
    REQUIRE_THROWS_WITH(db.exec("DELETE FROM ledger_legs"), Catch::Contains("append-only"));
    REQUIRE_THROWS_WITH(db.exec("UPDATE ledger_postings SET memo = 'x'"), Catch::Contains("append-only"));
    REQUIRE_THROWS_WITH(db.exec("DELETE FROM ledger_postings"), Catch::Contains("append-only"));
    REQUIRE(money.history(group).at(0).legs.at(1).fen == 5000);
}

TEST_CASE("verify counts postings and legs of a consistent ledger") {
    database db(":memory:");
    ledger money(db);
    money.post(transfer("d1", "external:alice", "deposit:alice", 5000));
    money.post(posting{"split", group, "redpacket", "", "system", {{"fund", -300}, {"a", 100}, {"b", 200}}, 0});
    auto const report = money.verify();
    REQUIRE(report.ok());
    REQUIRE(report.postings == 2);
    REQUIRE(report.legs == 5);
}

TEST_CASE("verify reports a leg changed behind the ledger's back") {
    database db(":memory:");
    ledger money(db);
    money.post(transfer("d1", "external:alice", "deposit:alice", 5000));
    db.exec("DROP TRIGGER ledger_legs_no_update");
    db.exec("UPDATE ledger_legs SET fen = 6000 WHERE idx = 1");
    auto const report = money.verify();
    REQUIRE_FALSE(report.ok());
    REQUIRE(report.problems.size() == 2);
    REQUIRE_THAT(report.problems[0], Catch::Contains("'d1'") && Catch::Contains("1000 fen"));
    REQUIRE_THAT(report.problems[1],
                 Catch::Contains("deposit:alice") && Catch::Contains("5000") && Catch::Contains("6000"));
}

TEST_CASE("verify reports a tampered running total") {
    database db(":memory:");
    ledger money(db);
    money.post(transfer("d1", "external:alice", "deposit:alice", 5000));
    db.exec("UPDATE ledger_totals SET fen = 9999 WHERE account = 'deposit:alice'");
    db.exec("INSERT INTO ledger_totals(group_key, account, fen) VALUES('qq:100', 'ghost', 7)");
    auto const report = money.verify();
    REQUIRE(report.problems.size() == 2);
    REQUIRE_THAT(report.problems[0], Catch::Contains("deposit:alice") && Catch::Contains("9999"));
    REQUIRE_THAT(report.problems[1], Catch::Contains("ghost"));
}

TEST_CASE("postings survive closing and reopening the database file") {
    storage::testing::temp_dir dir;
    {
        database db(dir.file());
        ledger money(db);
        money.post(transfer("d1", "external:alice", "deposit:alice", 5000));
        db.checkpoint();
    }
    database db(dir.file());
    ledger money(db);
    REQUIRE(money.has("d1"));
    REQUIRE(money.balance(group, "deposit:alice") == 5000);
    REQUIRE(money.post(transfer("d1", "external:alice", "deposit:alice", 5000)) == post_result::duplicate);
    REQUIRE(money.verify().ok());
    REQUIRE(db.schema_version("ledger") == 1);
}

TEST_CASE("history gives the newest postings oldest first, filtered by account prefix") {
    database db(":memory:");
    ledger money(db);
    money.post(transfer("p1", "external:alice", "deposit:alice", 100));
    money.post(transfer("p2", "external:bob", "deposit:bob", 200));
    money.post(transfer("p3", "deposit:alice", "fund", 30));
    money.post(transfer("p4", "external:carol", "deposit:carol", 400, "qq:other"));
    money.post(transfer("p5", "deposit:bob", "fund", 50));

    auto const keys = [](std::vector<storage::posted> const& list) {
        std::vector<std::string> out;
        for (auto const& p : list) out.push_back(p.key);
        return out;
    };
    REQUIRE(keys(money.history(group)) == std::vector<std::string>{"p1", "p2", "p3", "p5"});
    REQUIRE(keys(money.history(group, "", 2)) == std::vector<std::string>{"p3", "p5"});
    REQUIRE(keys(money.history(group, "deposit:alice")) == std::vector<std::string>{"p1", "p3"});
    REQUIRE(keys(money.history(group, "fund", 1)) == std::vector<std::string>{"p5"});
    REQUIRE(keys(money.history("qq:other")) == std::vector<std::string>{"p4"});

    auto const last = money.history(group, "", 1).at(0);
    REQUIRE(last.seq > 0);
    REQUIRE(last.group == group);
    REQUIRE(last.legs.size() == 2);
    REQUIRE(last.legs[0].account == "deposit:bob");
    REQUIRE(last.legs[0].fen == -50);
}

TEST_CASE("account prefixes match literally, not as LIKE patterns") {
    database db(":memory:");
    ledger money(db);
    money.post(transfer("p1", "fund", "a_b%1", 100));
    money.post(transfer("p2", "fund", "axb1", 200));
    REQUIRE(money.balances(group, "a_b%") == std::map<std::string, std::int64_t>{{"a_b%1", 100}});
    REQUIRE(money.history(group, "a_b").size() == 1);
    REQUIRE(money.history(group, "A").empty());
    REQUIRE(money.balances(group).size() == 3);
}

TEST_CASE("a refused posting inside a business transaction leaves earlier postings in place") {
    database db(":memory:");
    ledger money(db);
    db.immediate([&] {
        money.post(transfer("d1", "external:alice", "deposit:alice", 5000));
        REQUIRE_THROWS_AS(money.post(transfer("d1", "external:alice", "deposit:alice", 1)), ledger_error);
    });
    REQUIRE(money.balance(group, "deposit:alice") == 5000);
    REQUIRE(money.verify().ok());
}
