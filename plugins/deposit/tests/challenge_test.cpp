// Setting up a challenge, enrolling, paying, day closes, reminders and permissions.
#include <catch2/catch.hpp>

#include <fstream>

#include "plugins/deposit/tests/support.hpp"

using deposit_test::all;
using deposit_test::loaded;
using deposit_test::quiet;

namespace {

/// A 7-day challenge from tomorrow (2026-03-03) with a fixed fine, created by the admin "boss".
void create(testing::fake_chat& chat, std::string const& extra = "") {
    chat.user("boss").is(bot::role::admin).says("/challenge new 早起 start=2026-03-03 days=7 deposit=50 fine=5 " + extra);
}

}  // namespace

TEST_CASE("an admin creates a challenge and the rules are announced in plain words", "[deposit]") {
    testing::fake_chat chat(quiet, loaded());
    create(chat, "full=6 to=split:30 leave=2 leaver=prorata");
    INFO(all(chat));
    auto text = chat.last();
    CHECK(text.find("押金挑战「早起」") != std::string::npos);
    CHECK(text.find("2026-03-03 至 2026-03-09，共 7 天") != std::string::npos);
    CHECK(text.find("押金：50.00 元") != std::string::npos);
    CHECK(text.find("每缺一天扣 5.00 元") != std::string::npos);
    CHECK(text.find("完成 6 天即可全额退还（前 1 次缺卡不扣钱）") != std::string::npos);
    CHECK(text.find("最多请假 2 天") != std::string::npos);
    CHECK(text.find("30% 进入群基金，其余由完成挑战的成员平分") != std::string::npos);
    CHECK(text.find("按已完成天数的比例退还") != std::string::npos);
    chat.clear();
    chat.user("bob").says("/challenge");
    CHECK(chat.replied("押金挑战「早起」"));
    CHECK(chat.replied("已报名 0 人"));
}

TEST_CASE("a forfeit curve is announced as a share of what remains", "[deposit]") {
    testing::fake_chat chat(quiet, loaded());
    chat.user("boss").is(bot::role::admin).says("/challenge new 读书 fine=50% to=finishers");
    CHECK(chat.replied("每缺一天扣掉剩余押金的 50%"));
    CHECK(chat.replied("由完成挑战的成员平分（无人完成则进入群基金）"));
    CHECK(chat.replied("2026-03-03 至 2026-03-23，共 21 天"));
}

TEST_CASE("/challenge new without settings shows the syntax, bad settings say which key", "[deposit]") {
    testing::fake_chat chat(quiet, loaded());
    chat.user("boss").is(bot::role::admin).says("/challenge new");
    CHECK(chat.replied("用法：/challenge new 名称 键=值"));
    chat.clear();
    chat.user("boss").says("/challenge new 早起 days=7 full=9");
    CHECK(chat.last() == "设置「full」有误：全额退还所需天数不能超过挑战天数 7");
    chat.clear();
    chat.user("boss").says("/challenge new 早起 colour=red");
    CHECK(chat.replied("设置「colour」有误：未知的设置"));
    chat.clear();
    chat.user("bob").says("/challenge");
    CHECK(chat.last() == "现在没有押金挑战。管理员可以用 /challenge new 创建。");
}

TEST_CASE("a second challenge waits until the first is settled", "[deposit]") {
    testing::fake_chat chat(quiet, loaded());
    create(chat);
    chat.clear();
    create(chat);
    CHECK(chat.last() == "「早起」还没有结算，结算（/settle）后才能新建挑战。");
}

