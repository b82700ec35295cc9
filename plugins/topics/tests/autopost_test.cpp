// Posting into a quiet group through the chat: quiet is measured from the last member message
// (never the bot's own), only in waking hours, at most max_per_day per group day, across the day
// close, DST changes and restarts.
#include <catch2/catch.hpp>

#include "bot/plugin_context.hpp"
#include "plugins/topics/tests/support.hpp"

using topics_test::advance_to_in;
using topics_test::loaded;
using topics_test::posts;
using topics_test::stocked;
using strings = std::vector<std::string>;

TEST_CASE("a group quiet for three hours gets a topic, and a member message moves it", "[topics][quiet]") {
    testing::fake_chat chat("", loaded());
    stocked(chat);  // the admin spoke at 09:00
    // The bot's own message, seen as an event at 11:00, is no member message.
    chat.advance_to("2026-03-02 11:00");
    chat.user("bot").says("机器人自己的消息");
    chat.advance_to("2026-03-02 11:59");
    CHECK(posts(chat).empty());
    chat.advance_to("2026-03-02 12:00");
    CHECK(posts(chat) == strings{"周末大家都去哪儿玩？"});
    chat.advance_to("2026-03-02 12:30");
    chat.user("alice").says("周末去爬山了");
    chat.clear();
    chat.advance_to("2026-03-02 15:29");
    CHECK(posts(chat).empty());
    chat.advance_to("2026-03-02 15:30");
    CHECK(posts(chat) == strings{"最近读到的好文章是什么？"});
    // Two a day: quiet again by 18:30, but the next waits for tomorrow's waking start.
    chat.clear();
    chat.advance_to("2026-03-03 08:59");
    CHECK(posts(chat).empty());
    chat.advance_to("2026-03-03 09:00");
    CHECK(posts(chat) == strings{"最想学的一项新技能？"});
}

TEST_CASE("quiet that spans the night posts at the waking start only if still quiet then", "[topics][quiet]") {
    testing::fake_chat chat("[plugins.topics]\nmax_per_day = 5\n", loaded());
    stocked(chat);
    for (auto const* t : {"10:30", "12:30", "14:30", "16:30", "18:30", "20:30"}) {
        chat.advance_to(std::string("2026-03-02 ") + t);
        chat.user("alice").says("聊着呢");
    }
    chat.clear();
    chat.advance_to("2026-03-03 08:59");
    CHECK(posts(chat).empty());
    chat.advance_to("2026-03-03 09:00");
    CHECK(posts(chat).size() == 1);
    // The next night someone speaks at 08:00: the topic comes at 11:00, not 09:00.
    chat.advance_to("2026-03-03 11:00");
    chat.user("alice").says("早");
    for (auto const* t : {"13:00", "15:00", "17:00", "19:00", "21:00"}) {
        chat.advance_to(std::string("2026-03-03 ") + t);
        chat.user("alice").says("还在聊");
    }
    chat.advance_to("2026-03-04 08:00");
    chat.user("bob").says("早上好");
    chat.clear();
    chat.advance_to("2026-03-04 10:59");
    CHECK(posts(chat).empty());
    chat.advance_to("2026-03-04 11:00");
    CHECK(posts(chat).size() == 1);
}

TEST_CASE("the day's cap resets at the group's day close, inside a window across midnight", "[topics][quiet]") {
    testing::fake_chat chat(
        "[plugins.topics]\nwaking_start = \"20:00\"\nwaking_end = \"02:00\"\nmax_per_day = 1\nquiet_after = \"2h\"\n",
        loaded());
    stocked(chat);
    chat.advance_to("2026-03-02 19:59");
    CHECK(posts(chat).empty());
    chat.advance_to("2026-03-02 20:00");
    CHECK(posts(chat).size() == 1);
    // Quiet again at 22:00, but the day has had its topic; the next day begins at midnight.
    chat.clear();
    chat.advance_to("2026-03-02 23:59");
    CHECK(posts(chat).empty());
    chat.advance_to("2026-03-03 00:00");
    CHECK(posts(chat).size() == 1);
    // That was March 3's topic: the window opening on March 3 at 20:00 has none left until midnight.
    chat.clear();
    chat.advance_to("2026-03-03 23:59");
    CHECK(posts(chat).empty());
    chat.advance_to("2026-03-04 00:00");
    CHECK(posts(chat).size() == 1);
}

