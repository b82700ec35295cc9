// Verification of newcomers: mute while pending, retries, timeout actions, and a restart in between.
#include <catch2/catch.hpp>

#include <regex>

#include "plugins/welcome/tests/helpers.hpp"

using namespace welcome_test;
using namespace std::chrono_literals;

namespace {

constexpr char const* question_toml =
    "[plugins.welcome]\nverify = \"question\"\nverify_question = \"本群读什么？\"\nverify_answers = [\"读书\", \"书\"]\n"
    "verify_timeout = \"5m\"\nverify_retries = 2\nburst_window = \"0s\"\n";

}  // namespace

TEST_CASE("a muted newcomer answers in private, is unmuted and then welcomed", "[welcome][verify]") {
    testing::fake_chat chat(question_toml, plugin());
    chat.user("alice").is(bot::role::admin);
    chat.user("dave").joins();
    REQUIRE(count(chat, "mute", "dave") == 1);
    CHECK(chat.actions()[0].duration == 5min);
    CHECK(chat.replied("🔐 @dave 入群验证：请在 5 分钟内回答：本群读什么？"));
    CHECK(chat.replied("请私聊我回答"));
    CHECK_FALSE(chat.replied("🎉"));
    chat.clear();
    chat.user("dave").whispers(" 读书。");
    CHECK(chat.replied("✅ 验证通过，欢迎加入本群！"));
    CHECK(chat.replied("✅ @dave 验证通过！\n🎉 欢迎 @dave 加入本群"));
    bool unmuted = false;
    for (auto const& a : chat.actions())
        if (a.kind == "mute" && a.user == bot::id("dave") && a.duration == 0s) unmuted = true;
    CHECK(unmuted);
    chat.advance(10min);
    CHECK(count(chat, "kick") == 0);
}

TEST_CASE("a wrong answer gets a retry, and too many wrong answers remove the member", "[welcome][verify]") {
    testing::fake_chat chat(question_toml, plugin());
    chat.user("dave").joins();
    chat.clear();
    chat.user("dave").whispers("跑步");
    CHECK(chat.replied("❌ 答案不对，还可以再试 1 次。"));
    CHECK(count(chat, "kick") == 0);
    chat.user("dave").whispers("游泳");
    CHECK(chat.replied("很遗憾，你没有通过本群的入群验证（多次回答错误）"));
    CHECK(count(chat, "kick", "dave") == 1);
    CHECK(chat.replied("⏰ dave 未通过入群验证（多次回答错误），已移出本群。"));
    // Later messages are not answers any more.
    chat.clear();
    chat.user("dave").whispers("读书");
    CHECK(chat.sent().empty());
}

TEST_CASE("a newcomer who never answers is removed at the deadline", "[welcome][verify]") {
    testing::fake_chat chat(question_toml, plugin());
    chat.user("dave").joins();
    chat.advance(4min);
    CHECK(count(chat, "kick") == 0);
    chat.advance(1min);
    CHECK(count(chat, "kick", "dave") == 1);
    CHECK(chat.replied("未通过入群验证（超时未回答）"));
}

TEST_CASE("on timeout only the admins are told when the group says notify", "[welcome][verify]") {
    testing::fake_chat chat(std::string(question_toml) + "verify_on_timeout = \"notify\"\n", plugin());
    chat.user("alice").is(bot::role::owner);
    chat.user("dave").joins();
    chat.clear();
    chat.advance(5min);
    CHECK(count(chat, "kick") == 0);
    auto out = sends(chat);
    REQUIRE_FALSE(out.empty());
    CHECK(out.back().text() ==
          "@alice ⚠️ dave 未通过入群验证（超时未回答），请管理员处理。\n"
          "在群里发 /verify pass dave 让 TA 通过并欢迎，或 /verify kick dave 移出。");
    CHECK(mentioned(out.back().msg) == std::vector<std::string>{"alice"});
}

TEST_CASE("after a notify the admins pass the newcomer, who is then welcomed", "[welcome][verify]") {
    testing::fake_chat chat(std::string(question_toml) + "verify_on_timeout = \"notify\"\n", plugin());
    chat.user("alice").is(bot::role::owner);
    chat.user("dave").joins();
    chat.advance(5min);
    chat.clear();
    chat.user("alice").says("/verify pass @dave");
    CHECK(chat.replied("✅ 管理员已让 @dave 通过验证。"));
    CHECK(chat.replied("欢迎 @dave 加入本群"));
    CHECK_FALSE(chat.replied("没有待完成的入群验证"));
    chat.clear();
    chat.user("alice").says("/verify pass @dave");
    CHECK(chat.replied("dave 没有待完成的入群验证。"));
}

TEST_CASE("after a notify the admins can remove the newcomer instead", "[welcome][verify]") {
    testing::fake_chat chat(std::string(question_toml) + "verify_on_timeout = \"notify\"\n", plugin());
    chat.user("alice").is(bot::role::owner);
    chat.user("dave").joins();
    chat.advance(5min);
    CHECK(count(chat, "kick") == 0);
    chat.user("bob").says("/verify kick @dave");
    CHECK(count(chat, "kick") == 0);
    chat.user("alice").says("/verify kick @dave");
    CHECK(count(chat, "kick", "dave") == 1);
    CHECK(chat.replied("已将 dave 移出本群。"));
    chat.clear();
    chat.user("alice").says("/verify pass @dave");
    CHECK(chat.replied("dave 没有待完成的入群验证。"));
}

