// Anti-ad on the WeCom routes' capability sets: no recall, mute or kick anywhere. The bot checks the
// messages it sees, warns instead, tells the admins what it could not do, and records only what it did.
#include <catch2/catch.hpp>

#include "adapters/wecom/capabilities.hpp"
#include "plugins/antiad/tests/helpers.hpp"

using namespace antiad_test;
using namespace std::chrono_literals;
using adapters::wecom::route;

TEST_CASE("on WeCom an ad is answered with a warning and a plain word to the admins, nothing more",
          "[antiad][wecom]") {
    for (auto r : {route::bot, route::app, route::customer}) {
        CAPTURE(static_cast<int>(r));
        testing::fake_chat chat("[plugins.antiad]\nladder = [\"warn\", \"mute 10m\", \"kick\"]\n", with_antiad());
        chat.platform().caps_ = adapters::wecom::capabilities_of(r, true);
        chat.user("alice").is(bot::role::admin);
        // Three ads, an hour apart: each rung of the ladder is reached, none can be carried out.
        chat.user("bob").says("@bot 加我微信 abc12345");
        chat.advance(1h);
        chat.user("bob").says("@bot V信 shop888 优惠");
        chat.advance(1h);
        chat.user("bob").says("@bot 刷单兼职 日结");
        CHECK(count(chat, "recall") == 0);
        CHECK(count(chat, "mute") == 0);
        CHECK(count(chat, "kick") == 0);
        CHECK(chat.replied("请不要发广告哦"));
        CHECK(chat.replied("本平台不支持撤回、禁言，请管理员手动处理 bob（bob）"));
        CHECK(chat.replied("本平台不支持撤回、踢人，请管理员手动处理 bob（bob）"));
        // Nobody is told a punishment happened that did not.
        CHECK_FALSE(chat.replied("已被禁言"));
        CHECK_FALSE(chat.replied("已被移出本群"));
        // The record says what was done: no recall, mute or kick on any line.
        chat.clear();
        chat.user("alice").says("@bot /modlog");
        auto log = chat.last();
        CHECK(log.find("recall") == std::string::npos);
        CHECK(log.find("mute") == std::string::npos);
        CHECK(log.find("kick") == std::string::npos);
        CHECK(log.find("warn") != std::string::npos);
    }
}

TEST_CASE("on WeCom an admin's /mute and /kick say the platform cannot, and change nothing", "[antiad][wecom]") {
    for (auto r : {route::bot, route::app, route::customer}) {
        CAPTURE(static_cast<int>(r));
        testing::fake_chat chat("", with_antiad());
        chat.platform().caps_ = adapters::wecom::capabilities_of(r, true);
        chat.user("alice").is(bot::role::admin);
        chat.user("bob").says("@bot 你好");
        chat.clear();
        chat.user("alice").says("@bot /mute @bob 10m");
        CHECK(chat.replied("不支持"));
        chat.clear();
        chat.user("alice").says("@bot /kick @bob");
        CHECK(chat.replied("不支持"));
        CHECK(count(chat, "mute") == 0);
        CHECK(count(chat, "kick") == 0);
    }
}