TEST_CASE("members without admin rights are refused and nothing happens", "[deposit][permissions]") {
    testing::fake_chat chat(quiet, loaded());
    chat.user("bob").says("/challenge new 早起 days=7");
    CHECK(chat.last() == "抱歉，你没有使用 /challenge new 的权限。");
    chat.clear();
    chat.user("bob").says("/challenge");
    CHECK(chat.last() == "现在没有押金挑战。管理员可以用 /challenge new 创建。");

    create(chat);
    chat.user("bob").says("/challenge join");
    chat.clear();
    chat.user("bob").says("/deposit paid @bob 50");
    CHECK(chat.last() == "抱歉，你没有使用 /deposit paid 的权限。");
    chat.user("bob").says("/settle");
    CHECK(chat.last() == "抱歉，你没有使用 /settle 的权限。");
    chat.user("bob").says("/refund paid @bob");
    CHECK(chat.last() == "抱歉，你没有使用 /refund paid 的权限。");
    chat.user("bob").says("/deposit waive @bob 2026-03-03");
    CHECK(chat.last() == "抱歉，你没有使用 /deposit waive 的权限。");
    chat.user("bob").says("/deposit export");
    CHECK(chat.last() == "抱歉，你没有使用 /deposit export 的权限。");
    chat.user("carol").says("/deposit status @bob");
    CHECK(chat.last() == "只有管理员可以查看别人的押金。发送 /deposit status 查看自己的。");
    CHECK(chat.bot().ledger().balances(deposit_test::group_key).empty());
}

TEST_CASE("a member joins, the admin confirms the deposit once, and status shows it", "[deposit]") {
    testing::fake_chat chat(quiet, loaded());
    create(chat);
    chat.clear();
    chat.user("bob").says("/challenge join");
    CHECK(chat.last() ==
          "bob 报名「早起」成功！请把押金 50.00 元交给管理员，确认后生效；2026-03-04 09:00 前未确认将自动取消报名。");
    chat.user("bob").says("/challenge join");
    CHECK(chat.last() == "bob 已经报名了，正在等管理员确认押金。");
    chat.user("bob").says("/deposit status");
    CHECK(chat.last().find("早起」bob：押金待确认") != std::string::npos);

    chat.user("boss").says("/deposit paid @bob 30");
    CHECK(chat.last() == "「早起」的押金是 50.00 元，收到的却是 30.00 元。请核对后再确认。");
    chat.user("carol").says("早");
    chat.user("boss").says("/deposit paid @carol");
    CHECK(chat.last() == "carol 没有报名「早起」，请先让 TA 发送 /challenge join。");
    chat.clear();
    chat.user("boss").says("/deposit paid @bob 50");
    CHECK(chat.last() == "@bob 押金 50.00 元已确认收到，「早起」正式生效。还有 0 人待确认。");
    chat.user("boss").says("/deposit paid @bob 50");
    CHECK(chat.last() == "bob 的押金已经确认过了，不会重复记账。");
    auto& ledger = chat.bot().ledger();
    CHECK(ledger.balance(deposit_test::group_key, "deposit:1:s:bob") == 5000);
    CHECK(ledger.balance(deposit_test::group_key, "external:s:bob") == -5000);

    chat.user("bob").says("/challenge join");
    CHECK(chat.last() == "bob 已经报名并交了押金，加油！");
    chat.user("bob").says("/deposit status");
    INFO(chat.last());
    CHECK(chat.last().find("押金已确认") != std::string::npos);
    CHECK(chat.last().find("还剩 7 天") != std::string::npos);
    CHECK(chat.last().find("押金 50.00 元，已扣 0.00 元，现在可退 50.00 元") != std::string::npos);
    chat.user("boss").says("/deposit status @bob");
    CHECK(chat.last().find("押金已确认") != std::string::npos);
}

TEST_CASE("unpaid enrolments are reminded in one message and expire after the configured time", "[deposit]") {
    testing::fake_chat chat(quiet + "[plugins.deposit]\npay_within = \"1d\"\nremind_at = \"20:00\"\n", loaded());
    create(chat);
    chat.user("bob").says("/challenge join");
    chat.user("carol").says("/challenge join");
    chat.clear();
    chat.advance_to("2026-03-02 20:00");
    INFO(all(chat));
    REQUIRE(chat.sent().size() == 1);
    CHECK(chat.last().find("押金还没确认，请尽快把 50.00 元交给管理员") != std::string::npos);
    CHECK(chat.last().find("@bob（2026-03-03 09:00 前）") != std::string::npos);
    CHECK(chat.last().find("@carol") != std::string::npos);
    chat.user("boss").is(bot::role::admin).says("/deposit paid @carol");
    chat.clear();
    chat.advance_to("2026-03-03 09:00");
    CHECK(chat.last() == "@bob 报名「早起」已取消：1d 内押金没有确认。想参加可以重新 /challenge join。");
    chat.user("boss").says("/deposit status @bob");
    CHECK(chat.last().find("报名已过期") != std::string::npos);
    // Still the first day: bob may enrol again.
    chat.user("bob").says("/challenge join");
    CHECK(chat.replied("bob 报名「早起」成功"));
    chat.advance_to("2026-03-04 09:00");
    chat.clear();
    chat.user("dave").says("/challenge join");
    CHECK(chat.last() == "「早起」已经开始，报名截止了。下次早点来哦！");
}

