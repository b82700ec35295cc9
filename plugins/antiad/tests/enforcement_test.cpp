// Carrying out a plan in the chat: only what succeeded is announced, and what failed is told to
// the admins with the platform's reason.
#include <catch2/catch.hpp>

#include "plugins/antiad/tests/helpers.hpp"

using namespace antiad_test;
using namespace std::chrono_literals;

namespace {

/// Where in the recorded actions the first one of `kind` for `user` (or any send containing
/// `needle`) is; -1 when none.
long index_of(testing::fake_chat& chat, std::string const& kind, std::string const& needle) {
    auto const& all = chat.actions();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].kind != kind) continue;
        if (kind == "send" ? all[i].text().find(needle) != std::string::npos : all[i].user == bot::id(needle))
            return static_cast<long>(i);
    }
    return -1;
}

}  // namespace

TEST_CASE("a kick is announced only after it happened", "[antiad][enforce]") {
    testing::fake_chat chat("[plugins.antiad]\nladder = [\"kick\"]\n", with_antiad());
    chat.user("bob").says("加我微信 abc12345");
    auto kick = index_of(chat, "kick", "bob");
    auto told = index_of(chat, "send", "已被移出本群");
    REQUIRE(kick >= 0);
    REQUIRE(told >= 0);
    CHECK(kick < told);
}

TEST_CASE("a kick that fails is not announced, no warning stands in for it, and the admins hear why",
          "[antiad][enforce]") {
    testing::fake_chat chat("[plugins.antiad]\nladder = [\"kick\"]\n", with_antiad());
    auto& flaky = chat.platform();
    flaky.fail_kick = true;
    auto id = chat.user("bob").says("加我微信 abc12345");
    CHECK(recalled(chat, id));
    CHECK_FALSE(kicked(chat, "bob"));
    CHECK_FALSE(chat.replied("已被移出本群"));
    CHECK_FALSE(chat.replied("请不要发广告哦"));
    CHECK_FALSE(chat.replied("本平台不支持"));
    CHECK(chat.replied("踢人没有成功（bot is not an admin），请管理员手动处理 bob（bob）：留了微信号"));
    chat.clear();
    chat.user("alice").is(bot::role::admin).says("/modlog");
    CHECK(chat.replied("bob wechat「微信 abc1****5」→ recall、kick failed"));
}

TEST_CASE("after a failed kick the strike stands, and the next ad is kicked once the bot can", "[antiad][enforce]") {
    testing::fake_chat chat("[plugins.antiad]\nladder = [\"warn\", \"kick\"]\n", with_antiad());
    chat.user("bob").says("加V：shop888");
    CHECK(chat.replied("第 1 次提醒，再犯将被移出本群"));
    auto& flaky = chat.platform();
    flaky.fail_kick = true;
    chat.clear();
    chat.advance(1h);
    chat.user("bob").says("V信 shop888 优惠");
    CHECK_FALSE(kicked(chat, "bob"));
    CHECK_FALSE(chat.replied("已被移出本群"));
    CHECK_FALSE(chat.replied("提醒"));
    CHECK(chat.replied("踢人没有成功"));
    // Once the bot can kick again, the next ad takes the same step.
    flaky.fail_kick = false;
    chat.clear();
    chat.advance(1h);
    chat.user("bob").says("加我微信 abc12345");
    CHECK(kicked(chat, "bob"));
    CHECK(chat.replied("已被移出本群"));
}

TEST_CASE("a mute that fails is not announced and the admins hear why", "[antiad][enforce]") {
    testing::fake_chat chat("[plugins.antiad]\nladder = [\"mute 10m\"]\n", with_antiad());
    auto& flaky = chat.platform();
    flaky.fail_mute = true;
    flaky.fail_reason = "no permission";
    chat.user("bob").says("加我微信 abc12345");
    CHECK(last_mute(chat, "bob") == -1);
    CHECK_FALSE(chat.replied("已被禁言"));
    CHECK_FALSE(chat.replied("请不要发广告哦"));
    CHECK(chat.replied("禁言没有成功（no permission）"));
}

TEST_CASE("a recall that fails is told as a failure, not as something the platform lacks", "[antiad][enforce]") {
    testing::fake_chat chat("", with_antiad());
    auto& flaky = chat.platform();
    flaky.fail_recall = true;
    flaky.fail_reason = "message too old";
    auto id = chat.user("bob").says("加我微信 abc12345");
    CHECK_FALSE(recalled(chat, id));
    CHECK(chat.replied("请不要发广告哦"));
    CHECK_FALSE(chat.replied("本平台不支持"));
    CHECK(chat.replied("撤回没有成功（message too old）"));
}

TEST_CASE("a report lists only what was done", "[antiad][enforce]") {
    testing::fake_chat chat("[plugins.antiad]\nreport_to = \"gadmin\"\ndefault_action = \"recall+kick+report\"\n",
                            with_antiad());
    auto& flaky = chat.platform();
    flaky.fail_kick = true;
    chat.user("bob").says("刷单兼职 日结");
    auto to_admins = sent_to(chat, "g:gadmin");
    REQUIRE(to_admins.size() == 2);
    CHECK(to_admins[0].find("踢人没有成功（bot is not an admin）") != std::string::npos);
    CHECK(to_admins[1].find("处理：recall") != std::string::npos);
    CHECK(to_admins[1].find("kick") == std::string::npos);
    CHECK(sent_to(chat, "g:g1").empty());
}

TEST_CASE("a warning that could not be sent is logged as not sent", "[antiad][enforce]") {
    testing::fake_chat chat("", with_antiad());
    chat.platform().fail_sends = 1;
    auto id = chat.user("bob").says("加我微信 abc12345");
    CHECK(recalled(chat, id));
    CHECK(chat.sent().empty());
    chat.user("alice").is(bot::role::admin).says("/modlog");
    CHECK(chat.replied("→ recall、warn failed"));
    CHECK_FALSE(chat.replied("、warn、"));
}
