// Sessions through the chat: creating one (and the refusals that create nothing), sign-up with a
// cap and a waiting list, the deadline, the host, cancelling, and the reminder before the start.
#include <catch2/catch.hpp>

#include "plugins/announce/tests/support.hpp"

using announce_test::loaded;
using announce_test::mentions_of;
using announce_test::whispers_to;

namespace {

testing::member boss(testing::fake_chat& chat) {
    return chat.user("boss").is(bot::role::admin);
}

}  // namespace

TEST_CASE("a session is created with its time, place, cap and deadline", "[announce][session]") {
    testing::fake_chat chat("", loaded());
    boss(chat).says("/session add 线下读书会 | 2026-03-07 14:00 | 人民公园东门 | 8 | 2026-03-06 20:00");
    CHECK(chat.last() ==
          "📅 已创建分享会 #1「线下读书会」\n⏰ 2026-03-07 14:00 周六\n📍 人民公园东门\n"
          "👥 上限 8 人，2026-03-06 20:00 周五 截止报名\n🎤 主持：boss\n报名：/报名 #1　取消：/取消报名 #1");
    chat.user("bob").says("/sessions");
    CHECK(chat.last() == "📅 接下来的分享会：\n#1「线下读书会」2026-03-07 14:00 周六 · 人民公园东门 · 已报名 0/8");
}

TEST_CASE("bad session input is refused and creates nothing", "[announce][session]") {
    testing::fake_chat chat("", loaded());
    auto admin = boss(chat);
    admin.says("/session add 只有标题");
    CHECK(chat.last().starts_with("❓ 格式是：/session add 标题 | 2026-03-04 20:00"));
    admin.says("/session add 分享 | 周三晚上 | 线上 | 5");
    CHECK(chat.last() == "❓ 看不懂时间「周三晚上」，请写成 2026-03-04 20:00，每周重复的写 每周三 20:00。没有创建。");
    admin.says("/session add 分享 | 2026-03-01 20:00 | 线上 | 5");
    CHECK(chat.last() == "❓ 2026-03-01 20:00 已经过去了，没有创建。");
    admin.says("/session add 分享 | 2026-03-04 20:00 | 线上 | 0");
    CHECK(chat.last() == "❓ 人数上限要写 1 到 500 的整数。没有创建。");
    admin.says("/session add 分享 | 2026-03-04 20:00 | 线上 | 5 | 2026-03-05 20:00");
    CHECK(chat.last().starts_with("❓ 报名截止时间要写成 2026-03-04 12:00"));
    chat.user("bob").says("/session add 分享 | 2026-03-04 20:00 | 线上 | 5");
    CHECK_FALSE(chat.replied("已创建"));
    chat.user("bob").says("/sessions");
    CHECK(chat.last() == "📅 暂时没有要开的分享会。");
    chat.user("bob").says("/报名");
    CHECK(chat.last() == "📅 暂时没有要开的分享会。");
}

TEST_CASE("over the cap goes to the waiting list, said clearly, and moves up in order", "[announce][session]") {
    testing::fake_chat chat("", loaded());
    boss(chat).says("/session add 分享会 | 2026-03-04 20:00 | 线上 | 2");
    chat.user("a").says("/报名");
    CHECK(chat.last() == "✅ a 报名了「分享会」（第 1/2 位）。");
    chat.user("b").says("/signup #1");
    chat.user("c").says("/报名 #1");
    CHECK(chat.last() == "⏳「分享会」已满 2 人，c 排在候补第 1 位；有人取消报名时按顺序递补，递补时会 @ 你。");
    chat.user("d").says("/报名");
    CHECK(chat.last().starts_with("⏳「分享会」已满 2 人，d 排在候补第 2 位"));
    chat.user("c").says("/报名");
    CHECK(chat.last() == "ℹ️ c 已经在「分享会」的候补名单上了（第 1 位）。");
    // A waiting member who cancels moves nobody up.
    chat.user("d").says("/取消报名");
    CHECK(chat.sent().back() == "👋 d 取消了「分享会」的报名。");
    CHECK(mentions_of(chat, "c") == 0);
    chat.user("a").says("/取消报名 #1");
    CHECK(chat.last() == "@c 有人取消报名，你从候补递补进「分享会」啦！🎉");
    CHECK(mentions_of(chat, "c") == 1);
    chat.user("a").says("/取消报名");
    CHECK(chat.last() == "ℹ️ a 没有报名「分享会」。");
    chat.user("x").says("/session list #1");
    CHECK(chat.last() == "📋 #1「分享会」2026-03-04 20:00 周三\n已报名 2/2：b、c\n候补 0 人：（无）");
}

