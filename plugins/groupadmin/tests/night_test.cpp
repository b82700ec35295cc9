// Night mode (宵禁) on the manual clock: the whole group muted from the start to the end, across
// midnight, kept over restarts.
#include <catch2/catch.hpp>

#include "plugins/groupadmin/tests/helpers.hpp"

using namespace groupadmin_test;

namespace {

/// The on/off states of the whole-group mutes the bot made, in order.
std::vector<bool> switches(testing::fake_chat& chat) {
    std::vector<bool> out;
    for (auto const& a : actions_of(chat, "mute_all")) out.push_back(a.approve);
    return out;
}

}  // namespace

TEST_CASE("night mode mutes the group at the start and lifts it at the end, across midnight", "[groupadmin][night]") {
    testing::fake_chat chat("", loaded());  // Monday 2026-03-02 09:00, Asia/Shanghai
    admins(chat);
    chat.user("alice").says("/宵禁 23:00 07:00");
    CHECK(chat.replied("已开启宵禁：每天 23:00–07:00（Asia/Shanghai）全员禁言，管理员不受影响。"));
    CHECK(switches(chat).empty());
    chat.advance_to("2026-03-02 22:59");
    CHECK(switches(chat).empty());
    chat.advance_to("2026-03-02 23:00");
    CHECK(switches(chat) == std::vector<bool>{true});
    CHECK(chat.replied("宵禁开始，全员禁言到 07:00"));
    chat.advance_to("2026-03-03 06:59");
    CHECK(switches(chat) == std::vector<bool>{true});
    chat.advance_to("2026-03-03 07:00");
    CHECK(switches(chat) == std::vector<bool>{true, false});
    CHECK(chat.replied("宵禁结束，已解除全员禁言"));
    chat.advance_to("2026-03-04 07:30");
    CHECK(switches(chat) == std::vector<bool>{true, false, true, false});
    chat.user("alice").says("/宵禁");
    CHECK(chat.replied("宵禁已开启：每天 23:00–07:00（Asia/Shanghai）。现在不在宵禁时间内。"));
}

TEST_CASE("night mode is kept over a restart and ends on time after it", "[groupadmin][night]") {
    // Each restart brings a fresh platform: switches() counts what the bot did since the last one.
    testing::fake_chat chat("", loaded());
    admins(chat);
    chat.user("alice").says("/宵禁 22:30 06:00");
    chat.advance_to("2026-03-02 23:00");
    CHECK(switches(chat) == std::vector<bool>{true});
    chat.restart();
    // Inside the night, already muted by the bot since the start: nothing to do again.
    CHECK(switches(chat).empty());
    chat.advance_to("2026-03-03 06:00");
    CHECK(switches(chat) == std::vector<bool>{false});
    chat.restart();
    CHECK(switches(chat).empty());
    chat.advance_to("2026-03-03 22:30");
    CHECK(switches(chat) == std::vector<bool>{true});
}

TEST_CASE("a night start the bot missed is caught up when it comes back", "[groupadmin][night]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    chat.user("alice").says("/宵禁 23:00 07:00");
    // At 23:00 the platform refuses (the connection is bad): the admins hear of it.
    chat.platform().fail_admin = true;
    chat.advance_to("2026-03-02 23:00");
    CHECK(switches(chat).empty());
    CHECK(chat.replied("本群的宵禁没能开启全员禁言"));
    chat.advance_to("2026-03-02 23:40");
    chat.restart();  // back, with a platform that works
    CHECK(switches(chat) == std::vector<bool>{true});
    chat.advance_to("2026-03-03 07:00");
    CHECK(switches(chat) == std::vector<bool>{true, false});
}

TEST_CASE("turning night mode on inside the window mutes at once, off lifts tonight's mute", "[groupadmin][night]") {
    testing::fake_chat chat("", loaded(), "2026-03-02 23:30");
    admins(chat);
    chat.user("alice").says("/宵禁 23:00 07:00");
    CHECK(switches(chat) == std::vector<bool>{true});
    CHECK(chat.replied("现在正处于宵禁时间，已开始禁言。"));
    chat.user("alice").says("/宵禁 关");
    CHECK(switches(chat) == std::vector<bool>{true, false});
    CHECK(chat.replied("已关闭宵禁。已解除今晚的全员禁言。"));
    chat.advance_to("2026-03-03 23:30");
    CHECK(switches(chat) == std::vector<bool>{true, false});
    chat.user("alice").says("/宵禁 开");
    CHECK(switches(chat) == std::vector<bool>{true, false, true});
    chat.user("alice").says("/宵禁 23:00 23:00");
    CHECK(chat.replied("开始和结束时间不能相同"));
    chat.user("alice").says("/宵禁 晚上");
    CHECK(chat.replied("用法：/宵禁 23:00 07:00"));
}

TEST_CASE("an admin lifting the night mute by hand is not undone by a restart", "[groupadmin][night]") {
    testing::fake_chat chat("", loaded());
    admins(chat);
    chat.user("alice").says("/宵禁 23:00 07:00");
    chat.advance_to("2026-03-02 23:00");
    chat.user("alice").says("/解除全员禁言");
    CHECK(switches(chat) == std::vector<bool>{true, false});
    chat.restart();
    CHECK(switches(chat).empty());
}

TEST_CASE("night mode follows the group's time zone", "[groupadmin][night]") {
    testing::fake_chat chat("[bot]\ntimezone = \"Europe/Berlin\"\n", loaded(), "2026-03-28 12:00");
    admins(chat);
    chat.user("alice").says("/宵禁 01:00 04:00");
    // The clocks go forward at 02:00 on 2026-03-29: the night is two hours long, and still ends at 04:00.
    chat.advance_to("2026-03-29 01:00");
    CHECK(switches(chat) == std::vector<bool>{true});
    chat.advance_to("2026-03-29 03:59");
    CHECK(switches(chat) == std::vector<bool>{true});
    chat.advance_to("2026-03-29 04:00");
    CHECK(switches(chat) == std::vector<bool>{true, false});
}
