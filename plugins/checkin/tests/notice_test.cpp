#include <catch2/catch.hpp>

#include "bot/attendance.hpp"
#include "bot/plugin_context.hpp"
#include "plugins/checkin/tests/support.hpp"

namespace {

/// What a listening plugin heard: one line per checked_in notice.
std::vector<bot::checked_in> heard;

void register_listener(bot::plugin_context& ctx) {
    ctx.listen<bot::checked_in>([](bot::checked_in& e) { heard.push_back(e); });
}

}  // namespace

TEST_CASE("a recorded check-in raises checked_in with its text, a refused one does not", "[checkin][notice]") {
    heard.clear();
    auto plugins = checkin_test::loaded();
    plugins.push_back({"listener", &register_listener});
    testing::fake_chat chat("[plugins.checkin]\nmin_text_length = 4\nrequire = \"text\"\n", plugins);
    chat.user("alice").says("打卡 短");
    CHECK(heard.empty());
    chat.user("alice").says("打卡 今天读完《原则》第三章");
    REQUIRE(heard.size() == 1);
    CHECK(heard[0].group_key == chat.group_ref().key());
    CHECK(heard[0].user == bot::id("alice"));
    CHECK(heard[0].name == "alice");
    CHECK(heard[0].day.str() == "2026-03-02");
    CHECK(heard[0].text == "今天读完《原则》第三章");
    CHECK(heard[0].at == chat.now().time_since_epoch().count());
    chat.user("alice").says("打卡 晚上又写了一篇总结");
    REQUIRE(heard.size() == 2);
    CHECK(heard[1].text == "晚上又写了一篇总结");
}
