#include <catch2/catch.hpp>

#include "bot/display.hpp"
#include "plugins/checkin/tests/support.hpp"
#include "storage/database.hpp"

#include <SQLiteCpp/Database.h>

using checkin_test::loaded;

TEST_CASE("签到, 打卡 and /checkin count once a day with streak, total and rank", "[checkin]") {
    testing::fake_chat chat("", loaded());
    chat.user("alice").says("签到");
    CHECK(chat.last() == "✅ 打卡成功！alice 今日第 1 位，已连续 1 天，累计 1 天。");
    CHECK(chat.actions().back().msg.has<bot::seg::reply>());
    chat.user("bob").says("/checkin 今天跑了五公里");
    CHECK(chat.last() == "✅ 打卡成功！bob 今日第 2 位，已连续 1 天，累计 1 天。");
    chat.clear();
    chat.user("alice").says("打卡 晚上又读了一章");
    CHECK(chat.last() == "📝 今天已经打过卡啦，这次的输出已追加。连续 1 天，累计 1 天。");

    chat.advance_to("2026-03-03 08:00");
    chat.clear();
    chat.user("alice").says("打卡");
    CHECK(chat.last() == "✅ 打卡成功！alice 今日第 1 位，已连续 2 天，累计 2 天。");
    chat.advance_to("2026-03-05 08:00");
    chat.user("alice").says("打卡");
    CHECK(chat.last() == "✅ 打卡成功！alice 今日第 1 位，已连续 1 天，累计 3 天。");
}

TEST_CASE("words that only start like a check-in are chat, not a check-in", "[checkin]") {
    testing::fake_chat chat("", loaded());
    chat.user("alice").says("签到了吗大家");
    chat.user("alice").says("checkin?");
    CHECK(chat.sent().empty());
}

TEST_CASE("without bare words only the prefixed command checks in", "[checkin]") {
    testing::fake_chat chat("[plugins.checkin]\nbare_words = false\n", loaded());
    chat.user("alice").says("打卡");
    CHECK(chat.sent().empty());
    chat.user("alice").says("/打卡");
    CHECK(chat.replied("打卡成功"));
}

TEST_CASE("a group closing at 04:00 counts a 01:30 check-in for the day before", "[checkin]") {
    testing::fake_chat chat("[bot]\nday_close_hour = 4\n", loaded());
    chat.user("alice").says("打卡");  // Monday 09:00
    chat.advance_to("2026-03-03 01:30");
    chat.clear();
    chat.user("alice").says("打卡");
    CHECK(chat.last() == "📝 今天已经打过卡啦，这次的输出已追加。连续 1 天，累计 1 天。");
    chat.advance_to("2026-03-03 04:00");
    chat.clear();
    chat.user("alice").says("打卡");
    CHECK(chat.last() == "✅ 打卡成功！alice 今日第 1 位，已连续 2 天，累计 2 天。");
}

TEST_CASE("the day follows the group's own time zone", "[checkin]") {
    testing::fake_chat chat("", loaded());
    chat.user("boss").is(bot::role::admin).says("/set timezone America/New_York");
    chat.advance_to("2026-03-03 09:00");  // 20:00 on the 2nd in New York
    chat.user("alice").says("打卡");
    chat.advance_to("2026-03-03 14:00");  // 01:00 on the 3rd in New York
    chat.clear();
    chat.user("alice").says("打卡");
    CHECK(chat.last() == "✅ 打卡成功！alice 今日第 1 位，已连续 2 天，累计 2 天。");
}

