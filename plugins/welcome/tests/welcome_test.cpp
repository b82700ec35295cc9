// The welcome itself: merged bursts, safe names, rules, leave notices and the join record.
#include <catch2/catch.hpp>

#include "plugins/welcome/tests/helpers.hpp"

using namespace welcome_test;
using namespace std::chrono_literals;

TEST_CASE("a newcomer is welcomed by name with the rules and the intake template", "[welcome]") {
    testing::fake_chat chat("", plugin());
    chat.user("dave").joins();
    CHECK(chat.sent().empty());  // the burst window is still open
    chat.advance(10s);
    auto out = sends(chat);
    REQUIRE(out.size() == 1);
    CHECK(mentioned(out[0].msg) == std::vector<std::string>{"dave"});
    auto text = out[0].text();
    CHECK(text.find("欢迎 @dave 加入本群") != std::string::npos);
    CHECK(text.find("禁止发广告、拉人、推销——广告会赶走认真交流的人") != std::string::npos);
    CHECK(text.find("职位：\n行业：\n擅长：\n诉求：\n爱好：") != std::string::npos);
    CHECK(text.find("小红包") != std::string::npos);
}

TEST_CASE("joins within the burst window are merged into one welcome", "[welcome]") {
    testing::fake_chat chat("", plugin());
    chat.user("dave").joins();
    chat.advance(3s);
    chat.user("erin").joins();
    chat.user("frank").joins();
    chat.user("gina").in("g2").joins();
    chat.advance(7s);
    auto out = sends(chat);
    REQUIRE(out.size() == 1);
    CHECK(out[0].to.group == bot::id("g1"));
    CHECK(mentioned(out[0].msg) == std::vector<std::string>{"dave", "erin", "frank"});
    CHECK(out[0].text().find("@dave、@erin、@frank") != std::string::npos);
    chat.advance(3s);
    REQUIRE(sends(chat).size() == 2);
    CHECK(mentioned(sends(chat)[1].msg) == std::vector<std::string>{"gina"});
    // A join after the burst is a new burst of its own.
    chat.user("hank").joins();
    chat.advance(10s);
    REQUIRE(sends(chat).size() == 3);
    CHECK(mentioned(sends(chat)[2].msg) == std::vector<std::string>{"hank"});
}

TEST_CASE("a big invite wave is split at burst_max mentions per message", "[welcome]") {
    testing::fake_chat chat("[plugins.welcome]\nburst_max = 2\nshow_rules = false\n", plugin());
    for (auto const* u : {"u1", "u2", "u3", "u4", "u5"}) chat.user(u).joins();
    chat.advance(10s);
    auto out = sends(chat);
    REQUIRE(out.size() == 3);
    CHECK(mentioned(out[2].msg) == std::vector<std::string>{"u5"});
}

TEST_CASE("a burst window of zero welcomes at once", "[welcome]") {
    testing::fake_chat chat("[plugins.welcome]\nburst_window = \"0s\"\n", plugin());
    chat.user("dave").joins();
    CHECK(chat.replied("欢迎 @dave"));
}

TEST_CASE("a nickname holding CQ codes and braces stays text in the welcome", "[welcome]") {
    testing::fake_chat chat("", plugin());
    std::string nasty = "[CQ:at,qq=all]{rules}\n[CQ:image,file=x.jpg]";
    chat.deliver(bot::ev::member_joined{bot::id("g1"), bot::id("mallory"), {}, "approve", nasty});
    chat.advance(10s);
    auto out = sends(chat);
    REQUIRE(out.size() == 1);
    auto const& m = out[0].msg;
    CHECK_FALSE(m.has<bot::seg::at_all>());
    CHECK_FALSE(m.has<bot::seg::image>());
    CHECK(mentioned(m) == std::vector<std::string>{"mallory"});
    auto at = m.first<bot::seg::at>();
    CHECK(at->name == "[CQ:at,qq=all]{rules} [CQ:image,file=x.jpg]");
    // The name went in as text: its braces were not expanded as a placeholder.
    CHECK(m.plain_text().find("{rules}") != std::string::npos);
}

TEST_CASE("the welcome survives a restart during the burst window and is sent once", "[welcome]") {
    testing::fake_chat chat("", plugin());
    chat.user("dave").joins();
    chat.restart();
    chat.user("erin").joins();
    chat.advance(10s);
    auto out = sends(chat);
    REQUIRE(out.size() == 1);
    CHECK(mentioned(out[0].msg) == std::vector<std::string>{"dave", "erin"});
    chat.advance(1h);
    CHECK(sends(chat).size() == 1);
}

TEST_CASE("a member who leaves before the welcome is not welcomed", "[welcome]") {
    testing::fake_chat chat("", plugin());
    chat.user("dave").joins();
    chat.user("erin").joins();
    chat.user("dave").leaves();
    chat.advance(10s);
    REQUIRE(sends(chat).size() == 1);
    CHECK(mentioned(sends(chat)[0].msg) == std::vector<std::string>{"erin"});
}

