// The console panel: a short challenge played through the chat, the panel read after each step,
// and its buttons clicked (their commands sent as the admin) to see they do what they say.
#include <catch2/catch.hpp>

#include "tests/support/panel_support.hpp"
#include "plugins/deposit/tests/support.hpp"

using deposit_test::group_key;
using deposit_test::loaded;
using deposit_test::quiet;
using panel_test::block;
using panel_test::draw;
using panel_test::fact;
using panel_test::labels;
using panel_test::mentioned;
using panel_test::row;
namespace panel = bot::panel;

namespace {

using cells = std::vector<std::string>;

/// A 3-day challenge: alice and bob paid by chat, mallory (whose card carries a reordering mark and
/// a line break) enrolled and unpaid.
testing::member set_up(testing::fake_chat& chat) {
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/challenge new 早起 start=2026-03-03 days=3 deposit=50 fine=5.05 full=3 to=fund");
    chat.user("alice").says("/challenge join");
    chat.user("bob").says("/challenge join");
    chat.user("mallory").card("Eve\u202Egnp.exe\nX").says("/challenge join");
    boss.says("/deposit paid @alice");
    boss.says("/deposit paid @bob");
    return boss;
}

panel::page money(testing::fake_chat& chat) { return draw(chat, "deposit", "deposit"); }

}  // namespace

TEST_CASE("the deposit panel is on the money page", "[deposit][panel]") {
    testing::fake_chat chat(quiet, loaded());
    auto const& d = panel_test::definition(chat, "deposit", "deposit");
    CHECK(d.title == "押金挑战");
    CHECK(d.section == "money");
    auto page = money(chat);
    CHECK(block<panel::paragraph>(page).text == "现在没有押金挑战。管理员可以用 /challenge new 创建。");
}

TEST_CASE("the deposit panel lists the roster, and its button confirms a deposit", "[deposit][panel]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = set_up(chat);
    // A name stored raw (by an older version, say) is cleaned where the panel prints it.
    chat.bot().db().exec("UPDATE deposit_members SET name = 'Eve\u202Egnp.exe\nX\u2067' WHERE user = 's:mallory'");

    auto page = money(chat);
    CHECK(block<panel::heading>(page).text == "「早起」");
    auto const& about = block<panel::facts>(page, "「早起」");
    CHECK(fact(about, "状态") == "报名中");
    CHECK(fact(about, "时间") == "2026-03-03 至 2026-03-05（3 天）");
    CHECK(fact(about, "押金") == "50.00 元");
    CHECK(fact(about, "缺卡") == "每缺一天扣 5.05 元，扣完为止");
    CHECK(fact(about, "全额退还") == "完成 3/3 天全额退还");
    CHECK(fact(about, "报名") == "已交押金 2 人，待确认 1 人");

    auto const& roster = block<panel::table>(page, "成员");
    CHECK(roster.columns == cells{"成员", "状态", "押金", "完成", "缺卡", "请假", "罚款", "剩余", "预计退还"});
    CHECK(row(roster, "alice").cells == cells{"alice", "押金已确认", "50.00", "0", "0", "0", "0.00", "50.00", "50.00"});
    CHECK(row(roster, "alice").actions.empty());
    auto const& mallory = row(roster, "Evegnp.exe X");
    CHECK(mallory.cells == cells{"Evegnp.exe X", "押金待确认", "—", "0", "0", "0", "0.00", "0.00", "—"});
    REQUIRE(labels(mallory) == cells{"确认押金"});
    auto const& confirm = mallory.actions.front();
    CHECK(confirm.confirm);
    CHECK(confirm.command.plain_text() == "/deposit paid @Evegnp.exe X");
    CHECK(mentioned(confirm) == std::vector<bot::id>{bot::id("mallory")});

    chat.clear();
    boss.says(confirm.command);
    CHECK(chat.last() == "@Evegnp.exe X 押金 50.00 元已确认收到，「早起」正式生效。还有 0 人待确认。");
    CHECK(chat.bot().ledger().balance(group_key, "deposit:1:s:mallory") == 5000);
    page = money(chat);
    CHECK(row(block<panel::table>(page, "成员"), "Evegnp.exe X").cells ==
          cells{"Evegnp.exe X", "押金已确认", "50.00", "0", "0", "0", "0.00", "50.00", "50.00"});
    CHECK(row(block<panel::table>(page, "成员"), "Evegnp.exe X").actions.empty());
    CHECK(fact(block<panel::facts>(page, "「早起」"), "报名") == "已交押金 3 人，待确认 0 人");
}

