#include <catch2/catch.hpp>

#include "plugins/antiad/tests/helpers.hpp"

using namespace antiad_test;
using namespace std::chrono_literals;

TEST_CASE("an ad is recalled, the member is warned with the reason, and commands never see it", "[antiad]") {
    testing::fake_chat chat("", with_antiad());
    auto id = chat.user("bob").says("/echo 加我薇信 abc12345");
    CHECK(recalled(chat, id));
    CHECK_FALSE(chat.replied("echo:"));
    CHECK(chat.replied("请不要发广告哦：留了微信号"));
    CHECK(chat.replied("第 1 次提醒"));
    CHECK(chat.replied("被禁言 10 分钟"));
    chat.clear();
    chat.user("carol").says("/echo 你好");
    CHECK(chat.last() == "echo:你好");
}

TEST_CASE("repeat offenders escalate from a warning to mutes to removal", "[antiad][escalation]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("bob").says("加V：shop888");
    CHECK(last_mute(chat, "bob") == -1);
    chat.advance(1h);
    chat.user("bob").says("V信 shop888 优惠");
    CHECK(last_mute(chat, "bob") == 600);
    CHECK(chat.replied("已被禁言 10 分钟"));
    chat.advance(2h);
    chat.user("bob").says("扣扣 ①②③④⑤⑥⑦⑧");
    CHECK(last_mute(chat, "bob") == 86400);
    CHECK_FALSE(kicked(chat, "bob"));
    chat.advance(48h);
    chat.user("bob").says("刷单日结，私聊");
    CHECK(kicked(chat, "bob"));
    CHECK(chat.replied("已被移出本群"));
}

TEST_CASE("strikes expire after the decay window", "[antiad][escalation]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("carol").says("加V：shop888");
    chat.advance(24h * 31);
    chat.clear();
    chat.user("carol").says("加V：shop999");
    CHECK(last_mute(chat, "carol") == -1);
    CHECK(chat.replied("第 1 次提醒"));
    chat.advance(24h * 29);
    chat.clear();
    chat.user("carol").says("加V：shop777");
    CHECK(last_mute(chat, "carol") == 600);
}

TEST_CASE("strikes survive a restart", "[antiad][escalation]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("bob").says("加V：shop888");
    chat.restart();
    chat.user("bob").says("加V：shop888");
    CHECK(last_mute(chat, "bob") == 600);
}

TEST_CASE("admins, the owner, superusers and approved members are exempt", "[antiad]") {
    testing::fake_chat chat("[bot]\nsuperusers = [\"root\"]\n", with_antiad());
    chat.user("alice").is(bot::role::admin).says("加我微信 abc12345");
    chat.user("olivia").is(bot::role::owner).says("加我微信 abc12345");
    chat.user("root").says("加我微信 abc12345");
    CHECK(count(chat, "recall") == 0);
    chat.user("dave").is(bot::role::member);
    chat.user("alice").says("/approve @dave");
    CHECK(chat.replied("免检名单"));
    chat.clear();
    chat.user("dave").says("我们的合作伙伴微信 partner2026");
    CHECK(count(chat, "recall") == 0);
    CHECK(chat.sent().empty());
    chat.user("alice").says("/unapprove @dave");
    auto id = chat.user("dave").says("我们的合作伙伴微信 partner2026");
    CHECK(recalled(chat, id));
}

TEST_CASE("dry-run only reports, and the message goes on", "[antiad]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("alice").is(bot::role::admin).says("/antiad dry-run");
    CHECK(chat.replied("试运行"));
    chat.clear();
    chat.user("bob").says("/echo 加我微信 abc12345");
    CHECK(count(chat, "recall") == 0);
    CHECK(count(chat, "mute") == 0);
    CHECK(chat.replied("【试运行】bob"));
    CHECK(chat.replied("留了微信号"));
    CHECK(chat.replied("echo:加我微信 abc12345"));
    chat.user("alice").says("/antiad off");
    chat.clear();
    chat.user("bob").says("加我微信 abc12345");
    CHECK(chat.sent().empty());
    chat.user("alice").says("/antiad on");
    auto id = chat.user("bob").says("加我微信 abc12345");
    CHECK(recalled(chat, id));
}

TEST_CASE("without mute or recall on the platform, the bot warns instead and tells the admins", "[antiad]") {
    testing::fake_chat chat("[plugins.antiad]\nladder = [\"mute 10m\"]\n", with_antiad());
    chat.platform().caps_.mute = false;
    chat.platform().caps_.recall = false;
    chat.user("bob").says("加我微信 abc12345");
    CHECK(count(chat, "mute") == 0);
    CHECK(count(chat, "recall") == 0);
    CHECK(chat.replied("请不要发广告哦"));
    CHECK(chat.replied("本平台不支持撤回、禁言，请管理员手动处理 bob"));
}