TEST_CASE("when the bot cannot remove a newcomer the admins can still pass them", "[welcome][verify]") {
    testing::fake_chat chat(question_toml, plugin());
    chat.platform().caps_.kick = false;
    chat.user("alice").is(bot::role::owner);
    chat.user("dave").joins();
    chat.advance(5min);
    chat.clear();
    chat.user("alice").says("/verify pass @dave");
    CHECK(chat.replied("欢迎 @dave 加入本群"));
}

TEST_CASE("pending verifications survive a restart and their deadlines still fire", "[welcome][verify]") {
    testing::fake_chat chat(question_toml, plugin());
    chat.user("dave").joins();
    chat.user("erin").joins();
    chat.advance(2min);
    chat.restart();
    chat.user("erin").whispers("书");
    CHECK(chat.replied("✅ @erin 验证通过！"));
    chat.advance(2min);
    chat.restart();
    chat.advance(1min);
    CHECK(count(chat, "kick", "dave") == 1);
    CHECK(count(chat, "kick", "erin") == 0);
    chat.advance(1h);
    CHECK(count(chat, "kick") == 1);
}

TEST_CASE("a member who answered before a restart is never removed", "[welcome][verify]") {
    testing::fake_chat chat(question_toml, plugin());
    chat.user("dave").joins();
    chat.user("dave").whispers("读书");
    chat.restart();
    chat.advance(1h);
    CHECK(count(chat, "kick") == 0);
}

TEST_CASE("without mute the newcomer answers in the group and the admins are told", "[welcome][verify]") {
    testing::fake_chat chat(question_toml, plugin());
    chat.platform().caps_.mute = false;
    chat.user("alice").is(bot::role::admin);
    chat.user("dave").joins();
    CHECK(count(chat, "mute") == 0);
    CHECK(chat.replied("直接在群里回复答案即可"));
    CHECK(chat.replied("@alice ⚠️ 无法禁言待验证的新成员（平台不支持，或机器人不是管理员），他们在验证前也能发言：dave"));
    chat.clear();
    chat.user("dave").says("读书");
    CHECK(chat.replied("✅ @dave 验证通过！"));
}

TEST_CASE("without kick the admins are asked to remove the member", "[welcome][verify]") {
    testing::fake_chat chat(question_toml, plugin());
    chat.platform().caps_.kick = false;
    chat.user("dave").joins();
    chat.advance(5min);
    CHECK(count(chat, "kick") == 0);
    CHECK(chat.replied("管理员请注意：⚠️ 无法移出 dave（平台不支持移出成员），请管理员手动处理。"));
}

TEST_CASE("an arithmetic question is answered with its sum", "[welcome][verify]") {
    testing::fake_chat chat("[plugins.welcome]\nverify = \"arithmetic\"\nburst_window = \"0s\"\n", plugin());
    chat.user("dave").joins();
    std::smatch m;
    auto text = chat.last();
    REQUIRE(std::regex_search(text, m, std::regex(R"((\d+) ([+-]) (\d+) = \?)")));
    auto a = std::stoi(m[1]);
    auto b = std::stoi(m[3]);
    auto sum = m[2] == "+" ? a + b : a - b;
    chat.user("dave").whispers(std::to_string(sum + 1));
    CHECK(chat.replied("答案不对，还可以再试 2 次"));
    chat.user("dave").whispers(std::to_string(sum));
    CHECK(chat.replied("✅ @dave 验证通过！"));
}

TEST_CASE("a newcomer who leaves while pending is forgotten", "[welcome][verify]") {
    testing::fake_chat chat(question_toml, plugin());
    chat.user("dave").joins();
    chat.user("dave").leaves();
    chat.advance(1h);
    CHECK(count(chat, "kick") == 0);
    chat.clear();
    chat.user("dave").whispers("读书");
    CHECK(chat.sent().empty());
}

TEST_CASE("an admin lets a pending newcomer through, a member may not", "[welcome][verify]") {
    testing::fake_chat chat(question_toml, plugin());
    chat.user("dave").joins();
    chat.user("bob").says("/verify pass @dave");
    CHECK_FALSE(chat.replied("管理员已让"));
    chat.user("alice").is(bot::role::admin).says("/verify pass @dave");
    CHECK(chat.replied("✅ 管理员已让 @dave 通过验证。"));
    chat.clear();
    chat.user("alice").says("/verify pass @dave");
    CHECK(chat.replied("dave 没有待完成的入群验证。"));
    chat.advance(1h);
    CHECK(count(chat, "kick") == 0);
}

TEST_CASE("a burst of newcomers gets their questions in one message", "[welcome][verify]") {
    testing::fake_chat chat("[plugins.welcome]\nverify = \"arithmetic\"\n", plugin());
    chat.user("dave").joins();
    chat.user("erin").joins();
    chat.advance(10s);
    auto out = sends(chat);
    REQUIRE(out.size() == 1);
    CHECK(mentioned(out[0].msg) == std::vector<std::string>{"dave", "erin"});
}
