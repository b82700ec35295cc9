// The console sandbox adapter, driven line by line as a script would.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>

#include "adapters/console/console.hpp"
#include "bot/plugin_context.hpp"
#include "tests/support/async.hpp"
#include "storage/database.hpp"

namespace {

namespace fs = std::filesystem;

/// A sandbox on a temporary database, with its transcript captured in a temporary file.
struct sandbox {
    fs::path dir;
    boost::asio::io_context io;
    bot::config_file file = bot::config_file::parse("[bot]\nsuperusers = [\"alice\"]\n");
    bot::core_config cfg = bot::core_config::read(file);
    bot::manual_clock clock{bot::time_zone::must_load("Asia/Shanghai").from_local({2026, 3, 2}, 9, 0)};
    std::unique_ptr<storage::database> db;
    std::unique_ptr<bot::core> core;
    std::FILE* out = std::tmpfile();
    std::unique_ptr<adapters::console::adapter> console;

    explicit sandbox(std::vector<bot::plugin_entry> plugins = {}) {
        std::random_device rd;
        dir = fs::temp_directory_path() / ("qunbot-console-" + std::to_string(rd()));
        fs::create_directories(dir);
        db = std::make_unique<storage::database>((dir / "bot.db").string());
        core = std::make_unique<bot::core>(io, file, cfg, clock, *db);
        core->load_plugins(plugins);
        core->start();
        console = std::make_unique<adapters::console::adapter>(*core, clock, adapters::console::settings{}, stdin, out,
                                                               [] {});
        core->attach(console->platform());
    }
    ~sandbox() {
        console.reset();
        core.reset();
        db.reset();
        std::fclose(out);
        fs::remove_all(dir);
    }
    void type(std::string const& line) { testing::run(io, console->handle_line(line)); }
    std::string transcript() {
        std::fflush(out);
        std::rewind(out);
        std::string text;
        char buf[4096];
        while (auto n = std::fread(buf, 1, sizeof buf, out)) text.append(buf, n);
        std::fseek(out, 0, SEEK_END);
        return text;
    }
};

bot::message last_message;

void echo_plugin(bot::plugin_context& ctx) {
    ctx.on<bot::ev::group_message>([](bot::session&, bot::ev::group_message const& e) -> bot::task<> {
        last_message = e.content;
        co_return;
    });
    ctx.on<bot::ev::member_left>([](bot::session& s, bot::ev::member_left const& e) -> bot::task<> {
        auto text = bot::message("再见 " + e.user.str());
        co_await s.send(text);
    });
    ctx.each_group(
        "evening", [](bot::group_ref const&) { return bot::recurrence::daily(21 * 60); },
        [&ctx](bot::group_ref const& g, bot::time_point) -> bot::task<> {
            auto text = bot::message("晚上好");
            co_await ctx.send(g, text);
        });
}

}  // namespace

TEST_CASE("an @name of a member becomes a mention and other text stays text", "[console]") {
    sandbox box({{"echo", &echo_plugin}});
    box.type("hi @bob and @nobody [CQ:at,qq=all]");
    auto const& segs = last_message.segments();
    REQUIRE(segs.size() == 3);
    CHECK(std::get<bot::seg::text>(segs[0]).content == "hi ");
    CHECK(std::get<bot::seg::at>(segs[1]).user == bot::id("bob"));
    CHECK(std::get<bot::seg::text>(segs[2]).content == " and @nobody [CQ:at,qq=all]");
}

TEST_CASE("a muted member's message does not reach the bot", "[console]") {
    sandbox box({{"echo", &echo_plugin}});
    testing::run(box.io, box.console->platform().mute(bot::id("读书会"), bot::id("alice"), std::chrono::minutes(10)));
    last_message = bot::message();
    box.type("still here?");
    CHECK(last_message.empty());
    CHECK(box.transcript().find("alice 正在禁言中") != std::string::npos);
    box.type(":time +11m");
    box.type("back");
    CHECK(last_message.plain_text() == "back");
}

TEST_CASE(":time to a time of day runs the daily jobs due on the way", "[console]") {
    sandbox box({{"echo", &echo_plugin}});
    box.type("hello");  // the group becomes known, so its daily job is scheduled
    box.type(":time 21:00");
    auto t = box.transcript();
    CHECK(t.find("晚上好") != std::string::npos);
    CHECK(t.find("2026-03-02 21:00") != std::string::npos);
    box.type(":time +2d");
    auto after = box.transcript();
    std::size_t count = 0;
    for (auto pos = after.find("晚上好"); pos != std::string::npos; pos = after.find("晚上好", pos + 1)) ++count;
    CHECK(count == 3);
}

TEST_CASE("time cannot move backwards and bad :time input shows the usage", "[console]") {
    sandbox box;
    box.type(":time 2020-01-01 09:00");
    box.type(":time soon");
    auto t = box.transcript();
    CHECK(t.find("时间不能倒流") != std::string::npos);
    CHECK(t.find("usage: :time") != std::string::npos);
}

TEST_CASE("a member who leaves is reported to the plugins", "[console]") {
    sandbox box({{"echo", &echo_plugin}});
    box.type(":leave bob");
    auto t = box.transcript();
    CHECK(t.find("bob 退出了群") != std::string::npos);
    CHECK(t.find("再见 bob") != std::string::npos);
    box.type(":as bob");
    box.type("let me in");
    CHECK(box.transcript().find("不在群") != std::string::npos);
}

