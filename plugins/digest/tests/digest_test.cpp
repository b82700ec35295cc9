// The digest through the chat: at 21:00 (or weekly) the period's answered questions with their
// best answers, once per period across restarts and repeated jobs, nothing for a period without an
// answer; capped, split when long, and in the group's zone across DST.
#include <catch2/catch.hpp>

#include "plugins/digest/tests/support.hpp"

using digest_test::asked_and_answered;
using digest_test::digests;
using digest_test::digests_ever;
using digest_test::loaded;
using strings = std::vector<std::string>;

namespace {

void advance_to_in(testing::fake_chat& chat, std::string const& zone, bot::civil_date d, int h, int m) {
    auto t = bot::time_zone::must_load(zone).from_local(d, h, m);
    chat.advance(std::chrono::duration_cast<std::chrono::seconds>(t - chat.now()));
}

}  // namespace

TEST_CASE("the 21:00 digest lists answered questions with the best answers first", "[digest][post]") {
    testing::fake_chat chat("", loaded());
    auto q = chat.user("bob").says("请问报销的发票抬头写什么？");
    chat.user("carol").says(bot::message().reply_to(q).text("写公司全称，税号在群公告里，别写简称"));
    chat.user("dave").says(bot::message().reply_to(q).text("全称"));
    chat.user("boss").is(bot::role::admin).says(bot::message().reply_to(q).text("公司全称"));
    chat.user("erin").says("有没有人知道打印机在哪");  // nobody answers
    chat.advance_to("2026-03-02 20:59");
    CHECK(digests(chat).empty());
    chat.advance_to("2026-03-02 21:00");
    CHECK(digests(chat) == strings{"📚 今日问答精选（2026-03-02）\n1 个问题有了回答：\n\n"
                                   "❓ #1 bob：请问报销的发票抬头写什么？\n"
                                   "💡 boss（管理员）：公司全称\n"
                                   "💡 carol：写公司全称，税号在群公告里，别写简称\n\n"
                                   "🔍 往期问答：/faq 关键词"});
}

TEST_CASE("a 分管's answer ranks after the admins' and before longer answers of members", "[digest][post]") {
    testing::fake_chat chat("", loaded());
    chat.user("frank").is(bot::role::member);
    chat.user("boss").is(bot::role::admin).says("/role grant @frank 分管");
    REQUIRE(chat.last().find("已授予 frank 分管") != std::string::npos);
    auto q = chat.user("bob").says("请问报销的发票抬头写什么？");
    chat.user("carol").says(bot::message().reply_to(q).text("写公司全称，税号在群公告里，别写简称"));
    chat.user("frank").says(bot::message().reply_to(q).text("公司全称"));
    chat.advance_to("2026-03-02 21:00");
    REQUIRE(digests(chat).size() == 1);
    auto const d = digests(chat)[0];
    auto frank = d.find("💡 frank");
    REQUIRE(frank != std::string::npos);
    CHECK(frank < d.find("💡 carol"));
}

TEST_CASE("a period without an answered question gets no digest", "[digest][post]") {
    testing::fake_chat chat("", loaded());
    auto q = chat.user("bob").says("请问报销的发票抬头写什么？");
    chat.advance_to("2026-03-02 21:00");
    CHECK(digests(chat).empty());
    // A question belongs to the period it was asked in: answered only the next day, it is not in
    // that day's digest (/faq finds it).
    chat.advance_to("2026-03-03 10:00");
    chat.user("carol").says(bot::message().reply_to(q).text("写公司全称"));
    chat.advance_to("2026-03-03 20:00");
    asked_and_answered(chat, "请问周会几点开？", "十点");
    chat.advance_to("2026-03-03 21:00");
    REQUIRE(digests(chat).size() == 1);
    CHECK(digests(chat)[0].find("周会") != std::string::npos);
    CHECK(digests(chat)[0].find("发票") == std::string::npos);
}

TEST_CASE("a digest is posted once across a restart and a repeated job", "[digest][post]") {
    testing::fake_chat chat("", loaded());
    asked_and_answered(chat);
    chat.advance_to("2026-03-02 21:00");
    REQUIRE(digests_ever(chat) == 1);
    chat.restart();
    chat.advance_to("2026-03-02 22:00");
    CHECK(digests_ever(chat) == 0);  // a new platform log after the restart: nothing more
    // The 21:00 run comes back, as after a crash between the send and the scheduler's bookkeeping.
    auto tz = bot::time_zone::must_load("Asia/Shanghai");
    chat.bot().scheduler().schedule("digest.post@again", "digest.post",
                                    bot::recurrence::once(tz.from_local({2026, 3, 2}, 21, 0)), tz, chat.group_ref());
    chat.advance(std::chrono::minutes(1));
    CHECK(digests_ever(chat) == 0);
    asked_and_answered(chat, "请问周会几点开？", "十点");
    chat.advance_to("2026-03-03 21:00");
    CHECK(digests_ever(chat) == 1);
}

