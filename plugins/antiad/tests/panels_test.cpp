// The anti-ad panels of the admin console: the moderation log with one-click undo (/误判 #N), the
// group's lists with their remove buttons, and the moderation counters behind /metrics. State is
// made through the chat; each button is run as the console runs it and its effect checked.
#include <catch2/catch.hpp>

#include "plugins/antiad/tests/helpers.hpp"
#include "tests/support/panel_support.hpp"

using namespace antiad_test;
using namespace panel_test;

namespace {

constexpr char const* rlo = "\u202E";

bool clean(bot::panel::page const& p) {
    for (auto const& s : strings(p))
        if (s.find(rlo) != std::string::npos || s.find('\x07') != std::string::npos) return false;
    return true;
}

}  // namespace

TEST_CASE("the moderation log shows each handled ad, and its undo button is /wrong #N", "[antiad][panels]") {
    testing::fake_chat chat("[plugins.antiad]\nladder = [\"mute 10m\"]\n", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("bob").card(std::string(rlo) + "小明\x07");
    chat.user("bob").says(std::string("加我微信 abc12345") + rlo);

    auto page = draw(chat, "antiad", "log");
    CHECK(clean(page));
    auto t = tables(page);
    REQUIRE(t.size() == 1);
    CHECK(t[0].columns == std::vector<std::string>{"编号", "时间", "成员", "规则", "命中内容", "处理", "状态"});
    REQUIRE(t[0].rows.size() == 1);
    auto const& row = t[0].rows[0];
    CHECK(row.cells ==
          std::vector<std::string>{"#1", "03-02 09:00", "小明（bob）", "wechat", "微信 abc1****5", "recall、mute 10m、report", "生效中"});
    REQUIRE(row.actions.size() == 1);
    CHECK(row.actions[0].label == "撤销处理 / 不是广告");
    CHECK(row.actions[0].command.plain_text() == "/wrong #1");
    CHECK(row.actions[0].confirm);
    REQUIRE(last_mute(chat, "bob") == 600);

    auto replies = press(chat, row.actions[0]);
    CHECK(any_has(replies, "已撤销对 小明 的处理：撤销了这次警告，解除了禁言。本群以后相同的内容不再拦截。"));
    CHECK(last_mute(chat, "bob") == 0);
    // Run from the console, the answer came back to the console, not into the group.
    CHECK_FALSE(chat.replied("已撤销对"));

    auto after = tables(draw(chat, "antiad", "log"))[0];
    REQUIRE(after.rows.size() == 1);
    CHECK(after.rows[0].cells.back() == "已撤销（alice）");
    CHECK(after.rows[0].actions.empty());
    // The same text passes from now on, as after /误判 in the chat.
    auto again = chat.user("bob").says("加我微信 abc12345");
    CHECK_FALSE(recalled(chat, again));
}

TEST_CASE("/wrong #N in the chat undoes that incident, and refuses other groups' and unknown numbers",
          "[antiad][panels][learn]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("carol").is(bot::role::member);
    chat.user("bob").says("加我微信 abc12345");
    chat.user("bob").says("有事打我电话 13812345678");
    chat.clear();
    chat.user("alice").says("/modlog");
    CHECK(chat.replied("\n#2 03-02 09:00 bob mobile「138****5678」"));
    CHECK(chat.replied("\n#1 03-02 09:00 bob wechat「微信 abc1****5」"));

    chat.clear();
    chat.user("carol").says("/wrong #1");
    CHECK_FALSE(chat.replied("已撤销"));
    chat.user("alice").says("/误判 #1");
    CHECK(chat.replied("已撤销对 bob 的处理：撤销了这次警告。本群以后相同的内容不再拦截。"));
    chat.clear();
    chat.user("alice").says("/wrong ＃1");
    CHECK(chat.replied("这条处理已经撤销过了"));
    chat.user("alice").says("/wrong #99");
    CHECK(chat.replied("本群没有编号为 #99 的处理记录（编号见 /modlog）。"));
    chat.user("alice").says("/wrong abc");
    CHECK(chat.replied("或发送 /误判 #编号"));
    // Another group's admin cannot reach g1's incidents by number.
    chat.clear();
    chat.user("alice").in("g3").is(bot::role::admin).says("/wrong #2");
    CHECK(chat.replied("本群没有编号为 #2 的处理记录"));
    // Newest activity first, as /modlog: the undo made #1 the latest.
    auto rows = tables(draw(chat, "antiad", "log"))[0].rows;
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].cells[0] == "#1");
    CHECK(rows[0].cells.back() == "已撤销（alice）");
    CHECK(rows[0].actions.empty());
    CHECK(rows[1].cells[0] == "#2");
    CHECK(rows[1].cells.back() == "生效中");
    CHECK(rows[1].actions.at(0).command.plain_text() == "/wrong #2");
}