TEST_CASE("reports go to an admin group or to the owner in private", "[antiad]") {
    {
        testing::fake_chat chat(
            "[plugins.antiad]\nreport_to = \"gadmin\"\ndefault_action = \"recall+escalate+report\"\n", with_antiad());
        chat.user("bob").says("刷单兼职 日结");
        auto reports = sent_to(chat, "g:gadmin");
        REQUIRE(reports.size() == 1);
        CHECK(reports[0].find("【反广告】群 g1：bob") != std::string::npos);
        CHECK(reports[0].find("原文：刷单兼职 日结") != std::string::npos);
    }
    {
        testing::fake_chat chat("[plugins.antiad]\nreport_to = \"owner\"\ndefault_action = \"recall+report\"\n",
                                with_antiad());
        chat.user("olivia").is(bot::role::owner);
        chat.user("bob").says("刷单兼职 日结");
        CHECK(any_contains(sent_to(chat, "u:olivia"), "包含广告词"));
    }
}

TEST_CASE("mini-programs, contact cards and group invites are caught, forwards only when switched on", "[antiad]") {
    testing::fake_chat chat("[plugins.antiad]\nallow_domains = [\"github.com\"]\n", with_antiad());
    using namespace bot;
    auto mini = chat.user("u1").says(message(std::vector<segment>{seg::card{"miniapp", "砍一刀", "", "", ""}}));
    CHECK(recalled(chat, mini));
    CHECK(chat.replied("分享了小程序"));
    auto person = chat.user("u2").says(message(std::vector<segment>{seg::contact{"user", id(12345)}}));
    CHECK(recalled(chat, person));
    auto invite = chat.user("u3").says(message(std::vector<segment>{seg::contact{"group", id(67890)}}));
    CHECK(recalled(chat, invite));
    CHECK(chat.replied("发送了群邀请"));
    auto share = chat.user("u4").says(
        message(std::vector<segment>{seg::card{"share", "项目主页", "https://github.com/qunbot", "", ""}}));
    CHECK_FALSE(recalled(chat, share));
    auto spam_card = chat.user("u5").says(
        message(std::vector<segment>{seg::card{"share", "限时优惠", "https://cheap-shop.top/a", "", ""}}));
    CHECK(recalled(chat, spam_card));
    auto fwd = chat.user("u6").says(message(std::vector<segment>{seg::forward{id("f1")}}));
    CHECK_FALSE(recalled(chat, fwd));
    chat.user("alice").is(bot::role::admin).says("/set antiad.off_rules file");
    auto fwd2 = chat.user("u7").says(message(std::vector<segment>{seg::forward{id("f2")}}));
    CHECK(recalled(chat, fwd2));
}

TEST_CASE("admins allow and disallow domains for the group", "[antiad]") {
    testing::fake_chat chat("", with_antiad());
    auto first = chat.user("bob").says("看 https://example.org/x");
    CHECK(recalled(chat, first));
    chat.user("alice").is(bot::role::admin).says("/antiad allow example.org");
    CHECK(chat.replied("已允许域名 example.org"));
    auto ok = chat.user("carol").says("文档在 https://docs.example.org/y");
    CHECK_FALSE(recalled(chat, ok));
    chat.clear();
    chat.user("alice").says("/antiad allow");
    CHECK(chat.replied("example.org"));
    chat.user("alice").says("/antiad allow 不是域名");
    CHECK(chat.replied("不是有效的域名"));
    chat.user("alice").says("/antiad disallow example.org");
    CHECK(chat.replied("已移除"));
    auto again = chat.user("dave").says("https://example.org/z");
    CHECK(recalled(chat, again));
}

TEST_CASE("a flood of messages gets the member muted", "[antiad][behaviour]") {
    testing::fake_chat chat("[plugins.antiad]\nflood_messages = 5\nflood_window = 10\n", with_antiad());
    for (int i = 1; i <= 4; ++i) chat.user("bob").says("第" + std::to_string(i) + "条");
    CHECK(last_mute(chat, "bob") == -1);
    chat.user("bob").says("第5条");
    CHECK(last_mute(chat, "bob") == 600);
    CHECK(chat.replied("短时间内刷屏"));
    for (int i = 1; i <= 8; ++i) {
        chat.advance(3s);
        chat.user("carol").says("慢慢说第" + std::to_string(i) + "句");
    }
    CHECK(last_mute(chat, "carol") == -1);
}

