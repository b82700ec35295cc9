#include "bot/commands.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "bot/plugin_context.hpp"
#include "bot/utf8.hpp"
#include "tests/support/fake_chat.hpp"

using namespace std::chrono_literals;

namespace {

bot::arg_spec arg(std::string name, bot::arg_kind kind, bool optional = false) { return {std::move(name), kind, optional, {}}; }

bot::command make(std::vector<std::string> names, std::vector<bot::arg_spec> args = {},
                  std::optional<std::vector<std::string>> prefixes = std::nullopt) {
    bot::command c;
    c.plugin = "test";
    c.names = std::move(names);
    c.args = std::move(args);
    c.prefixes = std::move(prefixes);
    return c;
}

/// A command table with check-in (three names), mute (typed arguments) and two-word rank commands.
struct table {
    bot::command_table t;
    table() {
        t.add(make({"checkin", "签到", "打卡"}));
        t.add(make({"mute"}, {arg("成员", bot::arg_kind::user), arg("时长", bot::arg_kind::duration),
                              arg("理由", bot::arg_kind::text, true)}));
        t.add(make({"give"}, {arg("金额", bot::arg_kind::money)}));
        t.add(make({"roll"}, {arg("次数", bot::arg_kind::integer, true)}));
        t.add(make({"rank"}, {arg("页", bot::arg_kind::integer, true)}));
        t.add(make({"rank week"}));
        t.add(make({"早安"}, {}, std::vector<std::string>{""}));
        t.add(make({"晚安"}, {}, std::vector<std::string>{"/", ""}));
    }
    std::optional<bot::command_match> match(bot::message const& m) const { return t.match(m, bot::id("bot"), {"/"}); }
    std::string name_of(bot::message const& m) const {
        auto r = match(m);
        return r ? r->cmd->name() : std::string("(none)");
    }
};

}  // namespace

TEST_CASE("a command answers to its name and to each alias") {
    table t;
    CHECK(t.name_of("/checkin") == "checkin");
    CHECK(t.name_of("/签到") == "checkin");
    CHECK(t.name_of("/打卡") == "checkin");
    CHECK(t.name_of("/CheckIn") == "checkin");
}

TEST_CASE("with the default prefix, a bare name or a name mid-sentence is chat, not a command") {
    table t;
    CHECK(t.name_of("checkin") == "(none)");
    CHECK(t.name_of("我要 /checkin") == "(none)");
    CHECK(t.name_of("/checkinnow") == "(none)");
}

TEST_CASE("a command with the empty prefix answers only to the bare word") {
    table t;
    CHECK(t.name_of("早安") == "早安");
    CHECK(t.name_of("/早安") == "(none)");
}

TEST_CASE("a command with prefixes / and empty answers both ways") {
    table t;
    auto bare = t.match("晚安");
    auto slashed = t.match("/晚安");
    REQUIRE(bare);
    REQUIRE(slashed);
    CHECK(bare->prefix == "");
    CHECK(slashed->prefix == "/");
}

TEST_CASE("a full-width slash from a Chinese keyboard works like /") {
    table t;
    CHECK(t.name_of("／checkin") == "checkin");
    CHECK(t.name_of("／签到") == "checkin");
}

TEST_CASE("a quote and an @ of the bot in front of the command are skipped") {
    table t;
    bot::message m;
    m.reply_to(bot::id(42)).at(bot::id("bot"), "bot").text(" /checkin");
    CHECK(t.name_of(m) == "checkin");
}

TEST_CASE("the mention a QQ client puts after a quote is skipped, so a reply can carry a command") {
    table t;
    bot::message m;
    // Replying to alice's message, the client writes the quote, then "@alice ", then what was typed.
    m.reply_to(bot::id(42)).at(bot::id("alice"), "alice").text(" /checkin");
    CHECK(t.name_of(m) == "checkin");
    // Only one, and only right after the quote.
    bot::message two;
    two.reply_to(bot::id(42)).at(bot::id("alice"), "alice").at(bot::id("carol"), "carol").text(" /checkin");
    CHECK(t.name_of(two) == "(none)");
}