TEST_CASE("a weekly digest covers the week up to its weekday and time", "[digest][post]") {
    testing::fake_chat chat("[plugins.digest]\nschedule = \"weekly\"\nweekday = 7\ndigest_at = \"20:00\"\n", loaded());
    asked_and_answered(chat);  // Monday 2026-03-02
    chat.advance_to("2026-03-05 12:00");
    asked_and_answered(chat, "请问周会几点开？", "十点");
    chat.advance_to("2026-03-07 21:00");
    CHECK(digests(chat).empty());
    chat.advance_to("2026-03-08 20:00");
    auto posted = digests(chat);
    REQUIRE(posted.size() == 1);
    CHECK(posted[0].starts_with("📚 本周问答精选（2026-03-01 至 2026-03-08）\n2 个问题有了回答："));
    CHECK(posted[0].find("#1 bob：请问报销") < posted[0].find("#2 bob：请问周会"));
}

TEST_CASE("unanswered questions are listed when the group wants them", "[digest][post]") {
    testing::fake_chat chat("[plugins.digest]\nlist_unanswered = true\n", loaded());
    asked_and_answered(chat);
    chat.user("erin").says("有没有人知道打印机在哪");
    chat.advance_to("2026-03-02 21:00");
    REQUIRE(digests(chat).size() == 1);
    CHECK(digests(chat)[0].find("🤔 还没人回答的问题，知道的朋友引用回复一下：\n#2 "
                                "erin：有没有人知道打印机在哪\n\n🔍") != std::string::npos);
}

TEST_CASE("a digest keeps the most answered questions and says how many more there are", "[digest][post]") {
    testing::fake_chat chat("[plugins.digest]\nmax_questions = 2\n", loaded());
    asked_and_answered(chat, "请问第一个问题是什么？", "一");
    auto q = asked_and_answered(chat, "请问第二个问题是什么？", "二");
    chat.user("dave").says(bot::message().reply_to(q).text("也是二"));
    auto r = asked_and_answered(chat, "请问第三个问题是什么？", "三");
    chat.user("dave").says(bot::message().reply_to(r).text("也是三"));
    chat.advance_to("2026-03-02 21:00");
    REQUIRE(digests(chat).size() == 1);
    auto d = digests(chat)[0];
    CHECK(d.find("第一个") == std::string::npos);
    CHECK(d.find("#2 bob：请问第二个") < d.find("#3 bob：请问第三个"));
    CHECK(d.find("……还有 1 个问题有回答，可以用 /faq 关键词 搜到。") != std::string::npos);
}

TEST_CASE("a long digest goes out as a few messages", "[digest][post]") {
    testing::fake_chat chat("[plugins.digest]\nmax_questions = 12\n", loaded());
    std::string longer;
    for (int i = 0; i < 90; ++i) longer += "答";
    for (int i = 1; i <= 12; ++i) asked_and_answered(chat, "请问第 " + std::to_string(i) + " 个问题怎么办？", longer);
    chat.clear();
    chat.advance_to("2026-03-02 21:00");
    auto sent = chat.sent();
    CHECK(sent.size() >= 2);
    CHECK(sent.size() <= 3);
    CHECK(sent.front().starts_with("📚 今日问答精选（2026-03-02）\n12 个问题有了回答："));
    for (auto const& m : sent) CHECK(m.size() <= 1800);
    CHECK(sent.back().ends_with("🔍 往期问答：/faq 关键词"));
}

TEST_CASE("the digest follows the group's zone across the DST change", "[digest][post][dst]") {
    testing::fake_chat chat("", loaded());
    chat.user("boss").is(bot::role::admin).says("/set timezone America/New_York");
    advance_to_in(chat, "America/New_York", {2026, 3, 7}, 21, 30);
    asked_and_answered(chat, "请问周日几点集合？", "九点");
    chat.clear();
    advance_to_in(chat, "America/New_York", {2026, 3, 8}, 20, 59);
    CHECK(digests(chat).empty());
    advance_to_in(chat, "America/New_York", {2026, 3, 8}, 21, 0);
    REQUIRE(digests(chat).size() == 1);
    CHECK(digests(chat)[0].starts_with("📚 今日问答精选（2026-03-08）"));
    CHECK(digests(chat)[0].find("周日几点集合") != std::string::npos);
}

TEST_CASE("an admin moves the group's digest with /set", "[digest][post]") {
    testing::fake_chat chat("", loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/set digest.digest_at 22:30");
    asked_and_answered(chat);
    chat.advance_to("2026-03-02 22:29");
    CHECK(digests(chat).empty());
    chat.advance_to("2026-03-02 22:30");
    CHECK(digests(chat).size() == 1);
    boss.says("/set digest.schedule off");
    asked_and_answered(chat, "请问周会几点开？", "十点");
    chat.clear();
    chat.advance_to("2026-03-04 23:00");
    CHECK(digests(chat).empty());
}