TEST_CASE("a group that requires output refuses a bare check-in and says what is missing", "[checkin]") {
    testing::fake_chat chat("[plugins.checkin]\nrequire = \"text\"\nmin_text_length = 6\n", loaded());
    chat.user("alice").says("打卡 读书");
    CHECK(chat.last() == "这次打卡还不算数：需要至少 6 字的输出（这次 2 字）。写下今天的输出，再发「打卡 内容」～");
    chat.user("alice").says("打卡 今天读完了第三章");
    CHECK(chat.replied("打卡成功"));
    chat.clear();
    // Once counted, more output is always welcome, however short.
    chat.user("alice").says("打卡 补充");
    CHECK(chat.replied("已追加"));

    chat.user("boss").is(bot::role::admin).says("/set checkin.require image");
    chat.clear();
    chat.user("bob").says("打卡 今天读完了第三章");
    CHECK(chat.replied("需要附一张图片"));
    chat.clear();
    chat.user("bob").says(bot::message("打卡").image("https://example.com/note.png"));
    CHECK(chat.replied("打卡成功"));
}

TEST_CASE("leave keeps the streak and is capped per week", "[checkin]") {
    testing::fake_chat chat("[plugins.checkin]\nleave_per_week = 2\n", loaded());
    chat.user("alice").says("打卡");  // Monday 2026-03-02
    chat.advance_to("2026-03-03 08:00");
    chat.clear();
    chat.user("alice").says("/请假 2 出差");
    CHECK(chat.last() ==
          "🏖 已为你请假 2 天（2026-03-03 至 2026-03-04）。请假的日子不算缺卡，也不打断连续天数。理由：出差");
    chat.advance_to("2026-03-05 08:00");
    chat.clear();
    chat.user("alice").says("打卡");
    CHECK(chat.last() == "✅ 打卡成功！alice 今日第 1 位，已连续 2 天，累计 2 天。");
    chat.clear();
    chat.user("alice").says("/leave");
    CHECK(chat.last() == "这次请假没有登记：每周（周一到周日）最多请假 2 天，2026-03-02 这一周的 2 天已经请完了。\n今天已打卡，从明天算起。");
    chat.clear();
    chat.user("alice").says("/leave 30");
    CHECK(chat.last() == "这次没有登记请假：请假天数应为 1 到 7 天（这次写的是 30 天），例如「/请假 2 出差」。");
}

TEST_CASE("leave taken after checking in starts tomorrow", "[checkin]") {
    testing::fake_chat chat("", loaded());
    chat.user("alice").says("打卡");
    chat.clear();
    chat.user("alice").says("/请假 1天");
    CHECK(chat.last() ==
          "🏖 已为你请假 1 天（2026-03-03 至 2026-03-03）。请假的日子不算缺卡，也不打断连续天数。\n今天已打卡，从明天算起。");
}

TEST_CASE("a leave request past the week's cap says how many days the week has left", "[checkin]") {
    testing::fake_chat chat("", loaded());  // Monday 2026-03-02, two days a week
    chat.user("alice").says("/请假 3 旅游");
    CHECK(chat.last() ==
          "这次请假没有登记：每周（周一到周日）最多请假 2 天，2026-03-02 这一周已请 0 天，这次又要在这一周请 3 天。"
          "这一周还能请 2 天。");
    auto& q = chat.bot().db().prepare("SELECT count(*) FROM checkin_days");
    storage::statement_guard guard{q};
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getInt() == 0);
}

TEST_CASE("a leave without a count is one day, and the reply says so", "[checkin]") {
    testing::fake_chat chat("", loaded());
    chat.user("bob").says("/leave abc");
    CHECK(chat.last() ==
          "🏖 已为你请假 1 天（2026-03-02 至 2026-03-02）。请假的日子不算缺卡，也不打断连续天数。理由：abc\n"
          "没有写天数，按 1 天登记。");
    chat.user("erin").says("/leave 2abc");
    CHECK(chat.last() == "这次没有登记请假：没看懂天数「2abc」。请写 1 到 7 天，例如「/请假 2 出差」。");
    chat.user("erin").says("/请假 几天");
    CHECK(chat.last() == "这次没有登记请假：没看懂天数「几天」。请写 1 到 7 天，例如「/请假 2 出差」。");
}

