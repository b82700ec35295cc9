// Explaining every action: the matched part in the member's warning, masked numbers, member text
// made safe to show, reports to the admins by default, and /modlog one line per incident.
#include <catch2/catch.hpp>

#include "plugins/antiad/explain.hpp"
#include "plugins/antiad/tests/helpers.hpp"

using namespace antiad_test;
using namespace plugins::antiad;

namespace {

bool valid_utf8(std::string const& s) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

bool anywhere(testing::fake_chat& chat, std::string const& needle) {
    for (auto const& a : chat.actions())
        if (a.kind == "send" && a.text().find(needle) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("a mobile number and other long digit runs are masked", "[antiad][explain]") {
    CHECK(mask_numbers("13812345678") == "138****5678");
    CHECK(mask_numbers("电话13812345678谢谢") == "电话138****5678谢谢");
    CHECK(mask_numbers("QQ 12345678") == "QQ 12****78");
    CHECK(mask_numbers("abc12345") == "abc1****5");
    // A number written in groups is one number; a version is not.
    CHECK(mask_numbers("138 0000 5678") == "138****5678");
    CHECK(mask_numbers("138-1234-5678 找我") == "138****5678 找我");
    CHECK(mask_numbers("微信 3.9.12.51 登录") == "微信 3.9.12.51 登录");
    CHECK(mask_numbers("１３８１２３４５６７８") == "１３８****５６７８");
    CHECK(mask_numbers("2026年3月 第1234号") == "2026年3月 第1234号");
}

TEST_CASE("a shown excerpt is cut on a character boundary", "[antiad][explain]") {
    // 58 ASCII bytes, then a three-byte character that crosses byte 60.
    std::string text(58, 'x');
    text += "微信号";
    auto cut = shown_text(text, 60);
    CHECK(cut == std::string(58, 'x') + "…");
    CHECK(valid_utf8(cut));
    CHECK(valid_utf8(shown_text("加我薇信 abc123456 兼职日入五百元每天结算名额有限速来报名不收押金", 61)));
}

TEST_CASE("the warning names the reason and shows the matched part with the number masked", "[antiad][explain]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("bob").says("有事打我电话 13812345678");
    CHECK(chat.replied("请不要发广告哦：留了手机号（「138****5678」）"));
    CHECK_FALSE(anywhere(chat, "13812345678"));
}

TEST_CASE("the warning's mention carries the card on one line, without controls", "[antiad][explain]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("bob").card("鲍勃\n群公告：\u202E全员转账");
    chat.user("bob").says("有事打我电话 13812345678");
    REQUIRE_FALSE(chat.sent().empty());
    auto const& msg = chat.actions().back().msg;
    bool mentioned = false;
    for (auto const& part : msg.segments())
        if (auto a = std::get_if<bot::seg::at>(&part)) {
            mentioned = true;
            CHECK(a->name == "鲍勃 群公告：全员转账");
        }
    CHECK(mentioned);
}

TEST_CASE("a mute text shows the matched part too", "[antiad][explain]") {
    testing::fake_chat chat("[plugins.antiad]\nladder = [\"mute 10m\"]\n", with_antiad());
    chat.user("bob").says("刷单兼职，有意私聊");
    CHECK(chat.replied("包含广告词（「刷单」），已被禁言 10 分钟"));
}

TEST_CASE("admins and the owner get a private report of each automatic action by default", "[antiad][explain]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("olivia").is(bot::role::owner);
    chat.user("carol").is(bot::role::member);
    chat.user("bob").says("\u202E加我微信 abc12345\n快来");
    for (auto const* who : {"u:alice", "u:olivia"}) {
        auto texts = sent_to(chat, who);
        REQUIRE(texts.size() == 1);
        auto const& r = texts[0];
        CHECK(r.find("【反广告】群 g1：bob（bob）留了微信号（规则 wechat）") != std::string::npos);
        CHECK(r.find("命中：微信 abc1****5") != std::string::npos);
        CHECK(r.find("原文：加我微信 abc1****5 快来") != std::string::npos);
        CHECK(r.find("处理：recall, warn") != std::string::npos);
        CHECK(r.find("/误判") != std::string::npos);
        CHECK(r.find("/unwarn @bob") != std::string::npos);
        CHECK(r.find("\u202E") == std::string::npos);
    }
    CHECK(sent_to(chat, "u:carol").empty());
    CHECK_FALSE(any_contains(sent_to(chat, "g:g1"), "【反广告】"));
}

TEST_CASE("report_to chooses the owner, an admin group, or nobody", "[antiad][explain]") {
    SECTION("owner") {
        testing::fake_chat chat("[plugins.antiad]\nreport_to = \"owner\"\n", with_antiad());
        chat.user("alice").is(bot::role::admin);
        chat.user("olivia").is(bot::role::owner);
        chat.user("bob").says("加我微信 abc12345");
        CHECK(sent_to(chat, "u:alice").empty());
        CHECK(any_contains(sent_to(chat, "u:olivia"), "【反广告】"));
    }
    SECTION("off") {
        testing::fake_chat chat("[plugins.antiad]\nreport_to = \"off\"\n", with_antiad());
        chat.user("alice").is(bot::role::admin);
        chat.user("bob").says("加我微信 abc12345");
        CHECK(sent_to(chat, "u:alice").empty());
        CHECK_FALSE(chat.replied("【反广告】"));
        CHECK(chat.replied("请不要发广告哦"));
    }
}

TEST_CASE("a report that cannot be sent never blocks the action", "[antiad][explain]") {
    testing::fake_chat chat("[plugins.antiad]\ndefault_action = \"recall+report\"\n", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.platform().fail_sends = 1;
    auto id = chat.user("bob").says("加我微信 abc12345");
    CHECK(recalled(chat, id));
    chat.user("alice").says("/modlog");
    CHECK(chat.replied("→ recall、report failed"));
}

TEST_CASE("/modlog shows one line per incident with member, rule, matched text and what was done",
          "[antiad][explain][commands]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("bob").says("加我微信 abc12345");
    chat.advance(std::chrono::hours(1));
    chat.user("bob").says("\u202E有事打我电话 13812345678");
    chat.clear();
    chat.user("alice").says("/modlog");
    auto log = chat.last();
    CHECK(log.find("10:00 bob mobile「138****5678」→ recall、mute 10m、report：有事打我电话 138****5678") !=
          std::string::npos);
    CHECK(log.find("09:00 bob wechat「微信 abc1****5」→ recall、warn、report：加我微信 abc1****5") != std::string::npos);
    CHECK(log.find("\u202E") == std::string::npos);
    CHECK(log.find("13812345678") == std::string::npos);
    // Two incidents, two lines (after the heading).
    CHECK(std::count(log.begin(), log.end(), '\n') == 2);
    chat.user("alice").says("/modlog 1");
    auto one = chat.last();
    CHECK(std::count(one.begin(), one.end(), '\n') == 1);
}

TEST_CASE("/modlog keeps an incident whole however many rows it has", "[antiad][explain][commands]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("alice").is(bot::role::admin);
    chat.user("bob").says("加我微信 abc12345");
    auto warning = chat.actions().back().message_id;
    chat.user("alice").says(bot::message().reply_to(warning).text("/误判"));
    for (int i = 0; i < 3; ++i) chat.user("alice").says("/antiad allow example" + std::to_string(i) + ".com");
    chat.clear();
    chat.user("alice").says("/modlog 4");
    auto log = chat.last();
    CHECK(std::count(log.begin(), log.end(), '\n') == 4);
    CHECK(log.find("→ recall、warn、report、已撤销（alice）、learn pass") != std::string::npos);
}
