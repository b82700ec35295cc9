#include <catch2/catch.hpp>

#include "plugins/redpacket/tests/support.hpp"

using redpacket_test::loaded;

namespace {

constexpr char const* owe_rule = "[plugins.checkin]\nremind = false\n[plugins.redpacket]\nowe_on_miss = true\nowed_amount = 5\n";

/// alice, bob and carol check in on Monday 2026-03-02; on Tuesday only alice does and bob is on leave.
void carol_misses_tuesday(testing::fake_chat& chat) {
    chat.user("boss").is(bot::role::admin);
    for (auto const* who : {"alice", "bob", "carol"}) chat.user(who).says("打卡");
    chat.advance_to("2026-03-03 08:00");
    chat.user("alice").says("打卡");
    chat.user("bob").says("/请假");
    chat.clear();
    chat.advance_to("2026-03-04 00:00");
}

/// On Wednesday alice and bob check in and carol does not.
void carol_misses_wednesday(testing::fake_chat& chat) {
    chat.advance_to("2026-03-04 08:00");
    chat.user("alice").says("打卡");
    chat.user("bob").says("打卡");
    chat.advance_to("2026-03-05 00:00");
}

std::int64_t fund(testing::fake_chat& chat) { return chat.bot().ledger().balance("test:g1", "fund:test:g1"); }
std::int64_t owes(testing::fake_chat& chat, std::string const& user) {
    return chat.bot().ledger().balance("test:g1", "redpacket:owed:" + user);
}

}  // namespace

TEST_CASE("a missed day owes a red packet, with one friendly batched nudge", "[redpacket][owed]") {
    testing::fake_chat chat(owe_rule, loaded());
    carol_misses_tuesday(chat);
    std::vector<testing::action> nudges;
    for (auto const& a : chat.actions())
        if (a.kind == "send" && a.text().find("小红包") != std::string::npos) nudges.push_back(a);
    REQUIRE(nudges.size() == 1);
    CHECK(nudges[0].text() ==
          "🧧 按群约定「没有输出，就发个小红包」：2026-03-03 没打卡的 1 位小伙伴，记得给群里发一个 5.00 元的小红包哦～"
          "发了我会自动记下，明天继续加油！ @carol");
    CHECK(nudges[0].msg.mentions(bot::id("carol")));
    CHECK(owes(chat, "carol") == 500);
    CHECK(owes(chat, "bob") == 0);
    chat.clear();
    chat.user("alice").says("/欠红包");
    CHECK(chat.last() == "🧧 待发的红包：\ncarol：1 个（03-03），共 5.00 元\n合计 5.00 元");
}

TEST_CASE("where the platform does not report red packets the nudge asks for an admin", "[redpacket][owed]") {
    testing::fake_chat chat(owe_rule, loaded());
    chat.platform().caps_.red_packet_events = false;
    carol_misses_tuesday(chat);
    CHECK(chat.replied("记得给群里发一个 5.00 元的小红包哦～发完请管理员用「/redpacket done @你」帮你记下，明天继续加油！ @carol"));
}

TEST_CASE("without the rule nobody owes anything", "[redpacket][owed]") {
    testing::fake_chat chat("[plugins.checkin]\nremind = false\n", loaded());
    carol_misses_tuesday(chat);
    CHECK_FALSE(chat.replied("小红包"));
    chat.user("alice").says("/redpacket owed");
    CHECK(chat.last() == "🎉 目前没有人欠红包。");
}

TEST_CASE("a day is never charged twice: the job running again, or after a restart", "[redpacket][owed]") {
    testing::fake_chat chat(owe_rule, loaded());
    carol_misses_tuesday(chat);
    auto postings = chat.bot().ledger().verify().postings;
    // Moving the close hour back would re-open the day just charged: refused.
    chat.user("boss").says("/set day_close_hour 1");
    CHECK(chat.last().starts_with("没有修改 day_close_hour：改了之后本群的今天会回到 2026-03-03"));
    chat.clear();
    chat.advance_to("2026-03-04 01:00");
    CHECK_FALSE(chat.replied("小红包"));
    chat.restart();
    chat.advance_to("2026-03-04 09:00");
    CHECK_FALSE(chat.replied("小红包"));
    auto report = chat.bot().ledger().verify();
    CHECK(report.ok());
    CHECK(report.postings == postings);
    CHECK(owes(chat, "carol") == 500);
    chat.advance_to("2026-03-05 01:00");
    CHECK(owes(chat, "carol") == 1000);
}

TEST_CASE("a reported red packet confirms the oldest owed one with its amount", "[redpacket][owed]") {
    testing::fake_chat chat(owe_rule, loaded());
    carol_misses_tuesday(chat);
    carol_misses_wednesday(chat);
    CHECK(owes(chat, "carol") == 1000);
    chat.clear();
    chat.user("carol").sends_red_packet(800);
    CHECK(chat.last() == "🧧 收到 carol 的红包 8.00 元，2026-03-03 的红包已记下，谢谢！");
    CHECK(owes(chat, "carol") == 500);
    CHECK(fund(chat) == 800);
    chat.clear();
    chat.user("carol").says("/redpacket owed");
    CHECK(chat.last() == "🧧 待发的红包：\ncarol：1 个（03-04），共 5.00 元\n合计 5.00 元");
    CHECK(chat.bot().ledger().verify().ok());
}