TEST_CASE("no topic repeats until the bank has cycled", "[topics][quiet]") {
    testing::fake_chat chat("[plugins.topics]\nquiet_after = \"1h\"\nmax_per_day = 24\n", loaded());
    stocked(chat);
    chat.advance_to("2026-03-02 15:00");
    CHECK(posts(chat) == strings{"周末大家都去哪儿玩？", "最近读到的好文章是什么？", "最想学的一项新技能？",
                                 "最近读到的好文章是什么？", "周末大家都去哪儿玩？", "最想学的一项新技能？"});
}

TEST_CASE("after a restart the start counts as activity, and nothing is posted twice", "[topics][restart]") {
    testing::fake_chat chat("", loaded());
    stocked(chat);
    chat.advance_to("2026-03-02 12:00");
    CHECK(posts(chat) == strings{"周末大家都去哪儿玩？"});
    chat.advance_to("2026-03-02 12:30");
    chat.restart();
    chat.clear();
    chat.advance_to("2026-03-02 15:29");
    CHECK(posts(chat).empty());
    chat.advance_to("2026-03-02 15:30");
    CHECK(posts(chat) == strings{"最近读到的好文章是什么？"});
    // The day's two posts were made before and after the restart: no third today.
    chat.clear();
    chat.advance_to("2026-03-03 08:59");
    CHECK(posts(chat).empty());
}

TEST_CASE("a restart just before a post was due puts it off by a quiet spell", "[topics][restart]") {
    testing::fake_chat chat("", loaded());
    stocked(chat);
    chat.advance_to("2026-03-02 11:00");
    chat.restart();
    chat.advance_to("2026-03-02 13:59");
    CHECK(posts(chat).empty());
    chat.advance_to("2026-03-02 14:00");
    CHECK(posts(chat) == strings{"周末大家都去哪儿玩？"});
}

TEST_CASE("the spring DST change in an America/New_York group", "[topics][dst]") {
    // Shanghai 2026-03-07 09:00 is New York Friday 2026-03-06 20:00 EST.
    testing::fake_chat chat("", loaded(), "2026-03-07 09:00");
    chat.user("boss").is(bot::role::admin).says("/set timezone America/New_York");
    stocked(chat);
    advance_to_in(chat, "America/New_York", {2026, 3, 7}, 21, 0);
    chat.user("alice").says("周六晚上好");
    chat.clear();
    // Sunday 09:00 EDT comes 11 real hours after Saturday 21:00 EST.
    advance_to_in(chat, "America/New_York", {2026, 3, 8}, 8, 59);
    CHECK(posts(chat).empty());
    advance_to_in(chat, "America/New_York", {2026, 3, 8}, 9, 0);
    CHECK(posts(chat).size() == 1);
    advance_to_in(chat, "America/New_York", {2026, 3, 8}, 11, 59);
    CHECK(posts(chat).size() == 1);
    advance_to_in(chat, "America/New_York", {2026, 3, 8}, 12, 0);
    CHECK(posts(chat).size() == 2);
    // The 23-hour Sunday has had its two; Monday's first comes at 09:00 EDT.
    advance_to_in(chat, "America/New_York", {2026, 3, 9}, 8, 59);
    CHECK(posts(chat).size() == 2);
    advance_to_in(chat, "America/New_York", {2026, 3, 9}, 9, 0);
    CHECK(posts(chat).size() == 3);
}

