// Combined confirmations survive restarts, crashes and failed sends, and go out once.
#include <catch2/catch.hpp>

#include "plugins/checkin/tests/support.hpp"

using checkin_test::count_containing;
using checkin_test::loaded;

namespace {

constexpr char const* two_per_minute = "[plugins.checkin]\nburst_replies = 2\nburst_window = \"60s\"\n";
constexpr char const* combined = "✅ 刚刚打卡的小伙伴：\nm3：今日第 3 位，连续 1 天\nm4：今日第 4 位，连续 1 天";

/// m1 and m2 get their own replies; m3 and m4 wait for the combined message a minute later.
void morning_rush(testing::fake_chat& chat) {
    for (int i = 1; i <= 4; ++i) {
        chat.user("m" + std::to_string(i)).says("打卡");
        chat.advance(std::chrono::seconds(1));
    }
    REQUIRE(chat.sent().size() == 2);
    chat.clear();
}

}  // namespace

TEST_CASE("confirmations waiting for the combined message when the bot crashes arrive once after it restarts",
          "[checkin][confirmations]") {
    testing::fake_chat chat(two_per_minute, loaded());
    morning_rush(chat);
    chat.restart();
    CHECK(chat.sent() == std::vector<std::string>{combined});
    // Neither the old window's end nor the next restart sends them again.
    chat.clear();
    chat.advance(std::chrono::minutes(2));
    chat.restart();
    CHECK(count_containing(chat.sent(), "刚刚打卡") == 0);
}

TEST_CASE("a clean shutdown sends the waiting confirmations before the accounts disconnect",
          "[checkin][confirmations]") {
    testing::fake_chat chat(two_per_minute, loaded());
    morning_rush(chat);
    chat.shut_down();
    CHECK(chat.sent() == std::vector<std::string>{combined});
    chat.restart();
    CHECK(count_containing(chat.sent(), "刚刚打卡") == 0);
}

TEST_CASE("a combined confirmation sent when the window ends is not repeated after a restart",
          "[checkin][confirmations]") {
    testing::fake_chat chat(two_per_minute, loaded());
    morning_rush(chat);
    chat.advance(std::chrono::seconds(60));
    CHECK(chat.sent() == std::vector<std::string>{combined});
    chat.clear();
    chat.restart();
    chat.shut_down();
    CHECK(count_containing(chat.sent(), "刚刚打卡") == 0);
}

TEST_CASE("a combined confirmation the platform refused is kept and sent at the next chance",
          "[checkin][confirmations]") {
    testing::fake_chat chat(two_per_minute, loaded());
    morning_rush(chat);
    chat.platform().fail_sends = 1;
    chat.advance(std::chrono::seconds(60));
    CHECK(chat.sent().empty());
    // The next burst's combined message carries the kept lines too, in order.
    chat.advance(std::chrono::minutes(5));
    for (int i = 5; i <= 7; ++i) chat.user("m" + std::to_string(i)).says("打卡");
    chat.clear();
    chat.advance(std::chrono::seconds(60));
    CHECK(chat.sent() == std::vector<std::string>{std::string(combined) + "\nm7：今日第 7 位，连续 1 天"});
}

TEST_CASE("confirmations that could not be sent for a day are dropped, not sent as today's",
          "[checkin][confirmations]") {
    testing::fake_chat chat(two_per_minute, loaded());
    morning_rush(chat);
    chat.platform().fail_sends = 1000;
    chat.advance(std::chrono::hours(25));
    chat.restart();
    CHECK(count_containing(chat.sent(), "刚刚打卡") == 0);
}