TEST_CASE("kicking through the platform removes the member and reports the leave", "[console]") {
    sandbox box({{"echo", &echo_plugin}});
    testing::run(box.io, box.console->platform().kick(bot::id("读书会"), bot::id("carol"), false));
    box.io.poll();
    testing::run(box.io, bot::yield_to_others());
    auto t = box.transcript();
    CHECK(t.find("把 carol 移出了群") != std::string::npos);
    CHECK(t.find("再见 carol") != std::string::npos);
}

TEST_CASE("an unknown sandbox command points to :help", "[console]") {
    sandbox box;
    box.type(":dance");
    CHECK(box.transcript().find(":help") != std::string::npos);
}

namespace {

void greet_plugin(bot::plugin_context& ctx) {
    ctx.command({"greet", "问好"}, "greet").handle([](bot::command_call&) -> bot::task<> { co_return; });
    ctx.command({"greet all"}, "greet everyone").handle([](bot::command_call&) -> bot::task<> { co_return; });
}

bool offers(std::vector<adapters::console::phrase> const& phrases, adapters::console::phrase const& p) {
    return std::find(phrases.begin(), phrases.end(), p) != phrases.end();
}

}  // namespace

TEST_CASE("TAB offers the bot's commands, the : commands and the names they take", "[console][completion]") {
    sandbox box({{"greet", &greet_plugin}});
    box.type(":join dave");
    auto phrases = box.console->phrases();
    CHECK(offers(phrases, {"/greet"}));
    CHECK(offers(phrases, {"/问好"}));
    CHECK(offers(phrases, {"/greet", "all"}));
    CHECK(offers(phrases, {":members"}));
    CHECK(offers(phrases, {":as", "dave"}));
    CHECK(offers(phrases, {":group", "读书会"}));
}

TEST_CASE("every : command TAB offers is one the sandbox knows", "[console][completion]") {
    sandbox box;
    for (auto const& p : box.console->phrases())
        if (p.size() == 1 && p.front().starts_with(":") && p.front() != ":quit") box.type(p.front());
    auto text = box.transcript();
    CHECK(text.find("未知的沙盒命令") == std::string::npos);
    box.type(":nosuch");
    CHECK(box.transcript().find("未知的沙盒命令") != std::string::npos);
}

TEST_CASE("typed lines are remembered beside the database", "[console]") {
    sandbox box;
    CHECK(box.console->history_path() == box.dir / "console_history");
}

TEST_CASE("a whole-group mute silences members but not admins in the sandbox", "[console]") {
    sandbox box({{"echo", &echo_plugin}});
    auto& p = box.console->platform();
    REQUIRE(p.caps().whole_mute);
    REQUIRE(testing::run(box.io, p.mute_all(bot::id("读书会"), true)));
    CHECK(box.transcript().find("开启了全员禁言（管理员和群主不受影响）") != std::string::npos);
    box.type(":as bob");
    last_message = bot::message();
    box.type("我能说话吗");
    CHECK(last_message.empty());
    CHECK(box.transcript().find("全员禁言中，bob 的消息没有发出") != std::string::npos);
    box.type(":as alice");
    box.type("管理员照常说话");
    CHECK(last_message.plain_text() == "管理员照常说话");
    REQUIRE(testing::run(box.io, p.mute_all(bot::id("读书会"), false)));
    box.type(":as bob");
    box.type("终于可以说话了");
    CHECK(last_message.plain_text() == "终于可以说话了");
}

TEST_CASE("a card the bot sets is the name the sandbox shows, titles and essence are recorded", "[console]") {
    sandbox box({{"echo", &echo_plugin}});
    auto& p = box.console->platform();
    REQUIRE(testing::run(box.io, p.set_card(bot::id("读书会"), bot::id("bob"), "小明 | 设计")));
    box.type(":as bob");
    box.type("大家好");
    auto t = box.transcript();
    CHECK(t.find("把 bob 的群名片改为「小明 | 设计」") != std::string::npos);
    CHECK(t.find("[读书会] #1 小明 | 设计（bob）: 大家好") != std::string::npos);
    auto m = testing::run(box.io, p.member(bot::id("读书会"), bot::id("bob")));
    REQUIRE(m);
    CHECK(m->card == "小明 | 设计");
    REQUIRE(testing::run(box.io, p.set_title(bot::id("读书会"), bot::id("bob"), "读书达人")));
    CHECK(testing::run(box.io, p.member(bot::id("读书会"), bot::id("bob")))->title == "读书达人");
    REQUIRE(testing::run(box.io, p.set_essence(bot::id(std::int64_t{1}))));
    CHECK(p.groups()["读书会"].essence.count(1) == 1);
    CHECK(box.transcript().find("把 bob 的消息 #1 设为精华") != std::string::npos);
    CHECK_FALSE(testing::run(box.io, p.set_essence(bot::id(std::int64_t{99}))));
}

TEST_CASE(":reply quotes a message of the group", "[console]") {
    sandbox box({{"echo", &echo_plugin}});
    box.type("第一条");
    box.type(":reply #1 回复你");
    REQUIRE(last_message.first<bot::seg::reply>());
    CHECK(last_message.first<bot::seg::reply>()->message == bot::id(std::int64_t{1}));
    CHECK(last_message.text_only() == "回复你");
    box.type(":reply #42 没有这条");
    CHECK(box.transcript().find("用法 / usage: :reply #ID TEXT") != std::string::npos);
}