TEST_CASE("a message that begins by mentioning the bot is addressed to it, so the command needs no prefix") {
    table t;
    bot::message m;
    m.at(bot::id("bot"), "打卡助手").text(" 打卡 今天读完第三章");
    auto r = t.match(m);
    REQUIRE(r);
    CHECK(r->cmd->name() == "checkin");
    CHECK(r->prefix == "/");  // usage lines still show the prefix
    bot::message rank;
    rank.at(bot::id("bot"), "打卡助手").text(" rank week");
    CHECK(t.name_of(rank) == "rank week");
    // Chat after the mention stays chat, and so does a bare word without it.
    bot::message chat;
    chat.at(bot::id("bot"), "打卡助手").text(" 今天打卡了吗");
    CHECK(t.name_of(chat) == "(none)");
    CHECK(t.name_of("打卡") == "(none)");
    // Quoting the bot puts its mention in front without the member typing it: not addressed.
    bot::message quoted;
    quoted.reply_to(bot::id(42)).at(bot::id("bot"), "bot").text(" 打卡");
    CHECK(t.name_of(quoted) == "(none)");
}

TEST_CASE("a message that starts by mentioning someone else is not a command") {
    table t;
    bot::message m;
    m.at(bot::id("alice"), "alice").text(" /checkin");
    CHECK(t.name_of(m) == "(none)");
}

TEST_CASE("the longest multi-word name wins") {
    table t;
    CHECK(t.name_of("/rank week") == "rank week");
    CHECK(t.name_of("/rank   WEEK") == "rank week");
    CHECK(t.name_of("/rank") == "rank");
    auto paged = t.match("/rank 2");
    REQUIRE(paged);
    CHECK(paged->cmd->name() == "rank");
    CHECK(std::get<std::int64_t>(paged->values.at(0)) == 2);
}

TEST_CASE("an @-mention fills a user argument with the member's ID") {
    table t;
    bot::message m;
    m.text("/mute ").at(bot::id("alice"), "alice").text(" 10m 刷屏");
    auto r = t.match(m);
    REQUIRE(r);
    REQUIRE_FALSE(r->error);
    CHECK(std::get<bot::id>(r->values.at(0)) == bot::id("alice"));
    CHECK(std::get<std::chrono::seconds>(r->values.at(1)) == 10min);
    CHECK(std::get<std::string>(r->values.at(2)) == "刷屏");
}

TEST_CASE("a number typed for a user argument is taken as a user ID") {
    table t;
    auto r = t.match("/mute 123456789 2h");
    REQUIRE(r);
    REQUIRE_FALSE(r->error);
    CHECK(std::get<bot::id>(r->values.at(0)) == bot::id(std::int64_t{123456789}));
    CHECK(std::get<std::chrono::seconds>(r->values.at(1)) == 2h);
}

TEST_CASE("durations are read as 10m, 2h, 3d and 1h30m") {
    auto as_seconds = [](std::string_view w) { return std::get<std::chrono::seconds>(*bot::parse_arg(bot::arg_kind::duration, w)); };
    CHECK(as_seconds("10m") == 10min);
    CHECK(as_seconds("2h") == 2h);
    CHECK(as_seconds("3d") == 72h);
    CHECK(as_seconds("1h30m") == 90min);
    CHECK_FALSE(bot::parse_arg(bot::arg_kind::duration, "10"));
    CHECK_FALSE(bot::parse_arg(bot::arg_kind::duration, "ten minutes"));
}

TEST_CASE("money is read in fen: 50 is 5000 and 50.5元 is 5050") {
    table t;
    auto whole = t.match("/give 50");
    auto yuan = t.match("/give 50.5元");
    REQUIRE(whole);
    REQUIRE(yuan);
    CHECK(std::get<bot::money_amount>(whole->values.at(0)).value == 5000);
    CHECK(std::get<bot::money_amount>(yuan->values.at(0)).value == 5050);
    auto bad = t.match("/give 50.555");
    REQUIRE(bad);
    CHECK(bad->error);
}

TEST_CASE("integer arguments take whole numbers, negative too, and refuse anything else") {
    CHECK(std::get<std::int64_t>(*bot::parse_arg(bot::arg_kind::integer, "42")) == 42);
    CHECK(std::get<std::int64_t>(*bot::parse_arg(bot::arg_kind::integer, "-3")) == -3);
    CHECK_FALSE(bot::parse_arg(bot::arg_kind::integer, "4.2"));
    CHECK_FALSE(bot::parse_arg(bot::arg_kind::integer, "42x"));
    CHECK_FALSE(bot::parse_arg(bot::arg_kind::integer, ""));
}

TEST_CASE("a text argument takes the rest of the message, spaces and mentions included") {
    table t;
    bot::message m;
    m.text("/mute 1001 10m 骂了 ").at(bot::id("bob"), "bob").text("  两次 ");
    auto r = t.match(m);
    REQUIRE(r);
    CHECK(std::get<std::string>(r->values.at(2)) == "骂了 @bob  两次");
}

