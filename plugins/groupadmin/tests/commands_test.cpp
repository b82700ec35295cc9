// Transcripts of the admin basics: allowed for admins, refused for members, refused where the
// platform or the bot's role cannot do it, and platform errors told to the admin in Chinese.
#include <catch2/catch.hpp>

#include "plugins/groupadmin/tests/helpers.hpp"

using namespace groupadmin_test;

TEST_CASE("/全员禁言 mutes the whole group and /解除全员禁言 lifts it", "[groupadmin][muteall]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    chat.user("alice").says("/全员禁言");
    auto on = actions_of(chat, "mute_all");
    REQUIRE(on.size() == 1);
    CHECK(on[0].approve);
    CHECK(on[0].to.group == bot::id("g1"));
    CHECK(chat.replied("已开启全员禁言，管理员和群主不受影响"));
    chat.user("alice").says("/解除全员禁言");
    REQUIRE(count(chat, "mute_all") == 2);
    CHECK_FALSE(actions_of(chat, "mute_all")[1].approve);
    CHECK(chat.replied("已解除全员禁言"));
    chat.user("alice").says("/全员禁言 开");
    chat.user("alice").says("/全员禁言 关");
    CHECK(count(chat, "mute_all") == 4);
    CHECK_FALSE(actions_of(chat, "mute_all")[3].approve);
}

TEST_CASE("members cannot use the admin basics", "[groupadmin][perm]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    auto mid = chat.user("alice").says("大家好");
    for (auto const* cmd : {"/全员禁言", "/card @alice 坏名字", "/title @bob 头衔", "/宵禁 23:00 07:00", "/mutes"})
        chat.user("bob").says(cmd);
    chat.user("bob").says(replying(mid, "/recall"));
    chat.user("bob").says(replying(mid, "/精华"));
    for (auto const* kind : {"mute_all", "card", "title", "recall", "essence"}) CHECK(count(chat, kind) == 0);
    CHECK(chat.replied("你没有使用 /muteall 的权限"));
    CHECK(chat.replied("你没有使用 /recall 的权限"));
}

TEST_CASE("each basic is refused where the platform cannot do it", "[groupadmin][caps]") {
    testing::fake_chat chat("", loaded());
    admins(chat, bot::role::owner);
    auto& caps = chat.platform().caps_;
    caps.whole_mute = caps.set_card = caps.special_title = caps.essence = caps.recall = false;
    auto mid = chat.user("bob").says("一条消息");
    chat.user("alice").says("/全员禁言");
    CHECK(chat.replied("本平台（test）不支持开启全员禁言"));
    chat.user("alice").says("/card @bob 小明");
    CHECK(chat.replied("本平台（test）不支持设置群名片"));
    chat.user("alice").says("/title @bob 达人");
    CHECK(chat.replied("本平台（test）不支持设置专属头衔"));
    chat.user("alice").says(replying(mid, "/精华"));
    CHECK(chat.replied("本平台（test）不支持设置精华消息"));
    chat.user("alice").says(replying(mid, "/recall"));
    CHECK(chat.replied("本平台（test）不支持撤回消息"));
    chat.user("alice").says("/宵禁 23:00 07:00");
    CHECK(chat.replied("本平台（test）不支持开启宵禁"));
    for (auto const* kind : {"mute_all", "card", "title", "recall", "essence"}) CHECK(count(chat, kind) == 0);
}

TEST_CASE("a bot that is not an admin refuses before asking the platform", "[groupadmin][role]") {
    testing::fake_chat chat("", loaded());
    admins(chat, bot::role::member);
    chat.user("alice").says("/全员禁言");
    CHECK(chat.replied("机器人不是本群管理员，无法开启全员禁言"));
    chat.user("alice").says("/card @bob 小明");
    CHECK(chat.replied("机器人不是本群管理员，无法设置群名片"));
    CHECK(count(chat, "mute_all") == 0);
    CHECK(count(chat, "card") == 0);
}

