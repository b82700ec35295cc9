// /mutes lists the mutes the bot made through bot::api::mute, whichever plugin made them.
#include <catch2/catch.hpp>

#include "plugins/groupadmin/tests/helpers.hpp"

using namespace groupadmin_test;

namespace {

void bot_mutes(testing::fake_chat& chat, std::string const& user, std::chrono::seconds d, std::string const& why) {
    auto api = chat.bot().account("test", bot::id("bot"));
    REQUIRE(api);
    REQUIRE(testing::run(chat.io(), api->mute(bot::id("g1"), bot::id(user), d, why)));
}

}  // namespace

TEST_CASE("/mutes lists a mute the bot made until it ends", "[groupadmin][mutes]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    chat.user("alice").says("/mutes");
    CHECK(chat.replied("目前没有由机器人执行、仍在生效的禁言。"));
    bot_mutes(chat, "bob", std::chrono::minutes(10), "反广告自动禁言");
    bot_mutes(chat, "carol", std::chrono::hours(2), "入群验证");
    chat.user("alice").says("/mutes");
    CHECK(chat.last() ==
          "🔇 机器人执行的禁言（2 人）：\n1. bob：到 03-02 09:10（还剩 10 分钟），反广告自动禁言\n"
          "2. carol：到 03-02 11:00（还剩 2 小时），入群验证\n解除：/mutes 解除 <序号>");
    chat.advance(std::chrono::minutes(11));
    chat.clear();
    chat.user("alice").says("/mutes");
    CHECK(chat.replied("1. carol：到 03-02 11:00（还剩 1 小时 49 分钟），入群验证"));
    CHECK_FALSE(chat.replied("bob"));
    chat.advance(std::chrono::hours(2));
    chat.clear();
    chat.user("alice").says("/mutes");
    CHECK(chat.replied("目前没有由机器人执行、仍在生效的禁言。"));
}

TEST_CASE("an admin lifts a mute from the list", "[groupadmin][mutes]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    bot_mutes(chat, "bob", std::chrono::hours(1), "");
    chat.user("alice").says("/mutes 解除 2");
    CHECK(chat.replied("列表里没有第 2 项"));
    chat.user("alice").says("/mutes 解除 1");
    auto mutes = actions_of(chat, "mute");
    REQUIRE(mutes.size() == 2);
    CHECK(mutes[1].user == bot::id("bob"));
    CHECK(mutes[1].duration.count() == 0);
    CHECK(chat.replied("已解除 bob 的禁言。"));
    chat.clear();
    chat.user("alice").says("/mutes");
    CHECK(chat.replied("目前没有由机器人执行"));
}

TEST_CASE("a mute lifted on the platform leaves the list", "[groupadmin][mutes]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    bot_mutes(chat, "bob", std::chrono::hours(1), "管理员 alice");
    chat.deliver(bot::ev::member_muted{bot::id("g1"), bot::id("bob"), bot::id("alice"), std::chrono::seconds(0), false});
    chat.user("alice").says("/mutes");
    CHECK(chat.replied("目前没有由机器人执行"));
}
