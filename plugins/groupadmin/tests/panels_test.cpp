// The group-admin panels of the admin console: the bot's mutes with a button that lifts each (by
// the member, not by a number that moves), the night mode, and the daily activity record behind
// the activity chart (group days with their day close, the message's own time, a bounded window).
#include <catch2/catch.hpp>

#include "plugins/groupadmin/tests/helpers.hpp"
#include "tests/support/panel_support.hpp"
#include "storage/database.hpp"
#include "tests/support/commits.hpp"

using namespace groupadmin_test;
using namespace panel_test;
using namespace std::chrono_literals;

namespace {

constexpr char const* rlo = "\u202E";

void bot_mutes(testing::fake_chat& chat, std::string const& user, std::chrono::seconds d, std::string const& why) {
    auto api = chat.bot().account("test", bot::id("bot"));
    REQUIRE(api);
    REQUIRE(testing::run(chat.io(), api->mute(bot::id("g1"), bot::id(user), d, why)));
}

/// The mutes the bot lifted (mutes of zero seconds), by member.
std::vector<std::string> lifted(testing::fake_chat& chat) {
    std::vector<std::string> out;
    for (auto const& a : actions_of(chat, "mute"))
        if (a.duration == 0s) out.push_back(a.user.str());
    return out;
}

/// The rows of a table once the batched bookkeeping is written.
std::int64_t rows_in(testing::fake_chat& chat, std::string const& table) {
    chat.bot().batch().flush();
    auto& q = chat.bot().db().prepare("SELECT COUNT(*) FROM " + table);
    storage::statement_guard guard{q};
    REQUIRE(q.executeStep());
    return q.getColumn(0).getInt64();
}

}  // namespace

TEST_CASE("the mutes panel lists the bot's mutes and its button lifts that member's mute", "[groupadmin][panels]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    chat.user("bob").card(std::string(rlo) + "鲍勃");
    chat.user("bob").says("大家好");
    bot_mutes(chat, "bob", 10min, "反广告自动禁言");
    bot_mutes(chat, "carol", 2h, std::string("入群验证") + rlo);

    auto page = draw(chat, "groupadmin", "mutes");
    CHECK_FALSE(shows(page, rlo));
    auto t = tables(page);
    REQUIRE(t.size() == 1);
    CHECK(t[0].columns == std::vector<std::string>{"序号", "成员", "到期", "剩余", "原因"});
    REQUIRE(t[0].rows.size() == 2);
    CHECK(t[0].rows[0].cells == std::vector<std::string>{"1", "鲍勃（bob）", "03-02 09:10", "10 分钟", "反广告自动禁言"});
    CHECK(t[0].rows[1].cells == std::vector<std::string>{"2", "carol", "03-02 11:00", "2 小时", "入群验证"});
    auto const& lift_carol = t[0].rows[1].actions.at(0);
    CHECK(lift_carol.label == "解除禁言");
    CHECK(lift_carol.confirm);
    CHECK(mentions(lift_carol) == std::vector<std::string>{"carol"});
    CHECK(lift_carol.command.plain_text() == "/mutes 解除 @carol");

    // bob's mute ends before the admin clicks: carol is now first in /mutes, and the button
    // (drawn when she was second) still lifts hers, not someone else's.
    chat.advance(11min);
    auto replies = press(chat, lift_carol);
    CHECK(any_has(replies, "已解除 carol 的禁言。"));
    CHECK(lifted(chat) == std::vector<std::string>{"carol"});
    CHECK(tables(draw(chat, "groupadmin", "mutes"))[0].rows.empty());
    // Clicked again (a stale page), it lifts nothing and says why.
    CHECK(any_has(press(chat, lift_carol), "carol 不在机器人执行、仍在生效的禁言里"));
    CHECK(lifted(chat).size() == 1);
}

TEST_CASE("/mutes 解除 takes a member as well as a number", "[groupadmin][mutes]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    chat.user("carol").is(bot::role::member);
    bot_mutes(chat, "bob", 1h, "");
    bot_mutes(chat, "carol", 2h, "");
    chat.user("alice").says("/mutes 解除 @carol");
    CHECK(chat.replied("已解除 carol 的禁言。"));
    CHECK(lifted(chat) == std::vector<std::string>{"carol"});
    chat.user("alice").says("/mutes 解除 @carol");
    CHECK(chat.replied("carol 不在机器人执行、仍在生效的禁言里"));
    chat.user("alice").says("/mutes 解除 1");
    CHECK(lifted(chat) == std::vector<std::string>{"carol", "bob"});
    chat.user("bob").says("/mutes 解除 @carol");
    CHECK(lifted(chat).size() == 2);
}