TEST_CASE("at day close a paid member who missed is fined, unpaid, done and on-leave members are not",
          "[deposit]") {
    testing::fake_chat chat(quiet, loaded());
    create(chat, "leave=1");
    for (auto name : {"alice", "bob", "carol", "dave"}) chat.user(name).says("/challenge join");
    for (auto name : {"alice", "bob", "carol"}) chat.user("boss").is(bot::role::admin).says(std::string("/deposit paid @") + name);
    chat.advance_to("2026-03-03 09:00");
    chat.user("alice").says("/checkin");
    chat.user("carol").says("/leave 2 出差");
    chat.clear();
    chat.advance_to("2026-03-04 00:00");
    INFO(all(chat));
    auto& ledger = chat.bot().ledger();
    auto const g = deposit_test::group_key;
    CHECK(ledger.balance(g, "deposit:1:s:alice") == 5000);
    CHECK(ledger.balance(g, "deposit:1:s:bob") == 4500);
    CHECK(ledger.balance(g, "deposit:1:s:carol") == 5000);
    CHECK(ledger.balance(g, "deposit:1:s:dave") == 0);
    CHECK(ledger.balance(g, "fund:test:g1") == 500);
    CHECK(ledger.has("deposit:1:s:bob:2026-03-03:fine"));
    CHECK(chat.replied("「早起」2026-03-03（第 1/7 天）：完成 1 人，请假 1 人，缺卡 1 人。\n@bob 扣 5.00 元，剩 45.00 元"));

    // carol's second leave day is over the challenge's limit of one: a miss.
    chat.clear();
    chat.advance_to("2026-03-05 00:00");
    CHECK(ledger.balance(g, "deposit:1:s:carol") == 4500);
    CHECK(chat.replied("@carol 扣 5.00 元"));
    chat.user("carol").says("/deposit status");
    CHECK(chat.last().find("完成 0 天 · 缺卡 1 天 · 请假 1 天 · 还剩 5 天") != std::string::npos);
}

TEST_CASE("the evening nudge @-mentions paid members not done today with what a miss costs", "[deposit]") {
    testing::fake_chat chat(quiet, loaded());
    create(chat, "full=6");
    for (auto name : {"alice", "bob", "carol"}) {
        chat.user(name).says("/challenge join");
        chat.user("boss").is(bot::role::admin).says(std::string("/deposit paid @") + name);
    }
    chat.advance_to("2026-03-03 09:00");
    chat.user("alice").says("打卡");
    chat.clear();
    chat.advance_to("2026-03-03 20:00");
    INFO(all(chat));
    REQUIRE(chat.sent().size() == 1);
    CHECK(chat.last() == "🔔「早起」今天还没完成的成员： @bob（缺卡可免罚，免罚还剩 1 次） @carol（缺卡可免罚，免罚还剩 1 次）\n"
                         "00:00 之前完成都算今天，加油！");
    chat.advance_to("2026-03-04 19:00");
    chat.user("alice").says("打卡");
    chat.clear();
    chat.advance_to("2026-03-04 20:00");
    CHECK(chat.last().find("@bob（缺卡扣 5.00 元）") != std::string::npos);
}