TEST_CASE("a leave count is read in full-width digits and Chinese numerals", "[checkin]") {
    testing::fake_chat chat("", loaded());
    chat.user("carol").says("/leave ２");
    CHECK(chat.last() == "🏖 已为你请假 2 天（2026-03-02 至 2026-03-03）。请假的日子不算缺卡，也不打断连续天数。");
    chat.user("erin").says("/请假 两天 旅游");
    CHECK(chat.last() ==
          "🏖 已为你请假 2 天（2026-03-02 至 2026-03-03）。请假的日子不算缺卡，也不打断连续天数。理由：旅游");
}

TEST_CASE("days of a leave already on leave are named, not silently dropped", "[checkin]") {
    testing::fake_chat chat("", loaded());
    chat.user("dave").says("/leave 1");
    chat.user("dave").says("/leave 2");
    CHECK(chat.last() ==
          "🏖 已为你请假 1 天（2026-03-03 至 2026-03-03）。请假的日子不算缺卡，也不打断连续天数。\n"
          "2026-03-02 已经请过假，不重复登记。");
    chat.user("dave").says("/leave 1");
    CHECK(chat.last() == "这次没有登记请假。\n2026-03-02 已经请过假，不重复登记。");
}

TEST_CASE("a check-in on a day of leave counts it as done", "[checkin]") {
    testing::fake_chat chat("", loaded());
    chat.user("alice").says("/leave 1");
    chat.clear();
    chat.user("alice").says("打卡");
    CHECK(chat.last() == "✅ 打卡成功！alice 今日第 1 位，已连续 1 天，累计 1 天。");
}

TEST_CASE("make-up fills yesterday within the window and the monthly quota", "[checkin]") {
    testing::fake_chat chat("[plugins.checkin]\nmakeup_per_month = 1\nmakeup_window = \"12h\"\n", loaded());
    chat.user("alice").says("打卡");  // Mon 2nd
    chat.advance_to("2026-03-04 08:00");  // Tue 3rd missed
    chat.user("alice").says("打卡");
    CHECK(chat.last() == "✅ 打卡成功！alice 今日第 1 位，已连续 1 天，累计 2 天。");
    chat.clear();
    chat.user("alice").says("/补卡 昨天的读书笔记");
    CHECK(chat.last() == "🔁 已补卡 2026-03-03。连续 3 天，累计 3 天。本月已补卡 1/1 次。");
    chat.clear();
    chat.user("alice").says("/mycheckins");
    CHECK(chat.replied("当前连续 3 天，累计 3 天"));
    chat.clear();
    chat.user("alice").says("/makeup");
    CHECK(chat.last() == "2026-03-03 已经打过卡了，不需要补卡。");

    chat.advance_to("2026-03-06 13:00");  // Thu 5th missed; the window closed at 12:00
    chat.clear();
    chat.user("bob").says("/makeup");
    CHECK(chat.last() == "补卡时间已过：昨天的卡只能在今天 2026-03-06 12:00 之前补。");
    chat.advance_to("2026-03-07 08:00");
    chat.clear();
    chat.user("alice").says("/makeup");
    CHECK(chat.last() == "本月的 1 次补卡机会已经用完了，下个月再来～");
}

TEST_CASE("boards rank today, the week, the month, all time and streaks", "[checkin]") {
    testing::fake_chat chat("", loaded());
    chat.user("alice").says("打卡");
    chat.user("bob").says("打卡");
    chat.advance_to("2026-03-03 08:00");
    chat.user("bob").says("打卡");
    chat.user("carol").says("打卡");
    chat.clear();
    chat.user("alice").says("/rank");
    CHECK(chat.last() == "🏆 今日打卡榜（2026-03-03）\n1. bob（连续 2 天）\n2. carol（连续 1 天）");
    chat.clear();
    chat.user("alice").says("/rank 本周");
    CHECK(chat.last() == "🏆 本周打卡榜（2026-03-03）\n1. bob 2 天\n2. alice 1 天\n3. carol 1 天");
    chat.clear();
    chat.user("alice").says("/rank 连续");
    CHECK(chat.last() == "🏆 连续打卡榜（2026-03-03）\n1. bob 连续 2 天\n2. alice 连续 1 天\n3. carol 连续 1 天");
    chat.advance_to("2026-03-05 08:00");
    chat.clear();
    chat.user("alice").says("/rank 连续");
    CHECK(chat.last() == "🏆 连续打卡榜（2026-03-05）\n还没有人上榜，快来打卡吧！");
    chat.clear();
    chat.user("alice").says("/rank 总榜");
    CHECK(chat.replied("1. bob 2 天"));
    chat.clear();
    chat.user("alice").says("/rank 年榜");
    CHECK(chat.last() == "可以看的榜单：今日、本周、本月、总榜、连续，例如「/rank 本周」。");
}

