#include "bot/texts.hpp"

#include <catch2/catch.hpp>

#include "bot/plugin_context.hpp"
#include "tests/support/fake_chat.hpp"

namespace {

/// A registry with a welcome text and per-group overrides kept in a map ("group" → key → text).
struct registry {
    bot::texts t;
    std::map<std::string, std::map<std::string, std::string>> groups;
    registry() {
        t.define("welcome.hello", "欢迎 {name} 加入 {group}！", {"name", "group"});
        t.define("checkin.done", "{name} 签到成功，连续 {days} 天", {"name", "days"});
        t.set_group_lookup([this](std::string const& g, std::string const& key) -> std::optional<std::string> {
            auto git = groups.find(g);
            if (git == groups.end()) return std::nullopt;
            auto it = git->second.find(key);
            if (it == git->second.end()) return std::nullopt;
            return it->second;
        });
    }
    std::string hello(std::string const& group = "") const {
        return t.render(group, "welcome.hello", {{"name", "小明"}, {"group", "读书会"}});
    }
};

}  // namespace

TEST_CASE("a template renders its named placeholders") {
    registry r;
    CHECK(r.hello() == "欢迎 小明 加入 读书会！");
}

TEST_CASE("numbers fill placeholders as numbers") {
    registry r;
    CHECK(r.t.render("", "checkin.done", {{"name", "小明"}, {"days", 7}}) == "小明 签到成功，连续 7 天");
}

TEST_CASE("a bot-wide text replaces the default everywhere") {
    registry r;
    r.t.set_global("welcome.hello", "{name}，欢迎来到{group}");
    CHECK(r.hello() == "小明，欢迎来到读书会");
    CHECK(r.hello("qq:1") == "小明，欢迎来到读书会");
    CHECK(r.t.list().at("welcome.hello") == "{name}，欢迎来到{group}");
    CHECK(r.t.default_text("welcome.hello") == "欢迎 {name} 加入 {group}！");
}

TEST_CASE("a group's own text applies to that group only") {
    registry r;
    r.groups["qq:1"]["welcome.hello"] = "新朋友 {name} 来了";
    CHECK(r.hello("qq:1") == "新朋友 小明 来了");
    CHECK(r.hello("qq:2") == "欢迎 小明 加入 读书会！");
    CHECK(r.hello() == "欢迎 小明 加入 读书会！");
}

TEST_CASE("a group text that does not render falls back to the bot-wide text, then the default") {
    registry r;
    r.groups["qq:1"]["welcome.hello"] = "欢迎 {nickname}";
    r.t.set_global("welcome.hello", "{name} 到了");
    CHECK(r.hello("qq:1") == "小明 到了");
    registry plain;
    plain.groups["qq:1"]["welcome.hello"] = "欢迎 {name";
    CHECK(plain.hello("qq:1") == "欢迎 小明 加入 读书会！");
}

TEST_CASE("a bot-wide text with an unknown placeholder or unbalanced braces is refused") {
    registry r;
    CHECK_THROWS_WITH(r.t.set_global("welcome.hello", "欢迎 {nick}"), Catch::Contains("{name}, {group}"));
    CHECK_THROWS_AS(r.t.set_global("welcome.hello", "欢迎 {name"), std::invalid_argument);
    CHECK_THROWS_AS(r.t.set_global("welcome.hello", "欢迎 name}"), std::invalid_argument);
    CHECK(r.hello() == "欢迎 小明 加入 读书会！");
}

TEST_CASE("validate accepts declared placeholders and doubled braces as literal braces") {
    registry r;
    CHECK_FALSE(r.t.validate("welcome.hello", "{{{name}}} 来了"));
    CHECK_FALSE(r.t.validate("welcome.hello", "没有占位符也可以"));
    CHECK(r.t.validate("welcome.hello", "{who}"));
    CHECK(r.t.validate("no.such", "x"));
    r.t.set_global("welcome.hello", "{{{name}}} 来了");
    CHECK(r.hello() == "{小明} 来了");
}

TEST_CASE("rendering an unknown key is an error naming it") {
    registry r;
    CHECK_THROWS_WITH(r.t.render("", "welcome.bye"), Catch::Contains("'welcome.bye'"));
    CHECK_FALSE(r.t.has("welcome.bye"));
    CHECK(r.t.placeholders("checkin.done") == std::vector<std::string>{"name", "days"});
}

TEST_CASE("member-written text in a placeholder is not read as a template") {
    registry r;
    CHECK(r.t.render("", "welcome.hello", {{"name", "{group}"}, {"group", "读书会"}}) == "欢迎 {group} 加入 读书会！");
}

// Texts seen from the chat: plugins declare them, bot.toml rewords them.

namespace {

void greeter(bot::plugin_context& ctx) {
    ctx.text("hello", "你好，{name}", {"name"});
    ctx.command({"hello"}, "打招呼").handle([&ctx](bot::command_call& call) -> bot::task<> {
        auto g = call.s().group();
        bot::text_args args{{"name", call.s().user_name()}};
        auto text = ctx.render(g, "hello", args);
        co_await call.reply(text);
    });
}

}  // namespace

TEST_CASE("a plugin's text is its default until bot.toml rewords it") {
    testing::fake_chat plain("", {{"greeter", &greeter}});
    plain.user("alice").says("/hello");
    CHECK(plain.last() == "你好，alice");

    testing::fake_chat reworded("[plugins.greeter.texts]\nhello = \"{name} 早上好\"\n", {{"greeter", &greeter}});
    reworded.user("alice").says("/hello");
    CHECK(reworded.last() == "alice 早上好");
}

TEST_CASE("bot.toml texts with an unknown key or placeholder stop startup naming the key") {
    CHECK_THROWS_WITH(testing::fake_chat("[plugins.greeter.texts]\nhi = \"x\"\n", {{"greeter", &greeter}}),
                      Catch::Contains("plugins.greeter.texts.hi") && Catch::Contains("unknown text key"));
    CHECK_THROWS_WITH(testing::fake_chat("[plugins.greeter.texts]\nhello = \"{nick}\"\n", {{"greeter", &greeter}}),
                      Catch::Contains("plugins.greeter.texts.hello") && Catch::Contains("{name}"));
}