TEST_CASE("a paid member who leaves mid-challenge forfeits the rest under the forfeit rule", "[deposit]") {
    testing::fake_chat chat(quiet, loaded());
    create(chat);
    chat.user("bob").says("/challenge join");
    chat.user("carol").says("/challenge join");
    chat.user("boss").is(bot::role::admin).says("/deposit paid @bob");
    chat.advance_to("2026-03-04 08:00");  // day 1 closed: bob missed it; carol has not paid yet
    chat.clear();
    chat.user("bob").leaves();
    chat.user("carol").leaves();
    INFO(all(chat));
    CHECK(chat.replied("bob 中途退群，按规则剩余押金 45.00 元不退（全部进入群基金）。"));
    CHECK(chat.replied("carol 退群，「早起」的报名已取消。"));
    auto& ledger = chat.bot().ledger();
    CHECK(ledger.balance(deposit_test::group_key, "deposit:1:s:bob") == 0);
    CHECK(ledger.balance(deposit_test::group_key, "fund:test:g1") == 5000);
}

TEST_CASE("a pro-rata leaver gets back the share of days completed", "[deposit]") {
    testing::fake_chat chat(quiet, loaded());
    create(chat, "leaver=prorata to=finishers");
    chat.user("bob").says("/challenge join");
    chat.user("boss").is(bot::role::admin).says("/deposit paid @bob");
    chat.advance_to("2026-03-03 09:00");
    chat.user("bob").says("打卡");
    chat.advance_to("2026-03-04 09:00");
    chat.user("bob").says("打卡");
    chat.advance_to("2026-03-05 09:00");
    chat.clear();
    chat.user("bob").leaves();
    // 2 of 7 days: 5000 × 2 / 7 = 1428.57, rounded down to 1428; 3572 goes to the finishers' pool.
    CHECK(chat.last() == "bob 中途退群：完成 2/7 天，按比例退还 14.28 元，其余 35.72 元不退（由完成挑战的成员平分（无人完成则进入群基金））。");
    auto& ledger = chat.bot().ledger();
    CHECK(ledger.balance(deposit_test::group_key, "deposit:1:s:bob") == 1428);
    CHECK(ledger.balance(deposit_test::group_key, "deposit:1:pool") == 3572);
}

TEST_CASE("an admin reverses a fine with a new entry, the original stays in the ledger", "[deposit]") {
    testing::fake_chat chat(quiet, loaded());
    create(chat);
    chat.user("bob").says("/challenge join");
    chat.user("boss").is(bot::role::admin).says("/deposit paid @bob");
    chat.advance_to("2026-03-04 09:00");
    chat.clear();
    chat.user("boss").says("/deposit waive @bob 2026-03-03");
    CHECK(chat.last() == "已撤销 bob 2026-03-03 的罚款 5.00 元（记一笔冲正，原记录保留）。");
    chat.user("boss").says("/deposit waive @bob 2026-03-03");
    CHECK(chat.last() == "bob 2026-03-03 的罚款已经撤销过了。");
    chat.user("boss").says("/deposit waive @bob 2026-03-05");
    CHECK(chat.last() == "bob 在 2026-03-05 没有被罚款。");
    chat.user("boss").says("/deposit waive @bob yesterday");
    CHECK(chat.last() == "「yesterday」不是日期，请写成 2026-03-05 这样。");
    auto& ledger = chat.bot().ledger();
    CHECK(ledger.balance(deposit_test::group_key, "deposit:1:s:bob") == 5000);
    CHECK(ledger.balance(deposit_test::group_key, "fund:test:g1") == 0);
    CHECK(ledger.has("deposit:1:s:bob:2026-03-03:fine"));
    CHECK(ledger.has("reverse:deposit:1:s:bob:2026-03-03:fine"));
    CHECK(ledger.verify().ok());
}

TEST_CASE("under the message rule any chat completes the day", "[deposit]") {
    testing::fake_chat chat(quiet, loaded());
    create(chat, "rule=message");
    CHECK(chat.replied("完成一天：当天在群里发言"));
    for (auto name : {"bob", "carol"}) {
        chat.user(name).says("/challenge join");
        chat.user("boss").is(bot::role::admin).says(std::string("/deposit paid @") + name);
    }
    chat.advance_to("2026-03-03 09:00");
    chat.user("bob").says("早上好，今天读了十页");
    chat.user("carol").says("/deposit status");  // a command is not chat
    chat.advance_to("2026-03-04 00:00");
    auto& ledger = chat.bot().ledger();
    CHECK(ledger.balance(deposit_test::group_key, "deposit:1:s:bob") == 5000);
    CHECK(ledger.balance(deposit_test::group_key, "deposit:1:s:carol") == 4500);
}