TEST_CASE("after the deadline or the start, sign-up is refused and changes nothing", "[announce][session]") {
    testing::fake_chat chat("", loaded());
    boss(chat).says("/session add 徒步 | 2026-03-07 08:00 | 地铁站 A 口 | 10 | 2026-03-05 20:00");
    chat.user("a").says("/报名");
    chat.advance_to("2026-03-05 20:01");
    chat.user("b").says("/报名 #1");
    CHECK(chat.last() == "⛔「徒步」已在 2026-03-05 20:00 周四 截止报名，报名和取消都不能再改了。");
    chat.user("a").says("/取消报名 #1");
    CHECK(chat.last().starts_with("⛔「徒步」已在"));
    chat.advance_to("2026-03-07 09:00");
    chat.user("b").says("/报名 #1");
    CHECK(chat.last() == "⛔「徒步」已经开始或结束了，不能再报名或取消。");
    chat.user("b").says("/session list #1");
    CHECK(chat.last().find("已报名 1/10：a\n") != std::string::npos);
}

TEST_CASE("with two sessions ahead, sign-up asks which", "[announce][session]") {
    testing::fake_chat chat("", loaded());
    boss(chat).says("/session add 一 | 2026-03-04 20:00 | 线上 | 5");
    boss(chat).says("/session add 二 | 2026-03-11 20:00 | 线上 | 5");
    chat.user("a").says("/报名");
    CHECK(chat.last() == "❓ 接下来有好几场分享会，请写编号，如 #1（/sessions 查看）。");
    chat.user("a").says("/报名 #7");
    CHECK(chat.last() == "❓ 本群没有分享会 #7（/sessions 查看）。");
}

TEST_CASE("the reminder mentions those signed up in batches and the host gets the list", "[announce][session]") {
    testing::fake_chat chat("[plugins.announce]\nmax_mentions = 2\nremind_before = \"2h\"\n", loaded());
    boss(chat).says("/session add 分享会 | 2026-03-04 20:00 | 线上 | 3");
    chat.user("host").says("我来主持");
    boss(chat).says("/session host #1 @host");
    CHECK(chat.last() == "✅ 分享会 #1 的主持人改为 host。");
    for (auto u : {"a", "b", "c", "d"}) chat.user(u).says("/报名");
    chat.clear();
    chat.advance_to("2026-03-04 17:59");
    CHECK(chat.sent().empty());
    chat.advance_to("2026-03-04 18:00");
    auto sent = chat.sent();
    REQUIRE(sent.size() == 3);
    CHECK(sent[0] == "⏰「分享会」2026-03-04 20:00 周三 开始，地点：线上。报了名的伙伴别忘了～ @a @b");
    CHECK(sent[1] == "⏰「分享会」2026-03-04 20:00 周三 开始，地点：线上。报了名的伙伴别忘了～ @c");
    CHECK(mentions_of(chat, "d") == 0);
    CHECK(whispers_to(chat, "host") ==
          std::vector<std::string>{
              "📋 你主持的「分享会」2026-03-04 20:00 周三 开始（线上）。\n已报名 3/3：a、b、c\n候补 1 人：d"});
    CHECK(whispers_to(chat, "boss").empty());
}

TEST_CASE("a cancelled session tells those signed up and reminds nobody", "[announce][session]") {
    testing::fake_chat chat("", loaded());
    boss(chat).says("/session add 分享会 | 2026-03-04 20:00 | 线上 | 3");
    chat.user("a").says("/报名");
    boss(chat).says("/session cancel #1");
    CHECK(chat.sent()[chat.sent().size() - 2] == "🛑 分享会 #1「分享会」已取消。");
    CHECK(chat.last() == "📣「分享会」取消了，报了名的伙伴请留意～ @a");
    boss(chat).says("/session cancel #1");
    CHECK(chat.last() == "ℹ️ 分享会 #1 已经取消过了。");
    chat.user("b").says("/报名 #1");
    CHECK(chat.last() == "⛔「分享会」已取消。");
    chat.clear();
    chat.advance_to("2026-03-04 21:00");
    CHECK(chat.sent().empty());
}

TEST_CASE("an early reminder a day before mentions those signed up, once", "[announce][session]") {
    testing::fake_chat chat("[plugins.announce]\nearly_remind = \"1d\"\n", loaded());
    boss(chat).says("/session add 分享会 | 2026-03-04 20:00 | 线上 | 1");
    chat.user("a").says("/报名");
    chat.user("b").says("/报名");
    chat.clear();
    chat.advance_to("2026-03-03 20:00");
    CHECK(chat.sent() ==
          std::vector<std::string>{"📅 提醒：「分享会」2026-03-04 20:00 周三 开始，地点：线上。报了名的伙伴记得留出时间～ @a"});
    chat.restart();
    chat.advance_to("2026-03-04 19:00");
    CHECK(chat.sent() ==
          std::vector<std::string>{"⏰「分享会」2026-03-04 20:00 周三 开始，地点：线上。报了名的伙伴别忘了～ @a",
                                   "📋 你主持的「分享会」2026-03-04 20:00 周三 开始（线上）。\n已报名 1/1：a\n候补 1 人：b"});
}
