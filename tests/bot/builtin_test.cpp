#include "bot/builtin.hpp"

#include <catch2/catch.hpp>

#include "bot/plugin_context.hpp"
#include "tests/support/fake_chat.hpp"
#include "tests/support/language.hpp"

namespace {

struct greeting_config {
    std::string word = "你好";
    std::int64_t times = 1;
    static void describe(bot::schema<greeting_config>& s) {
        s.field("word", &greeting_config::word, "问候语");
        s.range<std::int64_t>("times", &greeting_config::times, 1, 3, "重复几次");
    }
};

/// A small plugin: a member command with an alias and an example, an admin command, a hidden one.
void tools(bot::plugin_context& ctx) {
    ctx.config<greeting_config>();
    ctx.command({"mute", "禁言"}, "禁言一个成员")
        .arg("成员", bot::arg_kind::user, "@要禁言的人")
        .arg("时长", bot::arg_kind::duration)
        .optional_arg("理由", bot::arg_kind::text)
        .permit(bot::perm::admin)
        .example("/mute @小明 10m 刷屏")
        .handle([](bot::command_call& call) -> bot::task<> { co_await call.reply("已禁言"); });
    ctx.command({"roll"}, "掷骰子").handle([](bot::command_call& call) -> bot::task<> { co_await call.reply("4"); });
    ctx.command({"debug"}, "调试").hidden().handle([](bot::command_call& call) -> bot::task<> { co_await call.reply("ok"); });
}

struct chat_with_tools : testing::fake_chat {
    chat_with_tools() : testing::fake_chat("[bot]\nsuperusers = [\"root\"]\n", {{"tools", &tools}}) {
        user("admin").is(bot::role::admin);
    }
};

}  // namespace

TEST_CASE("help lists the commands a member may use, with their prefix and help") {
    chat_with_tools chat;
    chat.user("alice").says("/help");
    auto help = chat.last();
    CHECK_THAT(help, Catch::StartsWith("qunbot 可用的命令："));
    CHECK_THAT(help, Catch::Contains("\n/roll — 掷骰子"));
    CHECK_THAT(help, Catch::Contains("\n/help — 查看命令列表和用法"));
    CHECK_THAT(help, Catch::Contains("\n/whoami"));
    CHECK_THAT(help, !Catch::Contains("/mute") && !Catch::Contains("/set") && !Catch::Contains("/plugin"));
    CHECK_THAT(help, !Catch::Contains("/debug"));
}

TEST_CASE("help shows admins the admin commands too") {
    chat_with_tools chat;
    chat.user("admin").says("/help");
    CHECK_THAT(chat.last(), Catch::Contains("\n/mute — 禁言一个成员") && Catch::Contains("\n/set — "));
}

TEST_CASE("help leaves out group-only commands in private") {
    chat_with_tools chat;
    chat.user("root").whispers("/help");
    CHECK_THAT(chat.last(), Catch::Contains("/mute") && !Catch::Contains("/set") && !Catch::Contains("/plugin"));
}

TEST_CASE("help leaves out commands and plugins switched off in the group") {
    chat_with_tools chat;
    chat.user("admin").says("/command off roll");
    chat.clear();
    chat.user("alice").says("/help");
    CHECK_THAT(chat.last(), !Catch::Contains("/roll"));
    chat.user("admin").says("/command on roll");
    chat.user("admin").says("/plugin off tools");
    chat.clear();
    chat.user("admin").says("/help");
    CHECK_THAT(chat.last(), !Catch::Contains("/roll") && !Catch::Contains("/mute") && Catch::Contains("/set"));
}

TEST_CASE("help for a command switched off in the group says so and how to switch it on") {
    chat_with_tools chat;
    chat.user("admin").says("/command off roll");
    chat.user("alice").says("/help roll");
    CHECK(chat.last() == "/roll 在本群已停用。管理员发送「/command on roll」可以重新启用。");
    chat.user("admin").says("/plugin off tools");
    chat.user("alice").says("/help 禁言");
    CHECK(chat.last() == "/mute 在本群已停用。管理员发送「/plugin on tools」可以重新启用。");
    // Other groups still have it.
    chat.user("alice").in("g2").says("/help roll");
    CHECK_THAT(chat.last(), Catch::StartsWith("roll — 掷骰子"));
}

TEST_CASE("help for one command shows its usage, arguments, aliases, permission and examples") {
    chat_with_tools chat;
    chat.user("alice").says("/help 禁言");
    CHECK(chat.last() == "mute — 禁言一个成员\n用法：/mute <成员> <时长> [理由]\n  成员：@要禁言的人\n别名：禁言"
                         "\n权限：admin\n例：/mute @小明 10m 刷屏");
    chat.clear();
    chat.user("alice").says("/help /roll");
    CHECK(chat.last() == "roll — 掷骰子\n用法：/roll");
}

