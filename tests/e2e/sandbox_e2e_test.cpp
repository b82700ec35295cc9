// End to end: the real qunbot binary, the default bot.toml shape, a scripted sandbox conversation.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "tests/support/process.hpp"

namespace {

namespace fs = std::filesystem;

/// A temporary folder with a bot.toml that keeps its database inside the folder.
struct sandbox_dir {
    fs::path dir;
    fs::path config;

    explicit sandbox_dir(std::string const& extra = "") {
        std::random_device rd;
        dir = fs::temp_directory_path() / ("qunbot-e2e-" + std::to_string(rd()));
        fs::create_directories(dir);
        config = dir / "bot.toml";
        std::ofstream(config) << "[bot]\nsuperusers = [\"alice\"]\ndatabase = \"" << (dir / "bot.db").string()
                              << "\"\nlog_level = \"warn\"\n\n[adapters.console]\nstart_time = \"2026-03-02 09:00\"\n"
                              << extra;
    }
    ~sandbox_dir() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    testing::process_result run(std::string const& script) const {
        return testing::run_process({testing::qunbot_binary(), "--config", config.string()}, script);
    }
};

}  // namespace

TEST_CASE("a piped script replays a conversation through the real binary", "[e2e]") {
    sandbox_dir box;
    auto r = box.run("/ping\n:as bob\n/plugin off ping\n:as alice\n/help\n");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("[读书会] #1 alice: /ping") != std::string::npos);
    CHECK(r.out.find("pong") != std::string::npos);
    CHECK(r.out.find("你没有使用 /plugin 的权限") != std::string::npos);
    CHECK(r.out.find("/ping — 检查机器人是否在线") != std::string::npos);
}

