// The welcome plugin on the WeCom routes' capability sets: the bot sees only the messages that @ it
// (the intelligent bot) or none (app chats, customer groups), and cannot post in customer groups.
#include <catch2/catch.hpp>

#include <algorithm>

#include "adapters/wecom/capabilities.hpp"
#include "plugins/welcome/tests/helpers.hpp"

using namespace welcome_test;
using namespace std::chrono_literals;
using adapters::wecom::route;

namespace {

constexpr char const* question_toml =
    "[plugins.welcome]\nverify = \"question\"\nverify_question = \"本群读什么？\"\nverify_answers = [\"读书\"]\n"
    "verify_timeout = \"5m\"\nverify_on_timeout = \"kick\"\nburst_window = \"0s\"\nremind_after = \"2h\"\n";

constexpr char const* verify_off = "不做入群验证";
constexpr char const* remind_off = "不会提醒「还没做自我介绍」";

int sent_containing(testing::fake_chat& chat, std::string const& needle) {
    auto all = sends(chat);
    return static_cast<int>(
        std::count_if(all.begin(), all.end(), [&](auto const& a) { return a.text().find(needle) != std::string::npos; }));
}

}  // namespace

TEST_CASE("where the bot cannot see a newcomer's answer there is no verification, only the welcome",
          "[welcome][wecom]") {
    for (auto r : {route::bot, route::app, route::customer}) {
        CAPTURE(static_cast<int>(r));
        testing::fake_chat chat(question_toml, plugin());
        chat.platform().caps_ = adapters::wecom::capabilities_of(r, true);
        chat.user("alice").is(bot::role::admin);
        chat.user("dave").joins();
        // Welcomed at once, asked nothing, held by nothing.
        CHECK(sent_containing(chat, "🎉 欢迎 @dave 加入本群") == 1);
        CHECK(sent_containing(chat, "入群验证：请在") == 0);
        chat.advance(10min);
        CHECK(count(chat, "mute") == 0);
        CHECK(count(chat, "kick") == 0);
        CHECK(sent_containing(chat, "未通过入群验证") == 0);
        // The join is on record.
        chat.clear();
        chat.user("alice").says("@bot /入群统计");
        CHECK(chat.replied("近 7 天：入群 1"));
        // dave's later words are not taken as an answer, and an admin has nothing to pass.
        chat.user("alice").says("@bot /verify pass @dave");
        CHECK(chat.replied("dave 没有待完成的入群验证"));
    }
}

TEST_CASE("the admins are told once why verification is off on this platform", "[welcome][wecom]") {
    testing::fake_chat chat(question_toml, plugin());
    chat.platform().caps_ = adapters::wecom::capabilities_of(route::customer, true);
    chat.user("alice").is(bot::role::owner);
    chat.user("dave").joins();
    CHECK(sent_containing(chat, verify_off) == 1);
    CHECK(sent_containing(chat, "只能看到 @ 它的消息") == 1);
    chat.user("erin").joins();
    CHECK(sent_containing(chat, verify_off) == 1);
    // After a restart (a new platform, its record of sends empty) it is not said again.
    chat.restart();
    chat.platform().caps_ = adapters::wecom::capabilities_of(route::customer, true);
    chat.user("frank").joins();
    CHECK(sent_containing(chat, verify_off) == 0);
    CHECK(sent_containing(chat, "🎉 欢迎 @frank") == 1);
    CHECK(count(chat, "mute") == 0);
}

TEST_CASE("where the bot sees only @-messages nobody is reminded or listed for an introduction it could not see",
          "[welcome][wecom]") {
    for (auto r : {route::bot, route::app, route::customer}) {
        CAPTURE(static_cast<int>(r));
        testing::fake_chat chat("[plugins.welcome]\nburst_window = \"0s\"\nremind_after = \"2h\"\n", plugin());
        chat.platform().caps_ = adapters::wecom::capabilities_of(r, true);
        chat.user("alice").is(bot::role::admin);
        chat.user("dave").joins();
        CHECK(sent_containing(chat, remind_off) == 1);
        CHECK(sent_containing(chat, verify_off) == 0);  // verification is not configured
        chat.advance(3h);
        CHECK(sent_containing(chat, "还没有做自我介绍") == 0);
        CHECK(sent_containing(chat, "仍未登记自我介绍") == 0);
        chat.user("erin").joins();
        chat.advance(3h);
        CHECK(sent_containing(chat, remind_off) == 1);
    }
}

TEST_CASE("on a platform that sees every message verification and the reminder still run", "[welcome][wecom]") {
    testing::fake_chat chat(question_toml, plugin());
    chat.user("dave").joins();
    CHECK(chat.replied("🔐 @dave 入群验证"));
    CHECK(sent_containing(chat, verify_off) == 0);
    chat.user("dave").says("读书");
    chat.advance(3h);
    CHECK(chat.replied("还没有做自我介绍"));
}

TEST_CASE("in a customer group the welcome still goes out through send", "[welcome][wecom]") {
    testing::fake_chat chat("[plugins.welcome]\nburst_window = \"0s\"\nleave_notice = true\n", plugin());
    chat.platform().caps_ = adapters::wecom::capabilities_of(route::customer, true);
    chat.user("dave").joins();
    auto all = sends(chat);
    auto welcome = std::find_if(all.begin(), all.end(), [](auto const& a) { return a.text().find("🎉") != std::string::npos; });
    REQUIRE(welcome != all.end());
    CHECK(welcome->to.is_group());
    CHECK(mentioned(welcome->msg) == std::vector<std::string>{"dave"});
    // Leaves are recorded and announced the same way.
    chat.clear();
    chat.user("dave").leaves();
    CHECK(chat.replied("👋 dave 离开了本群"));
}