TEST_CASE("platform errors are told to the admin in Chinese", "[groupadmin][errors]") {
    testing::fake_chat chat("", loaded());
    admins(chat, bot::role::owner);
    chat.platform().fail_admin = true;
    chat.platform().fail_recall = true;
    chat.platform().fail_reason = "MESSAGE_NOT_FOUND";
    auto mid = chat.user("bob").says("很久以前的消息");
    chat.user("alice").says("/全员禁言");
    CHECK(chat.replied("开启全员禁言失败：平台拒绝了（MESSAGE_NOT_FOUND）。请确认机器人是本群管理员。"));
    chat.user("alice").says("/card @bob 小明");
    CHECK(chat.replied("设置群名片失败：平台拒绝了"));
    chat.user("alice").says("/title @bob 达人");
    CHECK(chat.replied("设置专属头衔失败：平台拒绝了（MESSAGE_NOT_FOUND）。专属头衔只有群主能设置。"));
    chat.user("alice").says(replying(mid, "/精华"));
    CHECK(chat.replied("设为精华失败：平台拒绝了"));
    chat.user("alice").says(replying(mid, "/recall"));
    CHECK(chat.replied("撤回失败：平台拒绝了（MESSAGE_NOT_FOUND）。请确认机器人是管理员、对方不是管理员，且消息没有超过平台允许撤回的时间。"));
}

TEST_CASE("/recall as a reply recalls the quoted message and then the command", "[groupadmin][recall]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    auto ad = chat.user("bob").says("加我微信");
    chat.clear();
    auto cmd = chat.user("alice").says(replying(ad, "/recall"));
    auto recalls = actions_of(chat, "recall");
    REQUIRE(recalls.size() == 2);
    CHECK(recalls[0].message_id == ad);
    CHECK(recalls[1].message_id == cmd);
    CHECK(chat.sent().empty());
    chat.user("alice").says("/recall");
    CHECK(chat.replied("请回复（引用）要撤回的那条消息，再发送这个命令。"));
    CHECK(count(chat, "recall") == 2);
}

TEST_CASE("/精华 as a reply marks the quoted message as essence", "[groupadmin][essence]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    auto good = chat.user("bob").says("这是一篇很好的读书笔记");
    chat.user("alice").says(replying(good, "/精华"));
    auto marks = actions_of(chat, "essence");
    REQUIRE(marks.size() == 1);
    CHECK(marks[0].message_id == good);
    CHECK(chat.replied("已设为精华消息"));
    chat.user("alice").says("/精华");
    CHECK(chat.replied("请回复（引用）要设为精华的那条消息"));
}

TEST_CASE("/card sets a member's card, cleaned and capped, and clears it when empty", "[groupadmin][card]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    chat.user("alice").says("/card @bob 小明\u202e | 设计\x01");
    auto cards = actions_of(chat, "card");
    REQUIRE(cards.size() == 1);
    CHECK(cards[0].user == bot::id("bob"));
    CHECK(cards[0].text() == "小明 | 设计");
    CHECK(chat.replied("已把 bob 的群名片改为「小明 | 设计」。"));
    // 30 Chinese characters are 90 bytes; QQ keeps 60.
    std::string long_card;
    for (int i = 0; i < 30; ++i) long_card += "长";
    chat.user("alice").says("/card @bob " + long_card);
    REQUIRE(count(chat, "card") == 2);
    CHECK(actions_of(chat, "card")[1].text().size() == 60);
    CHECK(chat.replied("（超过 60 字节，已截短）"));
    chat.user("alice").says("/card @bob");
    REQUIRE(count(chat, "card") == 3);
    CHECK(actions_of(chat, "card")[2].text().empty());
    CHECK(chat.replied("已清除 bob 的群名片"));
}

TEST_CASE("/title needs the bot to own the group", "[groupadmin][title]") {
    testing::fake_chat chat("", loaded());
    admins(chat, bot::role::admin);
    chat.user("alice").says("/title @bob 读书达人");
    CHECK(chat.replied("只有群主才能设置专属头衔，机器人在本群不是群主。"));
    CHECK(count(chat, "title") == 0);
    chat.platform().roles["g1"]["bot"] = bot::role::owner;
    chat.user("alice").says("/title @bob 读书达人超级无敌厉害");
    auto titles = actions_of(chat, "title");
    REQUIRE(titles.size() == 1);
    CHECK(titles[0].user == bot::id("bob"));
    CHECK(titles[0].text() == "读书达人超级");  // 18 bytes
    CHECK(chat.replied("已给 bob 设置专属头衔「读书达人超级」。（超过 18 字节，已截短）"));
}
