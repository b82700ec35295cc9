// The /duty commands in the chat: the status, the roster changes, and bad input that gets a clear
// reply and changes nothing.
#include <catch2/catch.hpp>

#include "plugins/duty/tests/support.hpp"

using namespace duty_test;

TEST_CASE("with nobody on the roster /duty says so and how to add someone", "[duty][commands]") {
    duty_chat chat;
    chat.user("alice").says("/duty");
    CHECK(chat.last() ==
          "还没有值班名单。管理员可以用「/duty add @成员」把人加入值班，轮到谁谁就有 /warn /mute /recall /kick 等管理命令。");
    chat.user("alice").says("/值班");
    CHECK_THAT(chat.last(), Catch::Contains("还没有值班名单"));
    chat.admin("/duty list");
    CHECK_THAT(chat.last(), Catch::Contains("还没有值班名单"));
    chat.admin("/duty skip");
    CHECK(chat.last() == "现在没有人值班（名单是空的），没有可跳过的班。");
}

TEST_CASE("admins build the roster and /duty shows who is on now and next", "[duty][commands]") {
    duty_chat chat(loaded(), "", "2026-03-02 10:00");
    chat.admin("/duty add @alice");
    CHECK(chat.last() == "✅ 已把 alice 加入值班名单（共 1 人），现在就由 TA 值班，到 03-03 09:00。");
    chat.admin("/duty add @bob");
    CHECK(chat.last() == "✅ 已把 bob 加入值班名单（共 2 人），TA 的下一班从 03-03 09:00 开始。");
    chat.admin("/值班 添加 @carol");
    CHECK_THAT(chat.last(), Catch::Contains("TA 的下一班从 03-04 09:00 开始"));
    chat.user("dave").says("/duty");
    CHECK(chat.last() == "👮 现在值班：alice（03-02 09:00 至 03-03 09:00，每天换班）\n⏭ 下一班：bob（03-03 09:00 起）");
    chat.user("dave").says("/duty list");
    CHECK(chat.last() ==
          "📋 值班名单（每天换班，每班从 09:00 开始）：\n1. alice：值班中，到 03-03 09:00\n2. bob：下一班 03-03 09:00 起\n"
          "3. carol：下一班 03-04 09:00 起");
    chat.advance_to("2026-03-03 09:00");
    chat.user("dave").says("/duty");
    CHECK_THAT(chat.last(), Catch::StartsWith("👮 现在值班：bob"));
}

TEST_CASE("members may not change the roster", "[duty][commands]") {
    duty_chat chat;
    chat.user("alice").says("/duty add @alice");
    CHECK_THAT(chat.last(), Catch::Contains("没有使用"));
    chat.user("alice").says("/duty");
    CHECK_THAT(chat.last(), Catch::Contains("还没有值班名单"));
}

TEST_CASE("bad roster changes get a reason and change nothing", "[duty][commands]") {
    duty_chat chat(loaded(), "", "2026-03-02 10:00");
    chat.admin("/duty add @alice");
    chat.admin("/duty add @bob");
    chat.admin("/duty list");
    auto before = chat.last();

    chat.admin("/duty add @alice");
    CHECK(chat.last() == "alice 已经在值班名单上了，名单没有变化。");
    chat.admin("/duty remove @carol");
    CHECK(chat.last() == "carol 不在值班名单上，名单没有变化。");
    chat.admin("/duty swap @alice @carol");
    CHECK(chat.last() == "carol 不在值班名单上，没有互换。只能互换名单上的两个人。");
    chat.admin("/duty swap @dave @bob");
    CHECK(chat.last() == "dave 不在值班名单上，没有互换。只能互换名单上的两个人。");
    chat.admin("/duty swap @bob @bob");
    CHECK(chat.last() == "两次写的是同一个人，没有互换。");
    chat.admin("/duty skip @carol");
    CHECK(chat.last() == "carol 不在值班名单上，没有可跳过的班。");
    chat.admin("/duty mode monthly");
    CHECK_THAT(chat.last(), Catch::StartsWith("没看懂「monthly」"));
    chat.admin("/duty mode daily");
    CHECK(chat.last() == "值班已经是每天换班了，没有变化。");
    chat.admin("/duty kpi 下下周");
    CHECK_THAT(chat.last(), Catch::StartsWith("没看懂「下下周」"));
    chat.admin("/duty swap @alice");
    CHECK_THAT(chat.last(), Catch::Contains("用法"));

    chat.admin("/duty list");
    CHECK(chat.last() == before);
    chat.restart();
    chat.admin("/duty list");
    CHECK(chat.last() == before);
}

TEST_CASE("a skip with one member on the roster is refused", "[duty][commands]") {
    duty_chat chat(loaded(), "", "2026-03-02 10:00");
    chat.admin("/duty add @alice");
    chat.admin("/duty skip");
    CHECK(chat.last() == "值班名单上只有 alice 一个人，没有人能接这一班，没有跳过。");
    chat.user("dave").says("/duty");
    CHECK_THAT(chat.last(), Catch::StartsWith("👮 现在值班：alice"));
}

TEST_CASE("swap, skip, remove and mode change the rotation as they say", "[duty][commands]") {
    duty_chat chat(loaded(), "", "2026-03-02 10:00");
    for (auto const* u : {"alice", "bob", "carol"}) chat.admin(std::string("/duty add @") + u);
    chat.admin("/duty swap @alice @carol");
    CHECK(chat.last() == "已互换 alice 和 carol 在值班轮换里的位置。现在值班的是 carol。");
    chat.admin("/duty skip @alice");  // alice now has 03-04; it goes to carol (next after her, round the list)
    CHECK(chat.last() == "alice 的那一班（03-04 09:00 至 03-05 09:00）改由 carol 值班。");
    chat.admin("/duty list");
    CHECK_THAT(chat.last(), Catch::Contains("3. alice：下一班 03-07 09:00 起"));
    chat.admin("/duty remove @carol");
    CHECK(chat.last() == "已把 carol 移出值班名单。现在值班的是 bob。");
    chat.admin("/duty mode weekly");
    CHECK(chat.last() == "值班改为每周一换班。现在值班的是 bob，到 03-09 09:00。");
    chat.user("dave").says("/duty");
    CHECK(chat.last() == "👮 现在值班：bob（03-02 09:00 至 03-09 09:00，每周一换班）\n⏭ 下一班：alice（03-09 09:00 起）");
    chat.admin("/duty remove @bob");
    chat.admin("/duty remove @alice");
    CHECK(chat.last() == "已把 alice 移出值班名单，名单空了，现在没有人值班。");
}

TEST_CASE("the shift start is the group's setting", "[duty][commands]") {
    duty_chat chat(loaded(), "", "2026-03-02 10:00");
    chat.admin("/set duty.shift_start 20:00");
    chat.admin("/duty add @alice");
    CHECK(chat.last() == "✅ 已把 alice 加入值班名单（共 1 人），现在就由 TA 值班，到 03-02 20:00。");
}