TEST_CASE("the lists panel shows domains, rules, learned items, approvals and warnings with their remove buttons",
          "[antiad][panels]") {
    testing::fake_chat chat("[plugins.antiad]\nallow_domains = [\"qq.com\"]\n", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("carol").is(bot::role::member);
    chat.user("dave").is(bot::role::member).card(std::string("戴") + rlo + "夫");
    chat.user("dave").says("大家好");
    chat.user("alice").says("/antiad allow example.com");
    chat.user("alice").says("/antiad rule add 代理.{0,3}招募");
    chat.user("alice").says("/approve @carol");
    chat.user("alice").says(std::string("/warn @dave 刷屏") + rlo);
    chat.user("bob").says("加我微信 abc12345");
    chat.user("alice").says("/wrong #1");

    auto page = draw(chat, "antiad", "lists");
    CHECK(clean(page));
    auto facts = first<bot::panel::facts>(page);
    REQUIRE(facts);
    CHECK(facts->rows[0] == std::pair<std::string, std::string>{"模式", "开启（处理广告）"});
    auto t = tables(page);
    REQUIRE(t.size() == 5);

    auto const& domains = t[0].rows;
    REQUIRE(domains.size() == 2);
    CHECK(domains[0].cells == std::vector<std::string>{"qq.com", "配置文件"});
    CHECK(domains[0].actions.empty());
    CHECK(domains[1].cells == std::vector<std::string>{"example.com", "管理员添加"});
    REQUIRE(domains[1].actions.size() == 1);
    CHECK(domains[1].actions[0].label == "移除");
    CHECK(domains[1].actions[0].command.plain_text() == "/antiad disallow example.com");

    auto const& rules = t[1].rows;
    REQUIRE(rules.size() == 1);
    CHECK(rules[0].cells == std::vector<std::string>{"#1", "代理.{0,3}招募"});
    CHECK(rules[0].actions.at(0).command.plain_text() == "/antiad rule remove 1");

    auto const& learned = t[2].rows;
    REQUIRE(learned.size() == 1);
    CHECK(learned[0].cells == std::vector<std::string>{"1", "放行", "加我微信 abc1****5", "03-02 09:00"});
    CHECK(learned[0].actions.at(0).command.plain_text() == "/antiad forget 1");

    auto const& approved = t[3].rows;
    REQUIRE(approved.size() == 1);
    CHECK(approved[0].cells == std::vector<std::string>{"carol"});
    REQUIRE(approved[0].actions.size() == 1);
    CHECK(approved[0].actions[0].label == "取消免检");
    CHECK(mentions(approved[0].actions[0]) == std::vector<std::string>{"carol"});
    CHECK(approved[0].actions[0].confirm);

    auto const& warned = t[4].rows;
    REQUIRE(warned.size() == 1);
    CHECK(warned[0].cells == std::vector<std::string>{"dave", "1", "03-02 09:00", "刷屏"});
    REQUIRE(warned[0].actions.size() == 1);
    CHECK(mentions(warned[0].actions[0]) == std::vector<std::string>{"dave"});
    CHECK(warned[0].actions[0].command.plain_text().starts_with("/unwarn @"));

    // Every button does what its command does in the chat.
    CHECK(any_has(press(chat, domains[1].actions[0]), "已移除允许的域名 example.com"));
    CHECK(any_has(press(chat, rules[0].actions[0]), "已删除规则 #1"));
    CHECK(any_has(press(chat, learned[0].actions[0]), "已删除学到的第 1 条"));
    CHECK(any_has(press(chat, approved[0].actions[0]), "移出免检名单"));
    CHECK(any_has(press(chat, warned[0].actions[0]), "剩余 0 次"));
    auto emptied = tables(draw(chat, "antiad", "lists"));
    CHECK(emptied[0].rows.size() == 1);
    for (std::size_t i = 1; i < emptied.size(); ++i) CHECK(emptied[i].rows.empty());
    // And the forgotten pass no longer lets the ad through.
    auto ad = chat.user("bob").says("加我微信 abc12345");
    CHECK(recalled(chat, ad));
}

TEST_CASE("a member cannot use the console's commands, whatever the button says", "[antiad][panels]") {
    testing::fake_chat chat("[plugins.antiad]\nladder = [\"mute 10m\"]\n", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("bob").says("加我微信 abc12345");
    auto action = tables(draw(chat, "antiad", "log"))[0].rows.at(0).actions.at(0);
    bot::sender carol{bot::id("carol"), "carol", {}, bot::role::member};
    auto run = testing::run(chat.io(), chat.bot().run_as(chat.group_ref(), carol, action.command));
    CHECK_FALSE(any_has(run.replies, "已撤销"));
    CHECK(last_mute(chat, "bob") == 600);
}

TEST_CASE("moderation actions are counted by rule and action for /metrics", "[antiad][panels][metrics]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("bob").says("加我微信 abc12345");
    chat.user("bob").says("有事打我电话 13812345678");
    chat.user("carol").says("加我微信 xyz98765");
    auto& m = chat.bot().metrics();
    auto const* name = "qunbot_moderation_actions_total";
    CHECK(m.value(name, {{"rule", "wechat"}, {"action", "recall"}}) == 2);
    CHECK(m.value(name, {{"rule", "wechat"}, {"action", "warn"}}) == 2);
    CHECK(m.value(name, {{"rule", "mobile"}, {"action", "recall"}}) == 1);
    CHECK(m.value(name, {{"rule", "mobile"}, {"action", "mute"}}) == 1);
    CHECK(m.value(name, {{"rule", "mobile"}, {"action", "kick"}}) == 0);
    auto text = m.prometheus();
    CHECK(text.find("# TYPE qunbot_moderation_actions_total counter") != std::string::npos);
    CHECK(text.find("qunbot_moderation_actions_total{rule=\"mobile\",action=\"mute\"} 1") != std::string::npos);
}