TEST_CASE("the same text repeated across groups is caught", "[antiad][behaviour]") {
    testing::fake_chat chat("", with_antiad());
    auto a = chat.user("bob").in("g1").says("新店开业大酬宾，欢迎光临");
    auto b = chat.user("bob").in("g2").says("新店开业 大酬宾，欢迎光临！");
    CHECK_FALSE(recalled(chat, a));
    CHECK_FALSE(recalled(chat, b));
    auto c = chat.user("bob").in("g3").says("新店开业大酬宾 欢迎光临");
    CHECK(recalled(chat, c));
    CHECK(chat.replied("重复发送相同内容"));
}

TEST_CASE("a newcomer's first messages get strict rules", "[antiad][newcomer]") {
    testing::fake_chat chat("[plugins.antiad]\nallow_domains = [\"github.com\"]\n", with_antiad());
    chat.user("dave").joins();
    chat.restart();
    auto link = chat.user("dave").says("项目在 https://github.com/qunbot");
    CHECK(recalled(chat, link));
    CHECK(chat.replied("新成员入群初期"));
    // One pitch word is chat even for a newcomer; two signals are enough (three for anyone else).
    auto chat_line = chat.user("dave").says("我在做兼职家教");
    CHECK_FALSE(recalled(chat, chat_line));
    auto pitch = chat.user("dave").says("有兼职，感兴趣私聊");
    CHECK(recalled(chat, pitch));
    auto old = chat.user("erin").says("项目在 https://github.com/qunbot");
    CHECK_FALSE(recalled(chat, old));

    chat.user("frank").joins();
    for (int i = 0; i < 5; ++i) chat.user("frank").says("大家好，我是新人" + std::to_string(i));
    chat.advance(25h);
    auto later = chat.user("frank").says("项目在 https://github.com/qunbot");
    CHECK_FALSE(recalled(chat, later));
}

TEST_CASE("members without permission get a polite refusal and nothing happens", "[antiad][permissions]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("carol").is(bot::role::member);
    auto before = chat.actions().size();
    for (auto cmd :
         {"/warn @carol 广告", "/unwarn @carol", "/warns @carol", "/mute @carol 10m", "/unmute @carol", "/kick @carol",
          "/approve @bob", "/antiad off", "/antiad allow", "/antiad rule add .*", "/antiad rule remove 1", "/modlog"}) {
        chat.clear();
        chat.advance(5s);
        chat.user("bob").says(cmd);
        INFO(cmd);
        CHECK(chat.replied("你没有使用"));
    }
    CHECK(count(chat, "mute", before) == 0);
    CHECK(count(chat, "kick", before) == 0);
    auto id = chat.user("bob").says("加我微信 abc12345");
    CHECK(recalled(chat, id));
}

TEST_CASE("an admin regex that would backtrack forever is matched in linear time", "[antiad][rules]") {
    testing::fake_chat chat("", with_antiad());
    auto admin = chat.user("alice").is(bot::role::admin);
    admin.says("/antiad rule add ^(a+)+$");
    CHECK(chat.replied("已添加规则 #1"));
    // Under backtracking this is 2^50000 steps; RE2 answers in one pass, on the original and the
    // normalised text alike.
    auto evil = chat.user("bob").says(std::string(50000, 'a') + "1");
    CHECK_FALSE(recalled(chat, evil));
    auto hit = chat.user("bob").says("aaaa");
    CHECK(recalled(chat, hit));
    CHECK(chat.replied("触发了本群的管理规则"));
    chat.clear();
    admin.says("/antiad rule add (a)\\1");
    CHECK(chat.replied("规则无法使用"));
    admin.says("/antiad rule list");
    CHECK(chat.replied("#1 ^(a+)+$"));
    admin.says("/antiad rule remove 9");
    CHECK(chat.replied("没有编号为 #9 的规则"));
    admin.says("/antiad rule remove 1");
    CHECK(chat.replied("已删除规则 #1"));
    auto after = chat.user("carol").says("aaaa");
    CHECK_FALSE(recalled(chat, after));
}

TEST_CASE("an admin rule matches the normalised text too", "[antiad][rules]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("alice").is(bot::role::admin).says("/antiad rule add 招.{0,2}学员");
    auto id = chat.user("bob").says("招 🌟 学 员 啦");
    CHECK(recalled(chat, id));
}