TEST_CASE("export writes the challenge's ledger as CSV under the data folder", "[deposit]") {
    testing::fake_chat chat(quiet, loaded());
    create(chat);
    chat.user("bob").says("/challenge join");
    chat.user("boss").is(bot::role::admin).says("/deposit paid @bob");
    chat.advance_to("2026-03-04 09:00");
    chat.clear();
    chat.user("boss").says("/deposit export");
    auto path = chat.db_path().parent_path() / "exports" / "deposit-1.csv";
    CHECK(chat.last() == "已导出「早起」的账本（4 条分录）：" + path.string());
    std::ifstream in(path);
    std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(csv.starts_with("seq,time,key,kind,account,fen,yuan,memo,actor\n"));
    CHECK(csv.find(",deposit:1:s:bob:paid,deposit,external:s:bob,-5000,-50.00,「早起」bob 押金,") != std::string::npos);
    CHECK(csv.find(",deposit:1:s:bob:2026-03-03:fine,fine,fund:test:g1,500,5.00,") != std::string::npos);
}

TEST_CASE("a deposit confirmed by mistake is reversed with a new entry and can be confirmed again", "[deposit]") {
    testing::fake_chat chat(quiet, loaded());
    create(chat);
    chat.user("bob").says("/challenge join");
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/deposit paid @bob");
    chat.clear();
    boss.says("/deposit unpaid @bob");
    CHECK(chat.last() == "已撤销 bob 的押金确认 50.00 元（记一笔冲正，原记录保留），报名回到待确认。");
    boss.says("/deposit unpaid @bob");
    CHECK(chat.last() == "bob 的押金还没有确认过，无需撤销。");
    auto& ledger = chat.bot().ledger();
    CHECK(ledger.balance(deposit_test::group_key, "deposit:1:s:bob") == 0);
    CHECK(ledger.has("reverse:deposit:1:s:bob:paid"));
    boss.says("/deposit paid @bob");
    CHECK(chat.replied("@bob 押金 50.00 元已确认收到"));
    CHECK(ledger.has("deposit:1:s:bob:paid:2"));
    CHECK(ledger.balance(deposit_test::group_key, "deposit:1:s:bob") == 5000);
    chat.advance_to("2026-03-04 09:00");  // bob missed day 1 and was fined
    boss.says("/deposit unpaid @bob");
    CHECK(chat.last() == "bob 的押金已经有罚款或退款记录，不能撤销确认；请用 /deposit waive 逐笔更正。");
    CHECK(ledger.balance(deposit_test::group_key, "deposit:1:s:bob") == 4500);
    CHECK(ledger.verify().ok());
}

TEST_CASE("a challenge cancelled before its first day is judged owes every deposit back in full", "[deposit]") {
    testing::fake_chat chat(quiet, loaded());
    create(chat);
    chat.user("bob").says("/challenge join");
    chat.user("carol").says("/challenge join");
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/deposit paid @bob");
    chat.user("bob").says("/challenge cancel");
    CHECK(chat.last() == "抱歉，你没有使用 /challenge cancel 的权限。");
    chat.clear();
    boss.says("/challenge cancel");
    INFO(all(chat));
    CHECK(chat.last().starts_with("「早起」已取消。\n💰「早起」结算清单：\n1. bob：退 50.00 元 — 挑战取消，全额退还\n"
                                  "对账：押金合计 50.00 元 = 退款合计 50.00 元 + 进入群基金 0.00 元 ✅"));
    chat.clear();
    chat.advance_to("2026-03-05 09:00");  // no closes, no expiry for carol: the challenge is gone
    CHECK(chat.sent().empty());
    boss.says("/settle");  // the list again; a cancelled challenge's days are never judged
    CHECK(chat.last().find("1. bob：退 50.00 元 — 挑战取消，全额退还") != std::string::npos);
    CHECK(chat.bot().ledger().balance(deposit_test::group_key, "deposit:1:s:bob") == 5000);
    CHECK(chat.bot().ledger().balance(deposit_test::group_key, "fund:test:g1") == 0);
    boss.says("/refund paid @bob");
    CHECK(chat.last() == "已标记 bob 的退款 50.00 元为已退（1/1）。\n🎉「早起」的退款全部完成。");
    CHECK(chat.bot().ledger().balance(deposit_test::group_key, "deposit:1:s:bob") == 0);
    boss.says("/challenge new 早起二期 days=7");
    CHECK(chat.replied("押金挑战「早起二期」"));
}

