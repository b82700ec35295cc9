#include "bot/core.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

#include "bot/plugin_context.hpp"
#include "tests/support/fake_chat.hpp"

using namespace std::chrono_literals;

namespace {

void echo(bot::plugin_context& ctx) {
    ctx.command({"echo"}, "复读").optional_arg("内容", bot::arg_kind::text).handle([](bot::command_call& call) -> bot::task<> {
        co_await call.reply(call.text("内容"));
    });
    ctx.command({"boom"}, "出错").handle([](bot::command_call&) -> bot::task<> {
        throw std::runtime_error("the handler blew up");
        co_return;
    });
}

/// Counts what members say (a listener) and greets newcomers.
void counter(bot::plugin_context& ctx) {
    static int said = 0;
    said = 0;
    ctx.on<bot::ev::group_message>([](bot::session& s, bot::ev::group_message const&) -> bot::task<> {
        if (!s.handled_by_command) ++said;
        if (s.text() == "count") co_await s.reply("count " + std::to_string(said));
    });
    ctx.on<bot::ev::member_joined>([](bot::session& s, bot::ev::member_joined const& e) -> bot::task<> {
        co_await s.send("欢迎 " + e.user.str());
    });
}

/// Asks a question and waits for the same member's next message in the same chat.
void quiz(bot::plugin_context& ctx) {
    ctx.command({"ask"}, "问名字").handle([](bot::command_call& call) -> bot::task<> {
        co_await call.reply("你叫什么名字？");
        auto answer = co_await call.s().next_message(60s);
        if (answer.timed_out()) co_await call.s().send("超时了");
        if (answer.cancelled()) co_await call.s().send("停了");
        if (!answer) co_return;
        auto name = answer->as<bot::ev::group_message>()->content.plain_text();
        co_await call.s().send("你好，" + name);
    });
}

/// A plugin with one per-group setting, read through group_config.
struct greeting_config {
    std::string word = "你好";
    std::int64_t times = 1;
    static void describe(bot::schema<greeting_config>& s) {
        s.field("word", &greeting_config::word, "the greeting");
        s.range<std::int64_t>("times", &greeting_config::times, 1, 3, "how many times");
    }
};

void greet(bot::plugin_context& ctx) {
    ctx.config<greeting_config>();
    ctx.command({"greet"}, "打招呼").handle([&ctx](bot::command_call& call) -> bot::task<> {
        auto cfg = ctx.group_config<greeting_config>(*call.s().group());
        std::string out;
        for (std::int64_t i = 0; i < cfg.times; ++i) out += cfg.word;
        co_await call.reply(out);
    });
}

bot::ev::group_message message_from(std::string const& user, std::string const& text, std::int64_t mid) {
    return bot::ev::group_message{bot::id(mid), bot::id("g1"), bot::sender{bot::id(user), user, {}, bot::role::member},
                                  bot::message(text), false};
}

}  // namespace

TEST_CASE("a command in a group gets one reply, quoting the message") {
    testing::fake_chat chat("", {{"echo", &echo}});
    auto mid = chat.user("alice").says("/echo 你好");
    REQUIRE(chat.sent() == std::vector<std::string>{"你好"});
    auto const& sent = chat.actions().back();
    CHECK(sent.to.group == bot::id("g1"));
    REQUIRE(sent.msg.first<bot::seg::reply>());
    CHECK(sent.msg.first<bot::seg::reply>()->message == mid);
}

TEST_CASE("a private message is answered in private") {
    testing::fake_chat chat("", {{"echo", &echo}});
    chat.user("alice").whispers("/echo 悄悄话");
    CHECK(chat.last() == "悄悄话");
    CHECK(chat.actions().back().to.user == bot::id("alice"));
}

TEST_CASE("the same event delivered twice produces one reply") {
    testing::fake_chat chat("", {{"echo", &echo}});
    chat.deliver(message_from("alice", "/echo once", 7));
    chat.deliver(message_from("alice", "/echo once", 7));
    CHECK(chat.sent() == std::vector<std::string>{"once"});
    CHECK(chat.bot().stats().duplicates == 1);
}

TEST_CASE("the same message_id as a number and as a string is one event") {
    testing::fake_chat chat("", {{"echo", &echo}});
    chat.deliver(message_from("alice", "/echo once", 7));
    auto as_text = message_from("alice", "/echo once", 7);
    as_text.message_id = bot::id("7");
    chat.deliver(as_text);
    CHECK(chat.sent() == std::vector<std::string>{"once"});
    CHECK(chat.bot().stats().duplicates == 1);
}

TEST_CASE("the same words in a new message are answered again") {
    testing::fake_chat chat("", {{"echo", &echo}});
    chat.deliver(message_from("alice", "/echo again", 7));
    chat.deliver(message_from("alice", "/echo again", 8));
    CHECK(chat.sent() == std::vector<std::string>{"again", "again"});
}

TEST_CASE("dedupe forgets an event key once the window has passed") {
    bot::dedupe d(120s, 1000);
    auto t0 = std::chrono::steady_clock::time_point{} + 1000h;
    REQUIRE(d.first_time("test:i:1:group_message:i:7", t0));
    CHECK_FALSE(d.first_time("test:i:1:group_message:i:7", t0 + 119s));
    CHECK(d.first_time("test:i:1:group_message:i:7", t0 + 120s));
    CHECK(d.dropped() == 1);
}