TEST_CASE("my check-ins show the month as a calendar", "[checkin]") {
    testing::fake_chat chat("", loaded());
    chat.user("alice").says("打卡");       // Mon 2nd
    chat.advance_to("2026-03-04 08:00");  // Tue 3rd missed
    chat.user("alice").says("/leave 1");  // Wed 4th
    chat.advance_to("2026-03-05 08:00");
    chat.clear();
    chat.user("alice").says("/我的打卡");
    auto text = chat.last();
    CHECK(text.find("alice 的 2026 年 3 月打卡") != std::string::npos);
    CHECK(text.find("一 二 三 四 五 六 日\n　 　 　 　 　 　 ·\n✅ ❌ 🏖 ⏳ · · ·") != std::string::npos);
    CHECK(text.find("本月打卡 1 天（补卡 0 次），请假 1 天；当前连续 0 天，累计 1 天。") != std::string::npos);
}

TEST_CASE("check-in stats are for admins only", "[checkin]") {
    testing::fake_chat chat("", loaded());
    chat.user("alice").says("打卡");
    chat.user("bob").says("/请假");
    chat.advance_to("2026-03-03 08:00");
    chat.user("alice").says("打卡");
    chat.clear();
    chat.user("carol").says("/checkin stats");
    CHECK(chat.last() == "抱歉，你没有使用 /checkin stats 的权限。");
    chat.clear();
    chat.user("boss").is(bot::role::admin).says("/checkin stats");
    CHECK(chat.last() == "📊 2026-03-03 打卡情况：已打卡 1 人，请假 0 人，未打卡 1 人\n已打卡：alice\n请假：—\n未打卡：bob");
}

TEST_CASE("a card with line breaks, controls or thousands of characters prints as one short name", "[checkin]") {
    testing::fake_chat chat("", loaded());
    chat.user("mallory").card("小明\r\n群公告：转账 123" + std::string(1, '\0') + "\x01\x1b[31m\u202E反转");
    chat.user("mallory").says("打卡");
    auto reply = chat.last();
    CHECK(reply.find("打卡成功！小明 群公告：转账 123[31m反转 今日第 1 位") != std::string::npos);
    for (char c : reply) CHECK((static_cast<unsigned char>(c) >= 0x20 || c == '\n'));
    CHECK(reply.find("\u202E") == std::string::npos);
    CHECK(reply.find("\n群公告") == std::string::npos);

    chat.clear();
    chat.user("carol").card(std::string(6000, 'x'));
    chat.user("carol").says("打卡");
    REQUIRE(chat.sent().size() == 1);
    CHECK(chat.last().find(std::string(bot::max_shown_name, 'x') + "… 今日第 2 位") != std::string::npos);
}

TEST_CASE("check-ins arriving together share one commit, and each is answered after it", "[checkin]") {
    testing::fake_chat chat("", loaded());
    auto const commits_before = chat.bot().commits().commits();
    std::vector<bot::event_payload> burst;
    for (auto g : {"g1", "g2", "g3", "g4", "g5"}) burst.push_back(chat.user("alice").in(g).message_event("打卡"));
    chat.deliver_together(std::move(burst));
    CHECK(chat.bot().commits().commits() - commits_before == 1);
    CHECK(chat.bot().commits().writes() == 5);
    CHECK(checkin_test::count_containing(chat.sent(), "打卡成功") == 5);
    SQLite::Database other(chat.db_path().string(), SQLite::OPEN_READONLY);
    CHECK(other.execAndGet("SELECT count(*) FROM checkin_days").getInt() == 5);
}