TEST_CASE("the night mode shows in the mutes panel and its button turns it off", "[groupadmin][panels][night]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    auto off = draw(chat, "groupadmin", "mutes");
    auto facts = first<bot::panel::facts>(off);
    REQUIRE(facts);
    CHECK(facts->rows.at(0) == std::pair<std::string, std::string>{"宵禁", "未开启"});
    CHECK(first<bot::panel::actions>(off) == nullptr);

    chat.user("alice").says("/宵禁 23:00 07:00");
    chat.advance_to("2026-03-02 23:30");
    auto on = draw(chat, "groupadmin", "mutes");
    facts = first<bot::panel::facts>(on);
    REQUIRE(facts);
    using row = std::pair<std::string, std::string>;
    CHECK(facts->rows == std::vector<row>{{"宵禁", "已开启"},
                                          {"时间", "每天 23:00–07:00（Asia/Shanghai）"},
                                          {"现在", "在宵禁时间内"},
                                          {"全员禁言", "已开启（03-02 23:00 起）"}});
    auto buttons = first<bot::panel::actions>(on);
    REQUIRE(buttons);
    REQUIRE(buttons->items.size() == 1);
    CHECK(buttons->items[0].command.plain_text() == "/night 关");
    CHECK(buttons->items[0].confirm);
    CHECK(any_has(press(chat, buttons->items[0]), "已关闭宵禁。已解除今晚的全员禁言。"));
    auto later = draw(chat, "groupadmin", "mutes");
    auto after = first<bot::panel::facts>(later);
    REQUIRE(after);
    CHECK(after->rows.at(0) == row{"宵禁", "未开启"});
    CHECK(after->rows.at(1) == row{"全员禁言", "未开启"});
}

TEST_CASE("messages count on the group day they were sent, across the day close", "[groupadmin][panels][activity]") {
    testing::fake_chat chat("[bot]\nday_close_hour = 4\n", loaded());  // 2026-03-02 09:00
    admins(chat);
    chat.user("bob").says("早");
    chat.advance_to("2026-03-03 03:50");
    chat.user("bob").says("还没睡");
    chat.user("carol").says("我也是");
    chat.advance_to("2026-03-03 04:10");
    chat.user("bob").says("早上好");
    // Sent before the close and delivered after it: it belongs to the day it was sent on.
    chat.user("dave").sent_at("2026-03-03 03:59").says("晚安");

    auto page = draw(chat, "groupadmin", "activity");
    auto c = first<bot::panel::chart>(page);
    REQUIRE(c);
    REQUIRE(c->labels.size() == 30);
    CHECK(c->labels.front() == "02-02");
    CHECK(c->labels.back() == "03-03");
    REQUIRE(c->data.size() == 2);
    CHECK(c->data[0].name == "消息数");
    CHECK(c->data[1].name == "活跃成员");
    auto tail = [](std::vector<double> const& v) { return std::vector<double>(v.end() - 3, v.end()); };
    CHECK(tail(c->data[0].values) == std::vector<double>{0, 4, 1});
    CHECK(tail(c->data[1].values) == std::vector<double>{0, 3, 1});
    auto facts = first<bot::panel::facts>(page);
    REQUIRE(facts);
    CHECK(facts->rows.at(0).first == "今天（2026-03-03）");
    CHECK(facts->rows.at(0).second == "1 条消息，1 人发言");
    CHECK(facts->rows.at(1).second == "5 条消息");
}

TEST_CASE("the activity record keeps one row a group day, members one row each, and drops days past 120",
          "[groupadmin][activity]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    for (int i = 0; i < 5; ++i) chat.user("bob").says("消息 " + std::to_string(i));
    chat.user("carol").says("你好");
    CHECK(rows_in(chat, "groupadmin_activity_days") == 1);
    CHECK(rows_in(chat, "member_presence") == 2);
    chat.advance(24h * 119);
    chat.user("bob").says("还在");
    CHECK(rows_in(chat, "groupadmin_activity_days") == 2);
    // A new day of a member rewrites their row; it adds none.
    CHECK(rows_in(chat, "member_presence") == 2);
    chat.advance(24h);
    chat.user("bob").says("第 121 天");
    // The first day is now 120 days back: gone; the window holds the rest.
    CHECK(rows_in(chat, "groupadmin_activity_days") == 2);
    CHECK(rows_in(chat, "member_presence") == 2);
    auto page = draw(chat, "groupadmin", "activity");
    auto c = first<bot::panel::chart>(page);
    REQUIRE(c);
    CHECK(c->data[0].values.back() == 1);
    CHECK(c->data[1].values.back() == 1);
}