TEST_CASE("the deposit panel shows fines, the ledger and the settlement to the fen, and settles through its buttons",
          "[deposit][panel]") {
    testing::fake_chat chat(quiet, loaded());
    auto boss = set_up(chat);
    boss.says("/deposit paid @mallory");
    auto& ledger = chat.bot().ledger();
    // 03-03 everyone checks in; 03-04 bob does not; 03-05 mallory does not.
    chat.advance_to("2026-03-03 09:00");
    for (auto who : {"alice", "bob", "mallory"}) chat.user(who).says("打卡");
    chat.advance_to("2026-03-04 09:00");
    for (auto who : {"alice", "mallory"}) chat.user(who).says("打卡");
    chat.advance_to("2026-03-05 09:00");
    for (auto who : {"alice", "bob"}) chat.user(who).says("打卡");

    auto page = money(chat);
    CHECK(fact(block<panel::facts>(page, "「早起」"), "状态") == "进行中");
    auto const& roster = block<panel::table>(page, "成员");
    CHECK(row(roster, "bob").cells == cells{"bob", "押金已确认", "50.00", "1", "1", "0", "5.05", "44.95", "44.95"});
    auto const& fines = block<panel::table>(page, "罚款");
    REQUIRE(fines.rows.size() == 1);
    CHECK(row(fines, "bob").cells == cells{"bob", "2026-03-04", "5.05", "已扣"});
    REQUIRE(labels(row(fines, "bob")) == cells{"撤销罚款"});
    auto const waive = row(fines, "bob").actions.front();
    CHECK(waive.confirm);
    CHECK(waive.command.plain_text() == "/deposit waive @bob 2026-03-04");
    CHECK(mentioned(waive) == std::vector<bot::id>{bot::id("bob")});

    // The ledger, every posting of the challenge, to the fen.
    auto const& books = block<panel::facts>(page, "账目");
    CHECK(fact(books, "已确认押金") == "150.00");
    CHECK(fact(books, "罚款（撤销的不计）") == "5.05");
    CHECK(fact(books, "仍为成员保管") == "144.95");
    CHECK(fact(books, "已进入群基金") == "5.05");
    auto const& entries = block<panel::table>(page, "账目");
    REQUIRE(entries.rows.size() == 4);
    CHECK(entries.rows[0].cells == cells{"2026-03-02 09:00", "押金", "alice", "50.00", "「早起」alice 押金"});
    CHECK(entries.rows[3].cells == cells{"2026-03-05 00:00", "罚款", "bob", "5.05", "「早起」bob 2026-03-04 缺卡罚款"});

    // What /settle would list now, from the days judged so far.
    CHECK(block<panel::paragraph>(page, "结算预览").text == "挑战还在进行：按已判定的天数估算，2026-03-05 结束后才能 /settle。");
    auto const& preview = block<panel::table>(page, "结算预览");
    CHECK(row(preview, "bob").cells ==
          cells{"bob", "44.95", "0.00", "完成 1/3 天，缺卡 1 天扣 5.05 元，未达到全额退还的 3 天"});
    auto const& check = block<panel::facts>(page, "结算预览");
    CHECK(fact(check, "押金合计") == "150.00");
    CHECK(fact(check, "退款合计") == "144.95");
    CHECK(fact(check, "进入群基金") == "5.05");
    CHECK(fact(check, "对账") == "✅ 平");

    // The export is the one /deposit export writes.
    auto const& csv = block<panel::download>(page);
    CHECK(csv.filename == "deposit-1.csv");
    plugins::deposit::books b(chat.bot().db(), ledger, deposit_test::marks(chat));
    CHECK(csv.body == b.export_csv(*b.repo().latest(group_key), chat.bot().group_tz(chat.group_ref())));
    CHECK(csv.body.find(",fine,deposit:1:s:bob,-505,-5.05,") != std::string::npos);

    // Waiving the fine through its button.
    chat.clear();
    boss.says(waive.command);
    CHECK(chat.last() == "已撤销 bob 2026-03-04 的罚款 5.05 元（记一笔冲正，原记录保留）。");
    CHECK(ledger.balance(group_key, "deposit:1:s:bob") == 5000);
    page = money(chat);
    CHECK(row(block<panel::table>(page, "罚款"), "bob").cells == cells{"bob", "2026-03-04", "5.05", "已撤销"});
    CHECK(row(block<panel::table>(page, "罚款"), "bob").actions.empty());
    CHECK(row(block<panel::table>(page, "成员"), "bob").cells ==
          cells{"bob", "押金已确认", "50.00", "1", "0", "0", "0.00", "50.00", "50.00"});
    CHECK(fact(block<panel::facts>(page, "账目"), "已进入群基金") == "0.00");

    // The last day closes: mallory's miss is fined and the panel offers /settle.
    chat.advance_to("2026-03-06 09:00");
    page = money(chat);
    CHECK(fact(block<panel::facts>(page, "「早起」"), "状态") == "已结束，待结算");
    auto const& settle = block<panel::actions>(page).items;
    REQUIRE(settle.size() == 1);
    CHECK(settle[0].label == "结算");
    CHECK(settle[0].confirm);
    CHECK(settle[0].command.plain_text() == "/settle");
    CHECK(block<panel::paragraph>(page, "结算预览").text == "现在发送 /settle 会生成下面的清单。");
    auto const& ended = block<panel::table>(page, "结算预览");
    CHECK(row(ended, "alice").cells == cells{"alice", "50.00", "0.00", "完成 3/3 天"});
    CHECK(row(ended, "bob").cells == cells{"bob", "50.00", "0.00", "完成 2/3 天，1 天罚款已撤销"});
    CHECK(row(ended, "Evegnp.exe X").cells ==
          cells{"Evegnp.exe X", "44.95", "0.00", "完成 2/3 天，缺卡 1 天扣 5.05 元，未达到全额退还的 3 天"});

    chat.clear();
    boss.says(settle[0].command);
    CHECK(chat.last().starts_with("💰「早起」结算清单："));
    page = money(chat);
    CHECK(fact(block<panel::facts>(page, "「早起」"), "状态") == "已结算");
    CHECK_FALSE(panel_test::has_heading(page, "结算预览"));
    CHECK(fact(block<panel::facts>(page, "结算清单"), "退款合计") == "144.95");
    auto const& owed = block<panel::table>(page, "成员");
    CHECK(owed.columns.back() == "应退");
    CHECK(row(owed, "Evegnp.exe X").cells.back() == "44.95（待退）");
    CHECK(row(block<panel::table>(page, "罚款"), "Evegnp.exe X").actions.empty());  // settled: no more waivers
    REQUIRE(labels(row(owed, "alice")) == cells{"标记已退款"});
    auto const refund = row(owed, "alice").actions.front();
    CHECK(refund.confirm);
    CHECK(refund.command.plain_text() == "/refund paid @alice");
    CHECK(mentioned(refund) == std::vector<bot::id>{bot::id("alice")});

    // Clicked in the console: the same command, run as the admin, the reply handed back.
    auto run = panel_test::click(chat, refund);
    CHECK(run.ran);
    CHECK(run.replies == cells{"已标记 alice 的退款 50.00 元为已退（1/3）。"});
    CHECK(ledger.balance(group_key, "deposit:1:s:alice") == 0);
    CHECK(ledger.balance(group_key, "external:s:alice") == 0);
    page = money(chat);
    CHECK(row(block<panel::table>(page, "成员"), "alice").cells.back() == "50.00（已退）");
    CHECK(row(block<panel::table>(page, "成员"), "alice").actions.empty());
    CHECK(row(block<panel::table>(page, "押金挑战"), "早起").cells ==
          cells{"早起", "2026-03-03 至 2026-03-05（3 天）", "50.00", "每缺一天扣 5.05 元，扣完为止", "完成 3/3 天全额退还",
                "全部进入群基金", "已结算"});
    CHECK(ledger.verify().ok());
}

TEST_CASE("a member cannot use a panel's button: the command refuses them as in chat", "[deposit][panel]") {
    testing::fake_chat chat(quiet, loaded());
    set_up(chat);
    auto page = money(chat);
    auto const confirm = row(block<panel::table>(page, "成员"), "Evegnp.exe X").actions.front();
    // The console runs actions as the viewer; a viewer without the permission gets the refusal.
    bot::sender member{bot::id("alice"), "alice", {}, bot::role::member};
    auto run = testing::run(chat.io(), chat.bot().run_as(chat.group_ref(), member, confirm.command));
    CHECK(run.replies == cells{"抱歉，你没有使用 /deposit paid 的权限。"});
    CHECK(chat.bot().ledger().balance(group_key, "deposit:1:s:mallory") == 0);
}
