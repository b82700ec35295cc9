// The console panel: owed red packets and the group fund, read after days missed in the chat, and
// its buttons clicked (their commands sent as the admin) to see they do what they say.
#include <catch2/catch.hpp>

#include "tests/support/panel_support.hpp"
#include "plugins/redpacket/tests/support.hpp"
#include "storage/database.hpp"

using panel_test::block;
using panel_test::fact;
using panel_test::labels;
using panel_test::mentioned;
using panel_test::row;
using redpacket_test::loaded;
namespace panel = bot::panel;

namespace {

using cells = std::vector<std::string>;

constexpr char const* owe_rule =
    "[plugins.checkin]\nremind = false\n[plugins.redpacket]\nowe_on_miss = true\nowed_amount = \"5.05\"\n";

panel::page money(testing::fake_chat& chat) { return panel_test::draw(chat, "redpacket", "redpacket"); }

std::int64_t fund(testing::fake_chat& chat) { return chat.bot().ledger().balance("test:g1", "fund:test:g1"); }

/// alice, carol and dave check in on Monday 2026-03-02; on Tuesday and Wednesday only alice does.
/// dave's card carries a reordering mark. Ends on Thursday morning.
testing::member two_days_missed(testing::fake_chat& chat) {
    auto boss = chat.user("boss").is(bot::role::admin);
    chat.user("alice").says("打卡");
    chat.user("carol").says("打卡");
    chat.user("dave").card("Da\u202Eve").says("打卡");
    chat.advance_to("2026-03-03 08:00");
    chat.user("alice").says("打卡");
    chat.advance_to("2026-03-04 08:00");
    chat.user("alice").says("打卡");
    chat.advance_to("2026-03-05 09:00");
    return boss;
}

}  // namespace

TEST_CASE("the red-packet panel is on the money page", "[redpacket][panel]") {
    testing::fake_chat chat("[plugins.checkin]\nremind = false\n", loaded());
    auto const& d = panel_test::definition(chat, "redpacket", "redpacket");
    CHECK(d.title == "红包与群基金");
    CHECK(d.section == "money");
    auto page = money(chat);
    // Without the group rule the panel says so, and nothing is owed.
    CHECK(block<panel::paragraph>(page).text == "本群没有开启「没有输出就发红包」（/set redpacket.owe_on_miss true）。");
    CHECK(block<panel::table>(page, "待发红包").rows.empty());
    CHECK(fact(block<panel::facts>(page, "群基金"), "余额") == "0.00 元");
}

TEST_CASE("the red-packet panel lists who owes since when, and its buttons confirm and waive", "[redpacket][panel]") {
    testing::fake_chat chat(owe_rule, loaded());
    auto boss = two_days_missed(chat);
    // A name stored raw (by an older version, say) is cleaned where the panel prints it.
    chat.bot().db().exec("UPDATE redpacket_owed SET name = 'Da\u202Eve\u2066\n' WHERE user = 's:dave'");

    auto page = money(chat);
    auto const& owed = block<panel::table>(page, "待发红包");
    CHECK(owed.columns == cells{"成员", "最早欠下", "欠的日子", "金额", "已发待确认"});
    REQUIRE(owed.rows.size() == 2);
    CHECK(row(owed, "carol").cells == cells{"carol", "2026-03-03", "03-03、03-04", "10.10", "—"});
    CHECK(row(owed, "Dave").cells == cells{"Dave", "2026-03-03", "03-03、03-04", "10.10", "—"});
    REQUIRE(labels(row(owed, "carol")) == cells{"红包已发", "免红包"});
    auto const done = row(owed, "carol").actions[0];
    auto const waive = row(owed, "carol").actions[1];
    CHECK(done.confirm);
    CHECK(waive.confirm);
    CHECK(done.command.plain_text() == "/redpacket done @carol");
    CHECK(waive.command.plain_text() == "/redpacket waive @carol");
    CHECK(mentioned(done) == std::vector<bot::id>{bot::id("carol")});
    CHECK(mentioned(waive) == std::vector<bot::id>{bot::id("carol")});
    CHECK(row(owed, "Dave").actions[0].command.plain_text() == "/redpacket done @Dave");
    auto const& money_facts = block<panel::facts>(page, "群基金");
    CHECK(fact(money_facts, "余额") == "0.00 元");
    CHECK(fact(money_facts, "待发红包") == "4 个，共 20.20 元");
    CHECK(block<panel::table>(page, "最近的记录").rows.empty());

    // "红包已发", sent as the admin: carol's oldest red packet goes into the fund.
    chat.clear();
    boss.says(done.command);
    CHECK(chat.last() == "✅ 已确认 carol 2026-03-03 的红包 5.05 元，记入群基金。");
    CHECK(fund(chat) == 505);
    page = money(chat);
    CHECK(row(block<panel::table>(page, "待发红包"), "carol").cells ==
          cells{"carol", "2026-03-04", "03-04", "5.05", "—"});
    CHECK(fact(block<panel::facts>(page, "群基金"), "余额") == "5.05 元");
    CHECK(fact(block<panel::facts>(page, "群基金"), "待发红包") == "3 个，共 15.15 元");
    auto const& records = block<panel::table>(page, "最近的记录");
    REQUIRE(records.rows.size() == 1);
    CHECK(records.rows[0].cells == cells{"2026-03-05 09:00", "红包", "+5.05", "carol 2026-03-03 的红包，管理员确认"});

    // "免红包", clicked in the console: the same command as the admin, its reply handed back.
    auto run = panel_test::click(chat, waive);
    CHECK(run.replies == cells{"🙆 已免除 carol 2026-03-04 的红包（5.05 元）。"});
    CHECK(chat.bot().ledger().balance("test:g1", "redpacket:owed:carol") == 0);
    CHECK(fund(chat) == 505);
    page = money(chat);
    REQUIRE(block<panel::table>(page, "待发红包").rows.size() == 1);
    CHECK(block<panel::table>(page, "待发红包").rows[0].cells.front() == "Dave");
    CHECK(chat.bot().ledger().verify().ok());
}

TEST_CASE("a red packet sent without an amount shows as waiting for the admin, who confirms it from the panel",
          "[redpacket][panel]") {
    testing::fake_chat chat(owe_rule, loaded());
    auto boss = two_days_missed(chat);
    chat.user("carol").sends_red_packet();
    auto page = money(chat);
    auto const& carol = row(block<panel::table>(page, "待发红包"), "carol");
    CHECK(carol.cells == cells{"carol", "2026-03-03", "03-04", "5.05", "1 个"});
    CHECK(labels(carol) == cells{"红包已发", "免红包"});
    CHECK(fact(block<panel::facts>(page, "群基金"), "已发待确认金额") == "1 个");

    boss.says(carol.actions[0].command);
    CHECK(chat.last() == "✅ 已确认 carol 2026-03-03 的红包 5.05 元，记入群基金。");
    page = money(chat);
    CHECK(row(block<panel::table>(page, "待发红包"), "carol").cells ==
          cells{"carol", "2026-03-04", "03-04", "5.05", "—"});
    CHECK(fund(chat) == 505);
}