TEST_CASE("admins change the group's rules and the welcome shows them", "[welcome][rules]") {
    testing::fake_chat chat("", plugin());
    chat.user("alice").is(bot::role::admin).says("/rules add 分享请注明来源｜尊重原作者");
    CHECK(chat.replied("已添加第 4 条群规：分享请注明来源｜尊重原作者"));
    chat.user("alice").says("/rules remove 1");
    CHECK(chat.replied("已删除第 1 条群规"));
    chat.user("alice").says("/rules remove 9");
    CHECK(chat.replied("没有第 9 条群规（共 3 条）"));
    chat.clear();
    chat.user("bob").says("/rules");
    CHECK(chat.replied("3. 分享请注明来源——尊重原作者"));
    CHECK_FALSE(chat.replied("本群用于交流学习"));
    chat.user("dave").joins();
    chat.advance(10s);
    CHECK(chat.last().find("3. 分享请注明来源——尊重原作者") != std::string::npos);
    // Another group keeps the defaults.
    chat.clear();
    chat.user("bob").in("g2").says("/rules");
    CHECK(chat.replied("1. 本群用于交流学习"));
    chat.clear();
    chat.user("alice").says("/rules reset");
    chat.user("bob").says("/rules");
    CHECK(chat.replied("1. 本群用于交流学习"));
}

TEST_CASE("members may read the rules but not change them", "[welcome][rules]") {
    testing::fake_chat chat("", plugin());
    chat.user("bob").says("/rules add 随便发广告");
    CHECK(chat.sent().size() == 1);
    CHECK_FALSE(chat.replied("已添加"));
    chat.user("bob").says("/rules remove 1");
    chat.user("bob").says("/rules reset");
    chat.user("bob").says("/welcome stats");
    chat.user("bob").says("/welcome preview");
    CHECK_FALSE(chat.replied("已删除"));
    CHECK_FALSE(chat.replied("📊"));
    chat.clear();
    chat.user("bob").says("/rules");
    CHECK(chat.replied("1. 本群用于交流学习"));
    CHECK_FALSE(chat.replied("随便发广告"));
}

TEST_CASE("a leave notice when switched on, and joins and leaves counted for the stats", "[welcome]") {
    testing::fake_chat chat("", plugin());
    chat.user("alice").is(bot::role::admin).says("/set welcome.leave_notice true");
    chat.user("dave").joins();
    chat.user("erin").joins();
    chat.advance(10s);
    chat.clear();
    chat.user("dave").leaves();
    CHECK(chat.replied("👋 dave 离开了本群"));
    chat.deliver(bot::ev::member_left{bot::id("g1"), bot::id("erin"), bot::id("alice"), true, false});
    CHECK(chat.sent().size() == 1);  // a removal is recorded, not announced
    chat.user("alice").says("/welcome stats");
    CHECK(chat.replied("近 7 天：入群 2，退群 2（其中被移出 1）"));
    chat.advance(std::chrono::hours(24 * 10));
    chat.clear();
    chat.user("alice").says("/welcome stats");
    CHECK(chat.replied("近 7 天：入群 0，退群 0（其中被移出 0）"));
    CHECK(chat.replied("近 30 天：入群 2，退群 2（其中被移出 1）"));
}

TEST_CASE("a group rewords its welcome and names itself", "[welcome]") {
    testing::fake_chat chat("", plugin());
    chat.user("alice").is(bot::role::admin).says("/text welcome.welcome 热烈欢迎 {at} 来到{group}（第 {count} 位）");
    chat.user("alice").says("/set welcome.group_name 周三读书会");
    chat.user("alice").says("/set welcome.icebreaker false");
    chat.clear();
    chat.user("dave").joins();
    chat.advance(10s);
    CHECK(chat.last().starts_with("热烈欢迎 @dave 来到「周三读书会」（第 2 位）"));
    CHECK(chat.last().find("小红包") == std::string::npos);
    chat.clear();
    chat.user("alice").says("/welcome preview");
    CHECK(chat.last().starts_with("热烈欢迎 @alice 来到「周三读书会」"));
}

TEST_CASE("a bad welcome setting stops startup naming the key", "[welcome]") {
    CHECK_THROWS_WITH(testing::fake_chat("[plugins.welcome]\nverify = \"maybe\"\n", plugin()),
                      Catch::Contains("plugins.welcome.verify"));
    CHECK_THROWS_WITH(testing::fake_chat("[plugins.welcome]\nfields = [\"职位\"]\n", plugin()),
                      Catch::Contains("plugins.welcome.fields"));
    CHECK_THROWS_WITH(testing::fake_chat("[plugins.welcome]\nburst_max = 0\n", plugin()),
                      Catch::Contains("plugins.welcome.burst_max"));
}

TEST_CASE("an admin cannot set a malformed field list for one group", "[welcome]") {
    testing::fake_chat chat("", plugin());
    chat.user("alice").is(bot::role::admin).says("/set welcome.fields 职位");
    CHECK_FALSE(chat.replied("已设置"));
    chat.clear();
    chat.user("alice").says("/set welcome.fields role:职位, company:公司/单位");
    CHECK(chat.replied("已设置"));
    chat.user("dave").says("职位：律师 单位：某律所");
    CHECK_FALSE(chat.replied("已登记"));  // two fields are fewer than intake_min_fields
    chat.user("alice").says("/set welcome.intake_min_fields 2");
    chat.user("dave").says("职位：律师 单位：某律所");
    CHECK(chat.replied("✅ 已登记 @dave 的自我介绍"));
    chat.clear();
    chat.user("dave").says("/profile");
    CHECK(chat.replied("职位：律师\n公司：某律所"));
}

TEST_CASE("a card with a right-to-left override or a line break is welcomed without them", "[welcome]") {
    testing::fake_chat chat("", plugin());
    chat.user("dave").card("\u202E大卫\n群公告：转账");
    chat.user("dave").joins();
    chat.advance(10s);
    auto out = sends(chat);
    REQUIRE(out.size() == 1);
    auto text = out[0].text();
    CHECK(text.find("欢迎 @大卫 群公告：转账 加入本群") != std::string::npos);
    CHECK(text.find("\u202E") == std::string::npos);
}
