// plugins/antiad/demo.txt played line by line through the console sandbox, as `qunbot --script`
// does: the transcript must show an ad warned, then muted, and the admin tools.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "adapters/console/console.hpp"
#include "plugins/antiad/tests/helpers.hpp"
#include "tests/support/async.hpp"
#include "storage/database.hpp"

namespace {

std::string play_demo() {
    std::random_device rd;
    auto dir = std::filesystem::temp_directory_path() / ("qunbot-antiad-demo-" + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    std::string text;
    {
        boost::asio::io_context io;
        auto file = bot::config_file::parse("[bot]\nsuperusers = [\"alice\"]\n");
        auto cfg = bot::core_config::read(file);
        bot::manual_clock clock{bot::time_zone::must_load("Asia/Shanghai").from_local({2026, 3, 2}, 9, 0)};
        storage::database db((dir / "bot.db").string());
        bot::core core(io, file, cfg, clock, db);
        core.load_plugins({{"antiad", &plugins::antiad::register_plugin}});
        core.start();
        std::FILE* out = std::tmpfile();
        {
            adapters::console::adapter console(core, clock, adapters::console::settings{}, stdin, out, [] {});
            core.attach(console.platform());
            std::ifstream script(QUNBOT_ANTIAD_DEMO);
            REQUIRE(script.good());
            for (std::string line; std::getline(script, line);) testing::run(io, console.handle_line(line));
            core.detach(console.platform());
        }
        std::fflush(out);
        std::rewind(out);
        char buf[4096];
        while (auto n = std::fread(buf, 1, sizeof buf, out)) text.append(buf, n);
        std::fclose(out);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return text;
}

}  // namespace

TEST_CASE("the sandbox demo shows an ad warned, then muted, and the admin tools", "[antiad][demo]") {
    auto t = play_demo();
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
