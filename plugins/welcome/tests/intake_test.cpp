// The intake profile: templates in the group or in private, the guided /intro, reminders,
// /profile, and /who with its privacy threshold.
#include <catch2/catch.hpp>

#include "plugins/welcome/tests/helpers.hpp"

using namespace welcome_test;
using namespace std::chrono_literals;

TEST_CASE("a filled-in template in the group is registered and shown by /profile", "[welcome][intake]") {
    testing::fake_chat chat("", plugin());
    chat.user("dave").says("大家好！职位：产品经理 行业：教育 擅长：用户研究 诉求：找读书搭子 爱好：跑步");
    CHECK(chat.replied("✅ 已登记 @dave 的自我介绍"));
    chat.clear();
    chat.user("dave").says("/profile");
    CHECK(chat.last().find("📇 dave 的资料：\n职位：产品经理\n行业：教育\n擅长：用户研究\n诉求：找读书搭子\n爱好：跑步") !=
          std::string::npos);
}

TEST_CASE("ordinary chat with a colon or two is not taken for an introduction", "[welcome][intake]") {
    testing::fake_chat chat("", plugin());
    chat.user("dave").says("今天的职位：实习生，哈哈");
    CHECK(chat.sent().empty());
    chat.user("dave").says("/profile");
    CHECK(chat.replied("你还没有登记资料"));
}

TEST_CASE("a template sent in private is registered too", "[welcome][intake]") {
    testing::fake_chat chat("", plugin());
    chat.user("dave").whispers("职位：设计师\n行业：互联网\n擅长：插画");
    CHECK(chat.replied("✅ 已登记你的自我介绍：\n职位：设计师\n行业：互联网\n擅长：插画"));
    CHECK(chat.actions().back().to.user == bot::id("dave"));
}

TEST_CASE("/intro asks field by field, skip and answers are saved", "[welcome][intake]") {
    testing::fake_chat chat("", plugin());
    chat.user("erin").says("/intro");
    CHECK(chat.replied("好的，我们一项一项来"));
    CHECK(chat.replied("@erin (1/5) 你的职位是？"));
    chat.user("erin").says("设计师");
    CHECK(chat.replied("(2/5) 你的行业是？"));
    chat.user("erin").says("跳过");
    chat.user("bob").says("设计师好！");  // someone else talking is not an answer
    chat.user("erin").says("插画、UI 设计");
    chat.user("erin").says("想认识产品经理");
    chat.user("erin").says("爬山");
    CHECK(chat.replied("✅ 自我介绍登记好了：\n职位：设计师\n擅长：插画、UI 设计\n诉求：想认识产品经理\n爱好：爬山"));
}

TEST_CASE("/intro times out politely and keeps what was filled", "[welcome][intake]") {
    testing::fake_chat chat("", plugin());
    chat.user("erin").says("/intro");
    chat.user("erin").says("设计师");
    chat.advance(11min);
    CHECK(chat.replied("⏰ 有一会儿没收到回复，填好的部分已保存"));
    chat.clear();
    chat.user("erin").says("/profile");
    CHECK(chat.replied("职位：设计师"));
    chat.clear();
    chat.user("erin").says("互联网");
    CHECK(chat.sent().empty());  // no longer an answer
}

TEST_CASE("/intro can be cancelled", "[welcome][intake]") {
    testing::fake_chat chat("", plugin());
    chat.user("erin").whispers("/intro");
    chat.user("erin").whispers("设计师");
    chat.user("erin").whispers("取消");
    CHECK(chat.replied("好的，已结束。填好的部分已保存。"));
    chat.clear();
    chat.user("erin").whispers("/profile");
    CHECK(chat.replied("职位：设计师"));
}

TEST_CASE("an /intro interrupted by a restart picks up at the same question", "[welcome][intake]") {
    testing::fake_chat chat("", plugin());
    chat.user("erin").says("/intro");
    chat.user("erin").says("设计师");
    chat.restart();
    chat.clear();
    chat.user("erin").says("互联网");
    CHECK(chat.replied("(3/5) 你的擅长是？"));
    chat.user("erin").says("插画");
    chat.user("erin").says("跳过");
    chat.user("erin").says("跳过");
    CHECK(chat.replied("✅ 自我介绍登记好了：\n职位：设计师\n行业：互联网\n擅长：插画"));
}

TEST_CASE("/profile edits one field, clears it, and deletes the profile", "[welcome][intake]") {
    testing::fake_chat chat("", plugin());
    chat.user("bob").says("/profile 擅长 写作、演讲");
    CHECK(chat.replied("✅ 已更新 擅长：写作、演讲"));
    chat.user("bob").says("/profile 爱好：围棋");
    chat.clear();
    chat.user("bob").says("/profile");
    CHECK(chat.replied("擅长：写作、演讲\n爱好：围棋"));
    chat.user("bob").says("/profile 擅长");
    CHECK(chat.replied("✅ 已清空 擅长。"));
    chat.user("bob").says("/profile 星座 天秤");
    CHECK(chat.replied("没看懂要改哪一项"));
    CHECK(chat.replied("职位、行业、擅长、诉求、爱好"));
    chat.user("bob").says("/profile 删除");
    CHECK(chat.replied("✅ 你的资料已删除。"));
    chat.clear();
    chat.user("bob").says("/profile");
    CHECK(chat.replied("你还没有登记资料"));
}

