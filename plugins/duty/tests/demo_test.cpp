// plugins/duty/demo.txt through the console sandbox: the transcript a user sees with
// `qunbot --script` must hold the key lines of a duty week.
#include <catch2/catch.hpp>

#include "plugins/duty/tests/support.hpp"
#include "tests/support/sandbox.hpp"

TEST_CASE("the sandbox demo script shows a duty roster at work", "[duty][demo]") {
    testing::sandbox box(duty_test::with_mute());
    REQUIRE(box.play(QUNBOT_DEMO));
    auto t = box.transcript();
    INFO(t);
    for (auto const* line : {
             "还没有值班名单",
             "✅ 已把 bob 加入值班名单（共 1 人），现在就由 TA 值班，到 03-03 09:00。",
             "✅ 已把 carol 加入值班名单（共 2 人），TA 的下一班从 03-03 09:00 开始。",
             "没有使用 /mute 的权限",
             "已禁言 dave",
             "📣 值班交接：03-03 09:00 至 03-04 09:00 由 carol 值班",
             "dave 不在值班名单上，名单没有变化",
             "dave 不在值班名单上，没有互换",
             "回答问题 1，管理操作 1",
         })
        CHECK(t.find(line) != std::string::npos);
}