TEST_CASE("a left-out optional argument has no value") {
    table t;
    auto r = t.match("/mute 1001 10m");
    REQUIRE(r);
    REQUIRE_FALSE(r->error);
    CHECK(std::holds_alternative<std::monostate>(r->values.at(2)));
}

TEST_CASE("a missing argument is an error naming it and what it should be") {
    table t;
    auto r = t.match("/mute 1001");
    REQUIRE(r);
    REQUIRE(r->error);
    CHECK(*r->error == "缺少参数 时长（时长，如 10m、2h、3d）");
}

TEST_CASE("a badly written argument is an error quoting it") {
    table t;
    auto r = t.match("/mute 1001 ten");
    REQUIRE(r);
    REQUIRE(r->error);
    CHECK(*r->error == "「ten」不是有效的时长（应为时长，如 10m、2h、3d）");
}

TEST_CASE("a mention where a number is expected is an error, not a crash") {
    table t;
    bot::message m;
    m.text("/roll ").at(bot::id("alice"), "alice");
    auto r = t.match(m);
    REQUIRE(r);
    REQUIRE(r->error);
    CHECK_THAT(*r->error, Catch::Contains("@alice"));
}

TEST_CASE("an extra argument is an error") {
    table t;
    auto r = t.match("/checkin now");
    REQUIRE(r);
    REQUIRE(r->error);
    CHECK(*r->error == "多余的参数「now」");
}

TEST_CASE("images that come with a command are kept as attachments and do not join words") {
    table t;
    bot::message m;
    m.text("/roll").image("https://example.com/a.png").text("3");
    auto r = t.match(m);
    REQUIRE(r);
    REQUIRE_FALSE(r->error);
    CHECK(std::get<std::int64_t>(r->values.at(0)) == 3);
    CHECK(r->attachments.has<bot::seg::image>());
}

TEST_CASE("two commands may not share a name or an alias, whatever the case") {
    table t;
    CHECK_THROWS_WITH(t.t.add(make({"qiandao", "CHECKIN"})), Catch::Contains("'CHECKIN'"));
    CHECK_THROWS_AS(t.t.add(make({"打卡"})), std::invalid_argument);
    CHECK_THROWS_AS(t.t.add(make({})), std::invalid_argument);
}

TEST_CASE("usage shows required arguments in angle brackets and optional ones in square brackets") {
    table t;
    CHECK(t.t.find("mute")->usage("/") == "/mute <成员> <时长> [理由]");
    CHECK(t.t.find("签到")->usage("") == "checkin");
}

// The same parsing, seen from the chat.

namespace {

void moderation(bot::plugin_context& ctx) {
    ctx.command({"mute", "禁言"}, "禁言一个成员")
        .arg("成员", bot::arg_kind::user)
        .arg("时长", bot::arg_kind::duration)
        .optional_arg("理由", bot::arg_kind::text)
        .handle([](bot::command_call& call) -> bot::task<> {
            auto text = fmt::format("禁言 {} {} 秒，理由：{}", call.user("成员").str(), call.duration("时长").count(),
                                    call.has("理由") ? call.text("理由") : "无");
            co_await call.reply(text);
        });
    ctx.command({"checkin", "签到", "打卡"}, "每日签到").prefixes({"/", ""}).handle([](bot::command_call& call) -> bot::task<> {
        co_await call.reply("签到成功");
    });
    ctx.command({"give"}, "转账").arg("金额", bot::arg_kind::money).handle([](bot::command_call& call) -> bot::task<> {
        auto text = fmt::format("{} 分", call.money("金额"));
        co_await call.reply(text);
    });
}

}  // namespace

TEST_CASE("a member mutes someone by mentioning them") {
    testing::fake_chat chat("", {{"mod", &moderation}});
    chat.user("bob").says("hi");
    chat.user("alice").says("/禁言 @bob 10m 刷屏");
    CHECK(chat.last() == "禁言 bob 600 秒，理由：刷屏");
}

TEST_CASE("a member who leaves out an argument is told what is missing and how to use the command") {
    testing::fake_chat chat("", {{"mod", &moderation}});
    chat.user("alice").says("/mute 1001");
    CHECK(chat.last() == "缺少参数 时长（时长，如 10m、2h、3d）\n用法：/mute <成员> <时长> [理由]");
    CHECK_FALSE(chat.replied("禁言"));
}

TEST_CASE("check-in works as /checkin, 签到 and 打卡 alike") {
    testing::fake_chat chat("", {{"mod", &moderation}});
    for (auto text : {"/checkin", "签到", "打卡", "／签到"}) {
        chat.clear();
        chat.user("alice").says(text);
        INFO(text);
        CHECK(chat.last() == "签到成功");
    }
}