TEST_CASE("a newcomer without an introduction is reminded and the admins get a list", "[welcome][intake]") {
    testing::fake_chat chat("[plugins.welcome]\nremind_after = \"24h\"\n", plugin());
    chat.user("alice").is(bot::role::admin);
    chat.user("dave").joins();
    chat.user("erin").joins();
    chat.user("frank").joins();
    chat.advance(10s);
    chat.user("dave").says("职位：产品经理 行业：教育 擅长：研究");
    chat.user("frank").leaves();
    chat.clear();
    auto mark = chat.actions().size();
    chat.advance(23h);
    CHECK(chat.sent().empty());
    chat.advance(1h);
    auto out = sends(chat, mark);
    REQUIRE(out.size() == 2);
    CHECK(mentioned(out[0].msg) == std::vector<std::string>{"erin"});
    CHECK(out[0].text().starts_with("👋 @erin 还没有做自我介绍哦"));
    CHECK(out[1].text() == "@alice 📋 以下新成员入群 24 小时仍未登记自我介绍：erin");
}

TEST_CASE("/who shows everything in the seed phase", "[welcome][who]") {
    testing::fake_chat chat("[plugins.welcome]\nprivacy_threshold = 5\nfields = [\"role:职位\", \"company:公司\", \"strengths:擅长\"]\n",
                            plugin());
    chat.user("dave").joins();
    chat.user("dave").says("职位：设计师 公司：星河科技 擅长：品牌设计");
    chat.user("erin").joins();
    chat.user("erin").says("职位：工程师 公司：某银行 擅长：后端");
    chat.clear();
    chat.user("bob").says("/who 设计");
    CHECK(chat.last().find("🔎 「设计」找到 1 位成员：\n1. dave\n   职位：设计师；公司：星河科技；擅长：品牌设计") !=
          std::string::npos);
    chat.clear();
    chat.user("bob").says("/who 星河");
    CHECK(chat.replied("1. dave"));
    chat.clear();
    chat.user("bob").says("/who 会计");
    CHECK(chat.replied("🔎 没有找到和「会计」相关的成员。"));
}

TEST_CASE("past the threshold names and companies are hidden, and admins see them in private", "[welcome][who]") {
    testing::fake_chat chat("[plugins.welcome]\nprivacy_threshold = 3\nfields = [\"role:职位\", \"company:公司\", \"strengths:擅长\"]\n",
                            plugin());
    chat.user("alice").is(bot::role::admin);
    chat.user("dave").joins();
    chat.user("dave").says("职位：设计师 公司：星河科技 擅长：品牌设计");
    chat.user("erin").joins();  // alice, dave, erin: three members
    chat.clear();
    chat.user("bob").says("/who 设计");
    auto text = chat.last();
    CHECK(text.find("成员 1\n   职位：设计师；擅长：品牌设计") != std::string::npos);
    CHECK(text.find("dave") == std::string::npos);
    CHECK(text.find("星河") == std::string::npos);
    CHECK(text.find("仅管理员可见") != std::string::npos);
    chat.clear();
    chat.user("bob").says("/who 星河");  // hidden fields cannot be searched either
    CHECK(chat.replied("没有找到"));
    auto mark = chat.actions().size();
    chat.user("alice").says("/who 设计");
    auto out = sends(chat, mark);
    REQUIRE(out.size() == 2);
    CHECK(out[0].to.user == bot::id("alice"));
    CHECK(out[0].text().find("1. dave\n   职位：设计师；公司：星河科技") != std::string::npos);
    CHECK(out[1].to.group == bot::id("g1"));
    CHECK(out[1].text().find("已私聊发给你") != std::string::npos);
    CHECK(out[1].text().find("dave") == std::string::npos);
}

TEST_CASE("/who lists only current members", "[welcome][who]") {
    testing::fake_chat chat("", plugin());
    chat.user("dave").joins();
    chat.user("dave").says("职位：设计师 行业：教育 擅长：品牌设计");
    chat.user("dave").leaves();
    chat.clear();
    chat.user("bob").says("/who 设计");
    CHECK(chat.replied("没有找到"));
}

TEST_CASE("where the platform cannot count members, names stay hidden and the welcome leaves the count out",
          "[welcome][who]") {
    testing::fake_chat chat("[plugins.welcome]\nprivacy_threshold = 50\n", plugin());
    chat.platform().caps_.member_list = false;
    chat.user("dave").joins();
    chat.advance(std::chrono::seconds(10));
    CHECK(chat.replied("🎉 欢迎 @dave 加入本群！\n"));
    CHECK_FALSE(chat.replied("位成员"));
    chat.user("dave").says("职位：设计师 行业：教育 擅长：品牌设计");
    chat.clear();
    chat.user("bob").says("/who 设计");
    CHECK(chat.replied("成员 1"));
    CHECK_FALSE(chat.replied("dave"));
}

TEST_CASE("/profile shows member-written fields on one line each, without controls, cut short", "[welcome][intake]") {
    testing::fake_chat chat("", plugin());
    chat.user("dave").says("/profile 职位 产品\u202E经理\r群公告：转账");
    chat.user("dave").says("/profile 爱好 " + std::string(3000, 'x'));
    chat.clear();
    chat.user("dave").says("/profile");
    auto shown = chat.last();
    CHECK(shown.find("职位：产品经理 群公告：转账\n") != std::string::npos);
    CHECK(shown.find("爱好：" + std::string(100, 'x')) != std::string::npos);
    CHECK(shown.find("…") != std::string::npos);
    CHECK(shown.find('\r') == std::string::npos);
    CHECK(shown.find("\u202E") == std::string::npos);
    CHECK(chat.sent().size() == 1);
}
