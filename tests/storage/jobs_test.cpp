#include "storage/jobs.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/storage/temp_dir.hpp"
#include "storage/database.hpp"

using storage::database;
using storage::group_row;
using storage::group_store;
using storage::job_row;
using storage::job_store;

namespace {

job_row reminder(std::string const& group, std::int64_t next_run) {
    return job_row{
        "checkin.reminder@" + group, "checkin.reminder", group, "daily 21:00", "Asia/Shanghai", "{}", next_run};
}

group_row qq_group(std::string const& id, std::string const& name, std::string const& self_id = "10001") {
    return group_row{"qq:" + id, "qq", self_id, id, name, 1'700'000'000};
}

}  // namespace

TEST_CASE("a job is stored, replaced by key and removed") {
    database db(":memory:");
    job_store jobs(db);
    REQUIRE_FALSE(jobs.find("checkin.reminder@qq:1").has_value());

    jobs.upsert(reminder("qq:1", 100));
    auto found = jobs.find("checkin.reminder@qq:1");
    REQUIRE(found.has_value());
    REQUIRE(found->handler == "checkin.reminder");
    REQUIRE(found->group == "qq:1");
    REQUIRE(found->recurrence == "daily 21:00");
    REQUIRE(found->timezone == "Asia/Shanghai");
    REQUIRE(found->payload == "{}");
    REQUIRE(found->next_run == 100);

    auto changed = reminder("qq:1", 200);
    changed.recurrence = "weekly 3 20:00";
    jobs.upsert(changed);
    REQUIRE(jobs.all().size() == 1);
    REQUIRE(jobs.find(changed.key)->recurrence == "weekly 3 20:00");

    jobs.remove(changed.key);
    REQUIRE_FALSE(jobs.find(changed.key).has_value());
    REQUIRE(jobs.all().empty());
}

TEST_CASE("all jobs come back in the order they are due") {
    database db(":memory:");
    job_store jobs(db);
    jobs.upsert(reminder("qq:3", 300));
    jobs.upsert(reminder("qq:1", 100));
    jobs.upsert(reminder("qq:2", 200));
    std::vector<std::string> groups;
    for (auto const& job : jobs.all()) groups.push_back(job.group);
    REQUIRE(groups == std::vector<std::string>{"qq:1", "qq:2", "qq:3"});
}

TEST_CASE("moving a job's next run changes only that job") {
    database db(":memory:");
    job_store jobs(db);
    jobs.upsert(reminder("qq:1", 100));
    jobs.upsert(reminder("qq:2", 100));
    jobs.set_next_run("checkin.reminder@qq:1", 86'500);
    REQUIRE(jobs.find("checkin.reminder@qq:1")->next_run == 86'500);
    REQUIRE(jobs.find("checkin.reminder@qq:2")->next_run == 100);
}

TEST_CASE("jobs survive reopening the database file") {
    storage::testing::temp_dir dir;
    {
        database db(dir.file());
        job_store jobs(db);
        jobs.upsert(reminder("qq:1", 100));
    }
    database db(dir.file());
    job_store jobs(db);
    REQUIRE(jobs.find("checkin.reminder@qq:1")->next_run == 100);
}

TEST_CASE("remembering a group says whether it was new") {
    database db(":memory:");
    group_store groups(db);
    REQUIRE(groups.remember(qq_group("123", "Book club")));
    REQUIRE_FALSE(groups.remember(qq_group("123", "Book club")));
    auto const found = groups.find("qq:123");
    REQUIRE(found.has_value());
    REQUIRE(found->platform == "qq");
    REQUIRE(found->group_id == "123");
    REQUIRE(found->name == "Book club");
    REQUIRE(found->first_seen == 1'700'000'000);
    REQUIRE_FALSE(groups.find("qq:999").has_value());
}

TEST_CASE("remembering a group again refreshes its account and keeps a known name") {
    database db(":memory:");
    group_store groups(db);
    groups.remember(qq_group("123", "Book club", "10001"));

    auto later = qq_group("123", "", "10002");
    later.first_seen = 1'800'000'000;
    REQUIRE_FALSE(groups.remember(later));
    REQUIRE(groups.find("qq:123")->self_id == "10002");
    REQUIRE(groups.find("qq:123")->name == "Book club");
    REQUIRE(groups.find("qq:123")->first_seen == 1'700'000'000);

    groups.remember(qq_group("123", "Reading circle", "10002"));
    REQUIRE(groups.find("qq:123")->name == "Reading circle");
}

TEST_CASE("all known groups are listed by key") {
    database db(":memory:");
    group_store groups(db);
    groups.remember(qq_group("2", "b"));
    groups.remember(qq_group("1", "a"));
    auto const all = groups.all();
    REQUIRE(all.size() == 2);
    REQUIRE(all[0].key == "qq:1");
    REQUIRE(all[1].key == "qq:2");
}

TEST_CASE("jobs and known groups keep separate schema versions in one database") {
    database db(":memory:");
    job_store jobs(db);
    group_store groups(db);
    REQUIRE(db.schema_version("jobs") == 1);
    REQUIRE(db.schema_version("groups") == 1);
    REQUIRE(db.raw().tableExists("scheduler_jobs"));
    REQUIRE(db.raw().tableExists("known_groups"));
}
