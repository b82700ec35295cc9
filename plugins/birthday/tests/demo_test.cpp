// plugins/birthday/demo.txt through the console sandbox: the transcript a user sees with
// `qunbot --script` must hold the key lines of recording, refusing, listing and greeting.
#include <catch2/catch.hpp>

#include "plugins/birthday/tests/support.hpp"
#include "tests/support/sandbox.hpp"

TEST_CASE("the sandbox demo script shows birthdays recorded, refused, listed and greeted", "[birthday][demo]") {
    testing::sandbox box(birthday_test::loaded());
    REQUIRE(box.play(QUNBOT_DEMO));
    auto t = box.transcript();
    INFO(t);
    for (auto const* line : {
             "🎂 记下了：bob 的生日是 "
             "3月3日。当天早上会在群里为你送上祝福～（年份只用来核对日期，没有保存，也不会显示。）",
             "🎂 你在本群登记的生日是 3月3日。",
             "🎂 记下了：carol 的生日是 3月3日。",
             "好的，你生日那天不会在群里公开祝福",
             "「02-30」不是一个存在的日期",
             "「13-01」不是一个存在的日期",
             "「2030-01-01」还在未来，不能是生日，生日没有改动。",
             "没看懂「下周二」，生日没有改动。",
             "3月3日  bob\n3月3日  carol\n3月4日  dave（不公开祝福）",
             "3 月的生日名单已私信发给你。",
             "没看懂月份「13」",
             "🎂 今天是 2 位小伙伴的生日，祝生日快乐，新的一岁万事顺意！🎉 @bob @carol",
             "已删除你在本群登记的生日。",
             "好的，你生日那天会在群里收到祝福。",
             "已删除 dave 在本群登记的生日。",
             "🎂 群 读书会 3 月的生日（1 人）：\n3月3日  bob",
         })
        CHECK(t.find(line) != std::string::npos);
    CHECK(t.find("1990-03-03") == t.rfind("1990-03-03"));  // only where bob typed it
}
