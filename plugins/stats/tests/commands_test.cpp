// /stats and /话唠榜 through the chat: figures, trends, silent members, the cap, bad input.
#include <catch2/catch.hpp>

#include "plugins/stats/tests/support.hpp"

namespace {

/// Week one (from Mon 03-02): alice 6 messages, bob 2, carol asks and bob answers by quoting her;
/// dave joins, erin leaves. Week two (from 03-09): alice 3, dave asks unanswered. Ends 03-15 20:00.
testing::member two_weeks(testing::fake_chat& chat) {
    auto boss = chat.user("boss").is(bot::role::admin);
    for (auto const* u : {"alice", "bob", "carol", "erin"}) chat.user(u).is(bot::role::member);
    for (int i = 0; i < 6; ++i) chat.user("alice").says("第一周 " + std::to_string(i));
    chat.user("bob").says("大家好");
    auto q = chat.user("carol").says("请问周末的活动在哪里");
    auto answer = bot::message().reply_to(q).text("在人民公园");
    chat.user("bob").says(answer);
    chat.user("dave").joins();
    chat.user("erin").leaves();
    chat.advance_to("2026-03-09 10:00");
    for (int i = 0; i < 3; ++i) chat.user("alice").says("第二周 " + std::to_string(i));
    chat.user("dave").says("有没有人周六一起去？");
    chat.advance_to("2026-03-15 20:00");
    chat.clear();
    return boss;
}

}  // namespace

TEST_CASE("stats shows the week with its trend, silent members and size", "[stats][commands]") {
    testing::fake_chat chat("", stats_test::loaded());
    auto boss = two_weeks(chat);
    boss.says("/stats");
    auto t = chat.last();
    INFO(t);
    CHECK(t.find("📊 近 7 天群况（2026-03-09 至 2026-03-15）") != std::string::npos);
    CHECK(t.find("💬 消息 4 条 ↓56%") != std::string::npos);
    CHECK(t.find("🙋 发言成员 2 人 ↓33%") != std::string::npos);
    CHECK(t.find("⭐ 贡献者 0 人 / 群成员 5 人（0%）↓100%") != std::string::npos);
    CHECK(t.find("👋 新成员 0 人 · 退群 0 人") != std::string::npos);
    CHECK(t.find("✅ 打卡数据不可用") != std::string::npos);
    CHECK(t.find("❓ 提问 1 个 · 已回答 0 个（0%）→") != std::string::npos);
    CHECK(t.find("😶 变沉默的成员 2 人（前 7 天发过言，这 7 天没有）：bob、carol") != std::string::npos);
    CHECK(t.find("（箭头是与前 7 天相比）") != std::string::npos);
}

TEST_CASE("stats 30d covers both weeks and says where the data starts", "[stats][commands]") {
    testing::fake_chat chat("", stats_test::loaded());
    auto boss = two_weeks(chat);
    boss.says("/stats 30d");
    auto t = chat.last();
    INFO(t);
    CHECK(t.find("ℹ️ 统计从 2026-03-02 开始，这段时间只有 14 天有统计") != std::string::npos);
    CHECK(t.find("💬 消息 13 条 ↑新") != std::string::npos);
    CHECK(t.find("❓ 提问 2 个 · 已回答 1 个（50%）") != std::string::npos);
    CHECK(t.find("👋 新成员 1 人 · 退群 1 人") != std::string::npos);
    CHECK(t.find("⭐ 贡献者 1 人") != std::string::npos);
}