TEST_CASE("the autumn DST change in an America/New_York group", "[topics][dst]") {
    // Shanghai 2026-10-31 09:00 is New York Friday 2026-10-30 21:00 EDT.
    testing::fake_chat chat("", loaded(), "2026-10-31 09:00");
    chat.user("boss").is(bot::role::admin).says("/set timezone America/New_York");
    stocked(chat);
    advance_to_in(chat, "America/New_York", {2026, 10, 31}, 21, 30);
    chat.user("alice").says("周六晚上好");
    chat.clear();
    advance_to_in(chat, "America/New_York", {2026, 11, 1}, 8, 59);
    CHECK(posts(chat).empty());
    advance_to_in(chat, "America/New_York", {2026, 11, 1}, 9, 0);
    CHECK(posts(chat).size() == 1);
    advance_to_in(chat, "America/New_York", {2026, 11, 1}, 12, 0);
    CHECK(posts(chat).size() == 2);
    // The 25-hour Sunday has had its two.
    advance_to_in(chat, "America/New_York", {2026, 11, 2}, 8, 59);
    CHECK(posts(chat).size() == 2);
    advance_to_in(chat, "America/New_York", {2026, 11, 2}, 9, 0);
    CHECK(posts(chat).size() == 3);
}

TEST_CASE("a group that turned automatic topics off, or the plugin, gets none", "[topics][quiet]") {
    testing::fake_chat chat("", loaded());
    auto boss = stocked(chat);
    boss.says("/set topics.auto_post false");
    chat.advance_to("2026-03-03 12:00");
    CHECK(posts(chat).empty());
    boss.says("/topic now");
    CHECK(posts(chat).size() == 1);
    boss.says("/set topics.auto_post true");
    boss.says("/plugin off topics");
    chat.clear();
    chat.advance_to("2026-03-04 12:00");
    chat.restart();
    chat.advance_to("2026-03-05 12:00");
    CHECK(posts(chat).empty());
    // Back on: the first message there starts the quiet clock again.
    boss.says("/plugin on topics");
    chat.user("alice").says("大家好");
    chat.advance_to("2026-03-05 15:00");
    CHECK(posts(chat).size() == 1);
}

TEST_CASE("a switch-off that another plugin refuses leaves automatic topics on", "[topics][quiet]") {
    testing::fake_chat chat("", loaded());
    auto boss = stocked(chat);
    bot::plugin_context other(chat.bot(), "other");
    other.listen<bot::plugin_switching_off>(
        [](bot::plugin_switching_off& n) { n.objections.push_back("a session is under way"); });
    chat.advance_to("2026-03-02 10:00");
    boss.says("/plugin off topics");
    CHECK(chat.bot().plugin_enabled("topics", chat.group_ref().key()));
    chat.clear();
    chat.advance_to("2026-03-02 14:00");
    CHECK(posts(chat).size() == 1);
}

TEST_CASE("a shorter quiet_after set in the group applies to the quiet spell under way", "[topics][quiet]") {
    testing::fake_chat chat("", loaded());
    auto boss = stocked(chat);
    chat.advance_to("2026-03-02 10:00");
    boss.says("/set topics.quiet_after 1h");
    chat.clear();
    chat.advance_to("2026-03-02 10:59");
    CHECK(posts(chat).empty());
    chat.advance_to("2026-03-02 11:00");
    CHECK(posts(chat).size() == 1);
}

TEST_CASE("settings are checked: quiet between 10 minutes and 7 days, a cap up to 24, categories",
          "[topics][settings]") {
    testing::fake_chat chat("", loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/set topics.quiet_after 1m");
    auto refused = chat.last();
    boss.says("/set topics.max_per_day 25");
    auto refused_cap = chat.last();
    boss.says("/set topics.categories 生活,生活");
    auto refused_list = chat.last();
    INFO(refused << "\n" << refused_cap << "\n" << refused_list);
    CHECK(refused.find("10m") != std::string::npos);
    CHECK(refused_cap.find("24") != std::string::npos);
    CHECK(refused_list.find("不重复") != std::string::npos);
    boss.says("/set topics.categories 生活,工作");
    boss.says("/topic add 工作 你的第一份工作？");
    CHECK(chat.last() == "✅ 已加入话题库 #1（工作）：你的第一份工作？");
    boss.says("/topic add 周末去哪儿？");
    CHECK(chat.last() == "✅ 已加入话题库 #2（生活）：周末去哪儿？");
    boss.says("/topic add [专业] 不再有这个分类");
    CHECK(chat.last() == "没有「专业」这个分类。本群的分类：生活、工作");
}
