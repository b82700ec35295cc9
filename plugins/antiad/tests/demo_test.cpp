// plugins/antiad/demo.txt played line by line through the console sandbox, as `qunbot --script`
// does: the transcript must show an ad warned, then muted, and the admin tools.
#include <catch2/catch.hpp>

#include "plugins/antiad/tests/helpers.hpp"
#include "tests/support/sandbox.hpp"

TEST_CASE("the sandbox demo shows an ad warned, then muted, and the admin tools", "[antiad][demo]") {
    testing::sandbox box({{"antiad", &plugins::antiad::register_plugin}});
    REQUIRE(box.play(QUNBOT_DEMO));
    auto t = box.transcript();
    INFO(t);
    for (auto const* line : {
             "已允许域名 github.com",
             "撤回了 bob 的消息",
             "请不要发广告哦：留了微信号（「微信 abc1****5」），消息已处理。这是第 1 次提醒，再犯将被禁言 10 分钟。",
             "[私聊 → alice]",
             "命中：微信 abc1****5",
             "误判？回复本消息 /误判",
             "禁言了 bob 10m",
             "包含广告词（「刷单」），已被禁言 10 分钟。",
             "bob keyword「刷单」→ recall、mute 10m、report",
             "bob 在30 天内有 2 次警告",
             "最近的处理记录",
             "解除了 bob 的禁言",
             "撤回了 dave 的消息",
             "新成员入群初期",
             "【试运行】carol",
             "反广告：on",
         })
        CHECK(t.find(line) != std::string::npos);
    CHECK(t.find("撤回了 carol 的消息") == std::string::npos);
}
