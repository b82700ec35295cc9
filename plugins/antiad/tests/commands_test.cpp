#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

#include "plugins/antiad/tests/helpers.hpp"
#include "storage/database.hpp"

using namespace antiad_test;
using namespace std::chrono_literals;

TEST_CASE("admins warn, list and revoke warnings", "[antiad][commands]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("bob").is(bot::role::member);
    auto alice = chat.user("alice").is(bot::role::admin);
    alice.says("/warn @bob 刷屏");
    CHECK(chat.replied("bob 被管理员警告：刷屏（30 天内有效警告 1 次）"));
    alice.says("/warns @bob");
    CHECK(chat.replied("bob 在30 天内有 1 次警告"));
    CHECK(chat.replied("刷屏（alice）"));
    chat.clear();
    alice.says("/unwarn @bob");
    CHECK(chat.replied("已撤销 bob 最近的一次警告，剩余 0 次"));
    alice.says("/unwarn @bob");
    CHECK(chat.replied("bob 目前没有有效的警告"));
}

TEST_CASE("a manual warning counts toward escalation", "[antiad][commands]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("bob").is(bot::role::member);
    chat.user("alice").is(bot::role::admin).says("/warn @bob");
    chat.user("bob").says("加我微信 abc12345");
    CHECK(last_mute(chat, "bob") == 600);
}

TEST_CASE("admins mute, unmute and kick, admins and bad durations are refused", "[antiad][commands]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("bob").is(bot::role::member);
    chat.user("carol").is(bot::role::admin);
    auto alice = chat.user("alice").is(bot::role::admin);
    alice.says("/mute @bob 10m 刷屏");
    CHECK(last_mute(chat, "bob") == 600);
    CHECK(chat.replied("已禁言 bob 10 分钟"));
    alice.says("/unmute @bob");
    CHECK(last_mute(chat, "bob") == 0);
    alice.says("/mute @bob 40d");
    CHECK(chat.replied("最长 30 天"));
    alice.says("/mute @carol 10m");
    CHECK(last_mute(chat, "carol") == -1);
    CHECK(chat.replied("carol 是管理员"));
    alice.says("/mute @bob 十分钟");
    CHECK(chat.replied("用法"));
    alice.says("/kick @bob 发广告");
    CHECK(kicked(chat, "bob"));
    CHECK(chat.replied("已将 bob 移出本群"));
}

TEST_CASE("mute on a platform without mute tells the admin instead", "[antiad][commands]") {
    testing::fake_chat chat("", with_antiad());
    chat.platform().caps_.mute = false;
    chat.user("bob").is(bot::role::member);
    chat.user("alice").is(bot::role::admin).says("/mute @bob 10m");
    CHECK(count(chat, "mute") == 0);
    CHECK(chat.replied("本平台不支持禁言"));
}

TEST_CASE("/antiad shows the group's status", "[antiad][commands]") {
    testing::fake_chat chat("[plugins.antiad]\nallow_domains = [\"github.com\"]\n", with_antiad());
    auto alice = chat.user("alice").is(bot::role::admin);
    alice.says("/antiad");
    CHECK(chat.replied("反广告：on"));
    CHECK(chat.replied("允许的域名：github.com"));
    alice.says("/antiad maybe");
    CHECK(chat.replied("用法：/antiad on|off|dry-run"));
}

TEST_CASE("/modlog shortens a long message on a character boundary", "[antiad][commands]") {
    testing::fake_chat chat("", with_antiad());
    // 23 bytes of cue and ID, then Chinese: a cut at a fixed byte count would split a character.
    chat.user("bob").says("加我薇信 abc123456 兼职日入五百元每天结算名额有限速来报名不收押金");
    chat.clear();
    chat.user("alice").is(bot::role::admin).says("/modlog");
    auto log = chat.last();
    CHECK(log.find("：加我薇信 abc1****6 兼职日入五百元每天结算名…") != std::string::npos);
    auto valid_utf8 = [](std::string const& s) {
        for (std::size_t i = 0; i < s.size();) {
            auto c = static_cast<unsigned char>(s[i]);
            std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
            if (n == 0 || i + n > s.size()) return false;
            for (std::size_t k = 1; k < n; ++k)
                if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
            i += n;
        }
        return true;
    };
    CHECK(valid_utf8(log));
}

TEST_CASE("/modlog shows recent actions and the audit log keeps both texts", "[antiad][commands]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("bob").says("加我薇信 abc12345");
    chat.user("carol").is(bot::role::member);
    chat.user("alice").is(bot::role::admin).says("/mute @carol 1h 吵架");
    chat.clear();
    chat.user("alice").says("/modlog");
    // One line per message acted on, with what was done to it in order.
    CHECK(chat.replied("bob wechat「微信 abc1****5」→ recall、warn、report failed：加我薇信 abc1****5"));
    CHECK(chat.replied("alice → carol [mute 1h] manual"));

    auto& q = chat.bot().db().prepare(
        "SELECT actor, rule, original, normalized, detail, at FROM antiad_log WHERE action = 'recall'");
    storage::statement_guard guard{q};
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == "bot");
    CHECK(q.getColumn(1).getString() == "wechat");
    CHECK(q.getColumn(2).getString() == "加我薇信 abc12345");
    CHECK(q.getColumn(3).getString() == "加我微信abc12345");
    CHECK(q.getColumn(4).getString() == "微信 abc12345");
    CHECK(q.getColumn(5).getInt64() == chat.now().time_since_epoch().count());
}

TEST_CASE("/modlog names members and admins by card, with the ID", "[antiad][commands]") {
    testing::fake_chat chat("", with_antiad());
    chat.user("bob").card("鲍勃");
    chat.user("bob").says("加我薇信 abc12345");
    chat.user("carol").card("卡萝\n群公告").is(bot::role::member);
    chat.user("alice").card("阿丽").is(bot::role::admin).says("/mute @carol 1h 吵架");
    chat.clear();
    chat.user("alice").says("/modlog");
    CHECK(chat.replied("鲍勃（bob） wechat「微信 abc1****5」→ recall、warn、report failed"));
    CHECK(chat.replied("阿丽（alice） → 卡萝 群公告（carol） [mute 1h] manual"));
}