TEST_CASE("the sandbox clock moves with :time and state survives a restart", "[e2e]") {
    sandbox_dir box;
    auto first = box.run("/set ping.reply 在的\n:time +1d\n/time\n");
    INFO(first.out << first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(first.out.find("2026-03-03 09:00") != std::string::npos);
    // The per-group setting was written to the SQLite file, so a second run still has it.
    auto second = box.run("/ping\n");
    CHECK(second.out.find("在的") != std::string::npos);
}

TEST_CASE("a --script file is replayed like standard input", "[e2e]") {
    sandbox_dir box;
    auto script = box.dir / "chat.txt";
    std::ofstream(script) << "# a comment line is skipped\n:join dave\n:as dave\n/ping\n";
    auto r = testing::run_process({testing::qunbot_binary(), "--config", box.config.string(), "--script", script.string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("dave 加入了群") != std::string::npos);
    CHECK(r.out.find("#1 dave: /ping") != std::string::npos);
    CHECK(r.out.find("pong") != std::string::npos);
    CHECK(r.out.find("comment") == std::string::npos);
}

TEST_CASE("a broken bot.toml stops startup naming the file, the line and the key", "[e2e]") {
    sandbox_dir box("[plugins.ping]\nreplly = \"x\"\n");
    auto r = testing::run_process({testing::qunbot_binary(), "check-config", box.config.string()});
    REQUIRE(r.exit_code == 2);
    CHECK(r.err.find("bot.toml:9") != std::string::npos);
    CHECK(r.err.find("plugins.ping.replly") != std::string::npos);
    CHECK(r.err.find("unknown key") != std::string::npos);

    auto run = box.run("/ping\n");
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
}

TEST_CASE("a wrong type in bot.toml says what was expected", "[e2e]") {
    sandbox_dir box("[outbox]\ngroup_burst = \"three\"\n");
    auto r = testing::run_process({testing::qunbot_binary(), "check-config", box.config.string()});
    REQUIRE(r.exit_code == 2);
    CHECK(r.err.find(":9:") != std::string::npos);
    CHECK(r.err.find("outbox.group_burst") != std::string::npos);
    CHECK(r.err.find("expected") != std::string::npos);
}

TEST_CASE("a bot.toml with several errors reports every one and does not start", "[e2e]") {
    sandbox_dir box("[outbox]\ngroup_burst = \"three\"\n\n[plugins.ping]\nreplly = \"x\"\n\n[plugins.checkin]\nremind_at = \"9pm\"\n"
                    "min_text_length = -1\n");
    for (auto const& r :
         {testing::run_process({testing::qunbot_binary(), "check-config", box.config.string()}), box.run("/ping\n")}) {
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        auto at = [&](std::string const& part) { return r.err.find(part); };
        CHECK(at("bot.toml:9:15: outbox.group_burst: expected an integer") != std::string::npos);
        CHECK(at("bot.toml:12:10: plugins.ping.replly: unknown key") != std::string::npos);
        CHECK(at("bot.toml:15:13: plugins.checkin.remind_at: expected a time") != std::string::npos);
        CHECK(at("bot.toml:16:19: plugins.checkin.min_text_length: expected a number from 0 to 10000") !=
              std::string::npos);
        CHECK(at("4 errors in the configuration; qunbot did not start") != std::string::npos);
        // In the order of the file.
        CHECK(at("outbox.group_burst") < at("plugins.ping.replly"));
        CHECK(at("plugins.ping.replly") < at("plugins.checkin.remind_at"));
    }
    // The [outbox] error is known before the database would be opened, so none is created.
    CHECK_FALSE(fs::exists(box.dir / "bot.db"));
}

TEST_CASE("check-config accepts the shipped bot.toml", "[e2e]") {
    auto r = testing::run_process({testing::qunbot_binary(), "check-config", testing::source_dir() + "/bot.toml"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("OK") != std::string::npos);
    // Every plugin folder is named, the list closes without a stray space.
    CHECK(r.out.find(" ping ") != std::string::npos);
    CHECK(r.out.find(" )") == std::string::npos);
}

TEST_CASE("the binary answers the version and help flags without starting the bot", "[e2e]") {
    auto v = testing::run_process({testing::qunbot_binary(), "--version"});
    CHECK(v.exit_code == 0);
    CHECK(v.out.find("qunbot 0.") != std::string::npos);
    auto h = testing::run_process({testing::qunbot_binary(), "--help"});
    CHECK(h.exit_code == 0);
    CHECK(h.out.find("--config") != std::string::npos);
    CHECK(h.out.find("check-config") != std::string::npos);
}

TEST_CASE("the binary starts without the image libraries, whose module sits next to it", "[e2e]") {
    // Tesseract and zbar (and the sixty-odd libraries they link) are loaded with the first image,
    // from libqunbot_imagescan.so, not mapped and relocated at every start.
    auto deps = testing::run_process({"/usr/bin/ldd", testing::qunbot_binary()});
    INFO(deps.out << deps.err);
    REQUIRE(deps.exit_code == 0);
    CHECK(deps.out.find("libc.so") != std::string::npos);
    CHECK(deps.out.find("libtesseract") == std::string::npos);
    CHECK(deps.out.find("libzbar") == std::string::npos);
    CHECK(deps.out.find("liblept") == std::string::npos);
    CHECK(fs::is_regular_file(fs::path(testing::qunbot_binary()).parent_path() / "libqunbot_imagescan.so"));
}

TEST_CASE("the group-admin basics work in the sandbox", "[e2e][groupadmin]") {
    sandbox_dir box;
    auto r = box.run(
        ":as bob\n这是一条好笔记\n这条发错群了\n:as alice\n:reply #1 /精华\n:reply #2 /recall\n"
        "/card @bob 小明 | 设计\n/全员禁言\n:as bob\n有人吗\n:as alice\n/解除全员禁言\n/宵禁 23:00 07:00\n"
        ":time 23:00\n:as bob\n夜里说话\n:as alice\n:time 07:00\n:as bob\n早上好\n");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    for (auto const* line : {
             "把 bob 的消息 #1 设为精华",
             "已设为精华消息",
             "撤回了 bob 的消息 #2",
             "把 bob 的群名片改为「小明 | 设计」",
             "已把 bob 的群名片改为「小明 | 设计」。",
             "开启了全员禁言（管理员和群主不受影响）",
             "全员禁言中，bob 的消息没有发出",
             "已解除全员禁言",
             "已开启宵禁：每天 23:00–07:00（Asia/Shanghai）",
             "宵禁开始，全员禁言到 07:00",
             "宵禁结束，已解除全员禁言",
             "小明 | 设计（bob）: 早上好",
         })
        CHECK(r.out.find(line) != std::string::npos);
    CHECK(r.out.find(": 夜里说话") == std::string::npos);  // muted for the night: never sent
}
