// Deposit challenges on the WeCom routes' capability sets: every command works with a leading
// @-mention of the bot, days are judged by check-ins the bot saw, never by chat it may not see.
#include <catch2/catch.hpp>

#include "adapters/wecom/capabilities.hpp"
#include "plugins/deposit/tests/support.hpp"

using adapters::wecom::route;
using deposit_test::all;
using deposit_test::loaded;
using deposit_test::quiet;

namespace {

constexpr route all_routes[] = {route::bot, route::app, route::customer};

}  // namespace

TEST_CASE("a challenge runs on @-mentions: create, join, pay, check in, and the close fines the one who missed",
          "[deposit][wecom]") {
    for (auto r : all_routes) {
        CAPTURE(static_cast<int>(r));
        testing::fake_chat chat(quiet, loaded());
        chat.platform().caps_ = adapters::wecom::capabilities_of(r, true);
        chat.user("boss").is(bot::role::admin).says("@bot /challenge new 早起 start=2026-03-03 days=7 deposit=50 fine=5");
        CHECK(chat.replied("押金挑战「早起」"));
        for (auto name : {"alice", "bob"}) {
            chat.user(name).says("@bot /challenge join");
            chat.user("boss").says(std::string("@bot /deposit paid @") + name);
        }
        CHECK(chat.replied("@bob 押金 50.00 元已确认收到"));
        chat.advance_to("2026-03-03 09:00");
        chat.user("alice").says("@bot 打卡 今天六点起床");
        CHECK(chat.replied("✅ 打卡成功！alice"));
        chat.clear();
        chat.advance_to("2026-03-04 00:00");
        INFO(all(chat));
        auto& ledger = chat.bot().ledger();
        CHECK(ledger.balance(deposit_test::group_key, "deposit:1:s:alice") == 5000);
        CHECK(ledger.balance(deposit_test::group_key, "deposit:1:s:bob") == 4500);
        CHECK(chat.replied("@bob 扣 5.00 元，剩 45.00 元"));
        chat.user("bob").says("@bot /deposit status");
        CHECK(chat.last().find("缺卡 1 天") != std::string::npos);
    }
}

TEST_CASE("where the bot sees only @-messages a challenge judged by chat is refused, saying why",
          "[deposit][wecom]") {
    for (auto r : all_routes) {
        CAPTURE(static_cast<int>(r));
        testing::fake_chat chat(quiet, loaded());
        chat.platform().caps_ = adapters::wecom::capabilities_of(r, true);
        chat.user("boss").is(bot::role::admin).says(
            "@bot /challenge new 早起 start=2026-03-03 days=7 deposit=50 fine=5 rule=message");
        CHECK(chat.last().find("不能按「当天在群里发言」判定") != std::string::npos);
        CHECK(chat.last().find("rule=checkin") != std::string::npos);
        chat.user("bob").says("@bot /challenge");
        CHECK_FALSE(chat.replied("押金挑战「早起」"));
        // With the check-in rule it goes ahead.
        chat.user("boss").says("@bot /challenge new 早起 start=2026-03-03 days=7 deposit=50 fine=5 rule=checkin");
        CHECK(chat.replied("押金挑战「早起」"));
    }
}

TEST_CASE("a group whose default rule is chat gets the same refusal on WeCom", "[deposit][wecom]") {
    testing::fake_chat chat(quiet + "[plugins.deposit]\nrule = \"message\"\n", loaded());
    chat.platform().caps_ = adapters::wecom::capabilities_of(route::bot, false);
    chat.user("boss").is(bot::role::admin).says("@bot /challenge new 早起 start=2026-03-03 days=7 deposit=50 fine=5");
    CHECK(chat.last().find("不能按「当天在群里发言」判定") != std::string::npos);
}