TEST_CASE("counting messages costs no write per message: the core's batch writes them in one commit",
          "[groupadmin][activity]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    chat.user("bob").says("早");
    chat.bot().batch().flush();
    testing::commit_counter commits(chat.bot().db());
    for (int i = 0; i < 50; ++i) chat.user(i % 2 ? "bob" : "carol").says("消息 " + std::to_string(i));
    CHECK(commits.commits() == 0);
    CHECK(chat.bot().batch().flush());
    CHECK(commits.commits() == 1);
    auto page = draw(chat, "groupadmin", "activity");
    auto facts = first<bot::panel::facts>(page);
    REQUIRE(facts);
    CHECK(facts->rows.at(0).second == "51 条消息，2 人发言");
}

TEST_CASE("a member's day of activity writes no row of its own, and the name shown is still the latest day's",
          "[groupadmin][activity]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    // The plugin keeps no table of member days: a member's day is their one row of presence.
    CHECK(rows_in(chat, "sqlite_master WHERE name = 'groupadmin_activity_members'") == 0);
    CHECK(rows_in(chat, "sqlite_master WHERE type = 'index' AND tbl_name = 'member_presence'") == 0);
    chat.user("bob").card("旧名");
    chat.user("bob").says("早");
    chat.advance(std::chrono::hours(24));
    chat.user("carol").says("早上好");
    chat.advance(std::chrono::hours(24));
    chat.user("bob").card("新名");
    chat.user("bob").says("早");
    chat.advance(std::chrono::hours(24));
    chat.user("carol").says("今天也早");
    bot_mutes(chat, "bob", 10min, "测试");
    auto t = tables(draw(chat, "groupadmin", "mutes"));
    REQUIRE(t.size() == 1);
    REQUIRE(t[0].rows.size() == 1);
    CHECK(t[0].rows[0].cells.at(1) == "新名（bob）");
}

TEST_CASE("a member counts once a day, across a restart too", "[groupadmin][activity]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    chat.user("bob").says("早");
    chat.user("carol").says("早");
    chat.restart();
    chat.user("bob").says("又来了");
    chat.user("dave").says("我也来了");
    auto today = [&] {
        auto page = draw(chat, "groupadmin", "activity");
        auto facts = first<bot::panel::facts>(page);
        REQUIRE(facts);
        return facts->rows.at(0).second;
    };
    CHECK(today() == "4 条消息，3 人发言");
    chat.advance(24h);
    chat.user("bob").says("第二天");
    CHECK(today() == "1 条消息，1 人发言");
}

TEST_CASE("a database from before the core's presence record keeps each member's last day and name",
          "[groupadmin][activity][migration]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    // The member days as schema step 3 left them, and today's count so far (carol spoke).
    auto& db = chat.bot().db();
    db.raw().exec(
        "DELETE FROM member_presence;"
        "CREATE TABLE groupadmin_activity_members(group_key TEXT NOT NULL, day TEXT NOT NULL, user TEXT NOT NULL, "
        "name TEXT NOT NULL, PRIMARY KEY(group_key, day, user)) WITHOUT ROWID;"
        "UPDATE schema_versions SET version = 3 WHERE owner = 'groupadmin'");
    auto const g = chat.group_ref().key();
    auto row = [&](char const* table, std::string const& day, std::string const& user, std::string const& name) {
        auto& q = db.prepare(std::string("INSERT INTO ") + table + " VALUES(?1, ?2, ?3, ?4)");
        q.bind(1, g);
        q.bind(2, day);
        q.bind(3, user);
        q.bind(4, name);
        q.exec();
        q.reset();
        q.clearBindings();
    };
    row("groupadmin_activity_members", "2026-02-27", bot::id("bob").encode(), "旧名");
    row("groupadmin_activity_members", "2026-03-01", bot::id("bob").encode(), "新名");
    row("groupadmin_activity_members", "2026-03-02", bot::id("carol").encode(), "卡罗尔");
    db.raw().exec("INSERT INTO groupadmin_activity_days VALUES('" + g + "', '2026-03-02', 3, 1)");
    chat.restart();
    CHECK(rows_in(chat, "sqlite_master WHERE name = 'groupadmin_activity_members'") == 0);
    auto bob = chat.bot().presence().member(g, bot::id("bob"));
    REQUIRE(bob);
    CHECK(bob->name == "新名");
    CHECK(bob->first_day == bot::civil_date{2026, 2, 27});
    CHECK(bob->last_spoke == bot::civil_date{2026, 3, 1});
    bot_mutes(chat, "bob", 10min, "测试");
    auto t = tables(draw(chat, "groupadmin", "mutes"));
    REQUIRE(t.size() == 1);
    REQUIRE(t[0].rows.size() == 1);
    CHECK(t[0].rows[0].cells.at(1) == "新名（bob）");
    // carol was counted today before the upgrade; bob was not.
    chat.user("carol").says("再说一句");
    chat.user("bob").says("今天第一句");
    auto page = draw(chat, "groupadmin", "activity");
    auto facts = first<bot::panel::facts>(page);
    REQUIRE(facts);
    CHECK(facts->rows.at(0).second == "5 条消息，2 人发言");
}
