// The welcome panels of the admin console: the intake directory as an admin sees it under the /who
// privacy rule, open verifications and join requests with their buttons, the rules, the join and
// leave record, and joins and leaves per day. State is made through the chat; each button is run
// as the console runs it and its effect checked.
#include <catch2/catch.hpp>

#include "plugins/welcome/tests/helpers.hpp"
#include "tests/support/panel_support.hpp"

using namespace welcome_test;
using namespace panel_test;
using namespace std::chrono_literals;

namespace {

constexpr char const* rlo = "\u202E";

constexpr char const* fields_toml =
    "[plugins.welcome]\nprivacy_threshold = 3\nfields = [\"role:职位\", \"company:公司\", \"strengths:擅长\"]\n";

constexpr char const* question_toml =
    "[plugins.welcome]\nverify = \"question\"\nverify_question = \"本群读什么？\"\nverify_answers = [\"读书\"]\n"
    "verify_timeout = \"5m\"\nverify_retries = 2\nburst_window = \"0s\"\n";

bool answered(testing::fake_chat& chat, std::string const& flag, bool approve) {
    for (auto const& a : chat.actions())
        if (a.kind == "answer" && a.message_id == bot::id(flag)) return a.approve == approve;
    return false;
}

}  // namespace

TEST_CASE("the directory shows members' profiles to the admin, private fields marked, text cleaned",
          "[welcome][panels][who]") {
    testing::fake_chat chat(fields_toml, plugin());
    chat.user("alice").is(bot::role::admin);
    chat.user("dave").card(std::string(rlo) + "戴夫").joins();
    chat.user("dave").says(std::string("职位：设计师 公司：星河") + rlo + "科技 擅长：品牌设计");
    chat.user("erin").joins();  // alice, dave, erin: three members, past the threshold
    chat.user("frank").joins();
    chat.user("frank").says("职位：会计 公司：某某 擅长：算账");
    chat.user("frank").leaves();

    // A member's /who hides the name and the company...
    chat.clear();
    chat.user("bob").says("/who 设计");
    CHECK(chat.replied("成员 1"));
    CHECK_FALSE(chat.replied("星河"));
    // ...the admin's console shows them, marked, and only current members.
    auto page = draw(chat, "welcome", "directory");
    CHECK_FALSE(shows(page, rlo));
    auto t = tables(page);
    REQUIRE(t.size() == 1);
    CHECK(t[0].columns == std::vector<std::string>{"成员（私密）", "职位", "公司（私密）", "擅长"});
    REQUIRE(t[0].rows.size() == 1);
    CHECK(t[0].rows[0].cells == std::vector<std::string>{"戴夫（dave）", "设计师", "星河科技", "品牌设计"});
    CHECK(t[0].rows[0].actions.empty());
    auto note = first<bot::panel::paragraph>(page);
    REQUIRE(note);
    CHECK(note->text == "本群已达 3 人：成员用 /who 找人时看不到标为「私密」的字段，这里是管理员视图。");
}

TEST_CASE("open verifications can be passed or removed from the console", "[welcome][panels][verify]") {
    testing::fake_chat chat(question_toml, plugin());
    chat.user("alice").is(bot::role::admin);
    chat.user("dave").card(std::string(rlo) + "戴夫").joins();
    chat.advance(1min);
    chat.user("erin").joins();

    auto t = tables(draw(chat, "welcome", "verification"));
    REQUIRE(t.size() == 1);
    CHECK(t[0].columns == std::vector<std::string>{"成员", "问题", "剩余次数", "截止", "状态"});
    REQUIRE(t[0].rows.size() == 2);
    CHECK(t[0].rows[0].cells == std::vector<std::string>{"戴夫（dave）", "本群读什么？", "2", "03-02 09:05", "等待回答"});
    CHECK(t[0].rows[1].cells == std::vector<std::string>{"erin", "本群读什么？", "2", "03-02 09:06", "等待回答"});
    auto const& pass = t[0].rows[0].actions.at(0);
    auto const& kick = t[0].rows[1].actions.at(1);
    CHECK(pass.label == "通过");
    CHECK(pass.confirm);
    CHECK(mentions(pass) == std::vector<std::string>{"dave"});
    CHECK(pass.command.plain_text().starts_with("/verify pass @"));
    CHECK(kick.label == "移出");
    CHECK(kick.confirm);
    CHECK(mentions(kick) == std::vector<std::string>{"erin"});
    CHECK(kick.command.plain_text() == "/verify kick @erin");

    chat.clear();
    press(chat, pass);
    CHECK(chat.replied("✅ 管理员已让 @戴夫 通过验证。"));
    CHECK(count(chat, "mute", "dave") == 2);  // muted at the join, unmuted now
    CHECK(any_has(press(chat, kick), "已将 erin 移出本群。"));
    CHECK(count(chat, "kick", "erin") == 1);
    CHECK(tables(draw(chat, "welcome", "verification"))[0].rows.empty());
    // A stale button acts on nobody.
    CHECK(any_has(press(chat, kick), "没有"));
    CHECK(count(chat, "kick", "erin") == 1);
}