TEST_CASE("a challenge cannot be cancelled once a day was judged", "[deposit]") {
    testing::fake_chat chat(quiet, loaded());
    create(chat);
    chat.user("bob").says("/challenge join");
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/deposit paid @bob");
    chat.advance_to("2026-03-04 09:00");
    boss.says("/challenge cancel");
    CHECK(chat.last() == "「早起」已经开始计算打卡，不能取消了；可以等结束后 /settle。");
}

TEST_CASE("a group closing at 04:00 judges its day at 04:00, counting a 01:30 check-in for the day before",
          "[deposit]") {
    testing::fake_chat chat(quiet + "[bot]\nday_close_hour = 4\n", loaded());
    create(chat);
    for (auto name : {"bob", "carol"}) {
        chat.user(name).says("/challenge join");
        chat.user("boss").is(bot::role::admin).says(std::string("/deposit paid @") + name);
    }
    chat.advance_to("2026-03-04 01:30");
    chat.user("bob").says("打卡");  // still 2026-03-03 in this group
    chat.advance_to("2026-03-04 03:59");
    auto& ledger = chat.bot().ledger();
    CHECK(ledger.balance(deposit_test::group_key, "deposit:1:s:carol") == 5000);
    chat.clear();
    chat.advance_to("2026-03-04 04:00");
    CHECK(chat.replied("「早起」2026-03-03（第 1/7 天）：完成 1 人，请假 0 人，缺卡 1 人。\n@carol 扣 5.00 元"));
    CHECK(ledger.balance(deposit_test::group_key, "deposit:1:s:bob") == 5000);
    CHECK(ledger.balance(deposit_test::group_key, "deposit:1:s:carol") == 4500);
}

TEST_CASE("with a judging delay a make-up after the day closed still counts", "[deposit]") {
    testing::fake_chat chat(quiet + "[plugins.deposit]\njudge_delay_hours = 12\n", loaded());
    create(chat);
    chat.user("bob").says("/challenge join");
    chat.user("boss").is(bot::role::admin).says("/deposit paid @bob");
    chat.advance_to("2026-03-04 09:00");
    chat.user("bob").says("/makeup 昨天读完了");
    CHECK(chat.replied("补卡"));
    chat.advance_to("2026-03-04 12:00");
    CHECK(chat.bot().ledger().balance(deposit_test::group_key, "deposit:1:s:bob") == 5000);
    CHECK_FALSE(chat.bot().ledger().has("deposit:1:s:bob:2026-03-03:fine"));
    chat.advance_to("2026-03-05 12:00");  // the 4th was neither checked in nor made up
    CHECK(chat.bot().ledger().balance(deposit_test::group_key, "deposit:1:s:bob") == 4500);
}

TEST_CASE("a group's /set overrides the defaults of its new challenges only", "[deposit]") {
    testing::fake_chat chat(quiet + "[plugins.deposit]\ndeposit = 50\n", loaded());
    auto boss = chat.user("boss").is(bot::role::admin);
    boss.says("/set deposit.deposit 30");
    boss.says("/set deposit.free_misses 2");
    boss.says("/set deposit.forfeit_to finishers");
    chat.clear();
    boss.says("/challenge new 早起 days=10");
    CHECK(chat.replied("押金：30.00 元"));
    CHECK(chat.replied("完成 8 天即可全额退还（前 2 次缺卡不扣钱）"));
    CHECK(chat.replied("由完成挑战的成员平分"));
    chat.clear();
    chat.user("boss").in("g2").is(bot::role::admin).says("/challenge new 早起 days=10");
    CHECK(chat.replied("押金：50.00 元"));
    CHECK(chat.replied("全部进入群基金"));
}