TEST_CASE("a red packet without an amount waits for an admin to confirm it", "[redpacket][owed]") {
    testing::fake_chat chat(owe_rule, loaded());
    carol_misses_tuesday(chat);
    chat.user("carol").sends_red_packet();
    CHECK(chat.last() == "🧧 收到 carol 的红包，2026-03-03 的红包已记下，谢谢！平台没有告诉我金额，请管理员用「/redpacket done @carol 金额」确认。");
    CHECK(fund(chat) == 0);
    chat.clear();
    chat.user("carol").says("/redpacket owed");
    CHECK(chat.last() == "🧧 待发的红包：\ncarol：已发 1 个，待管理员确认金额\n合计 0.00 元");
    chat.user("boss").says("/redpacket done @carol 6");
    CHECK(chat.last() == "✅ 已确认 carol 2026-03-03 的红包 6.00 元，记入群基金。");
    CHECK(fund(chat) == 600);
    CHECK(owes(chat, "carol") == 0);
    chat.user("boss").says("/redpacket done @carol");
    CHECK(chat.last() == "carol 目前没有待确认的红包。");
    CHECK(fund(chat) == 600);
}

TEST_CASE("admins confirm or waive owed red packets, members cannot", "[redpacket][owed]") {
    testing::fake_chat chat(owe_rule, loaded());
    carol_misses_tuesday(chat);
    carol_misses_wednesday(chat);
    chat.clear();
    chat.user("bob").says("/redpacket waive @carol");
    CHECK(chat.last() == "抱歉，你没有使用 /redpacket waive 的权限。");
    chat.user("bob").says("/redpacket done @carol");
    CHECK(chat.last() == "抱歉，你没有使用 /redpacket done 的权限。");
    CHECK(owes(chat, "carol") == 1000);

    chat.user("boss").says("/免红包 @carol");
    CHECK(chat.last() == "🙆 已免除 carol 2026-03-03 的红包（5.00 元）。");
    chat.user("boss").says("/redpacket done @carol");
    CHECK(chat.last() == "✅ 已确认 carol 2026-03-04 的红包 5.00 元，记入群基金。");
    CHECK(owes(chat, "carol") == 0);
    CHECK(fund(chat) == 500);
    chat.user("boss").says("/redpacket waive @carol");
    CHECK(chat.last() == "carol 目前没有待确认的红包。");
    chat.user("boss").says("/redpacket waive");
    CHECK(chat.replied("缺少参数"));
    CHECK(chat.bot().ledger().verify().ok());
}

TEST_CASE("making up the missed day cancels its red packet", "[redpacket][owed]") {
    testing::fake_chat chat(owe_rule, loaded());
    carol_misses_tuesday(chat);
    chat.user("carol").says("/补卡 昨天其实读了");
    chat.clear();
    chat.user("carol").says("/redpacket owed");
    CHECK(chat.last() == "🎉 目前没有人欠红包。");
    CHECK(owes(chat, "carol") == 0);
    CHECK(fund(chat) == 0);
}

TEST_CASE("a make-up clears that day's red packet at once, so a red packet sent next is not booked against it",
          "[redpacket][owed]") {
    testing::fake_chat chat(owe_rule, loaded());
    carol_misses_tuesday(chat);
    chat.advance_to("2026-03-04 09:00");
    chat.clear();
    chat.user("carol").says("/补卡 昨天其实读了");
    CHECK(chat.last() ==
          "🔁 已补卡 2026-03-03。连续 2 天，累计 2 天。本月已补卡 1/2 次。\n"
          "🧧 2026-03-03 已补卡，这天的红包（5.00 元）不用发了。");
    // Nothing read the owed list in between: the make-up itself let the day off.
    CHECK(owes(chat, "carol") == 0);
    chat.clear();
    chat.user("carol").sends_red_packet(500);
    CHECK_FALSE(chat.replied("2026-03-03 的红包已记下"));
    CHECK(fund(chat) == 0);
    CHECK(chat.bot().ledger().verify().ok());
}

TEST_CASE("/fund shows the balance and recent entries from every plugin", "[redpacket][fund]") {
    testing::fake_chat chat(owe_rule, loaded());
    carol_misses_tuesday(chat);
    chat.user("carol").sends_red_packet(500);
    // A fine booked by another plugin into the same group fund.
    storage::posting fine{"deposit:1:carol:2026-03-03:fine", "test:g1", "fine", "carol 2026-03-03 缺卡罚金", "system",
                          {{"fund:test:g1", 1000}, {"deposit:1:carol", -1000}}, chat.now().time_since_epoch().count()};
    chat.bot().ledger().post(fine);
    carol_misses_wednesday(chat);
    chat.clear();
    chat.user("alice").says("/群基金");
    CHECK(chat.last() ==
          "💰 群基金余额：15.00 元\n最近的记录：\n03-04 罚金 +10.00 元 carol 2026-03-03 缺卡罚金\n"
          "03-04 红包 +5.00 元 carol 2026-03-03 的红包\n待发红包：1 个，共 5.00 元");
}
