// Hidden benchmark of the check-in path (run with: plugin_checkin_tests "[.bench]"). It prints
// timings and asserts only that the records are right, never how fast they were written.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "plugins/checkin/checkin_book.hpp"
#include "plugins/checkin/tracker.hpp"
#include "storage/database.hpp"

namespace {

double per_second(int n, std::chrono::steady_clock::duration d) {
    return n / std::chrono::duration<double>(d).count();
}

/// `members` check-ins in each of `groups` groups on `day`, one transaction each as in the bot.
std::pair<int, std::chrono::steady_clock::duration> check_in_all(plugins::checkin::tracker& track,
                                                                 std::string const& prefix, int groups, int members,
                                                                 bot::civil_date day) {
    auto start = std::chrono::steady_clock::now();
    int n = 0;
    for (int m = 0; m < members; ++m)
        for (int g = 0; g < groups; ++g, ++n)
            track.check_in(prefix + std::to_string(g), bot::id("u" + std::to_string(m)), "u" + std::to_string(m), day,
                           1000 + n, {10, 0}, "今天的输出");
    return {n, std::chrono::steady_clock::now() - start};
}

}  // namespace

TEST_CASE("check-in throughput stays flat with a million rows", "[.bench]") {
    auto path = std::filesystem::temp_directory_path() / "qunbot-checkin-bench.db";
    std::filesystem::remove(path);
    {
        storage::database db(path.string());
        plugins::checkin::book records(db);
        plugins::checkin::tracker track(db);
        auto [n0, d0] = check_in_all(track, "fresh:", 1000, 20, bot::civil_date::from_serial(20300));
        std::printf("empty table: %d check-ins, %.0f/s\n", n0, per_second(n0, d0));
        // One million earlier check-ins: 1,000 groups × 100 members × 10 days.
        db.exec(R"sql(
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
            INSERT INTO checkin_days(group_key, user, day, kind, at, rank, streak, total, outputs, chars, images, note)
            SELECT 'bench:' || (i / 1000), 's:u' || (i % 100), 20400 + (i / 100) % 10, 0, 0, 1, 1, 1, 1, 0, 0, ''
            FROM n)sql");
        auto [n1, d1] = check_in_all(track, "bench:", 1000, 20, bot::civil_date::from_serial(20410));
        std::printf("1M rows: %d check-ins, %.0f/s\n", n1, per_second(n1, d1));
        auto [n2, d2] = check_in_all(track, "bench:", 1000, 20, bot::civil_date::from_serial(20411));
        std::printf("1M rows, next day: %d check-ins, %.0f/s\n", n2, per_second(n2, d2));
        auto [n3, d3] = check_in_all(track, "big:", 2, 500, bot::civil_date::from_serial(20411));
        std::printf("two groups of 500: %d check-ins, %.0f/s\n", n3, per_second(n3, d3));
        CHECK(records.done_on("bench:7", bot::civil_date::from_serial(20411)).size() == 20);
        // Ten seeded days of streak 1 each, then two more: the carried streak is 3 (seed rows say 1).
        CHECK(track.standing_on("bench:7", bot::id("u3"), bot::civil_date::from_serial(20411)).streak == 3);
    }
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
}