TEST_CASE("open join requests are approved or rejected from the console", "[welcome][panels][requests]") {
    testing::fake_chat chat("", plugin());
    chat.user("alice").is(bot::role::admin);
    chat.deliver(bot::ev::join_request{bot::id("g1"), bot::id("gina"), std::string("想来读书") + rlo, bot::id("f1"), false});
    chat.advance(5min);
    chat.deliver(bot::ev::join_request{bot::id("g1"), bot::id("hank"), "加我微信", bot::id("f2"), false});

    auto page = draw(chat, "welcome", "requests");
    CHECK_FALSE(shows(page, rlo));
    auto rows = tables(page).at(0).rows;
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].cells == std::vector<std::string>{"1", "gina", "想来读书", "03-02 09:00"});
    CHECK(rows[1].cells == std::vector<std::string>{"2", "hank", "加我微信", "03-02 09:05"});
    CHECK(rows[0].actions.at(0).label == "同意");
    CHECK(rows[0].actions.at(0).command.plain_text() == "/request accept 1");
    CHECK(rows[1].actions.at(1).label == "拒绝");
    CHECK(rows[1].actions.at(1).command.plain_text() == "/request reject 2");
    CHECK(rows[1].actions.at(1).confirm);

    CHECK(any_has(press(chat, rows[0].actions.at(0)), "✅ 已同意 gina 的入群申请。"));
    CHECK(answered(chat, "f1", true));
    CHECK(any_has(press(chat, rows[1].actions.at(1)), "已拒绝 hank 的入群申请"));
    CHECK(answered(chat, "f2", false));
    CHECK(tables(draw(chat, "welcome", "requests")).at(0).rows.empty());
}

TEST_CASE("the rules panel shows each rule with its reason", "[welcome][panels]") {
    testing::fake_chat chat("", plugin());
    chat.user("alice").is(bot::role::admin);
    auto rows = tables(draw(chat, "welcome", "rules")).at(0).rows;
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].cells == std::vector<std::string>{"1", "本群用于交流学习、互相帮助", "目标一致，大家的时间才花得值"});
    chat.user("alice").says("/rules add 不刷屏｜刷屏会淹没别人的分享");
    auto page = draw(chat, "welcome", "rules");
    rows = tables(page).at(0).rows;
    REQUIRE(rows.size() == 4);
    CHECK(rows[3].cells == std::vector<std::string>{"4", "不刷屏", "刷屏会淹没别人的分享"});
    CHECK(shows(page, "本群自己的群规"));
}

TEST_CASE("the history lists joins and leaves newest first, and the chart counts them per group day",
          "[welcome][panels]") {
    testing::fake_chat chat("[bot]\nday_close_hour = 4\n", plugin());  // 2026-03-02 09:00
    chat.user("alice").is(bot::role::admin);
    chat.user("dave").card(std::string(rlo) + "戴夫").joins();
    chat.advance_to("2026-03-03 03:30");  // still the group's 03-02
    chat.user("erin").joins();
    chat.advance_to("2026-03-03 10:00");
    chat.user("dave").leaves();
    chat.deliver(bot::ev::member_left{bot::id("g1"), bot::id("erin"), bot::id("alice"), true, false});

    auto page = draw(chat, "welcome", "history");
    CHECK_FALSE(shows(page, rlo));
    auto rows = tables(page).at(0).rows;
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].cells == std::vector<std::string>{"03-03 10:00", "erin", "被移出", "", "alice"});
    CHECK(rows[1].cells == std::vector<std::string>{"03-03 10:00", "戴夫（dave）", "退出", "", ""});
    CHECK(rows[2].cells == std::vector<std::string>{"03-03 03:30", "erin", "加入", "管理员同意入群", ""});
    CHECK(rows[3].cells == std::vector<std::string>{"03-02 09:00", "戴夫（dave）", "加入", "管理员同意入群", ""});

    auto health = draw(chat, "welcome", "joins");
    auto c = first<bot::panel::chart>(health);
    REQUIRE(c);
    REQUIRE(c->labels.size() == 30);
    CHECK(c->labels.back() == "03-03");
    REQUIRE(c->data.size() == 2);
    CHECK(c->data[0].name == "入群");
    CHECK(c->data[1].name == "退群");
    auto tail = [](std::vector<double> const& v) { return std::vector<double>(v.end() - 3, v.end()); };
    CHECK(tail(c->data[0].values) == std::vector<double>{0, 2, 0});
    CHECK(tail(c->data[1].values) == std::vector<double>{0, 0, 2});
    auto facts = first<bot::panel::facts>(health);
    REQUIRE(facts);
    CHECK(facts->rows.at(0) == std::pair<std::string, std::string>{"近 7 天", "入群 2 人，退群 2 人（其中被移出 1 人）"});
}
