// What a plugin context owns: services offered and required, and every registration undone when it goes.
#include "bot/plugin_context.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include <fmt/format.h>

#include "bot/attendance.hpp"
#include "tests/support/commits.hpp"
#include "tests/support/fake_chat.hpp"

using namespace std::chrono_literals;
using Catch::Matchers::Contains;

namespace {

/// An attendance service where everyone checked in.
struct all_present final : bot::attendance {
    bot::day_mark mark(std::string const&, bot::id const&, bot::civil_date) override { return bot::day_mark::done; }
    std::vector<bot::id> done_on(std::string const&, bot::civil_date) override { return {}; }
    std::vector<member> roster(std::string const&) override { return {}; }
    std::optional<std::string> name_of(std::string const&, bot::id const&) override { return std::nullopt; }
    void expect(std::string const&, bot::id const&, std::string const&, bot::civil_date) override {}
};

void provider(bot::plugin_context& ctx) { ctx.provide<bot::attendance>(std::make_shared<all_present>()); }

void needer(bot::plugin_context& ctx) {
    auto records = ctx.require<bot::attendance>("provider");
    ctx.command({"present"}, "出勤").where(bot::rule::in_group).handle([records](bot::command_call& call) -> bot::task<> {
        auto& s = call.s();
        auto mark = records->mark(s.group()->key(), s.user_id(), s.today());
        co_await call.reply(mark == bot::day_mark::done ? "在" : "缺");
    });
}

bot::plugin_entry const* built_in(std::string const& name) {
    auto const& all = bot::builtin_plugins();
    auto it = std::find_if(all.begin(), all.end(), [&](auto const& p) { return p.name == name; });
    return it == all.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("a plugin uses a service another plugin provides, whatever their order") {
    for (auto order : {std::vector<bot::plugin_entry>{{"provider", &provider}, {"needer", &needer}},
                       std::vector<bot::plugin_entry>{{"needer", &needer}, {"provider", &provider}}}) {
        testing::fake_chat chat("", order);
        chat.user("alice").says("/present");
        CHECK(chat.last() == "在");
    }
}

TEST_CASE("a plugin whose service has no provider is refused at start, naming the plugin that provides it") {
    CHECK_THROWS_WITH(testing::fake_chat("", {{"needer", &needer}}),
                      Contains("plugin 'needer' needs the attendance service") && Contains("'provider'") &&
                          Contains("not in this build"));
}

TEST_CASE("a required service whose provider is switched off in bot.toml is refused, saying how to fix it") {
    try {
        testing::fake_chat chat("[plugins.provider]\nenabled = false\n", {{"provider", &provider}, {"needer", &needer}});
        FAIL("the bot started without the attendance service");
    } catch (bot::config_error const& e) {
        std::string what = e.what();
        CHECK_THAT(what, Contains("needs the attendance service"));
        CHECK_THAT(what, Contains("[plugins.provider] enabled = true"));
        CHECK_THAT(what, Contains("[plugins.needer] enabled = false"));
    }
}

TEST_CASE("two plugins may not provide one service") {
    CHECK_THROWS_WITH(testing::fake_chat("", {{"provider", &provider}, {"again", &provider}}),
                      Contains("already provides"));
}

TEST_CASE("the deposit plugin without the check-in plugin is refused at start with a clear message") {
    auto const* deposit = built_in("deposit");
    if (!deposit) {
        WARN("plugins/deposit is not in this build");
        return;
    }
    try {
        testing::fake_chat chat("", {*deposit});
        FAIL("deposit started without the check-in records");
    } catch (bot::config_error const& e) {
        std::string what = e.what();
        CHECK_THAT(what, Contains("plugin 'deposit' needs the attendance service"));
        CHECK_THAT(what, Contains("checkin"));
    }
    // With the check-in plugin it starts, and the records it reads are the check-in plugin's.
    if (auto const* checkin = built_in("checkin")) {
        testing::fake_chat chat("", {*checkin, *deposit});
        CHECK(chat.bot().find_service("attendance", typeid(bot::attendance)));
    }
}

namespace {

struct registrations {
    bool job_ran = false;
    bool group_job_ran = false;
    bool hook_ran = false;
};

/// Registers one of everything a context can hold.
void register_everything(bot::plugin_context& ctx, registrations& r) {
    ctx.provide<bot::attendance>(std::make_shared<all_present>());
    ctx.text("hello", "你好");
    ctx.job("tick", [&r](bot::job_run const&) -> bot::task<> {
        r.job_ran = true;
        co_return;
    });
    ctx.each_group("close", [](bot::group_ref const&) { return bot::recurrence::daily(21 * 60); },
                   [&r](bot::group_ref const&, bot::time_point) -> bot::task<> {
                       r.group_job_ran = true;
                       co_return;
                   });
    ctx.on_shutdown([&r]() -> bot::task<> {
        r.hook_ran = true;
        co_return;
    });
    ctx.command({"temp"}, "临时").handle([](bot::command_call& call) -> bot::task<> { co_await call.reply("temp"); });
    ctx.middleware("watch", bot::priority::observe, [](bot::session&, bot::next_fn next) -> bot::task<> { co_await next(); });
}

}  // namespace

TEST_CASE("a plugin context takes everything it registered with it when it goes") {
    testing::fake_chat chat;
    auto& core = chat.bot();
    chat.user("alice").says("hi");  // the group becomes known
    registrations r;
    auto middleware_before = core.router().middleware_count();
    auto ctx = std::make_unique<bot::plugin_context>(core, "temp");
    register_everything(*ctx, r);
    core.scheduler().schedule("temp-tick", "temp.tick", bot::recurrence::daily(10 * 60), core.group_tz(chat.group_ref()),
                              std::nullopt);
    core.add_config_keys("temp", {{"word", bot::config_key{}}});
    REQUIRE(core.find_service("attendance", typeid(bot::attendance)));
    REQUIRE(core.texts().has("temp.hello"));
    REQUIRE(core.commands().find("temp"));
    REQUIRE(core.config_keys().count("temp"));
    REQUIRE(core.router().middleware_count() == middleware_before + 1);

    ctx.reset();
    CHECK_FALSE(core.find_service("attendance", typeid(bot::attendance)));
    CHECK_FALSE(core.texts().has("temp.hello"));
    CHECK_FALSE(core.commands().find("temp"));
    CHECK_FALSE(core.config_keys().count("temp"));
    CHECK(core.router().middleware_count() == middleware_before);
    // Its jobs stay in the database for when it comes back, but nothing of it runs.
    core.refresh_group_jobs(chat.group_ref());
    chat.advance(24h);
    chat.shut_down();
    CHECK_FALSE(r.job_ran);
    CHECK_FALSE(r.group_job_ran);
    CHECK_FALSE(r.hook_ran);
}

namespace {

/// A per-group job whose time is a per-group setting.
void evening(bot::plugin_context& ctx) {
    ctx.each_group(
        "remind",
        [&ctx](bot::group_ref const& g) {
            auto at = ctx.bot().settings().get(g.key(), "evening.minute");
            return bot::recurrence::daily(at ? std::stoi(*at) : 21 * 60);
        },
        [&ctx](bot::group_ref const& g, bot::time_point) -> bot::task<> {
            auto msg = bot::message("晚上好");
            co_await ctx.send(g, msg);
        });
}

}  // namespace

TEST_CASE("a setting written by any plugin moves the group's jobs, without announcing it by hand") {
    testing::fake_chat chat("", {{"evening", &evening}}, "2026-03-02 09:00");
    chat.user("alice").says("hi");
    auto key = "evening.remind@" + chat.group_ref().key();
    auto before = chat.bot().scheduler().next_run(key);
    REQUIRE(before);
    // Straight into the settings, as a plugin's own command would: 10:00 instead of 21:00.
    chat.bot().settings().set(chat.group_ref().key(), "evening.minute", "600", "admin", 0);
    auto after = chat.bot().scheduler().next_run(key);
    REQUIRE(after);
    CHECK(*after == *before - 11h);
    chat.clear();
    chat.advance(1h + 1min);
    CHECK(chat.last() == "晚上好");
}

namespace {

/// Three per-group jobs at fixed times.
void three_jobs(bot::plugin_context& ctx) {
    for (auto name : {"morning", "noon", "evening"}) {
        ctx.each_group(
            name, [](bot::group_ref const&) { return bot::recurrence::daily(8 * 60); },
            [](bot::group_ref const&, bot::time_point) -> bot::task<> { co_return; });
    }
}

}  // namespace

TEST_CASE("a group's jobs are scheduled in one transaction, not one commit each") {
    testing::fake_chat chat("", {{"three", &three_jobs}}, "2026-03-02 09:00");
    chat.user("alice").says("hi");
    auto other = chat.group_ref();
    other.group = bot::id("another-group");
    testing::commit_counter commits(chat.bot().db());
    chat.bot().refresh_group_jobs(other);
    // Three job rows written (each commit of its own before), and all three armed.
    CHECK(commits.commits() == 1);
    for (auto name : {"morning", "noon", "evening"})
        CHECK(chat.bot().scheduler().next_run(std::string("three.") + name + "@" + other.key()));
    // Nothing changed: nothing is written.
    chat.bot().refresh_group_jobs(other);
    CHECK(commits.commits() == 1);
}

namespace {

/// A plugin with two schema steps, named after the table it creates.
template <char const* Table>
void two_steps(bot::plugin_context& ctx) {
    ctx.migrations({{1, fmt::format("CREATE TABLE {}(a INTEGER)", Table)},
                    {2, fmt::format("ALTER TABLE {} ADD COLUMN b TEXT", Table)}});
}
constexpr char table_a[] = "mig_a";
constexpr char table_b[] = "mig_b";
constexpr char table_c[] = "mig_c";

std::uint64_t commits_at_start(std::vector<bot::plugin_entry> plugins) {
    testing::fake_chat chat("", std::move(plugins));
    return chat.bot().db().stats().commits;
}

}  // namespace

TEST_CASE("a fresh database gets every plugin's tables in one commit at start") {
    auto one = commits_at_start({{"a", &two_steps<table_a>}});
    // Six steps of three plugins (six commits before): the same count as one plugin's two.
    CHECK(commits_at_start({{"a", &two_steps<table_a>}, {"b", &two_steps<table_b>}, {"c", &two_steps<table_c>}}) ==
          one);
    testing::fake_chat chat("", {{"a", &two_steps<table_a>}, {"b", &two_steps<table_b>}, {"c", &two_steps<table_c>}});
    for (auto table : {"mig_a", "mig_b", "mig_c"}) {
        auto& q = chat.bot().db().prepare(fmt::format("SELECT count(*) FROM pragma_table_info('{}') WHERE name = 'b'", table));
        REQUIRE(q.executeStep());
        CHECK(q.getColumn(0).getInt() == 1);
    }
}