TEST_CASE("help for a command that does not exist, or is hidden, says so") {
    chat_with_tools chat;
    chat.user("alice").says("/help fly");
    CHECK(chat.last() == "没有叫「fly」的命令。发送 /help 查看全部命令。");
    chat.clear();
    chat.user("alice").says("/help debug");
    CHECK(chat.last() == "没有叫「debug」的命令。发送 /help 查看全部命令。");
}

TEST_CASE("a member refused a command gets a polite answer and nothing changes") {
    chat_with_tools chat;
    chat.user("alice").says("/set timezone Asia/Tokyo");
    CHECK(chat.sent() == std::vector<std::string>{"抱歉，你没有使用 /set 的权限。"});
    chat.clear();
    chat.user("alice").says("/mute @admin 10m");
    CHECK(chat.sent() == std::vector<std::string>{"抱歉，你没有使用 /mute 的权限。"});
    chat.clear();
    chat.user("alice").says("/time");
    CHECK_THAT(chat.last(), Catch::Contains("Asia/Shanghai"));
}

TEST_CASE("a refused member is not told about their bad arguments") {
    chat_with_tools chat;
    chat.user("alice").says("/mute nobody");
    CHECK(chat.last() == "抱歉，你没有使用 /mute 的权限。");
}

TEST_CASE("a superuser may use admin commands in any group") {
    chat_with_tools chat;
    chat.user("root").says("/mute 1001 10m");
    CHECK(chat.last() == "已禁言");
}

TEST_CASE("/set changes the group's time zone and day-close hour") {
    chat_with_tools chat;
    chat.user("admin").says("/set timezone Asia/Tokyo");
    CHECK(chat.last() == "已设置 timezone = Asia/Tokyo（仅本群）。本群的今天仍是 2026-03-02，下一次换日在 2026-03-03 00:00（Asia/Tokyo）。");
    chat.user("admin").says("/set day_close_hour 4");
    chat.user("alice").says("/time");
    CHECK(chat.last() == "现在是 2026-03-02 10:00（Asia/Tokyo），本群的今天是 2026-03-02，每天 04:00 换日。");
}

TEST_CASE("/set refuses values that do not fit and says what would") {
    chat_with_tools chat;
    chat.user("admin").says("/set timezone Mars/Base");
    CHECK(chat.last() == "「timezone」不能设为「Mars/Base」：应为IANA 时区名称，如 Asia/Shanghai");
    chat.user("admin").says("/set day_close_hour 25");
    CHECK(chat.last() == "「day_close_hour」不能设为「25」：应为介于 0 和 23 之间的整数");
    chat.user("admin").says("/set tools.times 5");
    CHECK(chat.last() == "「tools.times」不能设为「5」：应为介于 1 和 3 之间的整数");
    chat.user("admin").says("/set tools.times many");
    CHECK_THAT(chat.last(), Catch::StartsWith("「tools.times」不能设为「many」：应为"));
    chat.clear();
    chat.user("admin").says("/set");
    CHECK_THAT(chat.last(), Catch::Contains("timezone = Asia/Shanghai") && Catch::Contains("tools.times = 1"));
}

TEST_CASE("/set with an unknown key says there is no such setting") {
    chat_with_tools chat;
    chat.user("admin").says("/set timezon Asia/Tokyo");
    CHECK(chat.last() == "没有设置项「timezon」。发送 /set 查看全部设置项。");
    chat.user("admin").says("/set tools.colour red");
    CHECK(chat.last() == "没有设置项「tools.colour」。发送 /set 查看全部设置项。");
}

TEST_CASE("/set with a key alone shows its value and help") {
    chat_with_tools chat;
    chat.user("admin").says("/set tools.word 早");
    chat.user("admin").says("/set tools.word");
    CHECK(chat.last() == "tools.word = 早（问候语；应为一段文字）");
    chat.user("admin").says("/set day_close_hour");
    CHECK(chat.last() == "day_close_hour = 0（每天几点换日（0 为午夜）；应为介于 0 和 23 之间的整数）");
}


TEST_CASE("/set refuses a plugin value entirely in the bot's language") {
    chat_with_tools chat;
    chat.user("admin").says("/set tools.times abc");
    CHECK(chat.last() == "「tools.times」不能设为「abc」：应为整数");
    chat.user("admin").says("/set tools.times 500");
    CHECK(chat.last() == "「tools.times」不能设为「500」：应为介于 1 和 3 之间的整数");
    CHECK_FALSE(testing::has_english_word(chat.last()));
}

TEST_CASE("a plugin key's description is a text admins can reword") {
    chat_with_tools chat;
    chat.user("admin").says("/text tools.set.times 每次问候重复的次数");
    CHECK(chat.last() == "已修改本群的 tools.set.times 文案。");
    chat.user("admin").says("/text core.expect.integer_range {min}～{max} 的整数");
    chat.user("admin").says("/set tools.times");
    CHECK(chat.last() == "tools.times = 1（每次问候重复的次数；应为1～3 的整数）");
}

