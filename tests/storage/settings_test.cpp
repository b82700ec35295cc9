#include "storage/settings.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <stdexcept>
#include <string>

#include "tests/storage/temp_dir.hpp"
#include "storage/database.hpp"

using storage::database;
using storage::settings;

TEST_CASE("an unset setting has no value") {
    database db(":memory:");
    settings store(db);
    REQUIRE_FALSE(store.get("qq:1", "checkin.reward").has_value());
    REQUIRE(store.list("qq:1").empty());
    REQUIRE(db.schema_version("settings") == 1);
}

TEST_CASE("a setting is written through and read back by a fresh instance") {
    database db(":memory:");
    {
        settings store(db);
        store.set("qq:1", "checkin.reward", "5", "admin:7", 1000);
        REQUIRE(store.get("qq:1", "checkin.reward") == "5");
    }
    settings reloaded(db);
    REQUIRE(reloaded.get("qq:1", "checkin.reward") == "5");
    REQUIRE_FALSE(reloaded.get("qq:2", "checkin.reward").has_value());
}

TEST_CASE("setting a key again overwrites it and records who changed it") {
    database db(":memory:");
    settings store(db);
    store.set("qq:1", "welcome.text", "hi", "admin:7", 1000);
    store.set("qq:1", "welcome.text", "hello", "admin:8", 2000);
    REQUIRE(store.get("qq:1", "welcome.text") == "hello");
    auto& row = db.prepare("SELECT value, updated_by, updated_at FROM group_settings WHERE group_key = 'qq:1'");
    storage::statement_guard guard{row};
    REQUIRE(row.executeStep());
    REQUIRE(row.getColumn(0).getString() == "hello");
    REQUIRE(row.getColumn(1).getString() == "admin:8");
    REQUIRE(row.getColumn(2).getInt64() == 2000);
    REQUIRE_FALSE(row.executeStep());
}

TEST_CASE("erase removes an override and says whether there was one") {
    database db(":memory:");
    settings store(db);
    store.set("qq:1", "antiad.enabled", "false", "admin:7", 1000);
    REQUIRE(store.erase("qq:1", "antiad.enabled"));
    REQUIRE_FALSE(store.erase("qq:1", "antiad.enabled"));
    REQUIRE_FALSE(store.get("qq:1", "antiad.enabled").has_value());
    settings reloaded(db);
    REQUIRE_FALSE(reloaded.get("qq:1", "antiad.enabled").has_value());
}

TEST_CASE("list returns one group's keys that start with the prefix") {
    database db(":memory:");
    settings store(db);
    store.set("qq:1", "checkin.reward", "5", "a", 1);
    store.set("qq:1", "checkin.streak", "7", "a", 1);
    store.set("qq:1", "checkins", "x", "a", 1);
    store.set("qq:1", "welcome.text", "hi", "a", 1);
    store.set("qq:2", "checkin.reward", "9", "a", 1);
    REQUIRE(store.list("qq:1", "checkin.") ==
            std::map<std::string, std::string>{{"checkin.reward", "5"}, {"checkin.streak", "7"}});
    REQUIRE(store.list("qq:1").size() == 4);
    REQUIRE(store.list("qq:2", "checkin.") == std::map<std::string, std::string>{{"checkin.reward", "9"}});
}

TEST_CASE("a change made in a transaction that rolls back is forgotten by the cache") {
    database db(":memory:");
    settings store(db);
    store.set("qq:1", "welcome.text", "before", "a", 1);
    SECTION("a set") {
        REQUIRE_THROWS(db.immediate([&] {
            store.set("qq:1", "welcome.text", "during", "a", 2);
            store.set("qq:1", "new.key", "during", "a", 2);
            throw std::runtime_error("the admin command failed later");
        }));
        REQUIRE_FALSE(store.get("qq:1", "new.key").has_value());
    }
    SECTION("an erase") {
        REQUIRE_THROWS(db.immediate([&] {
            REQUIRE(store.erase("qq:1", "welcome.text"));
            throw std::runtime_error("the admin command failed later");
        }));
    }
    REQUIRE(store.get("qq:1", "welcome.text") == "before");
}

TEST_CASE("settings survive reopening the database file") {
    storage::testing::temp_dir dir;
    {
        database db(dir.file());
        settings store(db);
        store.set("qq:1", "day_close_hour", "4", "admin:7", 1000);
    }
    database db(dir.file());
    settings store(db);
    REQUIRE(store.get("qq:1", "day_close_hour") == "4");
}

TEST_CASE("every change grows the generation and tells the listeners which group changed") {
    database db(":memory:");
    settings store(db);
    std::vector<std::string> told;
    store.on_change([&](std::string const& group) { told.push_back(group); });
    auto g0 = store.generation();
    store.set("qq:1", "checkin.reward", "5", "admin:7", 1000);
    auto g1 = store.generation();
    CHECK(g1 > g0);
    CHECK(store.erase("qq:1", "checkin.reward"));
    auto g2 = store.generation();
    CHECK(g2 > g1);
    // Erasing what is not there changes nothing.
    CHECK_FALSE(store.erase("qq:1", "checkin.reward"));
    CHECK(store.generation() == g2);
    CHECK(told == std::vector<std::string>{"qq:1", "qq:1"});
}

TEST_CASE("a change rolled back with its transaction grows the generation again, so caches rebuild") {
    database db(":memory:");
    settings store(db);
    store.set("qq:1", "antiad.mode", "on", "admin:7", 1000);
    std::vector<std::string> told;
    store.on_change([&](std::string const& group) { told.push_back(group); });
    std::uint64_t inside = 0;
    REQUIRE_THROWS(db.immediate([&] {
        store.set("qq:1", "antiad.mode", "off", "admin:7", 2000);
        inside = store.generation();
        throw std::runtime_error("power cut");
    }));
    CHECK(store.generation() > inside);
    CHECK(store.get("qq:1", "antiad.mode") == "on");
    CHECK(told == std::vector<std::string>{"qq:1", "qq:1"});
}