TEST_CASE("the bot's own messages never come back as commands") {
    testing::fake_chat chat("", {{"echo", &echo}, {"counter", &counter}});
    chat.deliver(message_from("bot", "/echo loop", 7));
    chat.deliver(message_from("bot", "count", 8));
    CHECK(chat.sent().empty());
    CHECK(chat.bot().stats().own_messages == 2);
}

TEST_CASE("a throwing handler is logged and the next event still works") {
    testing::fake_chat chat("", {{"echo", &echo}});
    chat.user("alice").says("/boom");
    CHECK(chat.sent().empty());
    CHECK(chat.bot().stats().errors == 1);
    chat.user("alice").says("/echo 还活着");
    CHECK(chat.last() == "还活着");
}

TEST_CASE("listeners hear plain chat and other kinds of events") {
    testing::fake_chat chat("", {{"echo", &echo}, {"counter", &counter}});
    chat.user("alice").says("早");
    chat.user("bob").says("/echo 命令不算");
    chat.user("bob").says("count");
    CHECK(chat.last() == "count 2");
    chat.clear();
    chat.user("carol").joins();
    CHECK(chat.last() == "欢迎 carol");
}

TEST_CASE("a conversation gets the member's next message, which is not also run as a command") {
    testing::fake_chat chat("", {{"quiz", &quiz}, {"echo", &echo}});
    chat.user("alice").says("/ask");
    CHECK(chat.last() == "你叫什么名字？");
    chat.user("bob").says("/echo 我是 bob");
    CHECK(chat.last() == "我是 bob");
    chat.user("alice").says("/echo 小爱");
    CHECK(chat.last() == "你好，/echo 小爱");
    CHECK(chat.sent().size() == 3);
}

TEST_CASE("a conversation gives up when the bot's clock passes the deadline") {
    testing::fake_chat chat("", {{"quiz", &quiz}});
    chat.user("alice").says("/ask");
    chat.advance(59s);
    CHECK(chat.last() == "你叫什么名字？");
    chat.advance(1s);
    CHECK(chat.last() == "超时了");
    chat.clear();
    chat.user("alice").says("小爱");
    CHECK(chat.sent().empty());
}

TEST_CASE("an admin switches a plugin off in one group and the other groups keep it") {
    testing::fake_chat chat("", {{"echo", &echo}, {"counter", &counter}});
    chat.user("admin").is(bot::role::admin).says("/plugin off echo");
    CHECK(chat.last() == "已停用插件 echo。");
    chat.clear();
    chat.user("alice").says("/echo 在吗");
    CHECK(chat.sent().empty());
    chat.user("alice").in("g2").says("/echo 在吗");
    CHECK(chat.last() == "在吗");
    chat.clear();
    chat.user("admin").says("/plugin on echo");
    chat.user("alice").says("/echo 回来了");
    CHECK(chat.last() == "回来了");
}

TEST_CASE("a plugin switched off in a group does not hear its events there") {
    testing::fake_chat chat("", {{"counter", &counter}});
    chat.user("admin").is(bot::role::admin).says("/plugin off counter");
    chat.clear();
    chat.user("carol").joins();
    chat.user("alice").says("count");
    CHECK(chat.sent().empty());
}

TEST_CASE("an admin switches one command off in a group") {
    testing::fake_chat chat("", {{"echo", &echo}});
    chat.user("admin").is(bot::role::admin).says("/command off echo");
    CHECK(chat.last() == "已停用命令 echo。");
    chat.clear();
    chat.user("alice").says("/echo 在吗");
    CHECK(chat.sent().empty());
    chat.user("alice").in("g2").says("/echo 在吗");
    CHECK(chat.last() == "在吗");
}

TEST_CASE("/set overrides a plugin's setting for one group, and /unset brings the default back") {
    testing::fake_chat chat("[plugins.greet]\nword = \"hi\"\n", {{"greet", &greet}});
    chat.user("alice").says("/greet");
    CHECK(chat.last() == "hi");
    chat.user("admin").is(bot::role::admin).says("/set greet.word 早上好");
    CHECK(chat.last() == "已设置 greet.word = 早上好（仅本群）");
    chat.user("admin").says("/set greet.times 2");
    chat.user("alice").says("/greet");
    CHECK(chat.last() == "早上好早上好");
    chat.user("alice").in("g2").says("/greet");
    CHECK(chat.last() == "hi");
    chat.user("admin").says("/unset greet.word");
    chat.user("alice").says("/greet");
    CHECK(chat.last() == "hihi");
}

TEST_CASE("per-group settings survive a restart") {
    testing::fake_chat chat("", {{"greet", &greet}});
    chat.user("admin").is(bot::role::admin).says("/set greet.word 晚安");
    chat.restart();
    chat.user("alice").says("/greet");
    CHECK(chat.last() == "晚安");
}

TEST_CASE("a conversation still waiting at a restart ends, and the restarted bot answers") {
    testing::fake_chat chat("", {{"quiz", &quiz}, {"echo", &echo}});
    chat.user("alice").says("/ask");
    chat.restart();
    chat.user("alice").says("/echo 重启好了");
    CHECK(chat.last() == "重启好了");
}

TEST_CASE("a chat that ends while a conversation waits shuts down cleanly") {
    testing::fake_chat chat("", {{"quiz", &quiz}});
    chat.user("alice").says("/ask");
    CHECK(chat.last() == "你叫什么名字？");
}