TEST_CASE("/unset with an unknown key says there is no such setting") {
    chat_with_tools chat;
    chat.user("admin").says("/unset timezon");
    CHECK(chat.last() == "没有设置项「timezon」。发送 /set 查看全部设置项。");
    chat.user("admin").says("/unset timezone");
    CHECK(chat.last() == "timezone 已恢复默认。本群的今天仍是 2026-03-02，下一次换日在 2026-03-03 00:00（Asia/Shanghai）。");
}

TEST_CASE("/text rewords a text for the group only, and reset brings the default back") {
    chat_with_tools chat;
    chat.user("admin").says("/text core.help_unknown 找不到「{command}」");
    CHECK(chat.last() == "已修改本群的 core.help_unknown 文案。");
    chat.user("alice").says("/help fly");
    CHECK(chat.last() == "找不到「fly」");
    chat.user("alice").in("g2").says("/help fly");
    CHECK(chat.last() == "没有叫「fly」的命令。发送 /help 查看全部命令。");
    chat.user("admin").says("/text core.help_unknown reset");
    CHECK(chat.last() == "已恢复 core.help_unknown 的默认文案。");
    chat.user("alice").says("/help fly");
    CHECK(chat.last() == "没有叫「fly」的命令。发送 /help 查看全部命令。");
}

TEST_CASE("/text refuses a text with unknown placeholders or unbalanced braces") {
    chat_with_tools chat;
    chat.user("admin").says("/text core.help_unknown 找不到 {cmd}");
    CHECK(chat.last() == "文案无效：只能使用占位符 {command}，大括号要成对。");
    chat.user("admin").says("/text core.help_unknown 找不到 {command");
    CHECK(chat.last() == "文案无效：只能使用占位符 {command}，大括号要成对。");
    chat.user("alice").says("/help fly");
    CHECK(chat.last() == "没有叫「fly」的命令。发送 /help 查看全部命令。");
}

TEST_CASE("/text with a key alone shows the text and its placeholders") {
    chat_with_tools chat;
    chat.user("admin").says("/text core.no_permission");
    CHECK_THAT(chat.last(), Catch::StartsWith("core.no_permission：\n抱歉，你没有使用 /{command} 的权限。\n可用占位符： {command} {needs}"));
}

TEST_CASE("/text with an unknown key answers in one short message with the nearest keys") {
    chat_with_tools chat;
    chat.clear();
    chat.user("admin").says("/text core.no_permision 你好");
    REQUIRE(chat.sent().size() == 1);
    CHECK_THAT(chat.last(), Catch::StartsWith("没有文案键「core.no_permision」。是不是：core.no_permission"));
    CHECK(chat.last().find("core.help\n") == std::string::npos);
    CHECK(chat.last().size() < 400);
    chat.clear();
    chat.user("admin").says("/text nosuch.key");
    REQUIRE(chat.sent().size() == 1);
    CHECK(chat.last() == "没有文案键「nosuch.key」。发送 /text 查看各插件的文案。");
}

TEST_CASE("/text alone counts the keys per plugin and /text keys lists one plugin's") {
    chat_with_tools chat;
    chat.clear();
    chat.user("admin").says("/text");
    REQUIRE(chat.sent().size() == 1);
    CHECK_THAT(chat.last(), Catch::StartsWith("文案按插件分组：core ") &&
                                Catch::Contains("发送 /text keys 插件名 列出它的文案键"));
    chat.clear();
    chat.user("admin").says("/text keys core");
    REQUIRE(chat.sent().size() == 1);
    CHECK_THAT(chat.last(), Catch::StartsWith("core 的文案键（") && Catch::Contains("core.no_permission"));
    chat.user("admin").says("/text keys nothing");
    CHECK_THAT(chat.last(), Catch::StartsWith("没有插件「nothing」的文案。文案按插件分组："));
}

TEST_CASE("/plugin lists the group's plugins and refuses unknown ones") {
    chat_with_tools chat;
    chat.user("admin").says("/plugin");
    CHECK(chat.last() == "本群插件：\n✅ tools");
    chat.user("admin").says("/plugin off nothing");
    CHECK(chat.last() == "没有叫「nothing」的插件。发送 /plugin 查看本群插件。");
    chat.user("admin").says("/plugin toggle tools");
    CHECK(chat.last() == "用法：/plugin on|off 插件名");
}

TEST_CASE("core commands cannot be switched off") {
    chat_with_tools chat;
    chat.user("admin").says("/command off help");
    CHECK(chat.last() == "核心命令不能停用。");
    chat.user("alice").says("/help");
    CHECK_THAT(chat.last(), Catch::StartsWith("qunbot 可用的命令："));
}

TEST_CASE("/whoami tells a member their ID, role and whether they are a superuser") {
    chat_with_tools chat;
    chat.user("admin").says("/whoami");
    CHECK(chat.last() == "admin：ID admin，身份 admin");
    chat.user("root").says("/我是谁");
    CHECK(chat.last() == "root：ID root，身份 member，超级用户");
}