TEST_CASE("a mention of the asker by someone else answers the question", "[stats][commands]") {
    testing::fake_chat chat("", stats_test::loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    chat.user("carol").says("这个报名表怎么填？");
    chat.user("carol").says("@carol 自己顶一下");  // the asker never answers herself
    chat.user("bob").says("@carol 第二页填名字");
    boss.says("/stats 今天");
    CHECK(chat.replied("❓ 提问 1 个 · 已回答 1 个（100%）"));
}

TEST_CASE("stats for a range without data, or a range it does not know, changes nothing", "[stats][commands]") {
    testing::fake_chat chat("", stats_test::loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/stats");
    CHECK(chat.last() == "还没有近 7 天的统计数据：机器人从看到本群的第一条消息起开始统计。");
    boss.says("/stats 8d");
    CHECK(chat.last() == "没看懂范围「8d」。可以用 /stats 7d、/stats 30d 或 /stats 今天。");
    chat.user("alice").says("你好");
    chat.advance_to("2026-03-20 09:00");
    boss.says("/stats 今天");
    CHECK(chat.last() == "还没有今天的统计数据：机器人从看到本群的第一条消息起开始统计。");
    chat.clear();
    chat.user("alice").says("/stats");
    CHECK_FALSE(chat.replied("📊"));
}

TEST_CASE("the cap warns at 90 percent", "[stats][commands]") {
    testing::fake_chat chat("[plugins.stats]\nmember_cap = 5\n", stats_test::loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    for (auto const* u : {"alice", "bob", "carol"}) chat.user(u).is(bot::role::member).says("在");
    boss.says("/stats");
    CHECK(chat.replied("👥 群成员 4/5（上限的 80%）"));
    chat.user("dave").joins();
    boss.says("/stats");
    CHECK(chat.replied("⚠️ 群成员 5/5，已到上限的 100%，快满了"));
}

TEST_CASE("top talkers rank by messages and members may opt out", "[stats][commands]") {
    testing::fake_chat chat("[plugins.stats]\ntop_n = 2\n", stats_test::loaded());
    for (int i = 0; i < 5; ++i) chat.user("alice").says("话 " + std::to_string(i));
    for (int i = 0; i < 3; ++i) chat.user("bob").says("话 " + std::to_string(i));
    chat.user("carol").says("话");
    chat.user("carol").says("/话唠榜");
    CHECK(chat.last() == "🗣 近 7 天话唠榜\n1. alice 5 条\n2. bob 3 条");
    chat.user("alice").says("/话唠榜 off");
    CHECK(chat.last() == "好的，alice 不再出现在本群的话唠榜上。想回来就发 /话唠榜 on。");
    chat.user("carol").says("/toptalkers");
    CHECK(chat.last() == "🗣 近 7 天话唠榜\n1. bob 3 条\n2. carol 1 条");
    chat.restart();
    chat.user("carol").says("/话唠榜");
    CHECK(chat.last() == "🗣 近 7 天话唠榜\n1. bob 3 条\n2. carol 1 条");
    chat.user("alice").says("/话唠榜 on");
    chat.user("carol").says("/话唠榜 今天");
    CHECK(chat.last() == "🗣 今天话唠榜\n1. alice 5 条\n2. bob 3 条");
    chat.user("carol").says("/话唠榜 always");
    CHECK(chat.last().starts_with("没看懂「always」"));
}

TEST_CASE("days are group days, also across a DST change", "[stats][commands][dst]") {
    testing::fake_chat chat("", stats_test::loaded(), "2026-03-07 09:00");
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/set timezone America/New_York");
    // 2026-03-08 is 23 hours long in New York; 23:30 local that day is still 03-08.
    auto ny = bot::time_zone::must_load("America/New_York");
    auto at = [&](int day, int h, int m) {
        auto t = ny.from_local({2026, 3, day}, h, m);
        chat.advance(std::chrono::duration_cast<std::chrono::seconds>(t - chat.now()));
    };
    at(8, 0, 30);
    chat.user("alice").says("凌晨");
    at(8, 23, 30);
    chat.user("alice").says("深夜");
    at(9, 0, 10);
    chat.user("alice").says("新的一天");
    boss.says("/stats 今天");
    CHECK(chat.replied("📊 今天的群况（2026-03-09）"));
    CHECK(chat.replied("💬 消息 1 条 ↓50%"));
}