TEST_CASE("money typed in chat reaches the handler as fen") {
    testing::fake_chat chat("", {{"mod", &moderation}});
    chat.user("alice").says("/give 50.5元");
    CHECK(chat.last() == "5050 分");
}

TEST_CASE("bot.toml adds aliases and prefixes to a command, or switches it off") {
    testing::fake_chat chat(R"(
[commands.checkin]
aliases = ["qd"]
prefixes = ["#"]
[commands.give]
enabled = false
)",
                            {{"mod", &moderation}});
    chat.user("alice").says("#qd");
    CHECK(chat.last() == "签到成功");
    chat.clear();
    chat.user("alice").says("/checkin");
    chat.user("alice").says("签到");
    chat.user("alice").says("/give 5");
    CHECK(chat.sent().empty());
}

TEST_CASE("a text argument is bounded: a note of millions of characters is cut at a character boundary") {
    table t;
    std::string huge;
    for (int i = 0; i < 1'000'000; ++i) huge += "读";
    auto m = t.match("/mute 1001 10m " + huge);
    REQUIRE(m);
    REQUIRE(m->values.size() == 3);
    auto const& reason = std::get<std::string>(m->values[2]);
    CHECK(reason.size() <= bot::max_text_argument + std::string("…").size());
    CHECK(reason.ends_with("…"));
    CHECK(reason.substr(0, reason.size() - std::string("…").size()).size() % 3 == 0);  // whole characters only
    auto short_one = t.match("/mute 1001 10m 刷屏");
    REQUIRE(short_one);
    CHECK(std::get<std::string>(short_one->values[2]) == "刷屏");
}

namespace {

/// A handler that changes the command table before it reads its own arguments: plugins that
/// register commands at run time (or a plugin removed meanwhile) must not move its command.
void reshaping(bot::plugin_context& ctx) {
    ctx.command({"note"}, "记一笔").arg("内容", bot::arg_kind::text).handle([&ctx](bot::command_call& call) -> bot::task<> {
        auto& table = ctx.bot().commands();
        table.remove_plugin("extra");
        for (int i = 0; i < 64; ++i) {
            bot::command c;
            c.plugin = "extra";
            c.names = {fmt::format("extra{}", i)};
            c.handler = [](bot::command_call&) -> bot::task<> { co_return; };
            table.add(std::move(c));
        }
        auto text = fmt::format("{}：{}", call.cmd().name(), call.text("内容"));
        co_await call.reply(text);
    });
}

}  // namespace

TEST_CASE("a handler that adds and removes commands while it runs still reads its own command") {
    testing::fake_chat chat("", {{"reshaping", &reshaping}});
    chat.user("alice").says("/note 第一条");
    CHECK(chat.last() == "note：第一条");
    chat.user("alice").says("/note 第二条");
    CHECK(chat.last() == "note：第二条");
    chat.user("alice").says("/extra3");  // the commands it added answer from the next message on
    CHECK(chat.last() == "note：第二条");
}

TEST_CASE("looking a command up leaves the table as it was") {
    table t;
    auto const& frozen = t.t;
    auto before = frozen.all();
    CHECK(frozen.find("签到")->name() == "checkin");
    CHECK(frozen.find("CHECKIN") == before.front());
    CHECK(frozen.find("nothing") == nullptr);
    CHECK(t.name_of("/rank week") == "rank week");
}

TEST_CASE("registering commands builds the name index once, when a message first needs it") {
    table t;  // eight commands added one by one
    CHECK(t.t.versions_built() == 0);
    CHECK(t.name_of("/签到") == "checkin");
    CHECK(t.name_of("/rank week") == "rank week");
    CHECK(t.t.versions_built() == 1);
    // A change is seen by the next message, and costs one more index however many commands it adds.
    t.t.add(make({"note", "笔记"}));
    t.t.add(make({"later"}));
    CHECK(t.name_of("/笔记") == "note");
    CHECK(t.name_of("/later") == "later");
    CHECK(t.t.versions_built() == 2);
    // Removing a plugin's commands takes their names with them, aliases included.
    t.t.remove_plugin("test");
    CHECK(t.t.find("笔记") == nullptr);
    CHECK(t.name_of("/签到") == "(none)");
    CHECK(t.t.all().empty());
    t.t.add(make({"签到"}));  // the name is free again
    CHECK(t.name_of("/签到") == "签到");
}
