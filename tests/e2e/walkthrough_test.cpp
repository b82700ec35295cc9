// End to end: the deposit challenge walkthrough (plugins/deposit/walkthrough.txt) replayed through
// the real binary in the console sandbox, checking the lines that carry the story and the money.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "tests/support/process.hpp"

namespace {

namespace fs = std::filesystem;

bool has(std::string const& out, std::string const& needle) { return out.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("the 7-day deposit challenge walkthrough replays in the sandbox with correct refunds", "[e2e][deposit]") {
    std::random_device rd;
    auto dir = fs::temp_directory_path() / ("qunbot-walkthrough-" + std::to_string(rd()));
    fs::create_directories(dir);
    auto config = dir / "bot.toml";
    std::ofstream(config) << "[bot]\nsuperusers = [\"alice\"]\ndatabase = \"" << (dir / "bot.db").string()
                          << "\"\nlog_level = \"warn\"\n\n[adapters.console]\nstart_time = \"2026-03-02 09:00\"\n";
    auto script = testing::source_dir() + "/plugins/deposit/walkthrough.txt";
    auto r = testing::run_process({testing::qunbot_binary(), "--config", config.string(), "--script", script});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);

    // Set up, enrol, pay; the unpaid member is reminded.
    CHECK(has(r.out, "📣 押金挑战「7天早起」\n时间：2030-03-05 至 2030-03-11，共 7 天"));
    CHECK(has(r.out, "@bob 押金 50.00 元已确认收到"));
    CHECK(has(r.out, "押金还没确认，请尽快把 50.00 元交给管理员： @dave（2030-03-06 09:00 前）"));
    // Nudged, a free miss, a member who leaves, a fine.
    CHECK(has(r.out, "🔔「7天早起」今天还没完成的成员： @carol（缺卡可免罚，免罚还剩 1 次）"));
    CHECK(has(r.out, "📋「7天早起」2030-03-06（第 2/7 天）：完成 3 人，请假 0 人，缺卡 1 人。\n@carol 本次不扣钱"));
    CHECK(has(r.out, "erin 中途退群，按规则剩余押金 50.00 元不退"));
    CHECK(has(r.out, "📋「7天早起」2030-03-07（第 3/7 天）：完成 2 人，请假 1 人，缺卡 0 人。"));
    CHECK(has(r.out, "🔔「7天早起」今天还没完成的成员： @carol（缺卡扣 5.00 元）"));
    CHECK(has(r.out, "@carol 扣 5.00 元，剩 45.00 元"));
    CHECK(has(r.out, "完成 2 天 · 缺卡 2 天 · 请假 0 天 · 还剩 3 天\n押金 50.00 元，已扣 5.00 元，现在可退 45.00 元"));
    CHECK(has(r.out, "🏁「7天早起」全部 7 天结束啦！"));
    // The settlement: forfeits 50 + 5 元, half to the fund, half shared by bob and dave.
    CHECK(has(r.out,
              "💰「7天早起」结算清单：\n"
              "1. bob：退 63.75 元 — 完成 7/7 天，分得奖池 13.75 元\n"
              "2. carol：退 45.00 元 — 完成 5/7 天，缺卡 2 天扣 5.00 元，未达到全额退还的 6 天\n"
              "3. dave：退 63.75 元 — 完成 5/7 天，请假 1 天，缺卡 1 天（免罚），分得奖池 13.75 元\n"
              "4. erin：退 0.00 元 — 中途退群，完成 2/7 天\n"
              "对账：押金合计 200.00 元 = 退款合计 172.50 元 + 进入群基金 27.50 元 ✅"));
    CHECK(has(r.out, "已标记 bob 的退款 63.75 元为已退（2/4）。"));
    CHECK(has(r.out, "bob 的退款 63.75 元已经标记过，不会重复退款。"));
    CHECK(has(r.out, "已标记 dave 的退款 63.75 元为已退（4/4）。\n🎉「7天早起」的退款全部完成。"));
    CHECK(has(r.out, "erin 没有可退的钱（0 元），结算时已结清。"));
    auto csv = dir / "exports" / "deposit-1.csv";
    CHECK(has(r.out, "已导出「7天早起」的账本（24 条分录）：" + csv.string()));
    CHECK(fs::exists(csv));
    // The fund's half of the forfeits is in the group fund that /fund shows.
    auto fund = r.out.find("alice: /fund");
    REQUIRE(fund != std::string::npos);
    CHECK(r.out.find("27.50", fund) != std::string::npos);

    std::error_code ec;
    fs::remove_all(dir, ec);
}
